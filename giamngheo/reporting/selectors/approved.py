"""The communication results the approved reports state: one source for every published figure.

A unit's report is reviewed by the lead department before its figures count: the consolidated
report and the public results page read the approved reports only, never an officer's draft
nor a report sent but not yet reviewed, nor the live activities an officer is still editing
(the source of the contradiction "6 activities in section 1, 5 in the table" of issue 13).

Each indicator of a data set that is pre-filled from the plan's records says what it measures
(``prefill_source``: activities, an output measure, budget planned or spent) and by which
category (form 2.x, content 1.x, funding source): that is how a reported value lands in the
results table. A figure no indicator of the data set states is ``None`` (shown as "—"), never
a 0 that nobody reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Case, IntegerField, QuerySet, Value, When

from giamngheo.planning import registry
from giamngheo.planning.models import Plan

from ..enums import (
    Aggregation,
    Disaggregation,
    Measure,
    PeriodType,
    PrefillSource,
    SubmissionStatus,
)
from ..models import DataSet, Period, Submission
from .completeness import _percent
from .forms import _elements, _plan_categories
from .values import consolidated_values

FIELDS = {
    PrefillSource.ACTIVITY_COUNT: "activity_count",
    PrefillSource.BUDGET_PLANNED: "planned",
    PrefillSource.BUDGET_SPENT: "spent",
}
# What a total over the categories of one disaggregation may add up without counting anything
# twice: an activity has one form (activities and outputs by form add up), a budget line one
# source (money by source adds up); an activity has several contents, so contents never add up.
SUMMABLE = {
    "activity_count": (Disaggregation.FORM,),
    "outputs": (Disaggregation.FORM,),
    "planned": (Disaggregation.FUNDING_SOURCE, Disaggregation.FORM),
    "spent": (Disaggregation.FUNDING_SOURCE, Disaggregation.FORM),
}


def _whole(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


def _add(a, b):
    return b if a is None else a + b


def _stated(dataset: DataSet) -> list:
    """The indicators of the data set that state a result: numeric, added up, pre-filled from
    the activities of the plan's records (an area figure is about a place, not a result
    table's row)."""
    return [
        e.indicator
        for e in _elements(dataset)
        if e.indicator.prefill_source in (*FIELDS, PrefillSource.OUTPUT)
        and e.indicator.measure != Measure.TEXT
        and e.indicator.aggregation == Aggregation.SUM
    ]


def results_from_values(*, dataset: DataSet, values: dict[tuple[str, str], Decimal]) -> dict:
    """The results of ``values`` (``consolidated_values`` of approved reports) in the shape of
    ``communication_results``: ``forms``/``contents``/``funding`` (every category of the plan,
    in its order: ``code``, ``label``, ``activity_count``, ``outputs`` {measure: quantity},
    ``planned``, ``spent``, ``spent_rate``), ``measures`` [(code, label)] and ``totals``. No
    query beyond the data set's elements and the plan's categories (cached per data set)."""
    categories = _plan_categories(dataset.plan)
    indicators = _stated(dataset)
    measures: list[tuple[str, str]] = []
    for indicator in indicators:
        key = indicator.prefill_key
        if indicator.prefill_source == PrefillSource.OUTPUT and key not in dict(measures):
            try:
                label = str(registry.get_measure(key).label)
            except KeyError:
                label = indicator.name
            measures.append((key, label))

    def bucket() -> dict:
        return {"activity_count": None, "outputs": {}, "planned": None, "spent": None}

    groups = {
        kind: {code: bucket() for code, _label in categories.get(kind, [])}
        for kind in (Disaggregation.FORM, Disaggregation.CONTENT, Disaggregation.FUNDING_SOURCE)
    }
    groups[Disaggregation.NONE] = {"": bucket()}
    stated: dict[str, set[str]] = {}  # field → the disaggregations an indicator states it by
    for indicator in indicators:
        kind = indicator.disaggregation
        if indicator.prefill_source == PrefillSource.OUTPUT:
            field, key = "outputs", indicator.prefill_key
        else:
            field, key = FIELDS[indicator.prefill_source], ""
        stated.setdefault(field if not key else f"outputs:{key}", set()).add(kind)
        for code, target in groups.get(kind, {}).items():
            value = values.get((indicator.code, code), Decimal(0))
            if key:
                target["outputs"][key] = _add(target["outputs"].get(key), value)
            else:
                target[field] = _add(target[field], value)

    totals = groups[Disaggregation.NONE][""]

    def total_of(field: str, key: str = ""):
        kinds = stated.get(f"outputs:{key}" if key else field, set())
        if Disaggregation.NONE in kinds:
            return totals["outputs"][key] if key else totals[field]
        for kind in SUMMABLE["outputs" if key else field]:
            if kind in kinds:
                found = [
                    (b["outputs"].get(key) if key else b[field]) for b in groups[kind].values()
                ]
                return sum((v for v in found if v is not None), Decimal(0))
        return None

    total = {
        "activity_count": total_of("activity_count"),
        "outputs": {key: total_of("outputs", key) for key, _label in measures},
        "planned": total_of("planned"),
        "spent": total_of("spent"),
    }

    def entry(code: str, label: str, b: dict) -> dict:
        planned, spent = b["planned"], b["spent"]
        return {
            "code": code,
            "label": label,
            "activity_count": None if b["activity_count"] is None else _whole(b["activity_count"]),
            "outputs": {
                key: _whole(b["outputs"][key]) for key, _label in measures if key in b["outputs"]
            },
            "planned": None if planned is None else _whole(planned),
            "spent": None if spent is None else _whole(spent),
            "spent_rate": (
                _percent(spent, planned) if planned is not None and spent is not None else None
            ),
        }

    def entries(kind: str) -> list[dict]:
        return [entry(code, label, groups[kind][code]) for code, label in categories.get(kind, [])]

    return {
        "plan": dataset.plan,
        "measures": measures,
        "forms": entries(Disaggregation.FORM),
        "contents": entries(Disaggregation.CONTENT),
        "funding": entries(Disaggregation.FUNDING_SOURCE),
        "totals": entry(
            "",
            "",
            {**total, "outputs": {k: v for k, v in total["outputs"].items() if v is not None}},
        ),
    }


def results_dataset(*, plan: Plan) -> DataSet | None:
    """The plan's data set whose reports state its communication results (an indicator
    pre-filled from the plan's records); a yearly one first, then by code: one data set, so
    the same activity reported in a quarterly and a yearly form is never counted twice. One
    query."""
    return (
        DataSet.objects.filter(
            plan=plan,
            elements__indicator__prefill_source__in=[*FIELDS, PrefillSource.OUTPUT],
        )
        .annotate(
            yearly=Case(
                When(period_type=PeriodType.YEARLY, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("plan")
        .order_by("yearly", "code")
        .distinct()
        .first()
    )


def approved_submissions(*, dataset: DataSet, periods: Iterable[Period]) -> QuerySet[Submission]:
    return Submission.objects.filter(
        dataset=dataset, period__in=periods, status=SubmissionStatus.APPROVED
    )


def approved_results(*, dataset: DataSet, periods: Iterable[Period] | QuerySet[Period]) -> dict:
    """``results_from_values`` over the approved reports of ``periods`` of ``dataset``, with
    ``approved`` (how many reports were counted) and ``periods`` (their names, in order): what
    a published figure names as its source. Four queries (values, approved reports, elements,
    plan categories)."""
    periods = list(periods)
    values = consolidated_values(dataset=dataset, period=periods, approved_only=True)
    data = results_from_values(dataset=dataset, values=values)
    data["approved"] = approved_submissions(dataset=dataset, periods=periods).count()
    data["periods"] = [p.name for p in sorted(periods, key=lambda p: p.start)]
    data["dataset"] = dataset
    return data
