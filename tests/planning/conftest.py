"""The planning cast: a province with two districts and a commune each, the lead department,
the district and commune committees, one officer per role and an outsider; a small plan whose
section V assigns the districts and the commune."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

PASSWORD = "Mat-khau-thu-2023!"


@dataclass
class PlanningWorld:
    units: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    plan: object = None
    items: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)


def make_plan(
    *,
    number: str = "",
    title: str = "Truyền thông về giảm nghèo bền vững năm 2023",
    orgs=None,
    year: int = 2023,
):
    from giamngheo.planning import services
    from giamngheo.planning.enums import AssignmentRole

    orgs = orgs or {}
    return services.create_plan(
        issuing_body_name="UBND TỈNH THỬ NGHIỆM",
        number=number,
        place="Thử Nghiệm",
        title=title,
        year=year,
        legal_bases="Thực hiện Kế hoạch giai đoạn 2021-2025; UBND tỉnh ban hành Kế hoạch như sau:",
        purposes=["- Mục đích thứ nhất;", "- Mục đích thứ hai."],
        requirements=["- Yêu cầu thứ nhất."],
        audience="Người dân và cán bộ làm công tác giảm nghèo.",
        scope="Trên phạm vi toàn tỉnh.",
        period_text=f"Năm {year}.",
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        report_deadline=date(year, 11, 15),
        closing=["Trên đây là Kế hoạch."],
        recipients=["- Như mục V;", "- Lưu: VT."],
        signer_authority="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Thử",
        contents=[
            services.ItemSpec(code="1.1", text="Nội dung một."),
            services.ItemSpec(code="1.2", text="Nội dung hai."),
        ],
        forms=[
            services.ItemSpec(code="2.1", text="Truyền thông đại chúng."),
            services.ItemSpec(code="2.4", text="Tập huấn."),
        ],
        solutions=[services.ItemSpec(code="3.1", text="Giải pháp một.")],
        funding_sources=[
            services.FundingSpec(code="1", name="Ngân sách nhà nước", text="Ngân sách."),
            services.FundingSpec(code="2", name="Xã hội hóa", text="Huy động."),
        ],
        assignments=[
            services.AssignmentSpec(
                code="1",
                heading="Sở Lao động - Thương binh và Xã hội",
                role=AssignmentRole.LEAD,
                tasks=["- Chủ trì."],
                organisations=[o for o in [orgs.get("so")] if o],
            ),
            services.AssignmentSpec(
                code="2",
                heading="UBND huyện, xã",
                role=AssignmentRole.COORDINATING,
                tasks=["- Thực hiện."],
                organisations=[o for k, o in orgs.items() if k != "so"],
            ),
        ],
    )


@pytest.fixture
def pworld(db, django_user_model):
    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel

    w = PlanningWorld()
    u = w.units
    u["P"] = org_services.create_unit(code="P99", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE)
    for d in (1, 2):
        u[f"D{d}"] = org_services.create_unit(
            code=f"P99{d}", name=f"Huyện H{d}", level=UnitLevel.DISTRICT, parent=u["P"]
        )
        label = f"C{d}a"
        u[label] = org_services.create_unit(
            code=f"P99{d}01", name=f"Xã {label}", level=UnitLevel.COMMUNE, parent=u[f"D{d}"]
        )
    w.orgs["so"] = org_services.create_organisation(
        name="Sở Lao động - Thương binh và Xã hội",
        kind=OrganisationKind.DEPARTMENT,
        unit=u["P"],
        is_lead=True,
    )
    for key, name in (
        ("D1", "Ủy ban nhân dân huyện H1"),
        ("D2", "Ủy ban nhân dân huyện H2"),
        ("C1a", "Ủy ban nhân dân xã C1a"),
        ("C2a", "Ủy ban nhân dân xã C2a"),
    ):
        w.orgs[key] = org_services.create_organisation(
            name=name, kind=OrganisationKind.PEOPLES_COMMITTEE, unit=u[key]
        )
    cast = {
        "province_admin": ("so", Role.PROVINCE_ADMIN),
        "district_officer": ("D1", Role.UNIT_OFFICER),
        "other_district_officer": ("D2", Role.UNIT_OFFICER),
        "commune_officer": ("C1a", Role.UNIT_OFFICER),
    }
    for username, (org, role) in cast.items():
        user = django_user_model.objects.create_user(username, password=PASSWORD)
        org_services.create_membership(
            user=user, organisation=w.orgs[org], role=role, valid_from=date(2023, 1, 1)
        )
        w.users[username] = user
    w.users["outsider"] = django_user_model.objects.create_user("outsider", password=PASSWORD)
    w.plan = make_plan(orgs=w.orgs)
    w.items = {i.code: i for i in w.plan.items.all()}
    w.sources = {s.code: s for s in w.plan.funding_sources.all()}
    return w


@pytest.fixture
def make_subplan(pworld):
    from giamngheo.planning import services

    def _make(org_key: str, *, actor_key: str = "province_admin", plan=None):
        return services.create_subplan(
            actor=pworld.users[actor_key],
            plan=plan or pworld.plan,
            organisation=pworld.orgs[org_key],
            title=f"Kế hoạch cụ thể của {org_key}",
        )

    return _make


@pytest.fixture
def make_activity(pworld):
    from giamngheo.planning import services

    def _make(
        subplan,
        *,
        title: str = "Tọa đàm trên sóng phát thanh",
        unit_key: str | None = None,
        actor_key: str = "province_admin",
        **kwargs,
    ):
        unit = pworld.units[unit_key] if unit_key else subplan.organisation.unit
        params = {
            "start_date": date(2023, 3, 1),
            "end_date": date(2023, 3, 31),
            "budget": [
                services.BudgetSpec(
                    funding_source=pworld.sources["1"], planned=5_000_000, spent=4_500_000
                )
            ],
            "outputs": {"article": 3, "broadcast": 1},
        } | kwargs
        return services.create_activity(
            actor=pworld.users[actor_key],
            subplan=subplan,
            title=title,
            form=pworld.items["2.1"],
            contents=[pworld.items["1.1"]],
            units=[unit],
            **params,
        )

    return _make
