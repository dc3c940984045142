"""The consolidated values of a period and the values by organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Max, QuerySet, Sum

from giamngheo.core.exports import neutralise_cell
from giamngheo.organisations.models import AdministrativeUnit, Organisation

from ..enums import (
    SUBMISSION_REPORTED,
    Aggregation,
    Measure,
    SubmissionStatus,
)
from ..models import DataSet, DataValue, Period
from .forms import _elements

# --- consolidated values ---------------------------------------------------------------------


def _reported_values(
    *, dataset: DataSet, period: Period | Iterable[Period], approved_only: bool
) -> QuerySet:
    statuses = [SubmissionStatus.APPROVED] if approved_only else list(SUBMISSION_REPORTED)
    periods = (
        {"submission__period": period}
        if isinstance(period, Period)
        else {"submission__period__in": period}
    )
    return DataValue.objects.filter(
        submission__dataset=dataset, submission__status__in=statuses, **periods
    )


def _combine(aggregation: str, row: dict) -> Decimal | None:
    if aggregation == Aggregation.SUM:
        return row["total"]
    if aggregation == Aggregation.AVERAGE:
        avg = row["average"]
        return None if avg is None else Decimal(avg).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if aggregation == Aggregation.MAX:
        return row["maximum"]
    return None


def consolidated_values(
    *, dataset: DataSet, period: Period | Iterable[Period], approved_only: bool = False
) -> dict[tuple[str, str], Decimal]:
    """``{(indicator code, category): value}`` over the reported reports of ``period`` (one
    period, or several: the values of all of them combined). One query."""
    rows = (
        _reported_values(dataset=dataset, period=period, approved_only=approved_only)
        .filter(value__isnull=False)
        .exclude(indicator__measure=Measure.TEXT)
        .values("indicator__code", "indicator__aggregation", "category")
        .annotate(total=Sum("value"), average=Avg("value"), maximum=Max("value"))
        .order_by()
    )
    result: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        value = _combine(row["indicator__aggregation"], row)
        if value is not None:
            result[(row["indicator__code"], row["category"])] = value
    return result


@dataclass(frozen=True)
class OrganisationValue:
    organisation: Organisation
    unit: AdministrativeUnit
    indicator_code: str
    indicator_name: str
    category: str
    value: Decimal | None
    text: str
    status: str


def values_by_organisation(
    *, dataset: DataSet, period: Period, approved_only: bool = False
) -> list[OrganisationValue]:
    """Every value of the reported reports, organisation by organisation. Two queries."""
    positions = {e.indicator_id: e.position for e in _elements(dataset)}
    values = list(
        _reported_values(dataset=dataset, period=period, approved_only=approved_only)
        .select_related("indicator", "submission__organisation__unit")
        .order_by("submission__organisation__name", "submission__organisation_id")
    )
    values.sort(
        key=lambda v: (
            v.submission.organisation.name,
            v.submission.organisation_id,
            positions.get(v.indicator_id, 0),
            v.indicator.code,
            v.category,
        )
    )
    return [
        OrganisationValue(
            organisation=v.submission.organisation,
            unit=v.submission.organisation.unit,
            indicator_code=v.indicator.code,
            indicator_name=v.indicator.name,
            category=v.category,
            value=v.value,
            text=neutralise_cell(v.text),
            status=v.submission.status,
        )
        for v in values
    ]
