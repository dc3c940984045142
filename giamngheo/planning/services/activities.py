"""Writes of activities: the activity with its budget lines, outputs and evidence, and its
status (``ACTIVITY_WORKFLOW``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.numbers import format_number
from giamngheo.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, MEDIA_KINDS, validate_upload
from giamngheo.core.workflow import transition
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.organisations.selectors import units_for_user

from ..enums import ACTIVITY_WORKFLOW, ActivityStatus, EvidenceKind, ItemKind
from ..models import (
    Activity,
    ActivityOutput,
    BudgetLine,
    Evidence,
    FundingSource,
    Plan,
    PlanItem,
    SubPlan,
)
from .subplans import _require_organisation_in_scope

EVIDENCE_KINDS = set(IMAGE_KINDS) | DOCUMENT_KINDS | MEDIA_KINDS | {"jpg"}


# --- activities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetSpec:
    funding_source: FundingSource
    planned: int = 0
    spent: int = 0


def _require_activity_scope(*, actor, subplan: SubPlan) -> None:
    _require_organisation_in_scope(actor=actor, organisation=subplan.organisation)


def _check_units(*, actor, units: Sequence[AdministrativeUnit]) -> None:
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
    _require_overspend_reason(activity=activity)


def overspent_lines(lines) -> list:
    """The budget lines whose spent amount exceeds the planned one."""
    return [line for line in lines if line.spent > line.planned]


def overspend_message(lines) -> str:
    return _(
        "Kinh phí đã chi vượt kinh phí dự kiến (%(lines)s). Hãy ghi lý do chi vượt dự kiến."
    ) % {
        "lines": "; ".join(
            _("%(source)s: dự kiến %(planned)s đồng, đã chi %(spent)s đồng")
            % {
                "source": line.funding_source.name,
                "planned": format_number(line.planned),
                "spent": format_number(line.spent),
            }
            for line in lines
        )
    }


def _require_overspend_reason(*, activity: Activity) -> None:
    # Spending more than planned happens (prices rise, a second broadcast); it is written down
    # with its reason, so that a typing error (15 đ planned, 12.500.000 spent) is caught here.
    over = overspent_lines(activity.budget_lines.select_related("funding_source"))
    if over and not activity.overspend_reason.strip():
        raise ValidationError({"overspend_reason": overspend_message(over)}, code="overspent")


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
    overspend_reason: str = "",
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
        overspend_reason=overspend_reason,
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
    status: str | None = None,
    overspend_reason: str | None = None,
) -> Activity:
    """Edit an activity. A ``status`` other than the current one is a move of
    ``ACTIVITY_WORKFLOW`` (refused outside its map, audited); None keeps the status (and the
    overspend reason)."""
    _require_activity_scope(actor=actor, subplan=activity.subplan)
    if status is not None and status != activity.status:
        transition(activity, workflow=ACTIVITY_WORKFLOW, to=status, actor=actor)
        activity.refresh_from_db(fields=["status"])
    activity.title, activity.form, activity.description = title, form, description
    activity.start_date, activity.end_date = start_date, end_date
    if overspend_reason is not None:
        activity.overspend_reason = overspend_reason
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
