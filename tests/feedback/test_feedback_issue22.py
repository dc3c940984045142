"""Issue 22 on the feedback channel: single-use form token, shared rate limit."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from defusedxml import ElementTree as ET
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from giamngheo.feedback import services
from giamngheo.feedback.models import Feedback
from tests.feedback.fb_world import post_data

SUBMIT = "/phan-anh/gui/"


def test_the_form_posted_twice_files_one_item_and_answers_the_first_page(client, fb):
    before = Feedback.objects.count()
    data = post_data(fb)
    first = client.post(SUBMIT, data)
    second = client.post(SUBMIT, data)  # the back button, or a double click
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Feedback.objects.count() == before + 1
    third = client.post(SUBMIT, post_data(fb))  # a new form: a new token
    assert third.status_code == 302 and third["Location"] != first["Location"]
    assert Feedback.objects.count() == before + 2


def test_rate_limit_holds_across_workers(client, fb, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    codes = []
    for _ in range(3):
        codes.append(client.post(SUBMIT, post_data(fb)).status_code)
        cache.clear()  # the next post reaches another worker with its own local cache
    assert codes == [302, 302, 429]


def test_phone_checked_by_the_one_rule(client, fb):
    before = Feedback.objects.count()
    data = post_data(
        fb,
        identity_mode="confidential",
        reporter_name="Lan",
        reporter_phone="<script>x</script>",
        consent_processing="on",
    )
    response = client.post(SUBMIT, data)
    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ." in response.content.decode()
    assert Feedback.objects.count() == before


# --- Open311 -----------------------------------------------------------------------------------

BASE = "/open311/v2"


@pytest.fixture
def api(fb):
    key, raw = services.create_api_key(name="Ứng dụng thử 22")
    fb.api_key, fb.raw_key = key, raw
    return fb


def _data(api, **overrides):
    data = {
        "api_key": api.raw_key,
        "service_code": "bhyt",
        "attribute[commune]": api.units["N1a"].code,
        "description": "Chưa nhận được thẻ bảo hiểm y tế.",
        "first_name": "Lan",
        "phone": "0912000222",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _post(client, api, fmt="json", **overrides):
    return client.post(f"{BASE}/requests.{fmt}", _data(api, **overrides))


def _errors(response):
    if response["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        return [
            {"code": int(e.findtext("code")), "description": e.findtext("description")}
            for e in root
        ]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


def test_open311_same_key_changed_payload_is_a_422(client, api):
    first = _post(client, api, idempotency_key="k-22")
    again = _post(client, api, idempotency_key="k-22")
    changed = _post(client, api, idempotency_key="k-22", description="Nội dung khác.")
    assert first.status_code == 201
    assert (
        json.loads(again.content)[0]["service_request_id"]
        == (json.loads(first.content)[0]["service_request_id"])
    )
    assert changed.status_code == 422
    [error] = _errors(changed)
    assert error["code"] == 422 and "nội dung khác" in error["description"]
    assert Feedback.objects.filter(idempotency_key="k-22").count() == 1


def test_open311_identical_keyless_posts_are_one(client, api):
    before = Feedback.objects.count()
    first = json.loads(_post(client, api).content)[0]["service_request_id"]
    second = json.loads(_post(client, api).content)[0]["service_request_id"]
    other = json.loads(_post(client, api, description="Một việc khác.").content)
    assert first == second and other[0]["service_request_id"] != first
    assert Feedback.objects.count() == before + 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phone": "<script>x</script>"}, "Số điện thoại không hợp lệ"),
        ({"phone": "<script>alert(1)</script>"}, "phone dài quá 20 ký tự"),
        ({"first_name": "L" * 1_000_000}, "first_name dài quá 60 ký tự"),
        ({"last_name": "a" + "\u0301" * 10_000}, "last_name dài quá 60 ký tự"),
        ({"idempotency_key": "k" * 101}, "idempotency_key dài quá 100 ký tự"),
        ({"address_string": "x" * 256}, "address_string dài quá 255 ký tự"),
        ({"attribute[publish]": "maybe"}, "attribute[publish]"),
    ],
)
def test_open311_fields_validated_never_truncated(client, api, overrides, message):
    before = Feedback.objects.count()
    for fmt in ("json", "xml"):
        response = _post(client, api, fmt=fmt, **overrides)
        assert response.status_code == 400
        [error] = _errors(response)
        assert error["code"] == 400 and message in error["description"], error
    assert Feedback.objects.count() == before


def test_open311_body_text_rule_and_national_phone(client, api):
    response = _post(
        client, api, description="Xin\u200b hỏi\u202e thẻ\ufeff BHYT.", phone="+84 912 000 222"
    )
    item = Feedback.objects.get(tracking_code=json.loads(response.content)[0]["service_request_id"])
    assert item.description == "Xin hỏi thẻ BHYT."
    assert item.reporter_phone == "0912000222"


def test_open311_repeated_parameter_is_a_400(client, api):
    body = urlencode([*_data(api).items(), ("description", "Thứ hai.")])
    response = client.post(
        f"{BASE}/requests.json", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert _errors(response) == [
        {"code": 400, "description": "Tham số description được gửi nhiều lần."}
    ]
    response = client.get(f"{BASE}/requests.xml?status=open&status=closed")
    assert _errors(response)[0]["code"] == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_errors_of_the_stack_keep_the_format(client, api, fmt):
    odd = client.get(f"{BASE}/requests/%C2%84.{fmt}")
    assert odd.status_code == 404 and _errors(odd)[0]["code"] == 404
    nul = client.get(f"{BASE}/requests.{fmt}?status=%00")
    assert nul.status_code == 400 and _errors(nul)[0]["code"] == 400
    empty = client.get(f"{BASE}/requests.{fmt}?start_date=")
    assert empty.status_code == 400
    assert _errors(empty) == [{"code": 400, "description": "start_date không được để trống."}]
    assert client.get(f"{BASE}/khong-co.{fmt}").status_code == 404
    assert _errors(client.get(f"{BASE}/khong-co.{fmt}"))[0]["code"] == 404


def test_open311_database_down_is_a_503_error_list(client, api):
    def down(execute, sql, params, many, context):
        raise OperationalError("database is down")

    client.get(f"{BASE}/requests.xml")  # the site of the request is memoised from now on
    client.raise_request_exception = False
    with connection.execute_wrapper(down):
        response = client.get(f"{BASE}/requests.xml")
        failed_early = client.post(f"{BASE}/requests.json", _data(api))
    assert response.status_code == 503
    assert _errors(response)[0]["code"] == 503
    assert failed_early.status_code == 503 and _errors(failed_early)[0]["code"] == 503


def test_open311_post_rate_limited_per_key(client, api, settings):
    settings.OPEN311_KEY_RATE_LIMIT = 2
    codes = [_post(client, api, description=f"Việc {i}.").status_code for i in range(3)]
    assert codes == [201, 201, 429]
    [error] = _errors(_post(client, api, description="Việc 4."))
    assert error["code"] == 429
    _other, raw = services.create_api_key(name="Ứng dụng khác")
    assert client.post(f"{BASE}/requests.json", {**_data(api), "api_key": raw}).status_code == 201


def test_the_register_csv_export_opens_with_a_bom(fb):
    officer = Client()
    officer.force_login(fb.users["province_admin"])
    response = officer.get(reverse("phan-anh:index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body.decode("utf-8")
    assert text.count("\ufeff") == 1
    assert len(text.splitlines()) > 1  # the header and the rows


def test_open311_start_date_alone_spans_ninety_days_and_unknown_repeats_are_ignored(client, api):
    # GeoReport v2: a start_date sent alone spans the 90 days after it (schemathesis, issue 22).
    old = client.get(f"{BASE}/requests.json", {"start_date": "2000-01-01T00:00:00Z"})
    assert old.status_code == 200
    assert json.loads(old.content) == []
    # A parameter the API does not declare may come twice; a declared one may not.
    repeated = client.get(f"{BASE}/services.json?x-extra=1&x-extra=2")
    assert repeated.status_code == 200
    long_jurisdiction = client.get(f"{BASE}/services.json", {"jurisdiction_id": "0" * 61})
    assert long_jurisdiction.status_code == 400
    assert _errors(long_jurisdiction) == [
        {"code": 400, "description": "jurisdiction_id dài quá 60 ký tự."}
    ]
    bad_code = client.get(f"{BASE}/requests.json", {"service_code": "0.5"})
    assert _errors(bad_code) == [
        {"code": 400, "description": "service_code chỉ gồm chữ cái, chữ số, - và _."}
    ]
    ids = client.get(f"{BASE}/requests.json", {"service_request_id": "0" * 2001})
    assert _errors(ids) == [{"code": 400, "description": "service_request_id dài quá 2.000 ký tự."}]
