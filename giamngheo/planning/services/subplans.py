"""Writes of sub-plans: creating and editing a draft, and its one status change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.workflow import transition
from giamngheo.organisations.models import Organisation
from giamngheo.organisations.selectors import is_province_admin

from ..enums import SUBPLAN_REVIEW_TARGETS, SUBPLAN_WORKFLOW, SubPlanStatus
from ..models import Plan, SubPlan

# --- sub-plans -------------------------------------------------------------------------------


def _require_organisation_in_scope(*, actor, organisation: Organisation) -> None:
    if not actor.has_perm("planning.plan_for_organisation", organisation):
        raise PermissionDenied(_("Cơ quan, đơn vị này nằm ngoài phạm vi được giao của bạn."))


def _require_editable(*, subplan: SubPlan) -> None:
    if subplan.status not in (SubPlanStatus.DRAFT, SubPlanStatus.RETURNED):
        raise ValidationError(
            _("Kế hoạch cụ thể đã gửi hoặc đã phê duyệt, không thể sửa."), code="locked"
        )


@transaction.atomic
def create_subplan(
    *, actor, plan: Plan, organisation: Organisation, title: str, summary: str = ""
) -> SubPlan:
    """A draft sub-plan of ``organisation`` under ``plan``; the organisation must be in the
    actor's scope and assigned by the plan (section V) unless the actor is the lead department."""
    _require_organisation_in_scope(actor=actor, organisation=organisation)
    assignment = plan.assignments.filter(organisations=organisation).order_by("position").first()
    if assignment is None and not is_province_admin(user=actor):
        raise ValidationError(
            {"organisation": _("Cơ quan, đơn vị không được phân công trong kế hoạch này.")}
        )
    subplan = SubPlan(
        plan=plan,
        organisation=organisation,
        assignment=assignment,
        title=title,
        summary=summary,
        created_by=actor,
    )
    subplan.full_clean()
    subplan.save()
    return subplan


@transaction.atomic
def update_subplan(*, actor, subplan: SubPlan, title: str, summary: str = "") -> SubPlan:
    _require_organisation_in_scope(actor=actor, organisation=subplan.organisation)
    _require_editable(subplan=subplan)
    subplan.title = title
    subplan.summary = summary
    subplan.full_clean()
    subplan.save(update_fields=["title", "summary"])
    return subplan


def transition_subplan(*, subplan: SubPlan, to: str, actor, reason: str = "") -> SubPlan:
    """The one way a sub-plan changes status (``SUBPLAN_WORKFLOW``), with its audit row.

    The row is locked first, so two reviewers clicking at once cannot both move it: the second
    sees the status the first left and is refused. Approving and returning are the lead
    department's (PermissionDenied otherwise); a return needs its reason.
    """
    reason = (reason or "").strip()

    def check(locked: SubPlan) -> None:
        if to in SUBPLAN_REVIEW_TARGETS:
            if not actor.has_perm("planning.approve_subplan", locked):
                raise PermissionDenied(_("Chỉ cơ quan thường trực được phê duyệt hoặc trả lại."))
        else:
            _require_organisation_in_scope(actor=actor, organisation=locked.organisation)
        if to == SubPlanStatus.RETURNED and not reason:
            raise ValidationError({"reason": _("Hãy nêu lý do trả lại.")})

    def apply(locked: SubPlan) -> list[str]:
        # The reason of the latest return is shown until the sub-plan is sent again.
        if to == SubPlanStatus.SUBMITTED:
            locked.return_reason = ""
        elif to == SubPlanStatus.RETURNED:
            locked.return_reason = reason
        return ["return_reason"]

    transition(
        subplan,
        workflow=SUBPLAN_WORKFLOW,
        to=to,
        actor=actor,
        reason=reason,
        check=check,
        apply=apply,
        select_related=["organisation"],
    )
    subplan.refresh_from_db()
    return subplan


def submit_subplan(*, subplan: SubPlan, actor) -> SubPlan:
    return transition_subplan(subplan=subplan, to=SubPlanStatus.SUBMITTED, actor=actor)


def approve_subplan(*, subplan: SubPlan, actor) -> SubPlan:
    return transition_subplan(subplan=subplan, to=SubPlanStatus.APPROVED, actor=actor)


def return_subplan(*, subplan: SubPlan, actor, reason: str) -> SubPlan:
    return transition_subplan(
        subplan=subplan, to=SubPlanStatus.RETURNED, actor=actor, reason=reason
    )
