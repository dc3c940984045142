"""The planning cast: a province with two districts and a commune each, the lead department,
the district and commune committees, one officer per role and an outsider; a small plan whose
section V assigns the districts and the commune."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
from tests.factories import (
    PASSWORD,
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PlanFactory,
    SubPlanFactory,
    UnitFactory,
    UserFactory,
)

__all__ = ["PASSWORD", "PlanningWorld", "make_activity", "make_plan", "make_subplan", "pworld"]


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
    return PlanFactory(number=number, title=title, orgs=orgs or {}, year=year)


# username -> (organisation key, role)
CAST = {
    "province_admin": ("so", Role.PROVINCE_ADMIN),
    "district_officer": ("D1", Role.UNIT_OFFICER),
    "other_district_officer": ("D2", Role.UNIT_OFFICER),
    "commune_officer": ("C1a", Role.UNIT_OFFICER),
}


@pytest.fixture
def pworld(db):
    w = PlanningWorld()
    u = w.units
    u["P"] = UnitFactory(code="P99", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE)
    for d in (1, 2):
        u[f"D{d}"] = UnitFactory(
            code=f"P99{d}", name=f"Huyện H{d}", level=UnitLevel.DISTRICT, parent=u["P"]
        )
        u[f"C{d}a"] = UnitFactory(code=f"P99{d}01", name=f"Xã C{d}a", parent=u[f"D{d}"])
    w.orgs["so"] = OrganisationFactory(
        name="Sở Lao động - Thương binh và Xã hội",
        kind=OrganisationKind.DEPARTMENT,
        unit=u["P"],
        is_lead=True,
    )
    for key in ("D1", "D2"):
        w.orgs[key] = OrganisationFactory(name=f"Ủy ban nhân dân huyện H{key[1]}", unit=u[key])
    for key in ("C1a", "C2a"):
        w.orgs[key] = OrganisationFactory(name=f"Ủy ban nhân dân xã {key}", unit=u[key])
    for username, (org, role) in CAST.items():
        membership = MembershipFactory(user__username=username, organisation=w.orgs[org], role=role)
        w.users[username] = membership.user
    w.users["outsider"] = UserFactory(username="outsider")
    w.plan = make_plan(orgs=w.orgs)
    w.items = {i.code: i for i in w.plan.items.all()}
    w.sources = {s.code: s for s in w.plan.funding_sources.all()}
    return w


@pytest.fixture
def make_subplan(pworld):
    def _make(org_key: str, *, actor_key: str = "province_admin", plan=None):
        return SubPlanFactory(
            actor=pworld.users[actor_key],
            plan=plan or pworld.plan,
            organisation=pworld.orgs[org_key],
            title=f"Kế hoạch cụ thể của {org_key}",
        )

    return _make


@pytest.fixture
def make_activity(pworld):
    def _make(
        subplan,
        *,
        title: str = "Tọa đàm trên sóng phát thanh",
        unit_key: str | None = None,
        actor_key: str = "province_admin",
        **kwargs,
    ):
        extra = {"units": [pworld.units[unit_key]]} if unit_key else {}
        return ActivityFactory(
            actor=pworld.users[actor_key],
            subplan=subplan,
            title=title,
            form=pworld.items["2.1"],
            contents=[pworld.items["1.1"]],
            **extra,
            **kwargs,
        )

    return _make
