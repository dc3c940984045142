"""Reads for the public results pages and the open data. Everything here is public and aggregate
(no personal data), so nothing is scoped by user; every function runs a constant number of
queries whatever the number of units and years.

Two views of the same rows:
- **as of the year** (``Structure.AS_OF``): a 2023 figure stays on its 2023 commune and rolls up
  along the 2023 tree (commune → district → province), through the units' paths;
- **today's structure** (``Structure.TODAY``): each commune's figure follows the successions
  (organisations.selectors.successor_map, primary successor of a split) into the commune in force
  today, so older years can be read on today's map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.text import fold
from giamngheo.feedback import selectors as feedback_selectors
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, UnitSuccession
from giamngheo.organisations.selectors import latest_reform, successor_map
from giamngheo.reporting import selectors as reporting_selectors

from .enums import SORT_KEYS, Structure
from .models import PovertyReview, rate

COUNT_FIELDS = ("total_households", "poor", "near_poor", "escaped", "newly_poor")
# A path segment is eight digits and a slash (organisations.models.AdministrativeUnit.path).
SEGMENT = 9


@dataclass
class Figures:
    total_households: int = 0
    poor: int = 0
    near_poor: int = 0
    escaped: int = 0
    newly_poor: int = 0
    reporting_units: int = 0
    samples: int = 0

    def add(self, values: dict) -> None:
        """Add one review row (a ``values()`` dict: the counts and ``is_sample``)."""
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + values[name])
        self.reporting_units += 1
        self.samples += 1 if values["is_sample"] else 0

    @property
    def has_data(self) -> bool:
        return self.reporting_units > 0

    @property
    def poor_rate(self) -> Decimal | None:
        return rate(self.poor, self.total_households)

    @property
    def near_poor_rate(self) -> Decimal | None:
        return rate(self.near_poor, self.total_households)

    @property
    def is_sample(self) -> bool:
        return self.samples > 0


@dataclass(frozen=True)
class Source:
    source: str
    organisation: str
    as_of: date
    is_sample: bool


@dataclass
class YearRow:
    year: int
    figures: Figures
    as_of: date | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class BreakdownRow:
    unit: AdministrativeUnit | None
    figures: Figures = field(default_factory=Figures)
    parent_name: str = ""
    label: str = ""

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        return self.unit.name if self.unit is not None else str(_("Chưa xác định đơn vị kế thừa"))

    @property
    def code(self) -> str:
        return self.unit.code if self.unit is not None else ""


@dataclass
class Breakdown:
    year: int
    unit: AdministrativeUnit
    structure: str
    rows: list[BreakdownRow]
    total: Figures
    sources: list[Source]
    as_of: date | None
    today: date
    # Today's structure: the latest reform that made one of the rows' units, the date from
    # which the boundaries shown hold and its legal basis (None when no row came from a reform).
    reform: UnitSuccession | None = None


def overlapping_year(queryset: QuerySet, year: int) -> QuerySet:
    """Units in force on at least one day of ``year``."""
    return queryset.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=date(year, 12, 31)),
        Q(valid_to__isnull=True) | Q(valid_to__gte=date(year, 1, 1)),
    )


def reviews_under(*, unit: AdministrativeUnit) -> QuerySet[PovertyReview]:
    return PovertyReview.objects.filter(unit__path__startswith=unit.path)


def rows_per_year() -> list[dict]:
    """For the import screen: per year, the number of rows, of sample rows, the latest as-of
    date. One query."""
    return list(
        PovertyReview.objects.values("year")
        .annotate(
            rows=Count("pk"), samples=Count("pk", filter=Q(is_sample=True)), as_of=Max("as_of")
        )
        .order_by("-year")
    )


def years_for(*, unit: AdministrativeUnit) -> list[int]:
    """Years with data under ``unit``, newest first. One query."""
    return list(
        reviews_under(unit=unit).values_list("year", flat=True).distinct().order_by("-year")
    )


def _sources(rows) -> list[Source]:
    found = {
        Source(
            source=r["source"],
            organisation=r["source_organisation"],
            as_of=r["as_of"],
            is_sample=r["is_sample"],
        )
        for r in rows
    }
    return sorted(found, key=lambda s: (s.as_of, s.source, s.organisation))


def province_by_year(*, unit: AdministrativeUnit) -> list[YearRow]:
    """Totals of every year under ``unit`` (the units of that year), oldest first, with the
    sources and the latest "as of" date of each year. One query, grouped by year and source
    (a year has one or a few sources), summed per year here."""
    groups = (
        reviews_under(unit=unit)
        .values("year", "source", "source_organisation", "as_of", "is_sample")
        .annotate(**{name: Sum(name) for name in COUNT_FIELDS}, reporting_units=Count("pk"))
        .order_by("year")
    )
    result: dict[int, YearRow] = {}
    sources: dict[int, list[dict]] = {}
    for group in groups:
        row = result.get(group["year"])
        if row is None:
            row = result[group["year"]] = YearRow(year=group["year"], figures=Figures())
        figures = row.figures
        for name in COUNT_FIELDS:
            setattr(figures, name, getattr(figures, name) + group[name])
        figures.reporting_units += group["reporting_units"]
        figures.samples += group["reporting_units"] if group["is_sample"] else 0
        row.as_of = max(row.as_of, group["as_of"]) if row.as_of else group["as_of"]
        sources.setdefault(group["year"], []).append(group)
    for year, row in result.items():
        row.sources = _sources(sources[year])
    return list(result.values())


def units_in_year(*, root: AdministrativeUnit, year: int) -> list[AdministrativeUnit]:
    """The root and every unit under it in force in ``year``, tree order. One query."""
    return list(
        overlapping_year(AdministrativeUnit.objects.filter(path__startswith=root.path), year)
        .only("id", "name", "code", "level", "path", "parent_id")
        .order_by("path")
    )


def filter_units(
    *, root: AdministrativeUnit, year: int, within: AdministrativeUnit | None = None
) -> list[AdministrativeUnit]:
    """Units in force in ``year`` for the unit filter, in tree order: the root and every unit
    above commune level, plus the communes of ``within`` (the district chosen, or the
    district of the commune chosen). One query."""
    queryset = AdministrativeUnit.objects.filter(path__startswith=root.path)
    condition = ~Q(level=UnitLevel.COMMUNE)
    if within is not None:
        district = within if within.level != UnitLevel.COMMUNE else None
        if district is None and within.parent_id:
            condition |= Q(parent_id=within.parent_id)
        elif district is not None and district.level == UnitLevel.DISTRICT:
            condition |= Q(parent=district)
    return list(
        overlapping_year(queryset.filter(condition), year)
        .only("id", "name", "code", "level", "path", "parent_id")
        .order_by("path")
    )


def _sort(rows: list[BreakdownRow], sort: str) -> list[BreakdownRow]:
    key = sort.lstrip("-")
    attribute = SORT_KEYS.get(key)
    if attribute is None:
        return rows
    reverse = sort.startswith("-")
    if attribute == "name":
        return sorted(rows, key=lambda r: (fold(r.name), r.code), reverse=reverse)
    if attribute == "code":
        return sorted(rows, key=lambda r: r.code, reverse=reverse)

    def value(row: BreakdownRow):
        v = getattr(row.figures, attribute)
        # Units without data go last whichever the direction.
        first = row.figures.has_data if reverse else not row.figures.has_data
        return (first, v if v is not None else -1, row.code)

    ordered = sorted(rows, key=value, reverse=reverse)
    return ordered


def breakdown(
    *,
    unit: AdministrativeUnit,
    year: int,
    structure: str = Structure.AS_OF,
    sort: str = "",
    today: date | None = None,
) -> Breakdown:
    """The figures of ``year`` under ``unit``.

    As of the year: one row per unit directly under ``unit`` in force that year (a commune when
    ``unit`` is a commune), each the sum of the communes beneath it; units without data are
    listed with none. Today's structure: one row per commune in force ``today`` that the communes
    under ``unit`` became. Two queries (four for today's structure: the successions and the reform).
    """
    today = today or timezone.localdate()
    # Plain rows, not model instances: a province has hundreds of communes.
    reviews = list(
        reviews_under(unit=unit)
        .filter(year=year)
        .order_by()
        .values(
            *COUNT_FIELDS,
            "is_sample",
            "source",
            "source_organisation",
            "as_of",
            "unit_id",
            "unit__path",
            "unit__name",
        )
    )
    total = Figures()
    for review in reviews:
        total.add(review)
    as_of = max((r["as_of"] for r in reviews), default=None)
    reform = None
    if structure == Structure.TODAY:
        rows = _rows_today(reviews=reviews, today=today)
        reform = latest_reform(unit_ids=[r.unit.pk for r in rows if r.unit], on=today)
    else:
        rows = _rows_as_of(unit=unit, year=year, reviews=reviews)
    return Breakdown(
        year=year,
        unit=unit,
        structure=structure,
        rows=_sort(rows, sort),
        total=total,
        sources=_sources(reviews),
        as_of=as_of,
        today=today,
        reform=reform,
    )


def _rows_as_of(*, unit: AdministrativeUnit, year: int, reviews: list[dict]) -> list[BreakdownRow]:
    if unit.level == UnitLevel.COMMUNE:
        row = BreakdownRow(unit=unit)
        for review in reviews:
            row.figures.add(review)
        return [row]
    children = overlapping_year(AdministrativeUnit.objects.filter(parent=unit), year).order_by(
        "path"
    )
    rows = {child.path: BreakdownRow(unit=child) for child in children}
    width = len(unit.path) + SEGMENT
    for review in reviews:
        key = review["unit__path"][:width]
        row = rows.get(key)
        if row is None:  # under a unit closed before the year began: still counted, never lost
            row = rows[key] = BreakdownRow(unit=None, label=review["unit__name"])
        row.figures.add(review)
    return list(rows.values())


def _rows_today(*, reviews: list[dict], today: date) -> list[BreakdownRow]:
    mapping = successor_map(unit_ids=sorted({r["unit_id"] for r in reviews}), on=today)
    rows: dict[int | None, BreakdownRow] = {}
    for review in reviews:
        targets = mapping.get(review["unit_id"]) or []
        target = targets[0] if targets else None
        key = target.pk if target is not None else None
        row = rows.get(key)
        if row is None:
            parent = target.parent if target is not None else None
            row = rows[key] = BreakdownRow(
                unit=target, parent_name=parent.name if parent is not None else ""
            )
        row.figures.add(review)
    return sorted(rows.values(), key=lambda r: (r.unit is None, r.unit.path if r.unit else ""))


# --- communication results and feedback ------------------------------------------------------


@dataclass
class CategoryRow:
    """A figure is ``None`` when no indicator of the reports states it (shown as "—")."""

    code: str
    label: str
    activities: int | None
    planned: int | None
    spent: int | None


@dataclass
class MeasureRow:
    code: str
    label: str
    total: int | None


@dataclass
class CommunicationResults:
    forms: list[CategoryRow]
    contents: list[CategoryRow]
    funding: list[CategoryRow]
    outputs: list[MeasureRow]
    total: CategoryRow
    dataset_name: str = ""
    periods: list[str] = field(default_factory=list)
    approved: int = 0


def communication_results(*, plan) -> CommunicationResults | None:
    """The plan's communication results as the approved reports state them: the plan's data
    set of results (``reporting.selectors.results_dataset``), its periods within the plan's,
    the reports the lead department approved (never a draft, a report sent but not yet
    reviewed, nor the live activities an officer is still editing). ``None`` when the plan has
    no such data set. Constant queries (``reporting.selectors.approved_results``)."""
    dataset = reporting_selectors.results_dataset(plan=plan)
    if dataset is None:
        return None
    periods = dataset.periods.filter(start__lte=plan.period_end, end__gte=plan.period_start)
    data = reporting_selectors.approved_results(dataset=dataset, periods=periods)

    def rows(entries) -> list[CategoryRow]:
        return [
            CategoryRow(
                code=e["code"],
                label=e["label"],
                activities=e["activity_count"],
                planned=e["planned"],
                spent=e["spent"],
            )
            for e in entries
        ]

    totals = data["totals"]
    return CommunicationResults(
        forms=rows(data["forms"]),
        contents=rows(data["contents"]),
        funding=rows(data["funding"]),
        outputs=[
            MeasureRow(code=code, label=label, total=totals["outputs"].get(code))
            for code, label in data["measures"]
        ],
        total=rows([totals])[0],
        dataset_name=dataset.name,
        periods=data["periods"],
        approved=data["approved"],
    )


@dataclass
class FeedbackYear:
    year: int
    received: int
    answered: int
    on_time: int
    overdue: int = 0

    @property
    def due(self) -> int:
        return self.answered + self.overdue

    @property
    def on_time_rate(self) -> Decimal | None:
        """Answered by the deadline ÷ (answered + overdue unanswered)."""
        return rate(self.on_time, self.due)


def feedback_statistics() -> list[FeedbackYear]:
    """Per year of receipt: items received, answered, answered by their deadline (the answer's
    day in Vietnam's time zone, the deadline being a Vietnamese working day), overdue
    unanswered; spam left out. One query, through ``feedback.selectors.public_statistics``."""
    return [
        FeedbackYear(
            year=r["year"],
            received=r["received"],
            answered=r["answered"],
            on_time=r["answered_on_time"],
            overdue=r["overdue"],
        )
        for r in feedback_selectors.public_statistics()["years"]
    ]


def poor_and_near_poor(unit_ids, year: int) -> tuple[int | None, dict[int, int]]:
    """Poor plus near-poor households per unit in the latest review year up to ``year`` among
    ``unit_ids`` (registered with core.figures for the publications allocation). Two queries."""
    reviews = PovertyReview.objects.filter(unit_id__in=list(unit_ids), year__lte=year)
    latest = reviews.aggregate(latest=Max("year"))["latest"]
    if latest is None:
        return None, {}
    rows = reviews.filter(year=latest).values_list("unit_id", "poor", "near_poor")
    return latest, {unit: (poor or 0) + (near or 0) for unit, poor, near in rows}
