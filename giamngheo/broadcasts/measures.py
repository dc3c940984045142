"""The output measures of plan item 2.1 (commune radio), counted from the records themselves.

Each counter keeps the contract of ``planning.registry``: one aggregate query, the records dated
in the period (both ends included), keyed by the bulletin's activity. Commune airings are not
added into ``mass_media.broadcast`` (DESIGN §8.1).

The same figures about a place (``planning.registry.AreaMeasure``) feed the indicators of a
district's or a province's report: the communes under the reporting body's unit whose station
confirmed an airing (counted once however many activities aired there), the airings and minutes
there, and the share of them broadcasting in a week, as the coverage screen computes it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from giamngheo.planning.enums import FormKind
from giamngheo.planning.registry import (
    AreaMeasure,
    OutputMeasure,
    register,
    register_area,
    within,
)

from . import selectors
from .enums import AiringOutcome, BulletinStatus
from .models import Airing, Bulletin

KINDS = frozenset({FormKind.COMMUNE_RADIO})


def _rows(queryset, *, key: str, value) -> dict[int, int]:
    rows = queryset.values(key).annotate(total=value).order_by()
    return {row[key]: int(row["total"]) for row in rows if row["total"]}


def count_bulletins(activities, *, start, end) -> dict[int, int]:
    """Bulletins sent to the stations in the period."""
    sent = Bulletin.objects.filter(activity__in=activities.values("pk")).filter(
        within("sent_at__date", start=start, end=end)
    )
    return _rows(sent, key="activity_id", value=Count("pk"))


def _aired(activities, *, start, end):
    return Airing.objects.filter(
        delivery__bulletin__activity__in=activities.values("pk"), outcome=AiringOutcome.AIRED
    ).filter(within("aired_at__date", start=start, end=end))


def count_airings(activities, *, start, end) -> dict[int, int]:
    """Airings confirmed by the stations (each time aired counts)."""
    return _rows(
        _aired(activities, start=start, end=end),
        key="delivery__bulletin__activity_id",
        value=Sum("times"),
    )


def count_communes_reached(activities, *, start, end) -> dict[int, int]:
    return _rows(
        _aired(activities, start=start, end=end),
        key="delivery__bulletin__activity_id",
        value=Count("delivery__commune", distinct=True),
    )


def count_minutes(activities, *, start, end) -> dict[int, int]:
    rows = (
        _aired(activities, start=start, end=end)
        .values("delivery__bulletin__activity_id")
        .annotate(total=Sum("seconds_aired"))
        .order_by()
    )
    return {
        r["delivery__bulletin__activity_id"]: round(r["total"] / 60)
        for r in rows
        if r["total"] and round(r["total"] / 60)
    }


for code, label, counter in (
    ("radio.bulletins", _("Số bản tin gửi đài truyền thanh cơ sở"), count_bulletins),
    ("radio.airings_confirmed", _("Số lượt phát sóng được đài xã xác nhận"), count_airings),
    (
        "radio.communes_reached",
        _("Số xã đã phát sóng chương trình giảm nghèo"),
        count_communes_reached,
    ),
    ("radio.minutes_aired", _("Số phút đã phát sóng trên loa truyền thanh xã"), count_minutes),
):
    register(OutputMeasure(code=code, label=label, form_kinds=KINDS, count=counter))


# --- the same records about a place ---------------------------------------------------------


def _aired_in(activities, *, unit, start, end):
    return _aired(activities, start=start, end=end).filter(
        delivery__commune__path__startswith=unit.path
    )


def communes_reached_in(activities, *, unit, start, end) -> Decimal:
    found = _aired_in(activities, unit=unit, start=start, end=end).aggregate(
        total=Count("delivery__commune", distinct=True)
    )
    return Decimal(found["total"] or 0)


def airings_in(activities, *, unit, start, end) -> Decimal:
    found = _aired_in(activities, unit=unit, start=start, end=end).aggregate(total=Sum("times"))
    return Decimal(found["total"] or 0)


def minutes_in(activities, *, unit, start, end) -> Decimal:
    found = _aired_in(activities, unit=unit, start=start, end=end).aggregate(
        total=Sum("seconds_aired")
    )
    return Decimal(round((found["total"] or 0) / 60))


def weekly_share_in(activities, *, unit, start, end) -> Decimal:
    """Per cent of the communes targeted under ``unit`` that aired at least once a week,
    averaged over the weeks: ``selectors.coverage``'s share, one decimal."""
    bulletins = Bulletin.objects.filter(
        activity__in=activities.values("pk"),
        status__in=[BulletinStatus.SENT, BulletinStatus.CLOSED],
    )
    report = selectors.coverage(bulletins=bulletins, start=start, end=end, within=unit)
    return (Decimal(str(report.share)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


for code, label, value in (
    ("radio.communes_reached", _("Số xã trên địa bàn đã phát sóng"), communes_reached_in),
    ("radio.airings_confirmed", _("Số lượt phát sóng trên địa bàn"), airings_in),
    ("radio.minutes_aired", _("Số phút đã phát sóng trên địa bàn"), minutes_in),
    (
        "radio.weekly_share",
        _("Tỷ lệ xã trên địa bàn phát chương trình giảm nghèo hằng tuần (%)"),
        weekly_share_in,
    ),
):
    register_area(AreaMeasure(code=code, label=label, form_kinds=KINDS, value=value))
