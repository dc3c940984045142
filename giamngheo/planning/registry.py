"""How each form of the plan counts its outputs, so reports count records, never retyped numbers.

A form module (contests, training, publications, broadcasts …) attaches its records to a
``planning.Activity`` and registers one ``OutputMeasure`` per thing it counts, for the
plan-independent form kinds (``planning.enums.FormKind``) it serves::

    from giamngheo.planning.enums import FormKind
    from giamngheo.planning.registry import OutputMeasure, register, within

    def count_trainees(activities, *, start, end):
        rows = (
            Enrolment.objects.filter(course__activity__in=activities.values("pk"))
            .filter(within("attended_on", start=start, end=end))
            .values("course__activity_id")
            .annotate(total=Count("pk"))
            .order_by()
        )
        return {row["course__activity_id"]: row["total"] for row in rows}

    register(OutputMeasure(code="training.trainees", label=_("Lượt học viên"),
                           form_kinds=frozenset({FormKind.TRAINING}), count=count_trainees))

The contract every ``count`` keeps (``tests/planning/measure_contract.py`` checks it):

- it receives a queryset of activities and the period, ``start`` and ``end`` (``date``), and
  returns ``{activity id: quantity}`` for those activities only (no key outside them);
- it counts only the records *dated* inside the period, **both ends included**: a record dated
  ``d`` counts when ``start <= d <= end`` (``within`` builds that filter; a ``DateTimeField``
  is compared by its calendar day in the project's time zone, ``within("sent_at__date", …)``).
  Adjacent periods (the four quarters of a year) therefore count each record exactly once;
- it runs a constant number of queries (database aggregation), whatever the number of activities.

Register at import of the module's own ``measures`` (or ``registry``) module, imported from its
``AppConfig.ready()``. ``reporting`` asks ``per_activity``/``totals`` here and never imports a
form app. A plan's form items (``PlanItem`` of kind ``form``, "2.1", "2.2" … in the 2023 plan)
say which form kind they are through ``PlanItem.form_kind``; ``measures_for_item`` reads it, so a
plan numbered differently needs no code.

Some figures are about a place, not a sum over activities: the communes of a district whose
radio aired, the share of them broadcasting each week. Adding them up per activity would count
a commune twice, and a share does not add up at all. A form module registers such a figure as
an ``AreaMeasure``: ``value(activities, unit=…, start=…, end=…)`` gives the one figure of the
records of ``activities`` about ``unit`` and the places under it, dated in the period (both ends
included), in a constant number of queries. An indicator bound to one
(``reporting.PrefillSource.AREA``) is pre-filled with it for the reporting body's unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from django.db.models import Q, QuerySet, Sum
from django.utils.functional import Promise

from .enums import FormKind, OutputKind
from .models import ActivityOutput, PlanItem


class Counter(Protocol):
    def __call__(self, activities: QuerySet, *, start: date, end: date) -> dict[int, int]: ...


class AreaCounter(Protocol):
    def __call__(self, activities: QuerySet, *, unit, start: date, end: date) -> Decimal: ...


@dataclass(frozen=True)
class OutputMeasure:
    code: str
    label: str | Promise
    form_kinds: frozenset[str]  # FormKind values this measure belongs to
    count: Counter


@dataclass(frozen=True)
class AreaMeasure:
    code: str
    label: str | Promise
    form_kinds: frozenset[str]
    value: AreaCounter


_REGISTRY: dict[str, OutputMeasure] = {}
_AREA_REGISTRY: dict[str, AreaMeasure] = {}


def within(field: str, *, start: date, end: date) -> Q:
    """The records whose ``field`` (a date) lies in the period, both ends included."""
    if end < start:
        raise ValueError(f"The period ends ({end}) before it starts ({start})")
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def register(measure: OutputMeasure) -> OutputMeasure:
    if measure.code in _REGISTRY and _REGISTRY[measure.code] is not measure:
        raise ValueError(f"Output measure {measure.code!r} is already registered")
    unknown = set(measure.form_kinds) - set(FormKind.values)
    if unknown:
        raise ValueError(f"Output measure {measure.code!r}: unknown form kinds {sorted(unknown)}")
    _REGISTRY[measure.code] = measure
    return measure


def measures(*, form_kind: str | None = None) -> list[OutputMeasure]:
    """Every measure, or those of one form kind, ordered by code."""
    found = [m for m in _REGISTRY.values() if form_kind is None or form_kind in m.form_kinds]
    return sorted(found, key=lambda m: m.code)


def measures_for_item(item: PlanItem) -> list[OutputMeasure]:
    """The measures of a plan's form item, through the form kind the item maps to (none when
    the item is not mapped)."""
    return measures(form_kind=item.form_kind) if item.form_kind else []


def get_measure(code: str) -> OutputMeasure:
    return _REGISTRY[code]


def register_area(measure: AreaMeasure) -> AreaMeasure:
    if measure.code in _AREA_REGISTRY and _AREA_REGISTRY[measure.code] is not measure:
        raise ValueError(f"Area measure {measure.code!r} is already registered")
    unknown = set(measure.form_kinds) - set(FormKind.values)
    if unknown:
        raise ValueError(f"Area measure {measure.code!r}: unknown form kinds {sorted(unknown)}")
    _AREA_REGISTRY[measure.code] = measure
    return measure


def area_measures() -> list[AreaMeasure]:
    return sorted(_AREA_REGISTRY.values(), key=lambda m: m.code)


def get_area_measure(code: str) -> AreaMeasure:
    return _AREA_REGISTRY[code]


def in_area(*, code: str, activities: QuerySet, unit, start: date, end: date) -> Decimal:
    """The area measure ``code`` of the records of ``activities`` about ``unit`` (and the
    places under it) dated in [start, end]."""
    if end < start:
        raise ValueError(f"The period ends ({end}) before it starts ({start})")
    return Decimal(get_area_measure(code).value(activities, unit=unit, start=start, end=end))


def per_activity(
    *, activities: QuerySet, start: date, end: date, codes: Iterable[str] | None = None
) -> dict[str, dict[int, int]]:
    """``{measure code: {activity id: quantity}}`` of the records dated in [start, end]; one
    aggregate query per measure."""
    if end < start:
        raise ValueError(f"The period ends ({end}) before it starts ({start})")
    chosen = [get_measure(c) for c in codes] if codes is not None else measures()
    return {m.code: m.count(activities, start=start, end=end) for m in chosen}


def totals(
    *, activities: QuerySet, start: date, end: date, codes: Iterable[str] | None = None
) -> dict[str, int]:
    """``{measure code: total over the activities}`` of the records dated in [start, end]."""
    return {
        code: sum(values.values())
        for code, values in per_activity(
            activities=activities, start=start, end=end, codes=codes
        ).items()
    }


# --- the mass-media outputs typed on the activity itself -------------------------------------
# An ActivityOutput row holds the activity's total of one kind of product (articles, broadcasts
# …); it has no date of its own, so it is dated by the day the activity ends: the total is
# counted in the period holding that day, once, however many periods the activity spans.


def _typed_output_counter(kind: str) -> Counter:
    def count(activities: QuerySet, *, start: date, end: date) -> dict[int, int]:
        rows = (
            ActivityOutput.objects.filter(activity__in=activities.values("pk"), kind=kind)
            .filter(within("activity__end_date", start=start, end=end))
            .values("activity_id")
            .annotate(total=Sum("quantity"))
            .order_by()
        )
        return {row["activity_id"]: row["total"] for row in rows}

    return count


MASS_MEDIA_FORM_KINDS = frozenset({FormKind.MASS_MEDIA, FormKind.DIGITAL})
for _kind in OutputKind:
    register(
        OutputMeasure(
            code=f"mass_media.{_kind.value}",
            label=_kind.label,
            form_kinds=MASS_MEDIA_FORM_KINDS,
            count=_typed_output_counter(_kind.value),
        )
    )
