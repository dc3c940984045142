"""Open311 GeoReport v2: formats, errors, api_key, idempotency, no contact data in GET."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from defusedxml import ElementTree as ET
from django.core.management import call_command
from django.utils import timezone

from giamngheo.feedback import services
from giamngheo.feedback.enums import FeedbackStatus as S
from giamngheo.feedback.models import ApiKey, Feedback

BASE = "/open311/v2"


@pytest.fixture
def api(fb):
    key, raw = services.create_api_key(name="Ứng dụng thử")
    fb.api_key, fb.raw_key = key, raw
    return fb


def _post(client, api, fmt="json", **overrides):
    data = {
        "api_key": api.raw_key,
        "service_code": "bhyt",
        "jurisdiction_id": "bacninh",
        "attribute[commune]": api.units["N1a"].code,
        "lat": "21.27",
        "long": "106.19",
        "description": "Chưa nhận được thẻ bảo hiểm y tế.",
        "email": "dan@example.vn",
        "first_name": "Lan",
        "last_name": "Nguyễn",
        "phone": "0912000222",
        "media_url": "https://example.vn/anh.jpg",
    }
    data.update(overrides)
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(f"{BASE}/requests.{fmt}", data)


def test_services_json_and_xml(client, api):
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 200
    rows = json.loads(response.content)
    assert {r["service_code"] for r in rows} == {"ho-ngheo", "bhyt", "truc-loi"}
    assert rows[0].keys() >= {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    xml = ET.fromstring(client.get(f"{BASE}/services.xml").content)
    assert xml.tag == "services"
    assert {s.findtext("service_code") for s in xml.findall("service")} == {
        "ho-ngheo",
        "bhyt",
        "truc-loi",
    }


def test_service_definition_and_unknown_code(client, api):
    data = json.loads(client.get(f"{BASE}/services/bhyt.json").content)
    assert data["service_code"] == "bhyt"
    assert [a["code"] for a in data["attributes"]] == ["kind", "commune", "publish"]
    xml = ET.fromstring(client.get(f"{BASE}/services/bhyt.xml").content)
    assert xml.tag == "service_definition"
    missing = client.get(f"{BASE}/services/khong-co.json")
    assert missing.status_code == 404
    assert json.loads(missing.content) == [
        {"code": 404, "description": "Không có lĩnh vực (service_code) này."}
    ]


def test_post_creates_confidential_item_and_get_shows_no_contact(client, api):
    response = _post(client, api)
    assert response.status_code == 201
    [row] = json.loads(response.content)
    item = Feedback.objects.get(tracking_code=row["service_request_id"])
    assert (item.channel, item.identity_mode, item.reporter_email, item.media_url) == (
        "open311",
        "confidential",
        "dan@example.vn",
        "https://example.vn/anh.jpg",
    )
    assert item.api_key == api.api_key
    detail = client.get(f"{BASE}/requests/{item.tracking_code}.json")
    text = detail.content.decode()
    [req] = json.loads(text)
    assert req["status"] == "open"
    assert req["agency_responsible"] == api.orgs["so"].name
    assert req["address_id"] == api.units["N1a"].code
    assert req["expected_datetime"].endswith("+07:00")
    for secret in ("dan@example.vn", "0912000222", "Nguyễn", "Lan", "thẻ bảo hiểm"):
        assert secret not in text
    xml = ET.fromstring(client.get(f"{BASE}/requests/{item.tracking_code}.xml").content)
    assert xml.find("request").findtext("service_request_id") == item.tracking_code


def test_post_is_idempotent_with_a_key(client, api):
    first = _post(client, api, idempotency_key="abc-1")
    second = _post(client, api, idempotency_key="abc-1")
    assert (
        json.loads(first.content)[0]["service_request_id"]
        == json.loads(second.content)[0]["service_request_id"]
    )
    assert Feedback.objects.filter(idempotency_key="abc-1").count() == 1
    third = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": api.raw_key,
            "service_code": "bhyt",
            "attribute[commune]": api.units["N1a"].code,
            "description": "Khác.",
        },
        HTTP_IDEMPOTENCY_KEY="abc-2",
    )
    assert third.status_code == 201


@pytest.mark.parametrize(
    ("overrides", "status", "message"),
    [
        ({"api_key": None}, 403, "api_key"),
        ({"api_key": "gn_wrong"}, 403, "api_key"),
        ({"service_code": "khong-co"}, 404, "service_code"),
        ({"service_code": None}, 400, "service_code"),
        ({"description": ""}, 400, "Thiếu nội dung"),
        ({"description": "x" * 4001}, 400, "4.000"),
        ({"description": "<b>đậm</b>"}, 400, "HTML"),
        ({"attribute[commune]": "00000"}, 400, "mã xã"),
        ({"lat": "91", "long": "106"}, 400, "vĩ độ"),
        ({"lat": "NaN", "long": "106"}, 400, "lat"),
        ({"lat": "abc", "long": "106"}, 400, "lat"),
        ({"lat": "21", "long": None}, 400, "kinh độ"),
        ({"attribute[kind]": "complaint"}, 400, "attribute[kind]"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"email": "not-mail"}, 400, "thư điện tử"),
    ],
)
def test_post_bad_input_is_a_4xx_error_list(client, api, overrides, status, message):
    before = Feedback.objects.count()
    for fmt in ("json", "xml"):
        response = _post(client, api, fmt=fmt, **overrides)
        assert response.status_code == status, (overrides, response.content)
        if fmt == "json":
            [error] = json.loads(response.content)
            assert error["code"] == status
            assert message.lower() in error["description"].lower()
        else:
            root = ET.fromstring(response.content)
            assert root.tag == "errors"
            assert root.find("error").findtext("code") == str(status)
    assert Feedback.objects.count() == before


def test_post_json_body_is_refused(client, api):
    response = client.post(
        f"{BASE}/requests.json", data=b'{"api_key": ', content_type="application/json"
    )
    assert response.status_code == 400
    assert "x-www-form-urlencoded" in json.loads(response.content)[0]["description"]


def test_get_requests_filters_and_limits(client, api):
    code = json.loads(_post(client, api).content)[0]["service_request_id"]
    item = Feedback.objects.get(tracking_code=code)
    rows = json.loads(client.get(f"{BASE}/requests.json").content)
    assert [r["service_request_id"] for r in rows] == [code]  # 2023 items are older than 90 d
    assert json.loads(client.get(f"{BASE}/requests.json", {"status": "closed"}).content) == []
    for step in (S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS):
        services.transition_feedback(feedback=item, to=step, actor=None)
    services.answer_feedback(feedback=item, body="Đã cấp thẻ.", actor=None)
    closed = json.loads(client.get(f"{BASE}/requests.json", {"status": "closed"}).content)
    assert [r["service_request_id"] for r in closed] == [code]
    assert closed[0]["status_notes"] == "Đã trả lời"  # answer not published: not in notes
    by_id = json.loads(
        client.get(
            f"{BASE}/requests.json",
            {"service_request_id": f"{code},{api.feedback['C1a'].tracking_code}"},
        ).content
    )
    assert {r["service_request_id"] for r in by_id} == {code, api.feedback["C1a"].tracking_code}
    now = timezone.now()
    too_long = client.get(
        f"{BASE}/requests.json",
        {"start_date": (now - timedelta(days=100)).isoformat(), "end_date": now.isoformat()},
    )
    # Limited to the 90 days that end at end_date (GeoReport v2), not refused.
    assert too_long.status_code == 200
    assert {r["service_request_id"] for r in json.loads(too_long.content)} <= {
        r["service_request_id"]
        for r in json.loads(
            client.get(
                f"{BASE}/requests.json",
                {"start_date": (now - timedelta(days=90)).isoformat(), "end_date": now.isoformat()},
            ).content
        )
    }
    assert client.get(f"{BASE}/requests.json", {"start_date": "hôm qua"}).status_code == 400
    assert client.get(f"{BASE}/requests.json", {"status": "pending"}).status_code == 400
    in_2023 = json.loads(
        client.get(
            f"{BASE}/requests.json",
            {"start_date": "2023-05-01T00:00:00+07:00", "end_date": "2023-06-01T00:00:00+07:00"},
        ).content
    )
    assert len(in_2023) == 4


def test_unknown_request_and_token(client, api):
    assert client.get(f"{BASE}/requests/PA-2222-22.json").status_code == 404
    code = api.feedback["C2a"].tracking_code
    [row] = json.loads(client.get(f"{BASE}/tokens/{code}.json").content)
    assert row == {"service_request_id": code, "token": code}
    assert client.get(f"{BASE}/tokens/PA-2222-22.xml").status_code == 404


def test_open311_key_command_prints_a_key_stored_hashed(capsys, db):
    call_command("open311_key", "create", "--name", "Zalo mini app")
    raw = capsys.readouterr().out.strip()
    key = ApiKey.objects.get(name="Zalo mini app")
    assert raw.startswith("gn_") and key.key_hash != raw and raw not in key.key_hash
    assert services.authenticate_api_key(raw=raw) == key
    key.is_active = False
    key.save()
    assert services.authenticate_api_key(raw=raw) is None


def test_page_size_limits_the_list(client, api):
    codes = [
        json.loads(_post(client, api, description=f"Phản ánh {i}.").content)[0][
            "service_request_id"
        ]
        for i in range(3)
    ]
    rows = json.loads(client.get(f"{BASE}/requests.json", {"page_size": "2"}).content)
    assert [r["service_request_id"] for r in rows] == codes[::-1][:2]  # newest first
    for bad in ("0", "201", "-1", "abc", "²", "9" * 5000):
        response = client.get(f"{BASE}/requests.json", {"page_size": bad})
        assert response.status_code == 400, bad
        assert json.loads(response.content) == [
            {"code": 400, "description": "page_size phải là số nguyên từ 1 đến 200."}
        ]


@pytest.mark.parametrize("raw", ["0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00"])
def test_dates_at_the_edge_of_the_calendar_are_a_400(client, api, raw):
    for name in ("start_date", "end_date"):
        response = client.get(f"{BASE}/requests.json", {name: raw})
        assert response.status_code == 400
        assert name in json.loads(response.content)[0]["description"]


def test_wrong_method_is_a_405_error_list_with_allow(client, api):
    for fmt in ("json", "xml"):
        response = client.post(f"{BASE}/services.{fmt}", {"api_key": api.raw_key})
        assert response.status_code == 405
        assert response["Allow"] == "GET"
    assert json.loads(client.delete(f"{BASE}/requests.json").content) == [
        {"code": 405, "description": "Phương thức không được hỗ trợ."}
    ]
    assert client.put(f"{BASE}/requests.json")["Allow"] == "GET, POST"
    code = api.feedback["C1a"].tracking_code
    assert client.post(f"{BASE}/requests/{code}.json").status_code == 405
    assert client.post(f"{BASE}/tokens/{code}.json").status_code == 405


def test_jurisdiction_id_is_accepted_everywhere(client, api):
    params = {"jurisdiction_id": "bacninh"}
    assert client.get(f"{BASE}/services.json", params).status_code == 200
    assert client.get(f"{BASE}/services/bhyt.json", params).status_code == 200
    assert client.get(f"{BASE}/requests.json", params).status_code == 200
    code = api.feedback["C1a"].tracking_code
    assert client.get(f"{BASE}/requests/{code}.xml", params).status_code == 200


def test_media_url_is_stored_never_fetched(client, api, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the server tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    response = _post(client, api, media_url="http://169.254.169.254/latest/meta-data/")
    assert response.status_code == 201
    code = json.loads(response.content)[0]["service_request_id"]
    [row] = json.loads(client.get(f"{BASE}/requests/{code}.json").content)
    assert row["media_url"] == "http://169.254.169.254/latest/meta-data/"


def test_demo_api_key_exists_only_where_demo_users_are_enabled(db, settings):
    from giamngheo.feedback.open311_demo import DEMO_API_KEY, ensure_demo_api_key

    settings.DEMO_USERS_ENABLED = False
    assert ensure_demo_api_key() is None
    assert not ApiKey.objects.exists()
    settings.DEMO_USERS_ENABLED = True
    assert ensure_demo_api_key() == DEMO_API_KEY
    assert ensure_demo_api_key() == DEMO_API_KEY  # re-running creates nothing
    key = ApiKey.objects.get()
    assert key.key_hash != DEMO_API_KEY and DEMO_API_KEY not in key.key_hash
    assert services.authenticate_api_key(raw=DEMO_API_KEY) == key
    ApiKey.objects.update(is_active=False)
    assert ensure_demo_api_key() is None


@pytest.mark.parametrize("count", [1, 3])
def test_requests_list_queries_do_not_grow(client, api, count, django_assert_num_queries):
    for i in range(count):
        _post(client, api, description=f"Phản ánh {i}.")
    with django_assert_num_queries(1):
        rows = json.loads(client.get(f"{BASE}/requests.json").content)
    assert len(rows) == count


def test_dates_with_any_offset_python_accepts_are_answered(client, api):
    # Found by schemathesis on PostgreSQL: an offset of -20:33 reached the database as is.
    response = client.get(
        f"{BASE}/requests.json",
        {"start_date": "0847-11-21T07:27:11.72-20:33", "end_date": "0847-12-01T00:00:00+23:59"},
    )
    assert response.status_code == 200
    assert json.loads(response.content) == []
