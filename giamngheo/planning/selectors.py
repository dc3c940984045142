"""Reads. Every function that returns rows to a person takes the user and filters to their scope.

Scope follows the organisations app: a unit officer reaches the sub-plans (and their activities)
of the organisations whose covered unit lies in their reach — their own organisation and, for a
district, the communes under it; the lead department (province administrator) reaches all.
Plans themselves are the province's issued documents: every staff member may read them.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from giamngheo.organisations.enums import Role
from giamngheo.organisations.selectors import (
    is_province_admin,
    is_staff_member,
    organisations_for_user,
    user_roles,
)

from .enums import ItemKind, SubPlanStatus
from .models import (
    Activity,
    Assignment,
    BudgetLine,
    Evidence,
    FundingSource,
    Plan,
    PlanItem,
    SubPlan,
)
from .seed import seed_full_text_html

# Roles that work on sub-plans and activities. A portal editor or a juror reads the plans but
# files nothing; their membership's unit does not open the sub-plans under it.
PLANNING_ROLES = frozenset({Role.PROVINCE_ADMIN, Role.UNIT_OFFICER, Role.APPROVER})


def can_plan(*, user) -> bool:
    if is_province_admin(user=user):
        return True
    return bool(user_roles(user=user) & PLANNING_ROLES)


def _pk(value) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else None


# --- plans -----------------------------------------------------------------------------------


def plan_of_year(*, year: int) -> Plan | None:
    """The first plan issued for a year (public pages and demo data cite it), or None."""
    return Plan.objects.filter(year=year).order_by("pk").first()


def seed_plan_html() -> str:
    """The seed plan's full text as HTML paragraphs (the portal's demo publishes it)."""
    return seed_full_text_html()


def plans_for_user(*, user) -> QuerySet[Plan]:
    if not is_staff_member(user=user):
        return Plan.objects.none()
    return Plan.objects.select_related("issuing_body")


def get_plan_for_user(*, user, pk) -> Plan:
    plan = plans_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if plan is None:
        raise Http404
    return plan


def plan_list_for_user(*, user) -> QuerySet[Plan]:
    """The plans with their number of items and sub-plans. One query."""
    return plans_for_user(user=user).annotate(
        item_count=Count("items", distinct=True), subplan_count=Count("subplans", distinct=True)
    )


def plan_document(*, plan: Plan) -> Plan:
    """The plan with every child row its document needs, loaded in a fixed number of queries."""
    return (
        Plan.objects.filter(pk=plan.pk)
        .select_related("issuing_body")
        .prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.order_by("kind", "position", "pk")),
            Prefetch("funding_sources", queryset=FundingSource.objects.order_by("position")),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.order_by("position").prefetch_related("organisations"),
            ),
        )
        .get()
    )


def plan_items(*, plan: Plan, kind: str) -> list[PlanItem]:
    """Items of one kind, from a plan loaded by ``plan_document`` (no query) or the database."""
    cache = getattr(plan, "_prefetched_objects_cache", {})
    items = cache["items"] if "items" in cache else plan.items.all()
    return sorted((i for i in items if i.kind == kind), key=lambda i: (i.position, i.pk))


# --- sub-plans -------------------------------------------------------------------------------


def subplans_for_user(*, user) -> QuerySet[SubPlan]:
    qs = SubPlan.objects.select_related("plan", "organisation", "organisation__unit", "assignment")
    if is_province_admin(user=user):
        return qs
    if not can_plan(user=user):
        return qs.none()
    return qs.filter(organisation__in=organisations_for_user(user=user).values("pk"))


def subplan_todo_counts(*, user) -> dict[str, int]:
    """Sub-plans in reach waiting for approval and returned for completion. One query."""
    if not can_plan(user=user):
        return {"submitted": 0, "returned": 0}
    return subplans_for_user(user=user).aggregate(
        submitted=Count("pk", filter=Q(status=SubPlanStatus.SUBMITTED)),
        returned=Count("pk", filter=Q(status=SubPlanStatus.RETURNED)),
    )


def subplan_openings(*, user, plan: Plan | None = None):
    """The organisations ``user`` may still open a sub-plan for: in their scope, assigned by a
    plan (section V) — any plan for the lead department — that holds no sub-plan of theirs yet.
    Empty for whoever may not plan: the "add" action is offered only when this is not empty."""
    if not can_plan(user=user):
        return organisations_for_user(user=user).none()
    plans = Plan.objects.all() if plan is None else Plan.objects.filter(pk=plan.pk)
    no_subplan = ~Exists(
        SubPlan.objects.filter(plan=OuterRef("pk"), organisation=OuterRef(OuterRef("pk")))
    )
    open_plan = plans.filter(no_subplan)
    if not is_province_admin(user=user):
        open_plan = open_plan.filter(
            Exists(
                Assignment.objects.filter(
                    plan=OuterRef("pk"), organisations=OuterRef(OuterRef("pk"))
                )
            )
        )
    return organisations_for_user(user=user).filter(Exists(open_plan)).order_by("name", "pk")


def plans_with_openings(*, user) -> QuerySet[Plan]:
    """The plans under which ``user`` may still open a sub-plan (``subplan_openings``)."""
    if not can_plan(user=user):
        return Plan.objects.none()
    reachable = organisations_for_user(user=user).filter(
        ~Exists(SubPlan.objects.filter(plan=OuterRef(OuterRef("pk")), organisation=OuterRef("pk")))
    )
    if not is_province_admin(user=user):
        reachable = reachable.filter(
            Exists(
                Assignment.objects.filter(
                    plan=OuterRef(OuterRef("pk")), organisations=OuterRef("pk")
                )
            )
        )
    return plans_for_user(user=user).filter(Exists(reachable))


def get_subplan_for_user(*, user, pk) -> SubPlan:
    """The sub-plan, or 404 when it does not exist *or* lies outside the user's scope."""
    subplan = subplans_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if subplan is None:
        raise Http404
    return subplan


def subplan_list_for_user(*, user, plan: Plan | None = None) -> QuerySet[SubPlan]:
    """Sub-plans with their activity count and budget totals. One query, whatever their number."""
    qs = subplans_for_user(user=user)
    if plan is not None:
        qs = qs.filter(plan=plan)
    planned = (
        BudgetLine.objects.filter(activity__subplan=OuterRef("pk"))
        .values("activity__subplan")
        .annotate(total=Sum("planned"))
        .values("total")
    )
    spent = (
        BudgetLine.objects.filter(activity__subplan=OuterRef("pk"))
        .values("activity__subplan")
        .annotate(total=Sum("spent"))
        .values("total")
    )
    return qs.annotate(
        activity_count=Count("activities", distinct=True),
        planned_total=Coalesce(Subquery(planned), 0),
        spent_total=Coalesce(Subquery(spent), 0),
    ).order_by("plan_id", "organisation__name", "pk")


# --- activities ------------------------------------------------------------------------------


def activities_for_user(*, user) -> QuerySet[Activity]:
    qs = Activity.objects.select_related(
        "subplan", "subplan__plan", "subplan__organisation", "form"
    )
    if is_province_admin(user=user):
        return qs
    if not can_plan(user=user):
        return qs.none()
    return qs.filter(subplan__organisation__in=organisations_for_user(user=user).values("pk"))


def get_activity_for_user(*, user, pk) -> Activity:
    activity = activities_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if activity is None:
        raise Http404
    return activity


def get_evidence_for_user(*, user, pk) -> Evidence:
    """A piece of evidence of an activity the user may see, or 404."""
    evidence = (
        Evidence.objects.filter(activity__in=activities_for_user(user=user).values("pk"), pk=pk)
        .select_related("activity")
        .first()
        if _pk(pk)
        else None
    )
    if evidence is None:
        raise Http404
    return evidence


def activity_list_for_user(
    *, user, subplan: SubPlan | None = None, plan: Plan | None = None
) -> QuerySet[Activity]:
    """Activities with contents, places, budget lines and outputs: four queries in all."""
    qs = activities_for_user(user=user)
    if subplan is not None:
        qs = qs.filter(subplan=subplan)
    if plan is not None:
        qs = qs.filter(subplan__plan=plan)
    return qs.prefetch_related(
        Prefetch(
            "contents", queryset=PlanItem.objects.filter(kind=ItemKind.CONTENT).order_by("position")
        ),
        "units",
        Prefetch("budget_lines", queryset=BudgetLine.objects.select_related("funding_source")),
        "outputs",
    ).order_by("subplan_id", "start_date", "pk")


def budget_by_funding_source(*, user, plan: Plan) -> list[dict]:
    """Planned and spent per funding source over the activities the user may see. One query."""
    rows = (
        BudgetLine.objects.filter(
            activity__in=activities_for_user(user=user).filter(subplan__plan=plan).values("pk")
        )
        .values("funding_source_id", "funding_source__code", "funding_source__name")
        .annotate(planned=Sum("planned"), spent=Sum("spent"))
        .order_by("funding_source__position")
    )
    return list(rows)
