"""Intake reads its reference data from the per-process memo (core.cache.memoised): three SQL
statements and one transaction per web or Open311 submission, and every change to that data takes effect on the
very next submission — no stale routing, deadline, category or commune."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from giamngheo.core.models import CalendarException
from giamngheo.core.workdays import add_working_days
from giamngheo.feedback import services
from giamngheo.feedback.models import Feedback
from giamngheo.feedback.selectors import communes_today
from giamngheo.organisations import services as org_services
from tests.feedback.fb_world import post_data

pytestmark = pytest.mark.django_db


def _post_web(fb, **overrides):
    response = Client().post("/phan-anh/gui/", post_data(fb, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]


def _web(fb, **overrides):
    _post_web(fb, **overrides)
    return Feedback.objects.latest("pk")


def _post_api(fb, raw, **overrides):
    data = {
        "api_key": raw,
        "service_code": "bhyt",
        "attribute[commune]": fb.units["N1a"].code,
        "description": "Chưa nhận được thẻ bảo hiểm y tế.",
        **overrides,
    }
    response = Client().post("/open311/v2/requests.json", data)
    assert response.status_code == 201, response.content.decode()


# The transaction shows as BEGIN/COMMIT in production and as a savepoint inside a test's own.
_TRANSACTION = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


def _statements(queries) -> list[str]:
    kinds = [q["sql"].split()[0].upper() for q in queries]
    return [k for k in kinds if k not in _TRANSACTION]


def test_a_web_submission_costs_a_fixed_list_of_statements_once_warm(fb):
    _post_web(fb, subject="Lần đầu")
    with CaptureQueriesContext(connection) as ctx:
        _post_web(fb, subject="Lần hai")
    # The shared rate counter (bump, read), the single-use token (look up, expire old ones),
    # the ban check, then the item and its first event, and the token's answer (issue 22).
    assert _statements(ctx.captured_queries) == [
        "UPDATE", "SELECT", "SELECT", "DELETE", "SELECT", "INSERT", "INSERT", "INSERT"
    ]  # fmt: skip
    assert any("feedback_ban" in q["sql"] for q in ctx.captured_queries)


def test_an_open311_submission_costs_a_fixed_list_of_statements_once_warm(fb):
    _key, raw = services.create_api_key(name="Ứng dụng thử")
    _post_api(fb, raw, idempotency_key="a")
    with CaptureQueriesContext(connection) as ctx:
        _post_api(fb, raw, idempotency_key="b")
    # The API key, the per-key rate counter (bump, read), the keyed submission (look up,
    # expire old ones), the item and its first event, the key's answer, the item read back.
    assert _statements(ctx.captured_queries) == [
        "SELECT", "UPDATE", "SELECT", "SELECT", "DELETE", "INSERT", "INSERT", "INSERT", "SELECT"
    ]  # fmt: skip
    assert "feedback_apikey" in ctx.captured_queries[0]["sql"]


def test_a_new_routing_rule_routes_the_next_submission(fb):
    first = _web(fb, subject="Trước khi đổi")
    assert first.organisation == fb.orgs["so"]
    services.create_routing_rule(
        unit=fb.units["N1a"], organisation=fb.orgs["C1a"], valid_from=date(2025, 7, 1)
    )
    second = _web(fb, subject="Sau khi đổi")
    assert second.organisation == fb.orgs["C1a"]


def test_a_deadline_policy_and_a_day_off_move_the_next_deadline(fb):
    first = _web(fb, subject="Hạn cũ")
    today = timezone.localdate()
    assert first.deadline == add_working_days(today, 7)
    services.set_deadline_policy(kind="question", working_days=3)
    second = _web(fb, subject="Hạn mới")
    three = add_working_days(today, 3)
    assert second.deadline == three
    CalendarException.objects.create(date=three, kind="holiday", note="Nghỉ bù")
    third = _web(fb, subject="Có ngày nghỉ bù")
    assert third.deadline > three
    assert third.deadline == add_working_days(three, 1)


def test_a_deactivated_category_and_a_closed_commune_are_refused_at_once(fb):
    _web(fb, subject="Còn hiệu lực")
    category = fb.categories["bhyt"]
    category.is_active = False
    category.save()
    response = Client().post("/phan-anh/gui/", post_data(fb, subject="Lĩnh vực đã ngừng"))
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    category.is_active = True
    category.save()
    commune = fb.units["N1a"]
    assert commune in communes_today()[0].communes
    org_services.close_unit(unit=commune, on=timezone.localdate() - timedelta(days=1))
    assert all(commune not in g.communes for g in communes_today())
    response = Client().post("/phan-anh/gui/", post_data(fb, subject="Xã đã giải thể"))
    assert response.status_code == 400
    assert Feedback.objects.filter(subject__in=["Lĩnh vực đã ngừng", "Xã đã giải thể"]).count() == 0
