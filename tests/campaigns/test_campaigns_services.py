"""Campaign services: the link check (no fetch), one-time codes, the submission and its bad input
(each a Vietnamese error, nothing written), bans, and the server never opening a socket."""

from __future__ import annotations

import io
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from giamngheo.campaigns import services
from giamngheo.campaigns.models import ContactCode, Platform, Submission
from giamngheo.core import channels
from giamngheo.core.models import StatusEvent
from tests.campaigns.conftest import PHONE, TIKTOK


def _errors(exc: pytest.ExceptionInfo) -> dict:
    return exc.value.message_dict


def _nothing_written():
    assert Submission.objects.count() == 0
    assert StatusEvent.objects.filter(content_type__model="submission").count() == 0


# --- the link check ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "platform", "embed_id"),
    [
        (TIKTOK, "tiktok", "7251234567890123456"),
        (
            "https://www.tiktok.com/@doanxa.c1a/video/7251234567890123456?is_from_webapp=1",
            "tiktok",
            "7251234567890123456",
        ),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.facebook.com/doanxa/posts/123456", "facebook", ""),
        ("https://zalo.me/p/12345", "zalo", ""),
        ("http://baobacgiang.vn/xa-hoi/giam-ngheo-123.html", "bao-dien-tu", ""),
    ],
)
def test_check_link_finds_the_platform_and_the_player_id(cworld, url, platform, embed_id):
    found, found_id, clean = services.check_link(campaign=cworld.campaign, url=url)
    assert (found.code, found_id) == (platform, embed_id)
    assert clean.startswith("https://")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "javascript:alert(document.cookie)",
            "Liên kết phải là địa chỉ trang web, bắt đầu bằng https:// hoặc http://.",
        ),
        (
            "data:text/html,<script>alert(1)</script>",
            "Liên kết phải là địa chỉ trang web, bắt đầu bằng https:// hoặc http://.",
        ),
        ("ftp://tiktok.com/@a/video/7251234567890123456", "Liên kết phải là địa chỉ trang web, bắt đầu bằng https:// hoặc http://."),
        ("http://127.0.0.1/admin/", "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ("http://10.0.0.5/video", "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ("http://192.168.1.1/", "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ("http://[::1]/", "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ("http://169.254.169.254/latest/meta-data/", "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ("http://localhost:8000/", "Liên kết không hợp lệ."),
        ("http://localhost/", "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ("http://may-chu.internal/x", "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."),
        ("https://user:pass@www.tiktok.com/@a/video/7251234567890123456", "Liên kết không hợp lệ."),
        ("https://www.tiktok.com.evil.example/@a/video/7251234567890123456", "Liên kết không thuộc nền tảng chiến dịch mời tham gia (Facebook, Zalo, TikTok, YouTube, Báo điện tử, trang thông tin)."),
        ("https://eviltiktok.com/@a/video/7251234567890123456", "Liên kết không thuộc nền tảng chiến dịch mời tham gia (Facebook, Zalo, TikTok, YouTube, Báo điện tử, trang thông tin)."),
        ("https://www.tiktok.com/@doanxa.c1a", "Liên kết không phải địa chỉ của một bài đăng, video trên TikTok."),
        ("https://www.youtube.com/watch?v=short", "Liên kết không phải địa chỉ của một bài đăng, video trên YouTube."),
        ("https://www.facebook.com/", "Liên kết không phải địa chỉ của một bài đăng, video trên Facebook."),
        ("", "Vui lòng nhập liên kết bài đăng."),
    ],
)  # fmt: skip
def test_check_link_refuses_with_a_vietnamese_reason(cworld, url, message):
    with pytest.raises(ValidationError) as exc:
        services.check_link(campaign=cworld.campaign, url=url)
    assert _errors(exc) == {"url": [message]}


def test_a_link_to_a_platform_the_campaign_does_not_invite_is_refused(cworld):
    campaign = cworld.campaign
    campaign.platforms.set(Platform.objects.filter(code="tiktok"))
    with pytest.raises(ValidationError) as exc:
        services.check_link(campaign=campaign, url="https://youtu.be/dQw4w9WgXcQ")
    assert _errors(exc) == {
        "url": ["Liên kết không thuộc nền tảng chiến dịch mời tham gia (TikTok)."]
    }


# --- submission --------------------------------------------------------------------------------


def test_submit_files_a_pending_item_and_tells_the_moderators(
    cworld, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = cworld.submit()
    item.refresh_from_db()
    assert item.status == "pending"
    assert (item.platform.code, item.embed_id) == ("tiktok", "7251234567890123456")
    assert item.embed_url == "https://www.tiktok.com/embed/v2/7251234567890123456"
    assert item.contact == "0912345678"
    assert item.contact_hash == services.keyed_hash("contact", "0912345678")
    assert len(item.private_token) == 43
    assert [(e.from_status, e.to_status, e.action) for e in item.events.all()] == [
        ("", "pending", "campaign_submitted")
    ]
    assert [m.to for m in mail.outbox] == [["kiemduyet@example.vn"]]
    assert mail.outbox[0].subject == (
        "Chiến dịch “Lan tỏa thông điệp giảm nghèo trên nền tảng số”: 1 bài chờ kiểm duyệt"
    )
    assert ContactCode.objects.get().used_at is not None


def test_the_code_goes_by_zalo_or_email_as_chosen(cworld):
    channels.outbox.clear()
    services.send_contact_code(campaign=cworld.campaign, channel="zalo", contact="0987 654 321")
    assert [(m.channel, m.to) for m in channels.outbox] == [("zalo", "0987654321")]
    mail.outbox.clear()
    services.send_contact_code(campaign=cworld.campaign, channel="email", contact="Lan@Example.VN")
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert "Mã có hiệu lực trong 10 phút." in mail.outbox[0].body


def test_a_second_code_within_a_minute_is_refused(cworld):
    services.send_contact_code(campaign=cworld.campaign, channel="sms", contact=PHONE)
    with pytest.raises(ValidationError) as exc:
        services.send_contact_code(campaign=cworld.campaign, channel="sms", contact=PHONE)
    assert exc.value.messages == [
        "Mã xác minh vừa được gửi. Vui lòng chờ 1 phút trước khi yêu cầu mã mới."
    ]
    assert ContactCode.objects.count() == 1


def test_a_wrong_code_writes_nothing_but_the_try(cworld):
    code = cworld.code_for()
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code="000000" if code != "000000" else "111111")
    assert _errors(exc) == {"code": ["Mã xác minh không đúng."]}
    assert ContactCode.objects.get().attempts == 1
    _nothing_written()


def test_an_expired_code_is_refused(cworld):
    now = timezone.now()
    code = cworld.code_for(now=now)
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code=code, now=now + timedelta(minutes=10, seconds=1))
    assert _errors(exc) == {"code": ["Mã xác minh đã hết hạn. Vui lòng yêu cầu mã mới."]}
    _nothing_written()


def test_five_wrong_tries_spend_the_code(cworld):
    code = cworld.code_for()
    wrong = "111111" if code != "111111" else "222222"
    for _ in range(5):
        with pytest.raises(ValidationError):
            cworld.submit(code=wrong)
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code=code)
    assert _errors(exc) == {"code": ["Mã xác minh đã hết hạn. Vui lòng yêu cầu mã mới."]}
    _nothing_written()


def test_a_code_files_one_submission_only(cworld):
    code = cworld.code_for()
    cworld.submit(code=code)
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code=code)
    assert _errors(exc) == {"code": ["Vui lòng yêu cầu mã xác minh trước khi gửi bài."]}
    assert Submission.objects.count() == 1


def test_a_code_of_another_contact_does_not_verify(cworld):
    code = cworld.code_for("0987 000 111")
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code=code)
    assert _errors(exc) == {"code": ["Vui lòng yêu cầu mã xác minh trước khi gửi bài."]}
    _nothing_written()


def test_outside_the_campaign_dates_nothing_is_written(cworld):
    campaign = cworld.campaign
    late = timezone.now() + timedelta(days=31)
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code="123456", now=late)
    start, end = campaign.starts_on.strftime("%d/%m/%Y"), campaign.ends_on.strftime("%d/%m/%Y")
    assert exc.value.messages == [f"Chiến dịch chỉ nhận bài từ ngày {start} đến ngày {end}."]
    _nothing_written()


def test_missing_consents_commune_and_link_are_each_named(cworld):
    with pytest.raises(ValidationError) as exc:
        cworld.submit(
            code="123456",
            url="",
            consent_show=False,
            consent_people=False,
            commune=cworld.units["C2a"],
            title="  ",
        )
    assert _errors(exc) == {
        "title": ["Vui lòng nhập tiêu đề."],
        "consent_show": ["Cần đồng ý để bài được công khai trên Cổng thông tin."],
        "consent_people": ["Cần xác nhận những người xuất hiện trong ảnh, video đã đồng ý."],
        "commune": ["Xã, phường này không thuộc địa bàn của chiến dịch."],
        "url": ["Vui lòng nhập liên kết bài đăng hoặc tải lên một tệp ảnh, video."],
    }
    _nothing_written()


def test_a_bad_phone_is_refused(cworld):
    with pytest.raises(ValidationError) as exc:
        services.send_contact_code(campaign=cworld.campaign, channel="sms", contact="12345")
    assert _errors(exc) == {
        "contact": ["Số điện thoại không hợp lệ (số Việt Nam, ví dụ 0912 345 678)."]
    }
    assert ContactCode.objects.count() == 0


def _png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_uploaded_photo_is_kept_through_core_uploads(cworld):
    photo = SimpleUploadedFile("anh.png", _png(), content_type="image/png")
    item = cworld.submit(url="", upload=photo, kind="photo")
    assert item.file_kind == "png"
    assert item.file.name.startswith(f"campaigns/{cworld.campaign.pk}/")
    assert item.platform is None


def test_an_oversized_photo_is_refused(cworld):
    # A PNG whose bytes pass 5 MB: random noise does not compress.
    import os

    big = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    buffer = io.BytesIO()
    big.save(buffer, "PNG")
    assert buffer.tell() > 5 * 1024 * 1024
    upload = SimpleUploadedFile("to.png", buffer.getvalue(), content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code="123456", url="", upload=upload, kind="photo")
    assert _errors(exc) == {"upload": ["Ảnh quá lớn: dung lượng tối đa là 5 MB."]}
    _nothing_written()


def test_an_oversized_video_is_refused(cworld):
    header = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    upload = SimpleUploadedFile("video.mp4", header + b"\x00" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code="123456", url="", upload=upload, kind="video")
    assert _errors(exc) == {"upload": ["Tệp quá lớn: dung lượng tối đa là 50 MB."]}
    _nothing_written()


def test_a_file_that_is_not_a_photo_or_video_is_refused(cworld):
    upload = SimpleUploadedFile("bai.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(ValidationError) as exc:
        cworld.submit(code="123456", url="", upload=upload, kind="photo")
    assert _errors(exc) == {
        "upload": ["Loại tệp không được chấp nhận. Chỉ nhận: jpg, mp4, png, webm, webp."]
    }
    _nothing_written()


def test_a_banned_contact_is_refused_politely(cworld):
    item = cworld.submit()
    services.ban_submitter(actor=cworld.users["moderator"], submission=item, reason="Spam")
    with pytest.raises(ValidationError) as exc:
        services.send_contact_code(campaign=cworld.campaign, channel="sms", contact=PHONE)
    assert exc.value.code == "banned"
    assert exc.value.messages == [
        "Không thể nhận bài tham gia từ liên hệ này. Vui lòng liên hệ ban tổ chức."
    ]


def test_the_server_never_opens_a_connection_for_a_submitted_link(cworld, monkeypatch):
    """A socket guard: any connection or DNS look-up during the submission and its moderation
    fails the test."""
    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise AssertionError(f"network use: {args!r}")

    item = None
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    for url in (TIKTOK, "https://youtu.be/dQw4w9WgXcQ", "https://www.facebook.com/a/posts/1"):
        item = cworld.submit(url=url, contact=f"09123456{len(url) % 90:02d}")
    item = services.approve_submission(
        actor=cworld.users["moderator"],
        submission=item,
        checks={"opened": True, "on_topic": True, "lawful": True, "people_consent": True},
    )
    services.report_submission(submission=item, reason="spam", client="198.51.100.1")
    assert opened == []
    assert Submission.objects.count() == 3
