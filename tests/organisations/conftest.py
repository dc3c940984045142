"""The organisations cast: a small two-district province as in 2023, its 2025 successor, the
organisations covering them and one user per role, plus an outsider and a citizen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

PASSWORD = "Mat-khau-thu-2023!"


@dataclass
class World:
    units: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)


def build_tree(*, communes_per_district: int = 2, districts: int = 2, prefix: str = "T"):
    """A legacy province (until 30/6/2025) with districts and communes, and its 2025 successor
    with one commune per two old ones. Returns a dict of units by label."""
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import SuccessionKind, UnitLevel

    last, first = date(2025, 6, 30), date(2025, 7, 1)
    u = {}
    u["P"] = services.create_unit(
        code=f"{prefix}24", name=f"Tỉnh {prefix} Bắc Giang", level=UnitLevel.PROVINCE, valid_to=last
    )
    u["P2025"] = services.create_unit(
        code=f"{prefix}24",
        name=f"Tỉnh {prefix} Bắc Ninh",
        level=UnitLevel.PROVINCE,
        valid_from=first,
    )
    for d in range(1, districts + 1):
        u[f"D{d}"] = services.create_unit(
            code=f"{prefix}2{d:02d}",
            name=f"Huyện {prefix}{d}",
            level=UnitLevel.DISTRICT,
            parent=u["P"],
            valid_to=last,
        )
        services.record_succession(
            predecessor=u[f"D{d}"], successor=u["P2025"], kind=SuccessionKind.ABOLISH, on=first
        )
        for c in range(1, communes_per_district + 1):
            label = f"C{d}{chr(96 + c)}"
            u[label] = services.create_unit(
                code=f"{prefix}7{d:02d}{c:02d}",
                name=f"Xã {label}",
                level=UnitLevel.COMMUNE,
                parent=u[f"D{d}"],
                valid_to=last,
            )
            new_label = f"N{d}{chr(96 + (c + 1) // 2)}"
            if new_label not in u:
                u[new_label] = services.create_unit(
                    code=f"{prefix}9{d:02d}{c:02d}",
                    name=f"Xã mới {new_label}",
                    level=UnitLevel.COMMUNE,
                    parent=u["P2025"],
                    valid_from=first,
                )
            services.record_succession(
                predecessor=u[label], successor=u[new_label], kind=SuccessionKind.MERGE, on=first
            )
    services.record_succession(
        predecessor=u["P"], successor=u["P2025"], kind=SuccessionKind.MERGE, on=first
    )
    return u


@pytest.fixture
def world(db, django_user_model):
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import OrganisationKind, Role

    w = World(units=build_tree())
    u = w.units
    w.orgs["so"] = services.create_organisation(
        name="Sở Lao động - Thương binh và Xã hội",
        kind=OrganisationKind.DEPARTMENT,
        unit=u["P"],
        is_lead=True,
    )
    w.orgs["D1"] = services.create_organisation(
        name="Ủy ban nhân dân huyện T1", kind=OrganisationKind.PEOPLES_COMMITTEE, unit=u["D1"]
    )
    w.orgs["D2"] = services.create_organisation(
        name="Ủy ban nhân dân huyện T2", kind=OrganisationKind.PEOPLES_COMMITTEE, unit=u["D2"]
    )
    for label in ("C1a", "C1b", "C2a"):
        w.orgs[label] = services.create_organisation(
            name=f"Ủy ban nhân dân xã {label}",
            kind=OrganisationKind.PEOPLES_COMMITTEE,
            unit=u[label],
        )
    cast = {
        "province_admin": ("so", Role.PROVINCE_ADMIN),
        "district_officer": ("D1", Role.UNIT_OFFICER),
        "commune_officer": ("C1a", Role.UNIT_OFFICER),
        "other_commune_officer": ("C2a", Role.UNIT_OFFICER),
        "editor": ("so", Role.EDITOR),
    }
    for username, (org, role) in cast.items():
        user = django_user_model.objects.create_user(username, password=PASSWORD)
        w.users[username] = user
        w.memberships[username] = services.create_membership(
            user=user, organisation=w.orgs[org], role=role, valid_from=date(2023, 1, 1)
        )
    w.users["outsider"] = django_user_model.objects.create_user("outsider", password=PASSWORD)
    citizen = django_user_model.objects.create_user(
        "citizen", password=PASSWORD, email="dan@example.vn"
    )
    services.create_public_profile(user=citizen, kind="citizen", phone="+84 912 345 678")
    w.users["citizen"] = citizen
    return w


@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    return settings
