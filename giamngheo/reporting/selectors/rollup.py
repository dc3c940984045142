"""Totals along the unit tree, carried through successions into today's units."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Max, Sum

from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.organisations.selectors import (
    successor_map,
)

from ..enums import (
    Aggregation,
)
from ..models import DataSet, Indicator, Period
from .common import ZERO, _today
from .values import _combine, _reported_values

# --- roll-up along the unit tree -------------------------------------------------------------


@dataclass
class UnitTotal:
    unit: AdministrativeUnit
    depth: int
    value: Decimal | None
    contributors: int  # organisations whose values reached this unit


def _ancestor_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _aggregate(aggregation: str, values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    if aggregation == Aggregation.SUM:
        return sum(values, ZERO)
    if aggregation == Aggregation.AVERAGE:
        return (sum(values, ZERO) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if aggregation == Aggregation.MAX:
        return max(values)
    return None


def roll_up(
    *,
    dataset: DataSet,
    period: Period,
    indicator: Indicator,
    into_today: bool = False,
    category: str | None = None,
    on: date | None = None,
    approved_only: bool = False,
) -> list[UnitTotal]:
    """Totals per unit along the unit tree: as of the period's end, or carried into the map in
    force on ``on`` (default today) through the successions. Each organisation's value (over
    the categories, or one ``category``) counts at its covered unit and at every ancestor.
    Three queries as of the period; five into today."""
    qs = (
        _reported_values(dataset=dataset, period=period, approved_only=approved_only)
        .filter(indicator=indicator, value__isnull=False)
        .values("submission__organisation_id", "submission__organisation__unit_id")
        .annotate(total=Sum("value"), average=Avg("value"), maximum=Max("value"))
        .order_by()
    )
    if category is not None:
        qs = qs.filter(category=category)
    per_unit: dict[int, list[Decimal]] = defaultdict(list)
    for row in qs:
        value = _combine(indicator.aggregation, row)
        if value is not None:
            per_unit[row["submission__organisation__unit_id"]].append(value)
    if not per_unit:
        return []
    if into_today:
        day = on or _today()
        mapping = successor_map(unit_ids=list(per_unit), on=day)
        carried: dict[int, list[Decimal]] = defaultdict(list)
        for unit_id, values in per_unit.items():
            targets = mapping.get(unit_id) or []
            if targets:
                carried[targets[0].pk].extend(values)
        per_unit = carried
        if not per_unit:
            return []
    leaves = AdministrativeUnit.objects.filter(pk__in=list(per_unit)).only("pk", "path")
    ancestor_ids: set[int] = set()
    leaf_paths: dict[int, list[int]] = {}
    for leaf in leaves:
        chain = _ancestor_ids(leaf.path) or [leaf.pk]
        leaf_paths[leaf.pk] = chain
        ancestor_ids.update(chain)
    units = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=ancestor_ids)}
    collected: dict[int, list[Decimal]] = defaultdict(list)
    for leaf_id, values in per_unit.items():
        for unit_id in leaf_paths.get(leaf_id, [leaf_id]):
            collected[unit_id].extend(values)
    result = [
        UnitTotal(
            unit=units[unit_id],
            depth=units[unit_id].depth,
            value=_aggregate(indicator.aggregation, values),
            contributors=len(values),
        )
        for unit_id, values in collected.items()
        if unit_id in units
    ]
    result.sort(key=lambda t: (t.unit.path, t.unit.name))
    return result
