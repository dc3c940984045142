"""The output measures of plan item 2.6, counted from the records themselves (DESIGN §8.1).

Each counter keeps the contract of ``planning.registry``: one aggregate query, the records dated
in the period (both ends included), keyed by the campaign's activity. A campaign counts in the
period it runs into; a submission by the day it was sent, an approval by the day it was
decided. Declared reach is an estimate counted apart (``campaign.declared_views``), never added
into the submissions nor into ``mass_media.*``.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from giamngheo.planning.enums import FormKind
from giamngheo.planning.registry import OutputMeasure, register, within

from .enums import VIDEO_KINDS, SubmissionStatus
from .models import Campaign, ReachDeclaration, Submission

KINDS = frozenset({FormKind.DIGITAL})
# Approved at some point and still counted: a later hide or takedown does not undo the output.
SHOWN = (SubmissionStatus.APPROVED, SubmissionStatus.HIDDEN, SubmissionStatus.TAKEN_DOWN)


def _rows(queryset, *, key: str, value) -> dict[int, int]:
    rows = queryset.values(key).annotate(total=value).order_by()
    return {row[key]: row["total"] for row in rows if row["total"]}


def count_campaigns(activities, *, start, end) -> dict[int, int]:
    """Campaigns running at some day of the period."""
    found = Campaign.objects.filter(
        activity__in=activities.values("pk"), starts_on__lte=end, ends_on__gte=start
    )
    return _rows(found, key="activity_id", value=Count("pk"))


def _submissions(activities):
    return Submission.objects.filter(campaign__activity__in=activities.values("pk"))


def count_submissions(activities, *, start, end) -> dict[int, int]:
    sent = _submissions(activities).filter(within("submitted_at__date", start=start, end=end))
    return _rows(sent, key="campaign__activity_id", value=Count("pk"))


def _approved(activities, *, start, end):
    return _submissions(activities).filter(
        within("decided_at__date", start=start, end=end), status__in=SHOWN
    )


def count_approved(activities, *, start, end) -> dict[int, int]:
    found = _approved(activities, start=start, end=end)
    return _rows(found, key="campaign__activity_id", value=Count("pk"))


def count_approved_videos(activities, *, start, end) -> dict[int, int]:
    found = _approved(activities, start=start, end=end).filter(kind__in=VIDEO_KINDS)
    return _rows(found, key="campaign__activity_id", value=Count("pk"))


def count_participants(activities, *, start, end) -> dict[int, int]:
    """Distinct verified contacts that sent something in the period (by their keyed hash)."""
    sent = _submissions(activities).filter(within("submitted_at__date", start=start, end=end))
    return _rows(sent, key="campaign__activity_id", value=Count("contact_hash", distinct=True))


def count_declared_views(activities, *, start, end) -> dict[int, int]:
    found = ReachDeclaration.objects.filter(
        submission__campaign__activity__in=activities.values("pk")
    ).filter(within("on", start=start, end=end), ~Q(submission__status=SubmissionStatus.PENDING))
    return _rows(found, key="submission__campaign__activity_id", value=Sum("views"))


for code, label, counter in (
    ("campaign.campaigns", _("Số chiến dịch truyền thông số"), count_campaigns),
    ("campaign.submissions", _("Số bài người dân gửi tham gia"), count_submissions),
    ("campaign.approved", _("Số bài được duyệt hiển thị"), count_approved),
    ("campaign.approved_videos", _("Số video, phóng sự được duyệt"), count_approved_videos),
    ("campaign.participants", _("Số người tham gia (liên hệ đã xác minh)"), count_participants),
    (
        "campaign.declared_views",
        _("Lượt xem do người gửi, người kiểm duyệt khai báo (ước tính)"),
        count_declared_views,
    ),
):
    register(OutputMeasure(code=code, label=label, form_kinds=KINDS, count=counter))
