"""Completeness and timeliness of a period's reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet

from giamngheo.organisations.models import AdministrativeUnit, Organisation

from ..enums import (
    SUBMISSION_REPORTED,
    SubmissionStatus,
)
from ..models import DataSet, Period, Submission
from .common import MISSING, MISSING_LABEL, ZERO, local_day

# --- completeness and timeliness -------------------------------------------------------------


@dataclass
class CompletenessRow:
    organisation: Organisation
    unit: AdministrativeUnit
    submission: Submission | None
    status: str
    status_label: str
    submitted_at: datetime | None
    is_reported: bool
    is_late: bool


@dataclass
class UnitCompleteness:
    unit: AdministrativeUnit
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def missing(self) -> int:
        return self.expected - self.submitted


@dataclass
class Completeness:
    dataset: DataSet
    period: Period
    expected: int
    submitted: int
    on_time: int
    late: int
    missing: int
    rows: list[CompletenessRow] = field(default_factory=list)
    by_unit: list[UnitCompleteness] = field(default_factory=list)

    @property
    def rate(self) -> Decimal:
        return _percent(self.submitted, self.expected)

    @property
    def timely_rate(self) -> Decimal:
        return _percent(self.on_time, self.expected)

    @property
    def missing_rows(self) -> list[CompletenessRow]:
        return [r for r in self.rows if not r.is_reported]


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return ZERO
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def expected_organisations(*, dataset: DataSet, period: Period) -> QuerySet[Organisation]:
    """The data set's organisations that existed at some time during the period."""
    return (
        dataset.organisations.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
        )
        .select_related("unit")
        .order_by("unit__path", "name", "pk")
    )


def is_late(*, period: Period, submitted_at: datetime | None) -> bool:
    return submitted_at is not None and local_day(submitted_at) > period.late_after


def completeness(*, dataset: DataSet, period: Period, on: datetime | None = None) -> Completeness:
    """Who of the expected organisations has reported, on time or late. Two queries (plus one
    for the data set when ``period.dataset`` is not loaded)."""
    period.dataset = dataset
    organisations = list(expected_organisations(dataset=dataset, period=period))
    submissions = {
        s.organisation_id: s
        for s in Submission.objects.filter(
            dataset=dataset, period=period, organisation__in=[o.pk for o in organisations]
        )
    }
    # Translated once per call, not once per row (a province has hundreds of rows).
    labels = {value: str(label) for value, label in SubmissionStatus.choices}
    missing_label = str(MISSING_LABEL)
    rows: list[CompletenessRow] = []
    units: dict[int, UnitCompleteness] = {}
    for org in organisations:
        sub = submissions.get(org.pk)
        if sub is not None:
            sub.organisation, sub.dataset, sub.period = org, dataset, period
        reported = (
            sub is not None
            and sub.status in SUBMISSION_REPORTED
            and sub.submitted_at is not None
            and (on is None or sub.submitted_at <= on)
        )
        late = reported and is_late(period=period, submitted_at=sub.submitted_at)
        if sub is None:
            status, label = MISSING, missing_label
        else:
            status, label = sub.status, labels[sub.status]
        rows.append(
            CompletenessRow(
                organisation=org,
                unit=org.unit,
                submission=sub,
                status=status,
                status_label=label,
                submitted_at=sub.submitted_at if reported else None,
                is_reported=reported,
                is_late=late,
            )
        )
        bucket = units.setdefault(org.unit_id, UnitCompleteness(unit=org.unit))
        bucket.expected += 1
        bucket.submitted += int(reported)
        bucket.late += int(late)
        bucket.on_time += int(reported and not late)
    submitted = sum(r.is_reported for r in rows)
    late = sum(r.is_late for r in rows)
    return Completeness(
        dataset=dataset,
        period=period,
        expected=len(rows),
        submitted=submitted,
        on_time=submitted - late,
        late=late,
        missing=len(rows) - submitted,
        rows=rows,
        by_unit=sorted(units.values(), key=lambda u: (u.unit.path, u.unit.name)),
    )
