"""Reads of the reporting app. The contract other modules (documents, results, portal) build on.

Scoped reads (a person is involved) take ``user``:

- ``submissions_for_user(user=)`` / ``get_submission_for_user(user=, pk=)`` — an officer reaches
  the reports of the organisations in their scope; the lead department (members of a data set's
  ``lead_organisation``) reaches every report of that data set; a province administrator all.
- ``datasets_for_user`` / ``get_dataset_for_user``, ``get_period_for_user``.
- ``can_review(user=, dataset=)`` — may approve / return reports of the data set.

Computed figures (no user: the caller has already checked access), each in a constant number
of queries whatever the number of organisations, values or activities:

- ``completeness(*, dataset, period, on=None) -> Completeness`` — ``expected``, ``submitted``
  (submitted or approved), ``on_time``, ``late``, ``missing`` counts; ``rate`` and
  ``timely_rate`` (percent, Decimal with one decimal, 0 when nothing is expected); ``rows`` — one
  ``CompletenessRow`` per expected organisation (``organisation``, ``unit``, ``submission`` or
  None, ``status`` — a ``SubmissionStatus`` value or ``"missing"``, ``status_label``,
  ``submitted_at``, ``is_reported``, ``is_late``), ordered by unit path then organisation name;
  ``by_unit`` — the same counts per covered unit. ``on`` (a datetime) counts only reports sent
  by then. On time = sent on or before ``period.late_after`` (due date + grace days), the day
  taken in Asia/Ho_Chi_Minh.
- ``consolidated_values(*, dataset, period, approved_only=False)`` —
  ``{(indicator_code, category): Decimal}`` over the reported (submitted or approved, or only
  approved) reports, combined by each indicator's aggregation (sum / average / max; ``none``
  and text indicators are left out).
- ``values_by_organisation(*, dataset, period, approved_only=False) -> list[OrganisationValue]``
  — (organisation, unit, indicator_code, indicator_name, category, value, text, status) of the
  reported reports, for the XLSX annex; ``text`` already neutralised for spreadsheets.
- ``roll_up(*, dataset, period, indicator, into_today=False, category=None, on=None)
  -> list[UnitTotal]`` — totals per unit along the unit tree as of the period's end (each
  organisation's covered unit and all its ancestors); with ``into_today`` each unit is first
  carried to the unit that succeeded it on ``on`` (default today) through the successions, so
  2023 districts land in today's communes and province.
- ``communication_results(*, plan) -> dict`` — the plan's communication results: per form
  2.1–2.6 (activity count, outputs per ``planning.registry`` measure, budget planned/spent), per
  content 1.x (the same), per funding source (planned, spent, rate) and totals.
- ``prefill_figures(*, dataset, period, organisation)`` — ``{(indicator_code, category):
  Decimal}`` computed from the organisation's activities under the data set's plan that overlap
  the period: what ``services.prefill_submission`` writes.
- ``indicator_categories(*, dataset)`` — ``{indicator_id: [(category code, label)]}``.
- ``submission_form(*, submission)`` — the rows of the entry form, each indicator × category
  with its ``DataValue`` (or None).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Max, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.exports import neutralise_cell
from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.selectors import (
    is_province_admin,
    organisations_for_user,
    successor_map,
    user_roles,
)
from giamngheo.planning import registry
from giamngheo.planning.enums import ActivityStatus, ItemKind
from giamngheo.planning.models import Activity, BudgetLine, Plan

from .enums import (
    SUBMISSION_REPORTED,
    Aggregation,
    Disaggregation,
    Measure,
    PrefillSource,
    SubmissionStatus,
)
from .models import DataSet, DataSetIndicator, DataValue, Indicator, Period, Submission

MISSING = "missing"
MISSING_LABEL = _("Chưa báo cáo")
REPORTING_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.UNIT_OFFICER, Role.APPROVER})
ZERO = Decimal(0)


def _pk(value) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else None


def _today() -> date:
    return timezone.localdate()


def local_day(moment: datetime) -> date:
    """The calendar day of ``moment`` in Asia/Ho_Chi_Minh (the project's TIME_ZONE)."""
    return timezone.localtime(moment).date()


# --- access ----------------------------------------------------------------------------------


def can_report(*, user) -> bool:
    return is_province_admin(user=user) or bool(user_roles(user=user) & REPORTING_ROLES)


def _member_organisation_ids(*, user) -> QuerySet:
    return (
        Membership.objects.valid_on(_today())
        .filter(user=user, role__in=REPORTING_ROLES)
        .values("organisation_id")
    )


def led_datasets(*, user) -> QuerySet[DataSet]:
    """Data sets whose lead organisation (the lead department) the user works for."""
    if not can_report(user=user):
        return DataSet.objects.none()
    return DataSet.objects.filter(lead_organisation__in=_member_organisation_ids(user=user))


def can_review(*, user, dataset: DataSet) -> bool:
    """The lead department approves and returns: a province administrator, or a member of the
    data set's lead organisation."""
    if is_province_admin(user=user):
        return True
    return led_datasets(user=user).filter(pk=dataset.pk).exists()


def datasets_for_user(*, user) -> QuerySet[DataSet]:
    qs = DataSet.objects.select_related("plan", "lead_organisation")
    if is_province_admin(user=user):
        return qs
    if not can_report(user=user):
        return qs.none()
    orgs = organisations_for_user(user=user).values("pk")
    # A subquery, not a join: the list's counts (organisations, indicators) must count the
    # whole data set, not only the rows the filter's join would leave.
    reached = DataSet.objects.filter(
        Q(organisations__in=orgs) | Q(pk__in=led_datasets(user=user).values("pk"))
    ).values("pk")
    return qs.filter(pk__in=reached)


def get_dataset_for_user(*, user, pk) -> DataSet:
    dataset = datasets_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if dataset is None:
        raise Http404
    return dataset


def dataset_list_for_user(*, user) -> QuerySet[DataSet]:
    """Data sets with their counts of indicators, organisations and periods. One query."""
    return (
        datasets_for_user(user=user)
        .annotate(
            indicator_count=Count("elements", distinct=True),
            organisation_count=Count("organisations", distinct=True),
            period_count=Count("periods", distinct=True),
        )
        .order_by("code")
    )


def get_period_for_user(*, user, dataset: DataSet, pk) -> Period:
    period = dataset.periods.filter(pk=pk).first() if _pk(pk) else None
    if period is None:
        raise Http404
    period.dataset = dataset
    return period


def periods_of(*, dataset: DataSet) -> list[Period]:
    periods = list(dataset.periods.order_by("-start"))
    for p in periods:
        p.dataset = dataset
    return periods


def submissions_for_user(*, user) -> QuerySet[Submission]:
    qs = Submission.objects.select_related(
        "dataset", "period", "period__dataset", "organisation", "organisation__unit"
    )
    if is_province_admin(user=user):
        return qs
    if not can_report(user=user):
        return qs.none()
    return qs.filter(
        Q(organisation__in=organisations_for_user(user=user).values("pk"))
        | Q(dataset__in=led_datasets(user=user).values("pk"))
    )


def get_submission_for_user(*, user, pk) -> Submission:
    """The submission, or 404 when it does not exist *or* lies outside the user's scope."""
    submission = submissions_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if submission is None:
        raise Http404
    return submission


def submission_list_for_user(*, user) -> QuerySet[Submission]:
    """The user's reports with their value count; one query."""
    return (
        submissions_for_user(user=user)
        .annotate(value_count=Count("values"))
        .order_by("-period__start", "dataset__code", "organisation__name", "pk")
    )


# --- categories and the entry form -----------------------------------------------------------


def _plan_categories(plan: Plan | None) -> dict[str, list[tuple[str, str]]]:
    if plan is None:
        return {}
    items = list(plan.items.filter(kind__in=[ItemKind.FORM, ItemKind.CONTENT]).order_by("position"))
    sources = list(plan.funding_sources.order_by("position"))
    return {
        Disaggregation.FORM: [(i.code, i.short_text) for i in items if i.kind == ItemKind.FORM],
        Disaggregation.CONTENT: [
            (i.code, i.short_text) for i in items if i.kind == ItemKind.CONTENT
        ],
        Disaggregation.FUNDING_SOURCE: [(s.code, s.name) for s in sources],
    }


def _elements(dataset: DataSet) -> list[DataSetIndicator]:
    cache = getattr(dataset, "_elements", None)
    if cache is None:
        cache = list(dataset.elements.select_related("indicator").order_by("position", "pk"))
        dataset._elements = cache
    return cache


def indicator_categories(*, dataset: DataSet) -> dict[int, list[tuple[str, str]]]:
    """``{indicator id: [(category, label)]}`` in the order of the form. Three queries."""
    by_kind = _plan_categories(dataset.plan)
    result: dict[int, list[tuple[str, str]]] = {}
    for element in _elements(dataset):
        indicator = element.indicator
        cats = by_kind.get(indicator.disaggregation) if by_kind else None
        if indicator.disaggregation == Disaggregation.NONE or not cats:
            result[indicator.pk] = [("", "")]
        else:
            result[indicator.pk] = list(cats)
    return result


def format_value(value: Decimal | int | None) -> str:
    """``1234567`` → ``1.234.567``, ``87.5`` → ``87,5`` (Vietnamese separators); None → ""."""
    if value is None:
        return ""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    text = f"{whole:,}".replace(",", ".")
    frac = (value - whole).quantize(Decimal("0.01"))
    if frac:
        text += "," + f"{frac:.2f}"[2:].rstrip("0")
    return sign + text


@dataclass
class FormRow:
    element: DataSetIndicator
    indicator: Indicator
    category: str
    category_label: str
    value: DataValue | None
    first_of_indicator: bool
    span: int

    @property
    def key(self) -> str:
        """The form field's name part: ``<indicator code>`` or ``<code>-<category>``."""
        return f"{self.indicator.code}-{self.category}" if self.category else self.indicator.code

    @property
    def display_value(self) -> str:
        if self.value is None:
            return ""
        return self.value.text if self.indicator.is_text else format_value(self.value.value)

    @property
    def display_prefilled(self) -> str:
        return format_value(self.value.prefilled) if self.value is not None else ""

    @property
    def is_prefilled(self) -> bool:
        return self.indicator.prefill_source != PrefillSource.NONE


def submission_form(*, submission: Submission) -> list[FormRow]:
    """Every indicator × category of the data set with its value. Four queries."""
    dataset = submission.dataset
    categories = indicator_categories(dataset=dataset)
    values = {
        (v.indicator_id, v.category): v
        for v in DataValue.objects.filter(submission=submission).select_related("updated_by")
    }
    rows: list[FormRow] = []
    for element in _elements(dataset):
        cats = categories[element.indicator_id]
        for index, (code, label) in enumerate(cats):
            rows.append(
                FormRow(
                    element=element,
                    indicator=element.indicator,
                    category=code,
                    category_label=label,
                    value=values.get((element.indicator_id, code)),
                    first_of_indicator=index == 0,
                    span=len(cats),
                )
            )
    return rows


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


# --- consolidated values ---------------------------------------------------------------------


def _reported_values(*, dataset: DataSet, period: Period, approved_only: bool) -> QuerySet:
    statuses = [SubmissionStatus.APPROVED] if approved_only else list(SUBMISSION_REPORTED)
    return DataValue.objects.filter(
        submission__dataset=dataset, submission__period=period, submission__status__in=statuses
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
    *, dataset: DataSet, period: Period, approved_only: bool = False
) -> dict[tuple[str, str], Decimal]:
    """``{(indicator code, category): value}`` over the reported reports. One query."""
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


# --- figures from the plan's activities ------------------------------------------------------


def _activity_figures(activities: QuerySet) -> dict:
    """Per activity: form code, content codes, budget per source, outputs per measure. A fixed
    number of queries: activities, contents, budget lines, one per registered measure."""
    rows = list(activities.values_list("pk", "form__code"))
    # The activities as a subquery, not thousands of bound ids (5,000 in a province's year).
    ids = activities.order_by().values("pk")
    through = Activity.contents.through
    contents: dict[int, list[str]] = defaultdict(list)
    for activity_id, code in through.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "planitem__code"
    ):
        contents[activity_id].append(code)
    budget: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for activity_id, code, planned, spent in BudgetLine.objects.filter(
        activity_id__in=ids
    ).values_list("activity_id", "funding_source__code", "planned", "spent"):
        budget[activity_id].append((code, planned, spent))
    outputs = registry.per_activity(activities=Activity.objects.filter(pk__in=ids))
    return {
        "forms": dict(rows),
        "contents": contents,
        "budget": budget,
        "outputs": outputs,
    }


def _bucket() -> dict:
    return {"activity_count": 0, "outputs": defaultdict(int), "planned": 0, "spent": 0}


def _figures_by_category(figures: dict) -> dict[str, dict[str, dict]]:
    """``{"form"|"content"|"funding_source"|"": {category: bucket}}``."""
    groups: dict[str, dict[str, dict]] = {
        Disaggregation.FORM: defaultdict(_bucket),
        Disaggregation.CONTENT: defaultdict(_bucket),
        Disaggregation.FUNDING_SOURCE: defaultdict(_bucket),
        Disaggregation.NONE: defaultdict(_bucket),
    }
    for activity_id, form_code in figures["forms"].items():
        planned = sum(p for _c, p, _s in figures["budget"].get(activity_id, []))
        spent = sum(s for _c, _p, s in figures["budget"].get(activity_id, []))
        keys = [(Disaggregation.FORM, form_code), (Disaggregation.NONE, "")]
        keys += [(Disaggregation.CONTENT, c) for c in figures["contents"].get(activity_id, [])]
        for kind, code in keys:
            bucket = groups[kind][code]
            bucket["activity_count"] += 1
            bucket["planned"] += planned
            bucket["spent"] += spent
            for measure, per_activity in figures["outputs"].items():
                bucket["outputs"][measure] += per_activity.get(activity_id, 0)
        for code, p, s in figures["budget"].get(activity_id, []):
            bucket = groups[Disaggregation.FUNDING_SOURCE][code]
            bucket["activity_count"] += 1
            bucket["planned"] += p
            bucket["spent"] += s
            for measure, per_activity in figures["outputs"].items():
                bucket["outputs"][measure] += per_activity.get(activity_id, 0)
    return groups


def _counted_activities(plan: Plan) -> QuerySet[Activity]:
    # A cancelled activity produced nothing and spent what its budget line says it spent; it is
    # left out of results so planned money of work never done does not inflate the plan.
    return Activity.objects.filter(subplan__plan=plan).exclude(status=ActivityStatus.CANCELLED)


def communication_results(*, plan: Plan) -> dict:
    """The plan's communication results for the public results page and the consolidated
    report. ``forms``/``contents``/``funding`` are lists of dicts with ``code``, ``label``,
    ``activity_count``, ``outputs`` ({measure code: quantity}), ``planned``, ``spent``;
    ``measures`` lists (code, label) of the registered output measures; ``totals`` sums all
    activities once. A constant number of queries."""
    items = list(plan.items.filter(kind__in=[ItemKind.FORM, ItemKind.CONTENT]).order_by("position"))
    sources = list(plan.funding_sources.order_by("position"))
    groups = _figures_by_category(_activity_figures(_counted_activities(plan)))
    all_measures = registry.measures()

    def entry(kind: str, code: str, label: str) -> dict:
        bucket = groups[kind].get(code) or _bucket()
        return {
            "code": code,
            "label": label,
            "activity_count": bucket["activity_count"],
            "outputs": {m.code: bucket["outputs"].get(m.code, 0) for m in all_measures},
            "planned": bucket["planned"],
            "spent": bucket["spent"],
            "spent_rate": _percent(bucket["spent"], bucket["planned"]),
        }

    total = entry(Disaggregation.NONE, "", "")
    return {
        "plan": plan,
        "measures": [(m.code, str(m.label)) for m in all_measures],
        "forms": [entry(Disaggregation.FORM, i.code, i.text) for i in items if i.kind == "form"],
        "contents": [
            entry(Disaggregation.CONTENT, i.code, i.text) for i in items if i.kind == "content"
        ],
        "funding": [entry(Disaggregation.FUNDING_SOURCE, s.code, s.name) for s in sources],
        "totals": total,
    }


def organisation_activities(
    *, plan: Plan, organisation: Organisation, start: date, end: date
) -> QuerySet[Activity]:
    """The organisation's activities under the plan that overlap [start, end]."""
    return _counted_activities(plan).filter(
        subplan__organisation=organisation, start_date__lte=end, end_date__gte=start
    )


def _prefill_value(indicator: Indicator, bucket: dict | None) -> Decimal:
    if bucket is None:
        return ZERO
    source = indicator.prefill_source
    if source == PrefillSource.OUTPUT:
        return Decimal(bucket["outputs"].get(indicator.prefill_key, 0))
    if source == PrefillSource.ACTIVITY_COUNT:
        return Decimal(bucket["activity_count"])
    if source == PrefillSource.BUDGET_PLANNED:
        return Decimal(bucket["planned"])
    if source == PrefillSource.BUDGET_SPENT:
        return Decimal(bucket["spent"])
    return ZERO


def prefill_figures(
    *, dataset: DataSet, period: Period, organisation: Organisation
) -> dict[tuple[str, str], Decimal]:
    """What the organisation's own records say for each pre-filled indicator × category."""
    if dataset.plan is None:
        return {}
    categories = indicator_categories(dataset=dataset)
    elements = [e for e in _elements(dataset) if e.indicator.prefill_source != PrefillSource.NONE]
    if not elements:
        return {}
    activities = organisation_activities(
        plan=dataset.plan, organisation=organisation, start=period.start, end=period.end
    )
    groups = _figures_by_category(_activity_figures(activities))
    result: dict[tuple[str, str], Decimal] = {}
    for element in elements:
        indicator = element.indicator
        for code, _label in categories[indicator.pk]:
            bucket = groups[indicator.disaggregation].get(code)
            result[(indicator.code, code)] = _prefill_value(indicator, bucket)
    return result


def lead_recipients(*, dataset: DataSet) -> list[str]:
    """E-mail addresses of the lead department's members (province admins and approvers)."""
    if dataset.lead_organisation_id is None:
        return []
    return _emails(
        Membership.objects.valid_on(_today()).filter(
            organisation_id=dataset.lead_organisation_id,
            role__in=[Role.PROVINCE_ADMIN, Role.APPROVER, Role.UNIT_OFFICER],
        )
    )


def organisation_recipients(*, organisation_ids: Iterable[int]) -> dict[int, list[str]]:
    """``{organisation id: [e-mail]}`` of the reporting officers of each organisation. One query."""
    result: dict[int, list[str]] = defaultdict(list)
    rows = (
        Membership.objects.valid_on(_today())
        .filter(
            organisation_id__in=list(organisation_ids),
            role__in=[Role.UNIT_OFFICER, Role.APPROVER, Role.PROVINCE_ADMIN],
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
        .order_by("organisation_id", "user__email")
    )
    for org_id, email in rows:
        if email not in result[org_id]:
            result[org_id].append(email)
    return result


def _emails(memberships: QuerySet) -> list[str]:
    return sorted(
        set(
            memberships.filter(user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def submission_detail(*, submission: Submission) -> Submission:
    """The submission with its evidence and events loaded."""
    return (
        Submission.objects.filter(pk=submission.pk)
        .select_related("dataset", "dataset__plan", "period", "organisation", "organisation__unit")
        .prefetch_related("evidence", Prefetch("events"))
        .get()
    )
