"""Writes of plans: the plan with its numbered items, funding sources and assignments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.organisations.models import Organisation

from ..enums import AssignmentRole, ItemKind
from ..models import Assignment, FundingSource, Plan, PlanItem

# --- plans -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSpec:
    code: str
    text: str
    form_kind: str = ""  # a FormKind value, for the items of section III.2 only


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
            add_plan_item(
                plan=plan,
                kind=kind,
                code=spec.code,
                text=spec.text,
                position=position,
                form_kind=spec.form_kind,
            )
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


def add_plan_item(
    *, plan: Plan, kind: str, code: str, text: str, position: int = 0, form_kind: str = ""
) -> PlanItem:
    item = PlanItem(
        plan=plan, kind=kind, code=code, text=text, position=position, form_kind=form_kind
    )
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
