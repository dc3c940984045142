"""The Open311 OpenAPI description, fuzzed with schemathesis against the Django WSGI app.

Positive cases (valid by the schema): no 5xx, and every answer — 2xx or an error list — has a
documented status, content type and shape. Negative cases (invalid by the schema): no 5xx and
a 4xx. Both bounded (max_examples per operation, fixed seed) to stay well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from giamngheo.feedback import services
from giamngheo.feedback.openapi import document

APP = get_wsgi_application()
HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,  # nothing written under .hypothesis/ in the work tree
    suppress_health_check=list(HealthCheck),
)


def _schema(mode: GenerationMode):
    schema = schemathesis.openapi.from_dict(document())
    schema.app = APP
    schema.config.generation.update(modes=[mode])
    return schema


POSITIVE = _schema(GenerationMode.POSITIVE)
NEGATIVE = _schema(GenerationMode.NEGATIVE)


@pytest.fixture
def keyed(fb):
    # The raw WSGI app closes the database connection after each request, which would close
    # the test database; Django's own test client disconnects the same handlers.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    _key, raw = services.create_api_key(name="Fuzz")
    fb.raw_key = raw
    yield fb
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _with_key(case, raw: str) -> None:
    # Half the generated POSTs carry our key, so the fuzzer reaches the filing code as well as
    # the 403 in front of it.
    if case.method == "POST" and isinstance(case.body, dict) and len(case.body) % 2 == 0:
        case.body["api_key"] = raw


@pytest.mark.django_db(transaction=True)
def test_openapi_document_is_served(client):
    response = client.get("/open311/v2/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == document()
    assert set(response.json()["paths"]) == {
        "/open311/v2/services.json",
        "/open311/v2/services/{service_code}.json",
        "/open311/v2/requests.json",
        "/open311/v2/requests/{service_request_id}.json",
        "/open311/v2/tokens/{token}.json",
    }


@POSITIVE.parametrize()
@HYPOTHESIS
def test_openapi_positive_cases_conform(case, keyed):
    _with_key(case, keyed.raw_key)
    response = case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
    if case.method == "GET":
        # Whatever the fuzzer asked, a GET never carries a reporter's contact data.
        for secret in ("@example.vn", "0912 345 678", "Nguyễn Văn"):
            assert secret not in response.text


@NEGATIVE.parametrize()
@HYPOTHESIS
def test_openapi_negative_cases_are_4xx(case, keyed):
    _with_key(case, keyed.raw_key)
    response = case.call_and_validate(checks=[not_a_server_error])
    assert 200 <= response.status_code < 500
