"""Output measures of the contest (plan item 2.2), counted from its records, period-aware, one
aggregate query each; never added into ``mass_media.*`` (a published work entered in the contest
is counted once, there)."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from giamngheo.planning.enums import FormKind
from giamngheo.planning.registry import OutputMeasure, register, within

from .enums import EntryStatus
from .models import CollectivePrize, Entry, RoundEntry

KINDS = frozenset({FormKind.CONTEST})


def _by_activity(rows, key: str) -> dict[int, int]:
    return {r[key]: r["total"] for r in rows}


def count_entries(activities, *, start, end) -> dict[int, int]:
    rows = (
        Entry.objects.filter(contest__activity__in=activities.values("pk"))
        .filter(within("submitted_at__date", start=start, end=end))
        .values("contest__activity_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return _by_activity(rows, "contest__activity_id")


def count_eligible(activities, *, start, end) -> dict[int, int]:
    rows = (
        Entry.objects.filter(
            contest__activity__in=activities.values("pk"), status=EntryStatus.ACCEPTED
        )
        .filter(within("checked_at__date", start=start, end=end))
        .values("contest__activity_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return _by_activity(rows, "contest__activity_id")


def count_outlets(activities, *, start, end) -> dict[int, int]:
    rows = (
        Entry.objects.filter(contest__activity__in=activities.values("pk"))
        .filter(within("submitted_at__date", start=start, end=end))
        .values("contest__activity_id")
        .annotate(total=Count("outlet", distinct=True))
        .order_by()
    )
    return _by_activity(rows, "contest__activity_id")


def count_prizes(activities, *, start, end) -> dict[int, int]:
    rows = (
        RoundEntry.objects.filter(
            round__contest__activity__in=activities.values("pk"), prize__isnull=False
        )
        .filter(within("awarded_on", start=start, end=end))
        .values("round__contest__activity_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return _by_activity(rows, "round__contest__activity_id")


def count_collective(activities, *, start, end) -> dict[int, int]:
    rows = (
        CollectivePrize.objects.filter(contest__activity__in=activities.values("pk"))
        .filter(within("awarded_on", start=start, end=end))
        .values("contest__activity_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return _by_activity(rows, "contest__activity_id")


for code, label, counter in (
    ("contest.entries", _("Tác phẩm dự thi"), count_entries),
    ("contest.entries_eligible", _("Tác phẩm hợp lệ"), count_eligible),
    ("contest.outlets", _("Cơ quan báo chí có tác phẩm dự thi"), count_outlets),
    ("contest.prizes", _("Giải thưởng tác phẩm"), count_prizes),
    ("contest.collective_prizes", _("Giải tập thể"), count_collective),
):
    register(OutputMeasure(code=code, label=label, form_kinds=KINDS, count=counter))
