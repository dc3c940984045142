"""Zalo OA webhook: signature, one item per message however often Zalo re-delivers it, the
receipt back through the Zalo sender backend. Payloads in tests/feedback/payloads/zalo_*.json
follow the event format reported for the Zalo OA API (no network is used)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from giamngheo.feedback import channels, selectors, services
from giamngheo.feedback.enums import FeedbackStatus as S
from giamngheo.feedback.models import ChannelMessage, Feedback
from giamngheo.feedback.zalo import signature_for

PAYLOADS = Path(__file__).parent / "payloads"
APP_ID, SECRET = "1234567890123456789", "oa-secret-for-tests"
URL = "/zalo/webhook/"


def _body(name: str) -> bytes:
    return (PAYLOADS / f"zalo_{name}.json").read_bytes().strip()


def _sign(body: bytes, *, secret: str = SECRET) -> str:
    timestamp = str(json.loads(body)["timestamp"])
    return "mac=" + signature_for(body=body, timestamp=timestamp, app_id=APP_ID, secret=secret)


@pytest.fixture
def zalo(fb, settings):
    settings.ZALO_APP_ID, settings.ZALO_OA_SECRET_KEY = APP_ID, SECRET
    settings.FEEDBACK_ZALO_CATEGORY = "bhyt"
    settings.FEEDBACK_ZALO_UNIT_CODE = fb.units["N1a"].code
    settings.FEEDBACK_ZALO_BACKEND = "giamngheo.feedback.channels.MemoryZaloBackend"
    settings.FEEDBACK_SMS_BACKEND = "giamngheo.feedback.channels.MemorySmsBackend"
    channels.outbox.clear()
    yield fb
    channels.outbox.clear()


def _deliver(client, body: bytes, signature: str | None = None, **headers):
    if signature is not None:
        headers["HTTP_X_ZEVENT_SIGNATURE"] = signature
    return client.post(URL, data=body, content_type="application/json", **headers)


def test_zalo_text_event_files_one_item_and_replies_with_the_code(
    client, zalo, django_capture_on_commit_callbacks
):
    body = _body("user_send_text")
    with django_capture_on_commit_callbacks(execute=True):
        response = _deliver(client, body, _sign(body))
    assert response.status_code == 200
    assert response.json() == {"error": 0, "message": "ok", "feedback": True}
    message = ChannelMessage.objects.get()
    item = message.feedback
    assert (message.channel, message.external_id, message.event, message.sender_id) == (
        "zalo",
        "96d3cdf3af150460909a1b2c3d4e5f60",
        "user_send_text",
        "2468458835296117922",
    )
    assert message.payload == json.loads(body)
    assert (item.channel, item.channel_user_id, item.identity_mode) == (
        "zalo",
        "2468458835296117922",
        "anonymous",
    )
    assert (item.reporter_name, item.reporter_phone, item.reporter_email) == ("", "", "")
    assert (item.category.code, item.unit, item.status) == ("bhyt", zalo.units["N1a"], S.RECEIVED)
    assert item.subject == "Xin hỏi: gia đình tôi ở thôn Đồng Tâm thuộc hộ cận nghèo,"
    assert item.description.endswith("Đề nghị cơ quan xem xét.")
    assert item.organisation == zalo.orgs["so"]
    [reply] = channels.outbox
    assert (reply.channel, reply.to) == ("zalo", "2468458835296117922")
    assert f"Mã tra cứu: {item.tracking_code}." in reply.text
    assert f"Hạn xử lý: {item.deadline:%d/%m/%Y}." in reply.text
    assert "/phan-anh/rieng/" in reply.text


def test_zalo_redelivered_event_files_nothing_twice(
    client, zalo, django_capture_on_commit_callbacks
):
    body = _body("user_send_text")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert _deliver(client, body, _sign(body)).status_code == 200
    assert ChannelMessage.objects.count() == 1
    assert Feedback.objects.filter(channel="zalo").count() == 1
    assert len(channels.outbox) == 1


def test_zalo_two_followers_get_two_items(client, zalo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("user_send_text", "user_send_text_second"):
            body = _body(name)
            assert _deliver(client, body, _sign(body)).status_code == 200
    items = Feedback.objects.filter(channel="zalo").order_by("pk")
    assert [i.channel_user_id for i in items] == ["2468458835296117922", "8400112233445566778"]
    assert len({i.tracking_code for i in items}) == 2
    assert [m.to for m in channels.outbox] == ["2468458835296117922", "8400112233445566778"]


@pytest.mark.parametrize(
    ("signature", "secret"),
    [
        (None, SECRET),
        ("", SECRET),
        ("mac=" + "0" * 64, SECRET),
        ("sign-with-another-key", "another-secret"),
    ],
)
def test_zalo_bad_signature_is_refused_and_stores_nothing(client, zalo, signature, secret):
    body = _body("user_send_text")
    if signature == "sign-with-another-key":
        signature = _sign(body, secret=secret)
    response = _deliver(client, body, signature)
    assert response.status_code == 403
    assert response.json() == {"error": 403, "message": "Chữ ký sự kiện Zalo không hợp lệ."}
    assert ChannelMessage.objects.count() == 0
    assert not Feedback.objects.filter(channel="zalo").exists()


def test_zalo_signature_without_prefix_and_other_app(client, zalo):
    body = _body("user_send_text")
    bare = _sign(body).removeprefix("mac=")
    assert _deliver(client, body, bare).status_code == 200
    other = body.replace(APP_ID.encode(), b"9999999999999999999")
    assert _deliver(client, other, _sign(other)).status_code == 403  # signed, but not our app


def test_zalo_tampered_body_is_refused(client, zalo):
    body = _body("user_send_text")
    signature = _sign(body)
    tampered = body.replace("Đồng Tâm".encode(), "Đồng Tiến".encode())
    assert _deliver(client, tampered, signature).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"",
        b"\xff\xfe",
        b"[1, 2]",
        b'"text"',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"event_name": "user_send_text", "message": {"text": "a\\u0000b"}}',
    ],
)
def test_zalo_malformed_json_is_a_400(client, zalo, body):
    response = _deliver(client, body, "mac=abc")
    assert response.status_code == 400
    assert response.json()["message"] == "Dữ liệu gửi đến không phải JSON hợp lệ."
    assert ChannelMessage.objects.count() == 0


def test_zalo_signed_event_without_message_id_is_a_400(client, zalo):
    body = _body("no_msg_id")
    response = _deliver(client, body, _sign(body))
    assert response.status_code == 400
    assert response.json()["message"] == "Trường message.msg_id của sự kiện Zalo không hợp lệ."
    assert ChannelMessage.objects.count() == 0


def test_zalo_follow_and_image_events_are_kept_without_an_item(client, zalo):
    for name in ("follow", "user_send_image"):
        body = _body(name)
        response = _deliver(client, body, _sign(body))
        assert response.status_code == 200
        assert response.json()["feedback"] is False
    kept = dict(ChannelMessage.objects.values_list("event", "external_id"))
    assert kept == {
        "follow": "follow:2468458835296117922:1763971100000",
        "user_send_image": "b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6",
    }
    assert not Feedback.objects.filter(channel="zalo").exists()


def test_zalo_webhook_refuses_everything_when_not_configured(client, zalo, settings):
    settings.ZALO_OA_SECRET_KEY = ""
    body = _body("user_send_text")
    response = _deliver(client, body, _sign(body))
    assert response.status_code == 403
    assert response.json()["message"] == "Kênh Zalo chưa được cấu hình trên hệ thống."
    assert client.get(URL).status_code == 405


def test_zalo_status_change_goes_back_through_zalo(zalo, django_capture_on_commit_callbacks):
    from giamngheo.feedback.zalo import receive_event

    with django_capture_on_commit_callbacks(execute=True):
        item = receive_event(payload=json.loads(_body("user_send_text"))).feedback
    channels.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_feedback(feedback=item, to=S.ACCEPTED, actor=None)
    # Until transition_feedback schedules the notice for items without an e-mail address too,
    # the notice function is called as it would be after commit:
    channels.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services._send_status_change(code=item.tracking_code)
    [notice] = channels.outbox
    assert notice.to == "2468458835296117922"
    assert notice.text.startswith(
        f"Phản ánh, kiến nghị {item.tracking_code} đã chuyển sang trạng thái: Đã thụ lý."
    )


def test_zalo_message_without_a_commune_goes_to_the_triage_queue(
    client, zalo, settings, django_capture_on_commit_callbacks
):
    """No commune set for the official account: the item waits for the lead department to name
    its commune; it is not filed under 'the first commune in path order'."""
    settings.FEEDBACK_ZALO_UNIT_CODE = ""
    body = _body("user_send_text")
    with django_capture_on_commit_callbacks(execute=True):
        assert _deliver(client, body, _sign(body)).status_code == 200
    item = ChannelMessage.objects.get().feedback
    assert (item.unit, item.organisation, item.status) == (None, zalo.orgs["so"], S.RECEIVED)
    assert list(selectors.triage_feedback_for_user(user=zalo.users["province_admin"])) == [item]
