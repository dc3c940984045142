"""Public pages: the form and its bad-input matrix, the status page, the private page, the Q&A."""

from __future__ import annotations

import time
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from giamngheo.feedback import services
from giamngheo.feedback.enums import FeedbackStatus as S
from giamngheo.feedback.forms import sign_started
from giamngheo.feedback.models import Feedback, FeedbackAttachment
from tests.feedback.fb_world import make_png, post_data

SUBMIT = "/phan-anh/gui/"


def _png(name="anh.png"):
    return SimpleUploadedFile(name, make_png(), content_type="image/png")


def _count():
    return Feedback.objects.count(), FeedbackAttachment.objects.count()


def test_form_page_renders_communes_in_force_today_only(client, fb):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã mới N1a" in html
    # Closed on 30/6/2025: offered only by its old name, as the commune it became (issue 13 item 15).
    new = fb.units["N1a"].pk
    assert f'<option value="{new}" >Xã C1a (nay là Xã mới N1a)</option>' in html
    assert f'value="{fb.units["C1a"].pk}"' not in html
    assert 'name="website"' in html and 'name="started"' in html
    assert "<script>" not in html and "style=" not in html
    assert "no-store" in response["Cache-Control"]


def test_submit_anonymous_with_photo_gives_code_and_private_page(client, fb):
    before = _count()
    data = post_data(fb)
    data["attachments"] = [_png("../../etc/passwd.png"), _png()]
    response = client.post(SUBMIT, data)
    assert response.status_code == 302
    item = Feedback.objects.latest("pk")
    assert response["Location"].startswith("/phan-anh/rieng/")
    assert response["Location"].endswith("/?moi=1")
    assert _count() == (before[0] + 1, before[1] + 2)
    assert item.status == S.RECEIVED
    assert item.channel == "web"
    assert item.organisation == fb.orgs["so"]
    names = [a.file.name for a in item.attachments.all()]
    assert all(".." not in n and "passwd" not in n and n.endswith(".png") for n in names)
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert item.tracking_code in text
    assert "Đã gửi phản ánh thành công" in text
    assert "private" in page["Cache-Control"]


def test_submit_nfd_text_is_stored_nfc(client, fb):
    subject = unicodedata.normalize("NFD", "Hỏi về hỗ trợ nhà ở")
    response = client.post(SUBMIT, post_data(fb, subject=subject))
    assert response.status_code == 302
    assert Feedback.objects.latest("pk").subject == "Hỏi về hỗ trợ nhà ở"


def _svg():
    return SimpleUploadedFile(
        "anh.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )


def _fake_jpg():
    return SimpleUploadedFile(
        "anh.jpg", b"MZ\x90\x00 not a picture at all" * 10, content_type="image/jpeg"
    )


def _broken_png():
    return SimpleUploadedFile("anh.png", make_png()[:60], content_type="image/png")


BAD_INPUTS = {
    "subject_too_long": ({"subject": "a" * 201}, "Tiêu đề"),
    "description_too_long": ({"description": "ư" * 4001}, "Nội dung"),
    "subject_empty": ({"subject": "   "}, "Tiêu đề"),
    "nul_byte": ({"subject": "Hỏi\x00đáp"}, "ký tự không hợp lệ"),
    "latitude_absurd": ({"latitude": "91", "longitude": "105"}, "Vĩ độ"),
    "latitude_outside_vietnam": ({"latitude": "48.85", "longitude": "105.8"}, "Vĩ độ"),
    "longitude_huge": ({"latitude": "21", "longitude": "1e308"}, "Kinh độ"),
    "latitude_nan": ({"latitude": "NaN", "longitude": "105"}, "Vĩ độ"),
    "latitude_without_longitude": ({"latitude": "21.2"}, "cả vĩ độ và kinh độ"),
    "kind_unknown": ({"kind": "complaint"}, "Loại"),
    "category_foreign_id": ({"category": "999999"}, "Lĩnh vực"),
    "unit_closed_2023": ({"unit": "C1a"}, "Xã, phường"),
    "unit_not_a_number": ({"unit": "1 OR 1=1"}, "Xã, phường"),
    "province_mismatch": ({"province": "P"}, "Tỉnh, thành phố"),
    "identified_without_contact": (
        {"identity_mode": "identified", "reporter_name": "Lê C", "consent_processing": "on"},
        "Số điện thoại",
    ),
    "identified_without_consent": (
        {"identity_mode": "identified", "reporter_name": "Lê C", "reporter_email": "c@example.vn"},
        "đồng ý xử lý",
    ),
    "bad_email": (
        {
            "identity_mode": "identified",
            "reporter_name": "Lê C",
            "reporter_email": "not-an-email",
            "consent_processing": "on",
        },
        "Thư điện tử",
    ),
    "bad_phone": (
        {
            "identity_mode": "identified",
            "reporter_name": "Lê C",
            "reporter_phone": "<script>",
            "consent_processing": "on",
        },
        "Số điện thoại không hợp lệ",
    ),
    "svg_upload": ({"attachments": "svg"}, "Loại tệp không được chấp nhận"),
    "fake_image": ({"attachments": "fake"}, "Loại tệp không được chấp nhận"),
    "broken_image": ({"attachments": "broken"}, "Ảnh bị hỏng"),
    "six_files": ({"attachments": "six"}, "tối đa 5 tệp"),
    "honeypot_filled": ({"website": "http://spam.example"}, "Không thể gửi biểu mẫu"),
    "too_fast": ({"started": "now"}, "gửi quá nhanh"),
    "forged_timestamp": ({"started": "1700000000:forged"}, "Biểu mẫu không hợp lệ"),
    "missing_timestamp": ({"started": None}, "Biểu mẫu không hợp lệ"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_4xx_in_vietnamese_and_saves_nothing(client, fb, case):
    overrides, message = BAD_INPUTS[case]
    overrides = dict(overrides)
    files = {
        "svg": [_svg()],
        "fake": [_fake_jpg()],
        "broken": [_broken_png()],
        "six": [_png(f"a{i}.png") for i in range(6)],
    }
    if "attachments" in overrides:
        overrides["attachments"] = files[overrides["attachments"]]
    for key in ("unit", "province"):
        if overrides.get(key) in fb.units:
            overrides[key] = str(fb.units[overrides[key]].pk)
    if overrides.get("started") == "now":
        overrides["started"] = sign_started()
    data = post_data(fb)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    before = _count()
    response = client.post(SUBMIT, data)
    assert 400 <= response.status_code < 500, (case, response.status_code)
    assert message in response.content.decode(), case
    assert _count() == before


def test_oversize_body_is_refused(client, fb, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(SUBMIT, post_data(fb, description="x" * 20_000))
    assert response.status_code == 413
    assert Feedback.objects.filter(description__startswith="xxx").count() == 0


def test_rate_limit_per_client(client, fb, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    codes = [client.post(SUBMIT, post_data(fb)).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert "quá nhiều phản ánh" in client.post(SUBMIT, post_data(fb)).content.decode()
    other = client.post(SUBMIT, post_data(fb), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_expired_form_is_refused(client, fb):
    response = client.post(SUBMIT, post_data(fb, started=sign_started(time.time() - 3 * 86400)))
    assert response.status_code == 400
    assert "hết hạn" in response.content.decode()


# --- status page -----------------------------------------------------------------------------


def test_status_page_shows_status_and_deadline_never_personal_data(client, fb):
    item = fb.feedback["C1a"]
    response = client.get(reverse("feedback:status", args=[item.tracking_code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert item.tracking_code in html
    assert "Đã tiếp nhận" in html
    assert item.deadline.strftime("%d/%m/%Y") in html
    for secret in (
        item.reporter_name,
        item.reporter_email,
        "0912 345 678",
        item.subject,
        item.description,
    ):
        assert secret not in html
    assert "private" in response["Cache-Control"]


def test_status_page_is_fresh_after_a_change_and_shows_published_answer(client, fb):
    item = fb.feedback["C1a"]
    url = reverse("feedback:status", args=[item.tracking_code])
    assert "Đã tiếp nhận" in client.get(url).content.decode()
    for step in (S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS):
        services.transition_feedback(feedback=item, to=step, actor=None)
    services.answer_feedback(feedback=item, body="Nội dung trả lời công khai.", actor=None)
    html = client.get(url).content.decode()
    assert "Đã trả lời" in html
    assert "Nội dung trả lời công khai." not in html  # not published yet
    services.publish_answer(feedback=item, actor=None)
    html = client.get(url).content.decode()
    assert "Nội dung trả lời công khai." in html
    # The published question is the page's heading and title, the code beneath (item 17).
    assert f"<h1>{item.subject}</h1>" in html
    title = html.split("<title>")[1].split("</title>")[0].split()
    assert title[: len(item.subject.split()) + 1] == [*item.subject.split(), "—"]
    assert item.reporter_name not in html and item.reporter_email not in html


def test_status_page_unknown_code_is_404_in_vietnamese(client, fb):
    response = client.get(reverse("feedback:status", args=["PA-ZZZZ-ZZ"]))
    assert response.status_code == 404
    assert "Không tìm thấy phản ánh" in response.content.decode()


def test_lookup_redirects_whatever_the_spelling(client, fb):
    code = fb.feedback["C2a"].tracking_code
    response = client.get("/phan-anh/tra-cuu/", {"ma": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert response["Location"] == f"/phan-anh/tra-cuu/{code}/"
    missing = client.get("/phan-anh/tra-cuu/", {"ma": "PA-2222-22"})
    assert missing.status_code == 404
    assert "Không tìm thấy" in missing.content.decode()


# --- private page ----------------------------------------------------------------------------


def _private_item(client, fb):
    client.post(SUBMIT, post_data(fb))
    item = Feedback.objects.latest("pk")
    token = client.post(SUBMIT, post_data(fb))["Location"].split("/")[3]
    return Feedback.objects.latest("pk"), token, item


def test_private_page_supply_information_and_withdraw(client, fb):
    item, token, _other = _private_item(client, fb)
    url = reverse("feedback:private", args=[token])
    for step in (S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS):
        services.transition_feedback(feedback=item, to=step, actor=None)
    services.transition_feedback(
        feedback=item, to=S.INFO_REQUESTED, actor=None, reason="Cho biết tên thôn."
    )
    html = client.get(url).content.decode()
    assert "Cho biết tên thôn." in html and "Bổ sung thông tin" in html
    assert client.post(url, {"action": "supply", "bs-text": "Thôn Đồng Tâm."}).status_code == 302
    item.refresh_from_db()
    assert item.status == S.INFO_SUPPLIED
    assert (
        client.post(url, {"action": "withdraw", "rut-reason": "Đã giải quyết."}).status_code == 302
    )
    item.refresh_from_db()
    assert item.status == S.WITHDRAWN
    again = client.post(url, {"action": "withdraw", "rut-reason": "Lần nữa."})
    assert again.status_code == 409
    assert "Không thể chuyển" in again.content.decode()


def test_citizen_history_keeps_internal_notes_out_and_lists_the_photo_sent(client, fb):
    """The handler's note on accepting and assigning ("Giao phòng chuyên môn xử lý") is theirs:
    never on the sender's private page; a refusal's grounds are for the sender. The photo they
    uploaded is listed in what they sent."""
    data = post_data(fb)
    data["attachments"] = [_png()]
    token = client.post(SUBMIT, data)["Location"].split("/")[3]
    item = Feedback.objects.latest("pk")
    services.transition_feedback(
        feedback=item, to=S.ACCEPTED, actor=None, reason="Giao phòng chuyên môn xử lý"
    )
    services.transition_feedback(
        feedback=item, to=S.ASSIGNED, actor=None, organisation=fb.orgs["C1a"], reason="Nội bộ."
    )
    html = client.get(reverse("feedback:private", args=[token])).content.decode()
    assert "Giao phòng chuyên môn xử lý" not in html and "Nội bộ." not in html
    assert "Tệp đính kèm bạn đã gửi" in html and "Ảnh 1 (PNG," in html
    public = client.get(reverse("feedback:status", args=[item.tracking_code])).content.decode()
    assert "Giao phòng chuyên môn xử lý" not in public


def test_private_page_unknown_token_is_404(client, fb):
    assert client.get(reverse("feedback:private", args=["x" * 32])).status_code == 404
    assert client.get(reverse("feedback:private", args=["x" * 300])).status_code == 404


# --- public Q&A ------------------------------------------------------------------------------


def _answer(item, body, publish=True):
    for step in (S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS):
        services.transition_feedback(feedback=item, to=step, actor=None)
    services.answer_feedback(feedback=item, body=body, actor=None)
    if publish:
        services.publish_answer(feedback=item, actor=None)


def test_questions_list_only_published_answers_searchable_without_diacritics(client, fb):
    _answer(fb.feedback["C1a"], "Hộ cận nghèo được hỗ trợ bảo hiểm y tế.")
    _answer(fb.feedback["C2a"], "Câu trả lời chưa công khai.", publish=False)
    html = client.get("/hoi-dap/").content.decode()
    assert fb.feedback["C1a"].subject in html
    assert fb.feedback["C2a"].subject not in html
    assert "Nguyễn Văn" not in html
    assert fb.feedback["C1a"].subject in client.get("/hoi-dap/", {"q": "BAO HIEM"}).content.decode()
    assert (
        fb.feedback["C1a"].subject not in client.get("/hoi-dap/", {"q": "nha o"}).content.decode()
    )


def test_questions_list_is_purged_on_publish(
    client, fb, django_capture_on_commit_callbacks, django_assert_num_queries
):
    first = client.get("/hoi-dap/")  # cached for anonymous visitors
    assert "0 câu hỏi" in first.content.decode()
    with django_assert_num_queries(0):  # served from the page cache
        assert "0 câu hỏi" in client.get("/hoi-dap/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _answer(fb.feedback["C1a"], "Trả lời mới.")
    assert fb.feedback["C1a"].subject in client.get("/hoi-dap/").content.decode()


def test_questions_bad_page_is_400(client, fb):
    assert client.get("/hoi-dap/", {"trang": "abc"}).status_code == 400
    assert client.get("/hoi-dap/", {"q": "x" * 500}).status_code == 400


@pytest.mark.parametrize("count", [1, 3])
def test_questions_list_query_count_is_constant(client, fb, count, django_assert_num_queries):
    for key in list(fb.feedback)[:count]:
        _answer(fb.feedback[key], "Trả lời.")
    client.get("/hoi-dap/")  # warm site settings
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(3):
        response = client.get("/hoi-dap/")
    assert response.status_code == 200


def test_citizen_rates_the_answer_through_the_private_link(client, fb):
    response = client.post(SUBMIT, post_data(fb))
    url = response["Location"].split("?")[0]
    item = Feedback.objects.latest("pk")
    early = client.post(url, {"action": "rate", "dg-rating": "5"})
    assert early.status_code == 409
    assert "Chỉ đánh giá được khi đã có câu trả lời." in early.content.decode()
    _answer(item, "Trả lời.", publish=False)
    assert "Bạn có hài lòng với câu trả lời?" in client.get(url).content.decode()
    assert client.post(url, {"action": "rate", "dg-rating": "9"}).status_code == 400
    assert client.post(url, {"action": "rate", "dg-rating": "4"}).status_code == 302
    item.refresh_from_db()
    assert item.rating == 4
