"""The output measures of plan item 2.3, counted from the records (DESIGN §8.1):

- ``awards.nominations`` — nominations submitted, dated by their submission;
- ``awards.decisions`` — decisions on commendation, dated by their signature;
- ``awards.collectives`` / ``awards.households`` / ``awards.individuals`` — commendations in
  force (a revoked one no longer counts), dated by the decision's signature;
- ``awards.review_meetings`` — council meetings held (closed), dated by the day of the meeting.

Each counter is one aggregate query over the records dated in the period, both ends included.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from giamngheo.planning.enums import FormKind
from giamngheo.planning.registry import OutputMeasure, register, within

from .enums import MeetingStatus, NominationStatus, Subject
from .models import CouncilMeeting, Decision, Nomination

KINDS = frozenset({FormKind.EMULATION})


def _rows(queryset, *, key: str) -> dict[int, int]:
    rows = queryset.values(key).annotate(total=Count("pk")).order_by()
    return {row[key]: row["total"] for row in rows if row["total"]}


def count_nominations(activities, *, start, end) -> dict[int, int]:
    qs = Nomination.objects.filter(
        round__activity__in=activities.values("pk"), submitted_at__isnull=False
    ).filter(within("submitted_at__date", start=start, end=end))
    return _rows(qs, key="round__activity_id")


def count_decisions(activities, *, start, end) -> dict[int, int]:
    qs = Decision.objects.filter(round__activity__in=activities.values("pk")).filter(
        within("signed_on", start=start, end=end)
    )
    return _rows(qs, key="round__activity_id")


def _commended(subject: str):
    def count(activities, *, start, end) -> dict[int, int]:
        qs = Nomination.objects.filter(
            round__activity__in=activities.values("pk"),
            status=NominationStatus.COMMENDED,
            subject=subject,
        ).filter(within("decision__signed_on", start=start, end=end))
        return _rows(qs, key="round__activity_id")

    return count


def count_meetings(activities, *, start, end) -> dict[int, int]:
    qs = CouncilMeeting.objects.filter(
        round__activity__in=activities.values("pk"), status=MeetingStatus.CLOSED
    ).filter(within("held_on", start=start, end=end))
    return _rows(qs, key="round__activity_id")


for code, label, counter in (
    ("awards.nominations", _("Hồ sơ đề nghị khen thưởng đã trình"), count_nominations),
    ("awards.decisions", _("Quyết định khen thưởng"), count_decisions),
    ("awards.collectives", _("Tập thể được khen thưởng"), _commended(Subject.COLLECTIVE)),
    ("awards.households", _("Hộ gia đình được khen thưởng"), _commended(Subject.HOUSEHOLD)),
    ("awards.individuals", _("Cá nhân được khen thưởng"), _commended(Subject.INDIVIDUAL)),
    ("awards.review_meetings", _("Phiên họp hội đồng xét khen thưởng"), count_meetings),
):
    register(OutputMeasure(code=code, label=label, form_kinds=KINDS, count=counter))
