"""The organisations cast: a small two-district province as in 2023, its 2025 successor, the
organisations covering them and one user per role, plus an outsider and a citizen."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from giamngheo.organisations.enums import OrganisationKind, Role, SuccessionKind, UnitLevel
from tests.factories import (
    LEGACY_LAST_DAY,
    PASSWORD,
    REFORM_DAY,
    MembershipFactory,
    OrganisationFactory,
    PublicProfileFactory,
    SuccessionFactory,
    UnitFactory,
    UserFactory,
)

__all__ = ["PASSWORD", "World", "build_tree", "world"]


@dataclass
class World:
    units: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)


def build_tree(*, communes_per_district: int = 2, districts: int = 2, prefix: str = "T"):
    """A legacy province (until 30/6/2025) with districts and communes, and its 2025 successor
    with one commune per two old ones. Returns a dict of units by label."""
    old = {"valid_to": LEGACY_LAST_DAY}
    new = {"valid_from": REFORM_DAY}
    u = {}
    u["P"] = UnitFactory(
        code=f"{prefix}24", name=f"Tỉnh {prefix} Bắc Giang", level=UnitLevel.PROVINCE, **old
    )
    u["P2025"] = UnitFactory(
        code=f"{prefix}24", name=f"Tỉnh {prefix} Bắc Ninh", level=UnitLevel.PROVINCE, **new
    )
    for d in range(1, districts + 1):
        district = u[f"D{d}"] = UnitFactory(
            code=f"{prefix}2{d:02d}",
            name=f"Huyện {prefix}{d}",
            level=UnitLevel.DISTRICT,
            parent=u["P"],
            **old,
        )
        SuccessionFactory(predecessor=district, successor=u["P2025"], kind=SuccessionKind.ABOLISH)
        for c in range(1, communes_per_district + 1):
            label = f"C{d}{chr(96 + c)}"
            u[label] = UnitFactory(
                code=f"{prefix}7{d:02d}{c:02d}", name=f"Xã {label}", parent=district, **old
            )
            new_label = f"N{d}{chr(96 + (c + 1) // 2)}"
            if new_label not in u:
                u[new_label] = UnitFactory(
                    code=f"{prefix}9{d:02d}{c:02d}",
                    name=f"Xã mới {new_label}",
                    parent=u["P2025"],
                    **new,
                )
            SuccessionFactory(predecessor=u[label], successor=u[new_label])
    SuccessionFactory(predecessor=u["P"], successor=u["P2025"])
    return u


# username -> (organisation key, role)
CAST = {
    "province_admin": ("so", Role.PROVINCE_ADMIN),
    "district_officer": ("D1", Role.UNIT_OFFICER),
    "commune_officer": ("C1a", Role.UNIT_OFFICER),
    "other_commune_officer": ("C2a", Role.UNIT_OFFICER),
    "editor": ("so", Role.EDITOR),
}


@pytest.fixture
def world(db):
    w = World(units=build_tree())
    u = w.units
    w.orgs["so"] = OrganisationFactory(
        name="Sở Lao động - Thương binh và Xã hội",
        kind=OrganisationKind.DEPARTMENT,
        unit=u["P"],
        is_lead=True,
    )
    for key in ("D1", "D2"):
        w.orgs[key] = OrganisationFactory(name=f"Ủy ban nhân dân huyện T{key[1]}", unit=u[key])
    for label in ("C1a", "C1b", "C2a"):
        w.orgs[label] = OrganisationFactory(name=f"Ủy ban nhân dân xã {label}", unit=u[label])
    for username, (org, role) in CAST.items():
        membership = MembershipFactory(user__username=username, organisation=w.orgs[org], role=role)
        w.users[username] = membership.user
        w.memberships[username] = membership
    w.users["outsider"] = UserFactory(username="outsider")
    citizen = UserFactory(username="citizen", email="dan@example.vn")
    PublicProfileFactory(user=citizen, phone="+84 912 345 678")
    w.users["citizen"] = citizen
    return w


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    return settings
