"""Writes: plans and their items, sub-plans and their one status transition, activities.

Every write is validated (``full_clean``) and multi-row writes run in one transaction, so a
refused field leaves nothing half-saved. Writes made on behalf of a person take ``actor`` and
refuse (PermissionDenied) what lies outside that person's scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, MEDIA_KINDS, validate_upload
from giamngheo.organisations.models import AdministrativeUnit, Organisation
from giamngheo.organisations.selectors import is_province_admin, organisations_for_user

from .enums import (
    SUBPLAN_REVIEW_TARGETS,
    SUBPLAN_TRANSITIONS,
    ActivityStatus,
    AssignmentRole,
    EvidenceKind,
    ItemKind,
    SubPlanStatus,
)
from .models import (
    Activity,
    ActivityOutput,
    Assignment,
    BudgetLine,
    Evidence,
    FundingSource,
    Plan,
    PlanItem,
    SubPlan,
    SubPlanEvent,
)

EVIDENCE_KINDS = set(IMAGE_KINDS) | DOCUMENT_KINDS | MEDIA_KINDS | {"jpg"}


# --- plans -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSpec:
    code: str
    text: str


@dataclass(frozen=True)
class FundingSpec:
    code: str
    name: str
    text: str


@dataclass(frozen=True)
class AssignmentSpec:
    code: str
    heading: str
    role: str
    tasks: Sequence[str]
    organisations: Sequence[Organisation] = ()


@transaction.atomic
def create_plan(
    *,
    issuing_body_name: str,
    place: str,
    title: str,
    year: int,
    legal_bases: str,
    purposes: Sequence[str],
    requirements: Sequence[str],
    audience: str,
    scope: str,
    period_text: str,
    period_start: date,
    period_end: date,
    report_deadline: date,
    recipients: Sequence[str],
    signer_title: str,
    signer_name: str,
    signer_authority: str = "",
    closing: Sequence[str] = (),
    number: str = "",
    symbol: str = "KH-UBND",
    issued_on: date | None = None,
    issuing_body: Organisation | None = None,
    contents: Sequence[ItemSpec] = (),
    forms: Sequence[ItemSpec] = (),
    solutions: Sequence[ItemSpec] = (),
    funding_sources: Sequence[FundingSpec] = (),
    assignments: Sequence[AssignmentSpec] = (),
) -> Plan:
    """A plan with all its structured parts, in one transaction: all of it or nothing."""
    plan = Plan(
        issuing_body=issuing_body,
        issuing_body_name=issuing_body_name,
        number=number,
        symbol=symbol,
        place=place,
        issued_on=issued_on,
        title=title,
        year=year,
        legal_bases=legal_bases,
        purposes="\n".join(purposes),
        requirements="\n".join(requirements),
        audience=audience,
        scope=scope,
        period_text=period_text,
        period_start=period_start,
        period_end=period_end,
        report_deadline=report_deadline,
        closing="\n".join(closing),
        recipients="\n".join(recipients),
        signer_authority=signer_authority,
        signer_title=signer_title,
        signer_name=signer_name,
    )
    plan.full_clean()
    if not (plan.period_start <= plan.report_deadline <= plan.period_end):
        raise ValidationError(
            {"report_deadline": _("Hạn báo cáo phải nằm trong thời gian thực hiện kế hoạch.")}
        )
    plan.save()
    for kind, specs in (
        (ItemKind.CONTENT, contents),
        (ItemKind.FORM, forms),
        (ItemKind.SOLUTION, solutions),
    ):
        for position, spec in enumerate(specs, start=1):
            add_plan_item(plan=plan, kind=kind, code=spec.code, text=spec.text, position=position)
    for position, spec in enumerate(funding_sources, start=1):
        add_funding_source(
            plan=plan, code=spec.code, name=spec.name, text=spec.text, position=position
        )
    for position, spec in enumerate(assignments, start=1):
        add_assignment(
            plan=plan,
            code=spec.code,
            heading=spec.heading,
            role=spec.role,
            tasks=spec.tasks,
            organisations=spec.organisations,
            position=position,
        )
    return plan


@transaction.atomic
def set_plan_issuing_body(*, plan: Plan, organisation: Organisation | None) -> Plan:
    plan.issuing_body = organisation
    plan.full_clean()
    plan.save(update_fields=["issuing_body"])
    return plan


def add_plan_item(*, plan: Plan, kind: str, code: str, text: str, position: int = 0) -> PlanItem:
    item = PlanItem(plan=plan, kind=kind, code=code, text=text, position=position)
    item.full_clean()
    item.save()
    return item


def add_funding_source(
    *, plan: Plan, code: str, name: str, text: str, position: int = 0
) -> FundingSource:
    source = FundingSource(plan=plan, code=code, name=name, text=text, position=position)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def add_assignment(
    *,
    plan: Plan,
    code: str,
    heading: str,
    role: str,
    tasks: Sequence[str],
    organisations: Iterable[Organisation] = (),
    position: int = 0,
) -> Assignment:
    assignment = Assignment(
        plan=plan, code=code, heading=heading, role=role, tasks="\n".join(tasks), position=position
    )
    assignment.full_clean()
    assignment.save()
    assignment.organisations.set(list(organisations))
    return assignment


@transaction.atomic
def set_assignment_organisations(
    *, assignment: Assignment, organisations: Iterable[Organisation]
) -> Assignment:
    assignment.organisations.set(list(organisations))
    return assignment


def lead_assignment(*, plan: Plan) -> Assignment | None:
    return plan.assignments.filter(role=AssignmentRole.LEAD).order_by("position").first()


# --- sub-plans -------------------------------------------------------------------------------


def _require_organisation_in_scope(*, actor, organisation: Organisation) -> None:
    from .selectors import can_plan

    if not can_plan(user=actor) or not (
        organisations_for_user(user=actor).filter(pk=organisation.pk).exists()
    ):
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


@transaction.atomic
def transition_subplan(*, subplan: SubPlan, to: str, actor, reason: str = "") -> SubPlan:
    """The one way a sub-plan changes status (SUBPLAN_TRANSITIONS), with its audit row.

    The row is locked first, so two reviewers clicking at once cannot both move it: the second
    sees the status the first left and is refused.
    """
    locked = SubPlan.objects.select_for_update().select_related("organisation").get(pk=subplan.pk)
    current = locked.status
    if to not in SUBPLAN_TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            _("Không thể chuyển kế hoạch cụ thể từ “%(from)s” sang “%(to)s”."),
            code="bad_transition",
            params={"from": SubPlanStatus(current).label, "to": SubPlanStatus(to).label},
        )
    if to in SUBPLAN_REVIEW_TARGETS:
        if not is_province_admin(user=actor):
            raise PermissionDenied(_("Chỉ cơ quan thường trực được phê duyệt hoặc trả lại."))
    else:
        _require_organisation_in_scope(actor=actor, organisation=locked.organisation)
    reason = (reason or "").strip()
    if to == SubPlanStatus.RETURNED and not reason:
        raise ValidationError({"reason": _("Hãy nêu lý do trả lại.")})
    now = timezone.now()
    locked.status = to
    if to == SubPlanStatus.SUBMITTED:
        locked.submitted_at = now
        locked.return_reason = ""
    else:
        locked.decided_at = now
        if to == SubPlanStatus.RETURNED:
            locked.return_reason = reason
    locked.save(update_fields=["status", "submitted_at", "decided_at", "return_reason"])
    SubPlanEvent.objects.create(
        subplan=locked, from_status=current, to_status=to, actor=actor, reason=reason
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


# --- activities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetSpec:
    funding_source: FundingSource
    planned: int = 0
    spent: int = 0


def _require_activity_scope(*, actor, subplan: SubPlan) -> None:
    _require_organisation_in_scope(actor=actor, organisation=subplan.organisation)


def _check_units(*, actor, units: Sequence[AdministrativeUnit]) -> None:
    from giamngheo.organisations.selectors import units_for_user

    if not units:
        raise ValidationError({"units": _("Hãy chọn ít nhất một địa bàn thực hiện.")})
    allowed = set(
        units_for_user(user=actor).filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True)
    )
    if any(u.pk not in allowed for u in units):
        raise ValidationError({"units": _("Địa bàn nằm ngoài phạm vi được giao của bạn.")})


def _save_budget(*, activity: Activity, budget: Sequence[BudgetSpec]) -> None:
    errors: dict[str, list] = {}
    seen: set[int] = set()
    for spec in budget:
        if spec.funding_source.pk in seen:
            errors.setdefault("budget_lines", []).append(_("Mỗi nguồn kinh phí chỉ nhập một dòng."))
            continue
        seen.add(spec.funding_source.pk)
        line = BudgetLine.objects.filter(
            activity=activity, funding_source=spec.funding_source
        ).first()
        line = line or BudgetLine(activity=activity, funding_source=spec.funding_source)
        line.planned, line.spent = spec.planned, spec.spent
        try:
            line.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
            continue
        line.save()
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_activity(
    *,
    actor,
    subplan: SubPlan,
    title: str,
    form: PlanItem,
    contents: Sequence[PlanItem],
    units: Sequence[AdministrativeUnit],
    start_date: date,
    end_date: date,
    description: str = "",
    status: str = ActivityStatus.PLANNED,
    budget: Sequence[BudgetSpec] = (),
    outputs: dict[str, int] | None = None,
) -> Activity:
    """An activity with its budget lines and outputs; a refused field leaves nothing saved."""
    _require_activity_scope(actor=actor, subplan=subplan)
    # Activities are recorded under an approved sub-plan too: the approval fixes the sub-plan's
    # text, not the work carried out under it.
    activity = Activity(
        subplan=subplan,
        title=title,
        form=form,
        description=description,
        start_date=start_date,
        end_date=end_date,
        status=status,
        created_by=actor,
    )
    activity.full_clean()
    _check_contents(plan=subplan.plan, contents=contents)
    _check_units(actor=actor, units=units)
    activity.save()
    activity.contents.set(contents)
    activity.units.set(units)
    _save_budget(activity=activity, budget=budget)
    if outputs:
        set_activity_outputs(actor=actor, activity=activity, outputs=outputs)
    return activity


def _check_contents(*, plan: Plan, contents: Sequence[PlanItem]) -> None:
    if not contents:
        raise ValidationError({"contents": _("Hãy chọn ít nhất một nội dung (mục 1.x).")})
    if any(c.plan_id != plan.pk or c.kind != ItemKind.CONTENT for c in contents):
        raise ValidationError({"contents": _("Nội dung phải là các mục 1.x của kế hoạch này.")})


@transaction.atomic
def update_activity(
    *,
    actor,
    activity: Activity,
    title: str,
    form: PlanItem,
    contents: Sequence[PlanItem],
    units: Sequence[AdministrativeUnit],
    start_date: date,
    end_date: date,
    description: str = "",
    status: str = ActivityStatus.PLANNED,
) -> Activity:
    _require_activity_scope(actor=actor, subplan=activity.subplan)
    activity.title, activity.form, activity.description = title, form, description
    activity.start_date, activity.end_date, activity.status = start_date, end_date, status
    activity.full_clean()
    _check_contents(plan=activity.subplan.plan, contents=contents)
    _check_units(actor=actor, units=units)
    activity.save()
    activity.contents.set(contents)
    activity.units.set(units)
    return activity


@transaction.atomic
def set_activity_budget(*, actor, activity: Activity, budget: Sequence[BudgetSpec]) -> Activity:
    """Planned and spent amounts per funding source; all lines or none."""
    _require_activity_scope(actor=actor, subplan=activity.subplan)
    _save_budget(activity=activity, budget=budget)
    return activity


@transaction.atomic
def set_activity_outputs(*, actor, activity: Activity, outputs: dict[str, int]) -> Activity:
    """Quantities by output kind; a quantity of 0 removes the kind."""
    _require_activity_scope(actor=actor, subplan=activity.subplan)
    errors: dict[str, list] = {}
    for kind, quantity in outputs.items():
        if quantity == 0:
            ActivityOutput.objects.filter(activity=activity, kind=kind).delete()
            continue
        row = ActivityOutput.objects.filter(activity=activity, kind=kind).first()
        row = row or ActivityOutput(activity=activity, kind=kind)
        row.quantity = quantity
        try:
            row.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
            continue
        row.save()
    if errors:
        raise ValidationError(errors)
    return activity


@transaction.atomic
def add_evidence_link(*, actor, activity: Activity, title: str, url: str) -> Evidence:
    _require_activity_scope(actor=actor, subplan=activity.subplan)
    evidence = Evidence(
        activity=activity, kind=EvidenceKind.LINK, title=title, url=url.strip(), uploaded_by=actor
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def add_evidence_file(*, actor, activity: Activity, title: str, upload) -> Evidence:
    """A file checked by content (core.uploads), stored under a generated name."""
    _require_activity_scope(actor=actor, subplan=activity.subplan)
    try:
        clean = validate_upload(upload, allowed=EVIDENCE_KINDS)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    evidence = Evidence(
        activity=activity,
        kind=EvidenceKind.FILE,
        title=title,
        file_kind=clean.kind,
        uploaded_by=actor,
    )
    evidence.file.save(clean.content.name, clean.content, save=False)
    try:
        evidence.full_clean()
    except ValidationError:
        evidence.file.delete(save=False)
        raise
    evidence.save()
    return evidence
