"""Pre-moderation through core.workflow: approve, reject with a reason the submitter sees, hide
and show again, take down on request with both times kept, public reports back into review, and
every move the map refuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from giamngheo.campaigns import selectors, services
from giamngheo.campaigns.enums import SUBMISSION_WORKFLOW
from giamngheo.campaigns.models import Submission
from giamngheo.core import channels

CHECKS = {"opened": True, "on_topic": True, "lawful": True, "people_consent": True}


def _approve(cworld, item, **kwargs):
    return services.approve_submission(
        actor=cworld.users["moderator"], submission=item, checks=CHECKS, **kwargs
    )


def test_nothing_is_public_before_approval(cworld):
    item = cworld.submit()
    assert list(selectors.gallery()) == []
    approved = _approve(cworld, item, note="Đã xem video trên TikTok")
    assert list(selectors.gallery()) == [approved]
    assert approved.decided_by == cworld.users["moderator"]
    assert approved.checks == {**CHECKS, "note": "Đã xem video trên TikTok"}
    assert approved.decided_at is not None


def test_approval_needs_every_check(cworld):
    item = cworld.submit()
    with pytest.raises(ValidationError) as exc:
        services.approve_submission(
            actor=cworld.users["moderator"], submission=item, checks={**CHECKS, "lawful": False}
        )
    assert exc.value.messages == ["Vui lòng đánh dấu đủ các nội dung đã kiểm tra trước khi duyệt."]
    item.refresh_from_db()
    assert item.status == "pending"


def test_the_submitter_is_told_the_decision_by_the_channel_verified(
    cworld, django_capture_on_commit_callbacks
):
    item = cworld.submit()
    channels.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(cworld, item)
    assert [(m.channel, m.to) for m in channels.outbox] == [("sms", "0912345678")]
    assert channels.outbox[0].text.startswith(
        "Bài “Hành trình thoát nghèo của gia đình chị Lan” đã được duyệt và hiển thị"
    )
    assert channels.outbox[0].text.endswith(f"/chien-dich/theo-doi/{item.private_token}/")


def test_rejection_keeps_the_reason_for_the_submitter(cworld, django_capture_on_commit_callbacks):
    item = cworld.submit(contact_channel="email", contact="lan@example.vn")
    with pytest.raises(ValidationError) as exc:
        services.reject_submission(actor=cworld.users["moderator"], submission=item, reason=" ")
    assert exc.value.message_dict == {"reason": ["Vui lòng nêu lý do để người gửi được biết."]}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rejected = services.reject_submission(
            actor=cworld.users["moderator"],
            submission=item,
            reason="Video không thuộc chủ đề giảm nghèo.",
        )
    assert (rejected.status, rejected.reason) == (
        "rejected",
        "Video không thuộc chủ đề giảm nghèo.",
    )
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert "Lý do: Video không thuộc chủ đề giảm nghèo." in mail.outbox[0].body
    assert list(selectors.gallery()) == []


def test_hide_and_show_again(cworld):
    item = _approve(cworld, cworld.submit())
    item = services.set_featured(actor=cworld.users["moderator"], submission=item, featured=True)
    hidden = services.hide_submission(
        actor=cworld.users["moderator"], submission=item, reason="Người dân phản ánh sai địa danh"
    )
    assert (hidden.status, hidden.featured, hidden.reason) == (
        "hidden",
        False,
        "Người dân phản ánh sai địa danh",
    )
    assert list(selectors.gallery()) == []
    shown = services.unhide_submission(actor=cworld.users["moderator"], submission=hidden)
    assert (shown.status, shown.reason) == ("approved", "")
    assert list(selectors.gallery()) == [shown]


def test_takedown_keeps_the_request_time_and_measures_the_24_hours(cworld):
    item = _approve(cworld, cworld.submit())
    now = timezone.now() + timedelta(hours=6)
    requested = now - timedelta(hours=5, minutes=30)
    down = services.take_down_submission(
        actor=cworld.users["moderator"],
        submission=item,
        requested_at=requested,
        reason="Người xuất hiện trong video đề nghị gỡ (đơn ngày hôm nay).",
        now=now,
    )
    assert (down.status, down.takedown_requested_at, down.taken_down_at) == (
        "taken_down",
        requested,
        now,
    )
    assert down.takedown_hours == 5.5
    assert list(selectors.gallery()) == []


def test_a_takedown_request_in_the_future_is_refused(cworld):
    item = _approve(cworld, cworld.submit())
    with pytest.raises(ValidationError) as exc:
        services.take_down_submission(
            actor=cworld.users["moderator"],
            submission=item,
            requested_at=timezone.now() + timedelta(hours=1),
            reason="Yêu cầu gỡ",
        )
    assert exc.value.message_dict == {
        "requested_at": ["Thời điểm nhận yêu cầu không thể sau thời điểm hiện tại."]
    }


def test_only_the_campaigns_moderators_moderate(cworld):
    item = cworld.submit()
    for username in ("district_officer", "editor", "commune_officer"):
        with pytest.raises(PermissionDenied):
            services.approve_submission(
                actor=cworld.users[username], submission=item, checks=CHECKS
            )
    item.refresh_from_db()
    assert item.status == "pending"
    # The province administrator moderates every campaign.
    assert _approve_as(cworld, item, "province_admin").status == "approved"


def _approve_as(cworld, item, username):
    return services.approve_submission(actor=cworld.users[username], submission=item, checks=CHECKS)


@pytest.mark.parametrize(("source", "target"), SUBMISSION_WORKFLOW.pairs_outside())
def test_every_move_outside_the_map_is_refused(cworld, source, target):
    item = cworld.submit()
    Submission.objects.filter(pk=item.pk).update(
        status=source, takedown_requested_at=item.submitted_at
    )
    movers = {
        "approved": lambda: _approve(cworld, item),
        "rejected": lambda: services.reject_submission(
            actor=cworld.users["moderator"], submission=item, reason="Lý do"
        ),
        "hidden": lambda: services.hide_submission(
            actor=cworld.users["moderator"], submission=item, reason="Lý do"
        ),
        "taken_down": lambda: services.take_down_submission(
            actor=cworld.users["moderator"],
            submission=item,
            requested_at=item.submitted_at,
            reason="Yêu cầu",
        ),
    }
    if target == "pending":
        # Only reports move an item back to review, and only an approved one.
        Submission.objects.filter(pk=item.pk).update(status=source)
        item.status = source
        with pytest.raises(ValidationError) as exc:
            services.report_submission(submission=item, reason="spam", client="a")
        assert exc.value.messages == ["Bài này hiện không hiển thị trên Cổng thông tin."]
        return
    with pytest.raises(ValidationError) as exc:
        movers[target]()
    labels = dict(SUBMISSION_WORKFLOW.statuses.choices)
    assert exc.value.messages == [
        f"Không thể chuyển bài tham gia từ “{labels[source]}” sang “{labels[target]}”."
    ]
    assert Submission.objects.get(pk=item.pk).status == source


def test_two_reports_put_an_approved_item_back_into_review(
    cworld, django_capture_on_commit_callbacks
):
    item = _approve(cworld, cworld.submit())
    assert services.report_submission(submission=item, reason="spam", client="198.51.100.1")
    # The same visitor again: not counted twice.
    assert not services.report_submission(
        submission=item, reason="offensive", client="198.51.100.1"
    )
    assert Submission.objects.get(pk=item.pk).status == "approved"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_submission(
            submission=item, reason="personal_data", client="198.51.100.2"
        )
    item.refresh_from_db()
    assert (item.status, item.report_count) == ("pending", 2)
    last = item.events.order_by("-at", "-pk").first()
    assert (last.from_status, last.to_status, last.action, last.reason) == (
        "approved",
        "pending",
        "campaign_reported",
        "Lộ thông tin cá nhân, Tin rác, quảng cáo",
    )
    assert [m.to for m in mail.outbox] == [["kiemduyet@example.vn"]]
    assert "đã bị báo cáo vi phạm và được đưa lại chờ kiểm duyệt" in mail.outbox[0].body
    assert list(selectors.gallery()) == []
    # Approved again, the count starts over.
    again = _approve(cworld, item)
    assert (again.status, again.report_count) == ("approved", 0)


def test_reach_is_declared_with_evidence_and_kept_apart(cworld):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.campaigns.test_campaigns_services import _png

    item = _approve(cworld, cworld.submit())
    with pytest.raises(ValidationError) as exc:
        services.declare_reach(
            submission=item,
            declared_by="submitter",
            views=1200,
            shares=35,
            evidence=None,
            on=timezone.localdate(),
        )
    assert exc.value.message_dict == {
        "evidence": ["Vui lòng tải lên ảnh chụp màn hình số liệu của nền tảng."]
    }
    row = services.declare_reach(
        submission=item,
        declared_by="submitter",
        views=1200,
        shares=35,
        evidence=SimpleUploadedFile("so-lieu.png", _png()),
        on=timezone.localdate(),
    )
    assert (row.views, row.shares, row.declared_by) == (1200, 35, "submitter")
    assert row.evidence.name.endswith(".png")
    with pytest.raises(PermissionDenied):
        services.declare_reach(
            submission=item,
            declared_by="moderator",
            views=1,
            shares=1,
            evidence=SimpleUploadedFile("so-lieu.png", _png()),
            on=timezone.localdate(),
            actor=cworld.users["editor"],
        )
