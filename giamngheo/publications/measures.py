"""The output measures of plan item 2.5, counted from the records themselves (DESIGN §8.1).

Each counter keeps the contract of ``planning.registry``: one aggregate query, the records dated
in the period (both ends included), keyed by the print run's activity. Dispatched and received
are separate figures: copies in transit are dispatched but not yet received.
"""

from __future__ import annotations

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.enums import UnitLevel
from giamngheo.planning.enums import FormKind
from giamngheo.planning.registry import OutputMeasure, register, within

from .enums import DispatchStatus
from .models import Dispatch, PrintRun

KINDS = frozenset({FormKind.PUBLICATIONS})


def _rows(queryset, *, key: str, value) -> dict[int, int]:
    rows = queryset.values(key).annotate(total=value).order_by()
    return {row[key]: row["total"] for row in rows if row["total"]}


def count_titles(activities, *, start, end) -> dict[int, int]:
    """Titles printed: distinct titles with a print run delivered in the period."""
    runs = PrintRun.objects.filter(activity__in=activities.values("pk")).filter(
        within("delivered_on", start=start, end=end)
    )
    return _rows(runs, key="activity_id", value=Count("edition__title", distinct=True))


def count_copies_printed(activities, *, start, end) -> dict[int, int]:
    runs = PrintRun.objects.filter(activity__in=activities.values("pk")).filter(
        within("delivered_on", start=start, end=end)
    )
    return _rows(runs, key="activity_id", value=Sum("quantity"))


def _dispatches(activities):
    return Dispatch.objects.filter(print_run__activity__in=activities.values("pk"))


def count_copies_dispatched(activities, *, start, end) -> dict[int, int]:
    sent = _dispatches(activities).filter(within("dispatched_on", start=start, end=end))
    return _rows(sent, key="print_run__activity_id", value=Sum("quantity"))


def _received(activities, *, start, end):
    return _dispatches(activities).filter(
        within("received_on", start=start, end=end), status=DispatchStatus.CONFIRMED
    )


def count_copies_received(activities, *, start, end) -> dict[int, int]:
    received = _received(activities, start=start, end=end)
    return _rows(received, key="print_run__activity_id", value=Sum("received_quantity"))


def count_communes_reached(activities, *, start, end) -> dict[int, int]:
    """Communes whose committee (or another body of the commune) confirmed a receipt."""
    received = _received(activities, start=start, end=end).filter(
        recipient__unit__level=UnitLevel.COMMUNE, received_quantity__gt=0
    )
    return _rows(
        received, key="print_run__activity_id", value=Count("recipient__unit", distinct=True)
    )


for code, label, counter in (
    ("publications.titles", _("Số đầu ấn phẩm được in"), count_titles),
    ("publications.copies_printed", _("Số bản ấn phẩm được in"), count_copies_printed),
    ("publications.copies_dispatched", _("Số bản ấn phẩm đã cấp phát"), count_copies_dispatched),
    (
        "publications.copies_received",
        _("Số bản ấn phẩm đơn vị nhận đã xác nhận"),
        count_copies_received,
    ),
    ("publications.communes_reached", _("Số xã đã nhận ấn phẩm"), count_communes_reached),
):
    register(OutputMeasure(code=code, label=label, form_kinds=KINDS, count=counter))
