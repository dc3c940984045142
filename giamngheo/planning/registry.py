"""How each form of the plan counts its outputs, so reports count records, never retyped numbers.

A form module (contests, training, publications, broadcasts …) attaches its records to a
``planning.Activity`` and registers one ``OutputMeasure`` per thing it counts::

    from giamngheo.planning.registry import OutputMeasure, register

    register(OutputMeasure(code="training.trainees", label=_("Lượt học viên"),
                           forms=frozenset({"2.4"}), count=count_trainees))

``count`` receives a queryset of activities and returns ``{activity_id: quantity}`` in a
constant number of queries (database aggregation), whatever the number of activities.
``reporting`` asks ``totals``/``per_activity`` here and never imports a form app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.utils.functional import Promise

from .enums import OutputKind

Counter = Callable[[QuerySet], dict[int, int]]


@dataclass(frozen=True)
class OutputMeasure:
    code: str
    label: str | Promise
    forms: frozenset[str]  # the plan's form codes (2.1 … 2.6) this measure belongs to
    count: Counter


_REGISTRY: dict[str, OutputMeasure] = {}


def register(measure: OutputMeasure) -> OutputMeasure:
    if measure.code in _REGISTRY and _REGISTRY[measure.code] is not measure:
        raise ValueError(f"Output measure {measure.code!r} is already registered")
    _REGISTRY[measure.code] = measure
    return measure


def measures(*, form: str | None = None) -> list[OutputMeasure]:
    found = [m for m in _REGISTRY.values() if form is None or form in m.forms]
    return sorted(found, key=lambda m: m.code)


def get_measure(code: str) -> OutputMeasure:
    return _REGISTRY[code]


def per_activity(
    *, activities: QuerySet, codes: Iterable[str] | None = None
) -> dict[str, dict[int, int]]:
    """``{measure code: {activity id: quantity}}``; one aggregate query per measure."""
    chosen = [get_measure(c) for c in codes] if codes is not None else measures()
    return {m.code: m.count(activities) for m in chosen}


def totals(*, activities: QuerySet, codes: Iterable[str] | None = None) -> dict[str, int]:
    """``{measure code: total over the activities}``."""
    return {
        code: sum(values.values())
        for code, values in per_activity(activities=activities, codes=codes).items()
    }


def _typed_output_counter(kind: str) -> Counter:
    def count(activities: QuerySet) -> dict[int, int]:
        from .models import ActivityOutput

        rows = (
            ActivityOutput.objects.filter(activity__in=activities.values("pk"), kind=kind)
            .values("activity_id")
            .annotate(total=Sum("quantity"))
            .order_by()
        )
        return {row["activity_id"]: row["total"] for row in rows}

    return count


# The mass-media outputs of form 2.1 (press, radio, television, commune radio) and 2.6 (online),
# typed on the activity itself as ActivityOutput rows.
MASS_MEDIA_FORMS = frozenset({"2.1", "2.6"})
for _kind in OutputKind:
    register(
        OutputMeasure(
            code=f"mass_media.{_kind.value}",
            label=_kind.label,
            forms=MASS_MEDIA_FORMS,
            count=_typed_output_counter(_kind.value),
        )
    )
