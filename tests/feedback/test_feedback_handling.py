"""Issue #4, handler side: similar items, routing (transfer, return, reassign), configurable
deadlines, overdue filter and reminders, answer templates and publication, redaction of
photos, moderation and bans, statistics and their exports."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from giamngheo.core.uploads import validate_upload
from giamngheo.feedback import selectors, services
from giamngheo.feedback.enums import EventAction
from giamngheo.feedback.enums import FeedbackStatus as S
from giamngheo.feedback.models import Ban, Feedback
from giamngheo.feedback.tasks import send_due_reminders
from tests.feedback.fb_world import at, make_png, post_data

SUBMIT = "/phan-anh/gui/"


def _submit(fb, unit="N1a", subject="Chậm cấp thẻ bảo hiểm y tế", **extra):
    kwargs = {
        "kind": "question",
        "category": fb.categories["bhyt"],
        "subject": subject,
        "description": "Nội dung.",
        "unit": fb.units[unit],
        "identity_mode": "anonymous",
        "consent_processing": False,
        "consent_publish": True,
        "notify": False,
    }
    kwargs.update(extra)
    return services.submit_feedback(**kwargs)


def _walk(item, *steps, actor=None, organisation=None):
    for step in steps:
        services.transition_feedback(
            feedback=item,
            to=step,
            actor=actor,
            organisation=organisation if step == S.ASSIGNED else None,
        )
    return item


# --- similar open items ------------------------------------------------------------------------


def test_similar_items_match_folded_words_same_commune_and_category_open_only(fb):
    open_one = _submit(fb, subject="Chậm cấp THẺ bảo hiểm y tế cho hộ nghèo")
    closed = _submit(fb, subject="Thẻ bảo hiểm y tế bị sai tên")
    services.transition_feedback(feedback=closed, to=S.REFUSED, actor=None, reason="Trùng.")
    hidden = _submit(fb, subject="Thẻ bảo hiểm y tế cấp muộn")
    services.moderate_feedback(
        feedback=hidden, actor=fb.users["province_admin"], hidden=True, reason="Lời lẽ xúc phạm."
    )
    _submit(fb, subject="Thẻ bảo hiểm y tế", unit="N2a")  # another commune
    _submit(fb, subject="Thẻ bảo hiểm y tế", category=fb.categories["ho-ngheo"])
    found = selectors.similar_open_items(
        unit=fb.units["N1a"], category=fb.categories["bhyt"], subject="the bao hiem"
    )
    assert [f.tracking_code for f in found] == [open_one.tracking_code]
    assert (
        selectors.similar_open_items(
            unit=fb.units["N1a"], category=fb.categories["bhyt"], subject="của và cho"
        )
        == []
    )


def test_check_similar_step_shows_public_fields_and_files_nothing(client, fb):
    other = _submit(
        fb,
        subject="Thẻ bảo hiểm y tế chưa được cấp",
        identity_mode="confidential",
        reporter_name="Trần Thị Bí Mật",
        reporter_phone="0912 000 111",
        consent_processing=True,
    )
    before = Feedback.objects.count()
    data = post_data(fb, subject="Hỏi về thẻ bảo hiểm", kiem_tra="1", description="Chưa xong")
    response = client.post(SUBMIT, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert Feedback.objects.count() == before
    assert other.tracking_code in html and "Thẻ bảo hiểm y tế chưa được cấp" in html
    assert reverse("feedback:status", args=[other.tracking_code]) in html
    assert "Trần Thị Bí Mật" not in html and "0912 000 111" not in html
    assert 'value="Hỏi về thẻ bảo hiểm"' in html  # the form comes back filled in
    # The GET fragment (for an enhanced form) says the same.
    fragment = client.get(
        reverse("feedback:similar"),
        {"category": fb.categories["bhyt"].pk, "unit": fb.units["N1a"].pk, "subject": "thẻ"},
        HTTP_HX_REQUEST="true",
    )
    assert fragment.status_code == 200
    assert other.tracking_code in fragment.content.decode()
    bad = client.get(reverse("feedback:similar"), {"unit": "x"})
    assert bad.status_code == 400


# --- routing: transfer, return, reassign ---------------------------------------------------------


def test_body_transfers_with_reason_and_citizen_is_told(fb, django_capture_on_commit_callbacks):
    item = fb.feedback["C1a"]
    officer = fb.users["commune_officer"]
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, actor=officer, organisation=fb.orgs["C1a"])
    with pytest.raises(ValidationError) as exc:
        services.transition_feedback(
            feedback=item, to=S.ASSIGNED, actor=officer, organisation=fb.orgs["C1b"]
        )
    assert exc.value.messages == ["Vui lòng nêu lý do chuyển sang cơ quan khác."]
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_feedback(
            feedback=item,
            to=S.ASSIGNED,
            actor=officer,
            organisation=fb.orgs["C1b"],
            reason="Thôn thuộc địa bàn xã C1b.",
        )
    item.refresh_from_db()
    assert (item.status, item.organisation) == (S.ASSIGNED, fb.orgs["C1b"])
    event = item.events.last()
    assert (event.action, event.organisation, event.reason, event.actor) == (
        EventAction.TRANSFER,
        fb.orgs["C1b"],
        "Thôn thuộc địa bàn xã C1b.",
        officer,
    )
    assert [m.to for m in mail.outbox] == [["nguoi.gui.c1a@example.vn"]]
    assert "Đã chuyển cơ quan xử lý" in mail.outbox[0].subject
    # The transferring body no longer sees it.
    assert not selectors.feedback_for_user(user=officer).filter(pk=item.pk).exists()


def test_body_returns_to_lead_and_lead_reassigns(fb):
    item = fb.feedback["C1a"]
    officer, lead = fb.users["commune_officer"], fb.users["province_admin"]
    _walk(item, S.ACCEPTED, S.ASSIGNED, actor=lead, organisation=fb.orgs["C1a"])
    with pytest.raises(ValidationError):
        services.transition_feedback(feedback=item, to=S.RETURNED, actor=officer)
    services.transition_feedback(
        feedback=item, to=S.RETURNED, actor=officer, reason="Không thuộc thẩm quyền của xã."
    )
    item.refresh_from_db()
    assert (item.status, item.organisation) == (S.RETURNED, fb.orgs["so"])
    assert item.events.last().action == EventAction.RETURN
    services.transition_feedback(
        feedback=item, to=S.ASSIGNED, actor=lead, organisation=fb.orgs["D1"]
    )
    item.refresh_from_db()
    assert (item.status, item.organisation) == (S.ASSIGNED, fb.orgs["D1"])
    last = item.events.last()
    assert (last.action, last.organisation, last.reason) == (
        EventAction.REASSIGN,
        fb.orgs["D1"],
        "",
    )
    with pytest.raises(ValidationError) as exc:
        services.transition_feedback(
            feedback=item, to=S.ASSIGNED, actor=lead, organisation=fb.orgs["D1"]
        )
    assert exc.value.messages == ["Vui lòng chọn cơ quan khác để chuyển xử lý."]
    # The citizen's timeline says what happened, not who moderated what.
    labels = [e.label for e in selectors.events_for(feedback=item, citizen=True)]
    assert labels[-2:] == ["Trả lại cơ quan đầu mối", "Cơ quan đầu mối giao lại cơ quan xử lý"]


def test_transfer_through_the_admin_leaves_the_register(client, fb):
    item = fb.feedback["C1a"]
    _walk(item, S.ACCEPTED, S.ASSIGNED, actor=None, organisation=fb.orgs["C1a"])
    client.force_login(fb.users["commune_officer"])
    page = client.get(reverse("phan-anh:inspect", args=[item.pk])).content.decode()
    assert "Chuyển cơ quan khác xử lý (nêu lý do)" in page
    assert "Trả lại cơ quan đầu mối (nêu lý do)" in page
    response = client.post(
        reverse("phan-anh:process", args=[item.pk]),
        {
            "action": "transition",
            "to": S.ASSIGNED,
            "organisation": fb.orgs["C1b"].pk,
            "reason": "Sai địa bàn.",
        },
    )
    assert response["Location"] == reverse("phan-anh:index")
    item.refresh_from_db()
    assert item.organisation == fb.orgs["C1b"]


# --- deadlines, overdue, reminders -----------------------------------------------------------


def test_deadline_policy_is_data_and_applies_to_new_items(fb):
    services.set_deadline_policy(kind="question", working_days=3, remind_before=1)
    item = _submit(fb, unit="C1a", received_at=at(date(2023, 5, 10)))  # Wednesday
    assert item.deadline == date(2023, 5, 15)
    assert selectors.deadline_policy(kind="feedback") == (10, 2)  # the settings default
    with pytest.raises(ValidationError):
        services.set_deadline_policy(kind="question", working_days=0)


def test_overdue_filter_in_register(client, fb):
    on_time = _submit(fb)  # today, not overdue
    client.force_login(fb.users["province_admin"])
    url = reverse("phan-anh:index")
    overdue = client.get(url, {"overdue": "true"}).content.decode()
    not_overdue = client.get(url, {"overdue": "false"}).content.decode()
    for key in ("C1a", "C2a", "D1", "so"):  # received 10/5/2023, never answered
        assert fb.feedback[key].tracking_code in overdue
        assert fb.feedback[key].tracking_code not in not_overdue
    assert on_time.tracking_code in not_overdue and on_time.tracking_code not in overdue


def test_due_reminders_mail_handlers_once_and_skip_closed(fb, django_capture_on_commit_callbacks):
    admin = fb.users["province_admin"]
    admin.email = "so.ldtbxh@example.vn"
    admin.save()
    services.set_deadline_policy(kind="question", working_days=2, remind_before=2)
    due = _submit(fb, subject="Sắp đến hạn")
    done = _submit(fb, subject="Đã kết thúc")
    services.transition_feedback(feedback=done, to=S.REFUSED, actor=admin, reason="Trùng lặp.")
    assert due.organisation == fb.orgs["so"]
    count = send_due_reminders.call()
    assert count == 1
    assert [m.to for m in mail.outbox] == [["so.ldtbxh@example.vn"]]
    body = mail.outbox[0].body
    assert due.tracking_code in body and done.tracking_code not in body
    assert due.deadline.strftime("%d/%m/%Y") in body
    due.refresh_from_db()
    assert due.reminded_for == due.deadline
    out = io.StringIO()
    call_command("feedback_reminders", stdout=out)  # cron: nothing new to remind
    assert out.getvalue().strip() == "Đã nhắc hạn 0 phản ánh, kiến nghị."
    assert len(mail.outbox) == 1


def test_reminder_not_sent_before_window(fb):
    fb.users["province_admin"].email = "so@example.vn"
    fb.users["province_admin"].save()
    services.set_deadline_policy(kind="question", working_days=20, remind_before=2)
    _submit(fb)
    assert send_due_reminders.call() == 0
    assert mail.outbox == []
    with pytest.raises(Exception, match="Ngày không hợp lệ"):
        call_command("feedback_reminders", "--date", "31/12/2025")


# --- answers: templates, proposal, approval ----------------------------------------------------


def _in_progress(fb, key="C1a"):
    item = fb.feedback[key]
    return _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, organisation=fb.orgs[key])


def test_answer_template_loads_into_the_editor_and_is_recorded(client, fb):
    template = services.create_answer_template(
        title="Thẻ bảo hiểm y tế",
        body="Cơ quan bảo hiểm xã hội đã cấp thẻ cho hộ nghèo.",
        category=fb.categories["ho-ngheo"],
    )
    other = services.create_answer_template(
        title="Mẫu khác", body="Không liên quan.", category=fb.categories["bhyt"]
    )
    item = _in_progress(fb)
    client.force_login(fb.users["commune_officer"])
    url = reverse("phan-anh:inspect", args=[item.pk])
    page = client.get(url).content.decode()
    assert "Thẻ bảo hiểm y tế" in page and "Mẫu khác" not in page  # category of the item
    loaded = client.get(url, {"mau": template.pk}).content.decode()
    assert "Cơ quan bảo hiểm xã hội đã cấp thẻ cho hộ nghèo.</textarea>" in loaded
    assert client.get(url, {"mau": other.pk}).status_code == 200  # not offered: ignored
    client.post(
        reverse("phan-anh:process", args=[item.pk]),
        {
            "action": "answer",
            "template": template.pk,
            "body": "Cơ quan bảo hiểm xã hội đã cấp thẻ cho hộ nghèo. Thẻ đã chuyển về thôn.",
            "propose_publication": "on",
        },
    )
    item.refresh_from_db()
    assert item.status == S.ANSWERED
    assert (item.answer.template, item.answer.publish_proposed_by) == (
        template,
        fb.users["commune_officer"],
    )
    assert item.answer.is_published is False
    awaiting = client.get(reverse("phan-anh:index"), {"awaiting_publication": "true"})
    assert item.tracking_code in awaiting.content.decode()
    client.force_login(fb.users["approver_c1a"])
    client.post(reverse("phan-anh:process", args=[item.pk]), {"action": "publish"})
    item.answer.refresh_from_db()
    assert item.answer.is_published is True
    actions = list(item.events.values_list("action", flat=True))
    assert actions[-2:] == [EventAction.PROPOSE, EventAction.PUBLISH]
    qa = Client().get(reverse("feedback:questions")).content.decode()
    assert "Thẻ đã chuyển về thôn." in qa


# --- attachments: redaction ------------------------------------------------------------------------


def _with_photo(fb):
    clean = validate_upload(
        SimpleUploadedFile("a.png", make_png((100, 80)), content_type="image/png"),
        allowed={"png"},
    )
    item = _submit(fb, unit="C1a", files=[clean], received_at=at(date(2023, 5, 11)))
    return item, item.attachments.get()


def test_redacted_copy_blacks_out_regions_and_original_never_public(client, fb):
    from PIL import Image

    item, attachment = _with_photo(fb)
    officer = fb.users["commune_officer"]
    public_url = reverse("feedback:public-attachment", args=[attachment.pk])
    with pytest.raises(ValidationError) as exc:
        services.redact_attachment(
            attachment=attachment, actor=officer, mode="boxes", boxes=[(0, 0, 200, 10)]
        )
    assert exc.value.messages == ["Vùng che 0,0,200,10 nằm ngoài ảnh (100 × 80 điểm ảnh)."]
    client.force_login(officer)
    client.post(
        reverse("phan-anh:process", args=[item.pk]),
        {
            "action": "redact",
            "attachment": attachment.pk,
            "mode": "boxes",
            "boxes": "10, 10, 50, 40",
        },
    )
    attachment.refresh_from_db()
    assert attachment.redaction == "boxes" and attachment.public_file
    with attachment.public_file.open("rb") as fh:
        image = Image.open(fh).convert("RGB")
        assert image.getpixel((20, 20)) == (0, 0, 0)
        assert image.getpixel((80, 70)) == (180, 40, 40)
    # Not public before the answer is published.
    assert Client().get(public_url).status_code == 404
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, organisation=fb.orgs["C1a"])
    services.answer_feedback(feedback=item, body="Đã xử lý.", actor=officer)
    services.publish_answer(feedback=item, actor=fb.users["approver_c1a"])
    response = Client().get(public_url)
    assert response.status_code == 200
    served = b"".join(response.streaming_content)
    with attachment.file.open("rb") as fh:
        assert served != fh.read()
    assert response["X-Content-Type-Options"] == "nosniff"
    status = Client().get(reverse("feedback:status", args=[item.tracking_code])).content.decode()
    assert public_url in status
    assert reverse("phan-anh:attachment", args=[attachment.pk]) not in status
    services.hide_attachment(attachment=attachment, actor=officer)
    assert Client().get(public_url).status_code == 404
    assert (
        public_url
        not in Client().get(reverse("feedback:status", args=[item.tracking_code])).content.decode()
    )


def test_blur_and_unredacted_attachment_never_public(client, fb):
    from PIL import Image

    item, attachment = _with_photo(fb)
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, organisation=fb.orgs["C1a"])
    services.answer_feedback(feedback=item, body="Đã xử lý.", actor=None)
    services.publish_answer(feedback=item, actor=None)
    public_url = reverse("feedback:public-attachment", args=[attachment.pk])
    assert Client().get(public_url).status_code == 404  # no public copy yet
    services.redact_attachment(attachment=attachment, actor=None, mode="blur")
    with attachment.public_file.open("rb") as fh:
        assert Image.open(fh).size == (100, 80)
    assert Client().get(public_url).status_code == 200
    assert (
        Client().get(reverse("feedback:public-attachment", args=[attachment.pk + 1])).status_code
        == 404
    )


# --- moderation and bans ---------------------------------------------------------------------------


def test_hidden_item_leaves_public_pages_and_is_audited(client, fb):
    item = fb.feedback["C1a"]
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, organisation=fb.orgs["C1a"])
    services.answer_feedback(feedback=item, body="Trả lời công khai.", actor=None)
    services.publish_answer(feedback=item, actor=None)
    status_url = reverse("feedback:status", args=[item.tracking_code])
    assert Client().get(status_url).status_code == 200
    client.force_login(fb.users["commune_officer"])
    response = client.post(
        reverse("phan-anh:process", args=[item.pk]),
        {"action": "moderate", "moderation": "hide", "reason": ""},
        follow=True,
    )
    assert "Vui lòng nêu lý do ẩn hoặc đánh dấu tin rác." in response.content.decode()
    client.post(
        reverse("phan-anh:process", args=[item.pk]),
        {"action": "moderate", "moderation": "hide", "reason": "Lời lẽ xúc phạm cán bộ."},
    )
    item.refresh_from_db()
    assert (item.is_hidden, item.moderated_by, item.moderation_reason) == (
        True,
        fb.users["commune_officer"],
        "Lời lẽ xúc phạm cán bộ.",
    )
    assert Feedback.objects.filter(pk=item.pk).exists()  # hidden, not deleted
    assert Client().get(status_url).status_code == 404
    assert "Trả lời công khai." not in Client().get(reverse("feedback:questions")).content.decode()
    assert not selectors.public_feedback().filter(pk=item.pk).exists()
    event = item.events.last()
    assert (event.action, event.reason) == (EventAction.HIDE, "Lời lẽ xúc phạm cán bộ.")
    # Still on the handler's register, and on the citizen's private timeline nothing of it.
    assert item.tracking_code in client.get(reverse("phan-anh:index")).content.decode()
    assert EventAction.HIDE not in {
        e.action for e in selectors.events_for(feedback=item, citizen=True)
    }


def test_spam_flag_is_audited_and_not_counted(fb):
    item = fb.feedback["C2a"]
    services.moderate_feedback(feedback=item, actor=None, spam=True, reason="Quảng cáo.")
    assert item.events.filter(action=EventAction.SPAM).count() == 1
    assert selectors.public_statistics(year=2023)["received"] == 3
    services.moderate_feedback(feedback=item, actor=None, spam=False)
    assert selectors.public_statistics(year=2023)["received"] == 4
    with pytest.raises(ValidationError):
        services.moderate_feedback(feedback=item, actor=None, spam=False)


def test_banned_reporter_is_refused_politely_without_detail(client, fb):
    item = fb.feedback["C1a"]
    approver = fb.users["approver_c1a"]
    bans = services.ban_reporter(
        feedback=item, actor=approver, reason="Gửi tin quấy rối nhiều lần."
    )
    assert sorted(b.kind for b in bans) == ["email", "phone"]
    assert all(len(b.value_hash) == 64 for b in bans)  # a keyed hash, never the value
    assert sorted(b.hint for b in bans) == ["…5678", "…e.vn"]
    assert item.events.last().action == EventAction.BAN
    before = Feedback.objects.count()
    response = client.post(
        SUBMIT,
        post_data(
            fb,
            identity_mode="identified",
            reporter_name="Ai Đó",
            reporter_phone="+84 912 345 678",  # the same number, written differently
            consent_processing="on",
        ),
    )
    text = response.content.decode()
    assert response.status_code == 403
    assert "Hệ thống chưa tiếp nhận được phản ánh này." in text
    assert "chặn" not in text.lower()
    assert Feedback.objects.count() == before
    # An expired ban no longer applies.
    Ban.objects.update(until=timezone.localdate() - timedelta(days=1))
    assert not selectors.is_banned(phone="0912345678")


def test_ban_by_network_address_of_a_web_item(client, fb):
    client.post(SUBMIT, post_data(fb), REMOTE_ADDR="203.0.113.7")
    item = Feedback.objects.latest("pk")
    assert item.client_hash and "203.0.113.7" not in item.client_hash
    services.ban_reporter(feedback=item, actor=None, reason="Tin rác tự động.")
    blocked = client.post(SUBMIT, post_data(fb), REMOTE_ADDR="203.0.113.7")
    assert blocked.status_code == 403
    other = client.post(SUBMIT, post_data(fb), REMOTE_ADDR="203.0.113.8")
    assert other.status_code == 302


def test_ban_list_admin_is_province_only_and_stores_hash(client, fb):
    url = reverse("danh-sach-chan:add")
    client.force_login(fb.users["commune_officer"])
    assert client.get(url).status_code == 403
    client.force_login(fb.users["province_admin"])
    response = client.post(
        url,
        {"kind": "email", "value": "Ke.Xau@Example.vn", "reason": "Quấy rối.", "is_active": "on"},
    )
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert (ban.kind, ban.hint, ban.created_by) == ("email", "…e.vn", fb.users["province_admin"])
    assert selectors.is_banned(email="ke.xau@example.vn")
    listing = client.get(reverse("danh-sach-chan:index")).content.decode()
    assert "Quấy rối." in listing and "ke.xau" not in listing


# --- statistics ------------------------------------------------------------------------------------


def _answer(item, *, on: date, org):
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, organisation=org)
    services.answer_feedback(feedback=item, body="Trả lời.", actor=None, at=at(on))


def _stats_world(fb):
    """C1a: 5 items (4 answered, 3 on time); C2a: 2 items (1 answered late)."""
    c1a, c2a = fb.orgs["C1a"], fb.orgs["C2a"]
    items = [fb.feedback["C1a"]] + [
        _submit(fb, unit="C1a", subject=f"Mục {n}", received_at=at(date(2023, 5, 10)))
        for n in range(4)
    ]
    # deadline of a question received 10/5/2023: 7 working days → 19/5/2023
    for item, day in zip(
        items,
        (date(2023, 5, 12), date(2023, 5, 15), date(2023, 5, 19), date(2023, 6, 1)),
        strict=False,
    ):
        _answer(item, on=day, org=c1a)
    _answer(fb.feedback["C2a"], on=date(2023, 6, 30), org=c2a)
    return items


def test_statistics_exact_values_ranked_and_small_groups_not_ranked(fb):
    _stats_world(fb)
    stats = selectors.statistics_for_user(user=fb.users["province_admin"], year=2023)
    rows = {r.label: r for r in stats.rows}
    c1a = rows["Ủy ban nhân dân xã C1a"]
    assert (c1a.received, c1a.answered, c1a.answered_on_time, c1a.rank) == (5, 4, 3, 1)
    assert c1a.overdue == 1  # the fifth, unanswered past its deadline
    assert c1a.on_time_rate == 60.0
    c2a = rows["Ủy ban nhân dân xã C2a"]
    assert (c2a.received, c2a.answered, c2a.answered_on_time, c2a.rank) == (1, 1, 0, None)
    assert c2a.too_small
    assert stats.total.received == 8 and stats.total.answered == 5
    assert (
        selectors.statistics_for_user(user=fb.users["province_admin"], year=2024).total.received
        == 0
    )
    months = selectors.statistics_for_user(
        user=fb.users["province_admin"], year=2023, group_by="month"
    )
    assert [(r.label, r.received) for r in months.rows] == [("05/2023", 8)]
    assert months.ranked is False


def test_statistics_are_scoped_to_the_handler(fb):
    _stats_world(fb)
    stats = selectors.statistics_for_user(user=fb.users["other_commune_officer"])
    assert [(r.label, r.received) for r in stats.rows] == [("Ủy ban nhân dân xã C2a", 1)]
    assert selectors.statistics_for_user(user=fb.users["editor"]).total.received == 0


def test_public_statistics_aggregate_only(fb):
    _stats_world(fb)
    figures = selectors.public_statistics(year=2023)
    assert figures == {
        "year": 2023,
        "received": 8,
        "answered": 5,
        "answered_on_time": 3,
        "overdue": 3,
        "on_time_rate": 37.5,  # 3 on time ÷ (5 answered + 3 overdue unanswered)
        "median_days": figures["median_days"],
        "years": [
            {
                "year": 2023,
                "received": 8,
                "answered": 5,
                "answered_on_time": 3,
                "overdue": 3,
                "on_time_rate": 37.5,
                "median_days": figures["median_days"],
            }
        ],
    }
    assert figures["median_days"] == pytest.approx(9.0)  # 2, 5, 9, 22, 51 days
    assert set(selectors.public_statistics()) == set(figures)


def test_on_time_rate_counts_overdue_unanswered_items(fb):
    """'Đúng hạn 100 %' with half the items unanswered past their deadline misled: the rate is
    answered on time ÷ (answered + overdue unanswered); items not yet due, refused or withdrawn
    are not in it; spam is not counted at all."""
    year = timezone.localdate().year - 1
    Feedback.objects.all().delete()
    old = [
        _submit(fb, unit="C1a", subject=f"Việc {n}", received_at=at(date(year, 3, 2)))
        for n in range(6)
    ]
    _answer(old[0], on=date(year, 3, 4), org=fb.orgs["C1a"])  # on time
    _answer(old[1], on=date(year, 3, 5), org=fb.orgs["C1a"])  # on time
    services.transition_feedback(feedback=old[2], to=S.REFUSED, actor=None, reason="Trùng.")
    services.moderate_feedback(feedback=old[3], actor=None, spam=True, reason="Quảng cáo.")
    # old[4], old[5]: unanswered, deadline long past → overdue
    figures = selectors.public_statistics(year=year)
    assert (
        figures["received"],
        figures["answered"],
        figures["answered_on_time"],
        figures["overdue"],
        figures["on_time_rate"],
    ) == (5, 2, 2, 2, 50.0)
    assert [(y["year"], y["overdue"], y["on_time_rate"]) for y in figures["years"]] == [
        (year, 2, 50.0)
    ]
    # An item received today is not due yet: not in the denominator.
    _submit(fb, subject="Mới nhận")
    assert selectors.public_statistics()["on_time_rate"] == 50.0
    stats = selectors.statistics_for_user(user=fb.users["province_admin"], year=year)
    assert (stats.total.overdue, stats.total.due, stats.total.on_time_rate) == (2, 4, 50.0)


def test_statistics_screen_and_exports_neutralise_formulas(client, fb):
    from openpyxl import load_workbook

    services.create_category(code="cong-thuc", name='=HYPERLINK("http://x")')
    _submit(fb, unit="C1a", category=fb.categories["bhyt"], received_at=at(date(2023, 6, 1)))
    from giamngheo.feedback.models import Category

    evil = Category.objects.get(code="cong-thuc")
    _submit(fb, unit="C1a", category=evil, received_at=at(date(2023, 6, 1)))
    client.force_login(fb.users["province_admin"])
    url = reverse("thong-ke-phan-anh:index")
    page = client.get(url, {"nam": "2023", "theo": "category"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chưa đủ số liệu để xếp hạng" in html
    response = client.get(url, {"nam": "2023", "theo": "category", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Xếp hạng", "Nhóm", "Tiếp nhận"]
    labels = [r[1] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in labels
    assert rows[-1][1] == "Tổng cộng" and rows[-1][2] == "6"
    xlsx = client.get(url, {"nam": "2023", "theo": "category", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [c.value for c in sheet["B"]]
    assert '\'=HYPERLINK("http://x")' in values
    assert client.get(url, {"theo": "khong-co"}).status_code == 400


def test_statistics_screen_query_count_is_constant(client, fb):
    """The same number of queries for 1 and for 3 items (the admin menu adds one query per
    module that decides its own visibility, whatever the number of items)."""
    client.force_login(fb.users["commune_officer"])
    url = reverse("thong-ke-phan-anh:index")
    counts = []
    for n in range(3):
        _submit(fb, unit="C1a", subject=f"Đếm {n}", received_at=at(date(2023, 7, 1)))
        if n in (0, 2):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, {"nam": "2023"})
            assert response.status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_deadline_policy_and_templates_admin_is_province_only(client, fb):
    from giamngheo.feedback.models import AnswerTemplate, DeadlinePolicy

    add_policy = reverse("thoi-han-phan-anh:add")
    add_template = reverse("mau-tra-loi:add")
    client.force_login(fb.users["commune_officer"])
    assert client.get(add_policy).status_code == 403
    assert client.get(add_template).status_code == 403
    assert client.get(reverse("mau-tra-loi:index")).status_code == 200  # handlers read them
    client.force_login(fb.users["province_admin"])
    response = client.post(
        add_policy, {"kind": "wrongdoing", "working_days": "20", "remind_before": "3"}
    )
    assert response.status_code == 302
    assert selectors.deadline_policy(kind="wrongdoing") == (20, 3)
    bad = client.post(add_policy, {"kind": "question", "working_days": "0", "remind_before": "1"})
    assert bad.status_code == 200 and not DeadlinePolicy.objects.filter(kind="question").exists()
    client.post(
        add_template,
        {"title": "Mẫu chung", "body": "Cảm ơn ông (bà).", "category": "", "is_active": "on"},
    )
    assert AnswerTemplate.objects.get().title == "Mẫu chung"


# --- routing as Vietnamese practice ------------------------------------------------------------


def test_an_item_about_a_commune_goes_first_to_its_peoples_committee(fb):
    """Today's commune N1a has its People's Committee; the province-wide rule for every category
    (P2025 → the department) is only the fallback, so the item reaches the commune (before, it
    went to the department). A rule for the category, or for the commune itself, says otherwise."""
    from giamngheo.feedback.admin.actions import assignable_organisations
    from giamngheo.organisations.importers import REFORM_DAY
    from tests.factories import OrganisationFactory

    committee = OrganisationFactory(
        name="Ủy ban nhân dân xã mới N1a", unit=fb.units["N1a"], valid_from=REFORM_DAY
    )
    assert _submit(fb, unit="N1a").organisation == committee
    assert committee in assignable_organisations()  # the transfer list offers commune bodies
    # N2a has no People's Committee of its own: the province-wide rule still applies.
    assert _submit(fb, unit="N2a").organisation == fb.orgs["so"]
    services.create_routing_rule(
        unit=fb.units["P2025"],
        organisation=fb.orgs["so"],
        category=fb.categories["truc-loi"],
        valid_from=REFORM_DAY,
    )
    wrongdoing = _submit(fb, unit="N1a", category=fb.categories["truc-loi"])
    assert wrongdoing.organisation == fb.orgs["so"]
