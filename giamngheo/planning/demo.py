"""The seed plan (Kế hoạch truyền thông … tỉnh Bắc Giang năm 2023) loaded as a structured ``Plan``.

Parsed from the corrected text of the signed document (planning/ke-hoach-2023.txt, through
``seed_blocks``), so every item keeps the document's exact wording; the header facts the text
extraction lost (issuing body line, place, symbol) and the machine facts (period, deadline as a
date) are written here. The plan's number and date of issue are not in the source: they stay
blank and the generated document leaves room for them, as an unnumbered draft does.

Built by calling services; a second run changes nothing (it only links organisations that were
loaded after the plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.enums import OrganisationKind, UnitLevel
from giamngheo.organisations.models import Organisation

from . import services
from .enums import AssignmentRole, FormKind
from .models import Plan
from .seed import seed_blocks

TITLE = "Truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững tỉnh Bắc Giang năm 2023"
ISSUING_BODY_NAME = "UBND TỈNH BẮC GIANG"
YEAR = 2023
DAY_IN_PLAN = date(2023, 6, 1)

# Short names of the three funding sources of section IV, for forms and report columns.
FUNDING_NAMES = {
    "1": "Ngân sách nhà nước (Tiểu dự án 1, Dự án 6)",
    "2": "Lồng ghép các nguồn lực hợp pháp khác",
    "3": "Xã hội hóa (doanh nghiệp, đơn vị sự nghiệp, báo chí)",
}

# The communication form of each item of section III.2, as the seed plan numbers them.
FORM_KINDS = {
    "2.1": FormKind.MASS_MEDIA,
    "2.2": FormKind.CONTEST,
    "2.3": FormKind.EMULATION,
    "2.4": FormKind.TRAINING,
    "2.5": FormKind.PUBLICATIONS,
    "2.6": FormKind.DIGITAL,
}

_ROMAN = re.compile(r"^(I|II|III|IV|V)\.\s+(.*)$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_SUBNUMBERED = re.compile(r"^(\d+\.\d+)\.\s+(.*)$")


@dataclass
class SeedPlan:
    legal_bases: str = ""
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    audience: str = ""
    scope: str = ""
    period_text: str = ""
    contents: list[services.ItemSpec] = field(default_factory=list)
    forms: list[services.ItemSpec] = field(default_factory=list)
    solutions: list[services.ItemSpec] = field(default_factory=list)
    funding: list[services.FundingSpec] = field(default_factory=list)
    assignments: list[tuple[str, str, list[str]]] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""


def parse_seed_plan(blocks: list[str] | None = None) -> SeedPlan:
    """Sections I–V, the closing, the recipients and the signature of the seed text."""
    blocks = blocks if blocks is not None else seed_blocks()
    plan = SeedPlan()
    plan.legal_bases = blocks[0]
    section, sub = "", ""
    tail = iter(())
    for index, block in enumerate(blocks[1:], start=1):
        if block.startswith(("Trên đây", "Nơi nhận")):
            tail = iter(blocks[index:])
            break
        if match := _ROMAN.match(block):
            section, sub = match.group(1), ""
            continue
        if section == "III" and (match := _SUBNUMBERED.match(block)):
            code, text = match.groups()
            target = {"1": plan.contents, "2": plan.forms, "3": plan.solutions}[code.split(".")[0]]
            form_kind = FORM_KINDS.get(code, "")
            target.append(services.ItemSpec(code=code, text=text, form_kind=form_kind))
            continue
        if section == "IV" and (match := _NUMBERED.match(block)):
            code, text = match.groups()
            plan.funding.append(
                services.FundingSpec(code=code, name=FUNDING_NAMES[code], text=text)
            )
            continue
        if (match := _NUMBERED.match(block)) and not block.startswith("- "):
            sub = match.group(1)
            if section == "V":
                plan.assignments.append((sub, match.group(2), []))
            continue
        if section == "I":
            (plan.purposes if sub == "1" else plan.requirements).append(block)
        elif section == "II" and sub == "1":
            plan.audience = block
        elif section == "II" and sub == "2":
            label, _sep, value = block.removeprefix("- ").partition(": ")
            if label == "Phạm vi thực hiện":
                plan.scope = value
            elif label == "Thời gian thực hiện":
                plan.period_text = value
            else:
                raise ValueError(f"Unexpected line in II.2: {block!r}")
        elif section == "V" and plan.assignments:
            plan.assignments[-1][2].append(block)
        else:
            raise ValueError(f"Unplaced block in section {section}.{sub}: {block!r}")
    in_recipients = False
    for block in tail:
        if block.startswith("Nơi nhận"):
            in_recipients = True
        elif block.startswith("KT. "):
            plan.signer_authority = block
            in_recipients = False
        elif not in_recipients and plan.signer_authority and not plan.signer_title:
            plan.signer_title = block
        elif not in_recipients and plan.signer_title:
            plan.signer_name = block
        elif in_recipients:
            plan.recipients.append(block)
        else:
            plan.closing.append(block)
    return plan


# Commune committees assigned with the districts (section V, item 4) in the demo.
DEMO_COMMUNES = ("Ủy ban nhân dân xã Tân Sỏi",)


def _organisations_2023() -> dict[str, list[Organisation]]:
    """The organisations section V names, as loaded by organisations.demo (empty if not)."""
    in_force = Organisation.objects.valid_on(DAY_IN_PLAN).select_related("unit")
    province_level = in_force.filter(
        unit__level=UnitLevel.PROVINCE, unit__name__contains="Bắc Giang"
    )

    def named(*names: str) -> list[Organisation]:
        return [org for name in names for org in province_level.filter(name=name)]

    lead = "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
    ict = "Sở Thông tin và Truyền thông tỉnh Bắc Giang"
    return {
        "1": named(lead),
        "2": named(ict),
        "3": list(
            province_level.filter(kind=OrganisationKind.DEPARTMENT)
            .exclude(name__in=[lead, ict])
            .order_by("name")
        ),
        # The district committees, and the commune committees the demo has an officer for
        # (Tân Sỏi, huyện Yên Thế): section V's "chỉ đạo cơ sở" reaches the communes, and the
        # commune officer files a sub-plan, its activities and a report like a district does.
        "4": list(
            in_force.filter(
                kind=OrganisationKind.PEOPLES_COMMITTEE,
                unit__level=UnitLevel.DISTRICT,
                unit__path__startswith=_province_path(province_level),
            ).order_by("unit__code")
        )
        + list(
            in_force.filter(
                kind=OrganisationKind.PEOPLES_COMMITTEE,
                unit__level=UnitLevel.COMMUNE,
                unit__path__startswith=_province_path(province_level),
                name__in=DEMO_COMMUNES,
            ).order_by("unit__code")
        ),
        "5": named("Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh Bắc Giang"),
        "6": named("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Giang"),
    }


def _province_path(province_level) -> str:
    body = province_level.filter(name="Ủy ban nhân dân tỉnh Bắc Giang").first()
    return body.unit.path if body else "/none/"


@transaction.atomic
def load_demo_plan(*, stdout=None) -> Plan:
    """The 2023 seed plan; links section V to the demo organisations when they are loaded."""
    say = stdout.write if stdout else (lambda _m: None)
    orgs = _organisations_2023()
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    if plan is None:
        seed = parse_seed_plan()
        issuing_body = (
            Organisation.objects.valid_on(DAY_IN_PLAN)
            .filter(name="Ủy ban nhân dân tỉnh Bắc Giang")
            .first()
        )
        plan = services.create_plan(
            issuing_body=issuing_body,
            issuing_body_name=ISSUING_BODY_NAME,
            place="Bắc Giang",
            symbol="KH-UBND",
            title=TITLE,
            year=YEAR,
            legal_bases=seed.legal_bases,
            purposes=seed.purposes,
            requirements=seed.requirements,
            audience=seed.audience,
            scope=seed.scope,
            period_text=seed.period_text,
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
            report_deadline=date(YEAR, 11, 15),
            closing=seed.closing,
            recipients=seed.recipients,
            signer_authority=seed.signer_authority,
            signer_title=seed.signer_title,
            signer_name=seed.signer_name,
            contents=seed.contents,
            forms=seed.forms,
            solutions=seed.solutions,
            funding_sources=seed.funding,
            assignments=[
                services.AssignmentSpec(
                    code=code,
                    heading=heading,
                    tasks=tasks,
                    organisations=orgs.get(code, []),
                    role=AssignmentRole.LEAD if code == "1" else AssignmentRole.COORDINATING,
                )
                for code, heading, tasks in seed.assignments
            ],
        )
        say(
            f"Kế hoạch năm {YEAR}: đã tạo ({plan.items.count()} mục, "
            f"{plan.assignments.count()} phân công).\n"
        )
    else:
        for assignment in plan.assignments.prefetch_related("organisations"):
            linked = list(assignment.organisations.all())
            missing = [o for o in orgs.get(assignment.code, []) if o not in linked]
            if missing:
                services.set_assignment_organisations(
                    assignment=assignment, organisations=linked + missing
                )
        if plan.issuing_body_id is None:
            body = (
                Organisation.objects.valid_on(DAY_IN_PLAN)
                .filter(name="Ủy ban nhân dân tỉnh Bắc Giang")
                .first()
            )
            if body is not None:
                services.set_plan_issuing_body(plan=plan, organisation=body)
        say(f"Kế hoạch năm {YEAR}: đã có, không tạo lại.\n")
    return plan


DEMO_NEEDS = ("organisations",)


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    load_demo_plan(stdout=stdout)
    return DemoLoad()
