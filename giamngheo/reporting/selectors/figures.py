"""Figures from the plan's activities: communication results and the pre-fill."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from giamngheo.organisations.models import Organisation
from giamngheo.planning import registry
from giamngheo.planning.enums import ActivityStatus, ItemKind
from giamngheo.planning.models import Activity, BudgetLine, Plan

from ..enums import (
    Disaggregation,
    PrefillSource,
)
from ..models import DataSet, Indicator, Period
from .common import ZERO
from .completeness import _percent
from .forms import _elements, indicator_categories

# --- figures from the plan's activities ------------------------------------------------------


def _activity_figures(activities: QuerySet, *, start: date, end: date) -> dict:
    """Per activity: form code, content codes, budget per source, outputs per measure (the
    records dated in [start, end], both ends included). A fixed number of queries: activities,
    contents, budget lines, one per registered measure."""
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
    outputs = registry.per_activity(
        activities=Activity.objects.filter(pk__in=ids), start=start, end=end
    )
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


def communication_results(
    *, plan: Plan, start: date | None = None, end: date | None = None
) -> dict:
    """The plan's communication results for the public results page and the consolidated
    report, over [start, end] (both ends included; the plan's own period by default): the
    activities that overlap it, the outputs dated in it. ``forms``/``contents``/``funding`` are
    lists of dicts with ``code``, ``label``, ``activity_count``, ``outputs`` ({measure code:
    quantity}), ``planned``, ``spent``; ``measures`` lists (code, label) of the registered
    output measures; ``totals`` sums all activities once. A constant number of queries."""
    start = start or plan.period_start
    end = end or plan.period_end
    items = list(plan.items.filter(kind__in=[ItemKind.FORM, ItemKind.CONTENT]).order_by("position"))
    sources = list(plan.funding_sources.order_by("position"))
    activities = _counted_activities(plan).filter(start_date__lte=end, end_date__gte=start)
    groups = _figures_by_category(_activity_figures(activities, start=start, end=end))
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
    """What the organisation's own records say for each pre-filled indicator × category: its
    activities that overlap the period (activity count, budget) and the outputs of theirs dated
    inside the period, both ends included (``planning.registry``). An indicator bound to an
    area measure (``PrefillSource.AREA``) gets that measure of the plan's records about the
    organisation's unit, whoever's activity they belong to."""
    if dataset.plan is None:
        return {}
    categories = indicator_categories(dataset=dataset)
    elements = [e for e in _elements(dataset) if e.indicator.prefill_source != PrefillSource.NONE]
    result: dict[tuple[str, str], Decimal] = {}
    for element in [e for e in elements if e.indicator.prefill_source == PrefillSource.AREA]:
        value = registry.in_area(
            code=element.indicator.prefill_key,
            activities=_counted_activities(dataset.plan),
            unit=organisation.unit,
            start=period.start,
            end=period.end,
        )
        result[(element.indicator.code, "")] = value.quantize(Decimal("0.01"))
    elements = [e for e in elements if e.indicator.prefill_source != PrefillSource.AREA]
    if not elements:
        return result
    activities = organisation_activities(
        plan=dataset.plan, organisation=organisation, start=period.start, end=period.end
    )
    # Activities overlapping the period; their outputs only where dated inside it, so a
    # year-long activity's records are not counted again in every quarter.
    groups = _figures_by_category(_activity_figures(activities, start=period.start, end=period.end))
    for element in elements:
        indicator = element.indicator
        for code, _label in categories[indicator.pk]:
            bucket = groups[indicator.disaggregation].get(code)
            result[(indicator.code, code)] = _prefill_value(indicator, bucket)
    return result
