"""The results cast: a province as in 2023 (two districts, two communes each) and its 2025
successor (one new commune per old district), review figures for 2023 and one commune in 2024,
the results page under the portal's home, a province administrator and an outsider."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
from tests.factories import (
    LEGACY_LAST_DAY,
    PASSWORD,
    REFORM_DAY,
    MembershipFactory,
    OrganisationFactory,
    ReviewInputFactory,
    SuccessionFactory,
    UnitFactory,
    UserFactory,
)

LAST, FIRST = LEGACY_LAST_DAY, REFORM_DAY

__all__ = ["FIRST", "LAST", "PASSWORD", "build_units", "review_inputs"]

# code, total, poor, near_poor, escaped, newly_poor (2023)
FIGURES_2023 = {
    "C1a": ("07201", 1000, 100, 50, 20, 5),
    "C1b": ("07202", 2000, 50, 100, 10, 2),
    "C2a": ("07301", 1500, 30, 45, 6, 1),
    "C2b": ("07302", 500, 0, 10, 0, 0),
}
SOURCE = "Quyết định số 123/QĐ-UBND ngày 05/01/2024"
ORGANISATION = "UBND tỉnh Thử Nghiệm"


@dataclass
class ResultsWorld:
    units: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    page: object = None


def build_units() -> dict:
    old, new = {"valid_to": LAST}, {"valid_from": FIRST}
    u = {}
    u["P"] = UnitFactory(code="24", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, **old)
    u["P2025"] = UnitFactory(code="27", name="Tỉnh Hợp Nhất", level=UnitLevel.PROVINCE, **new)
    districts = {"D1": ("213", "Huyện Miền Núi"), "D2": ("214", "Huyện Đồng Bằng")}
    for label, (code, name) in districts.items():
        u[label] = UnitFactory(code=code, name=name, level=UnitLevel.DISTRICT, parent=u["P"], **old)
        u["N" + label[1]] = UnitFactory(
            code=f"090{label[1]}1", name=f"Xã Mới {label[1]}", parent=u["P2025"], **new
        )
    for label, (code, *_rest) in FIGURES_2023.items():
        u[label] = UnitFactory(code=code, name=f"Xã {label}", parent=u["D" + label[1]], **old)
        SuccessionFactory(predecessor=u[label], successor=u["N" + label[1]])
    return u


def review_inputs(units: dict, *, year: int = 2023, labels=None, is_sample: bool = False):
    return [
        ReviewInputFactory.build(
            unit=units[label],
            year=year,
            total_households=total,
            poor=poor,
            near_poor=near,
            escaped=escaped,
            newly_poor=newly,
            source=SOURCE,
            source_organisation=ORGANISATION,
            is_sample=is_sample,
        )
        for label, (_code, total, poor, near, escaped, newly) in FIGURES_2023.items()
        if labels is None or label in labels
    ]


@pytest.fixture
def units(db):
    return build_units()


@pytest.fixture
def reviews(units):
    from giamngheo.results.services import save_poverty_reviews

    save_poverty_reviews(reviews=review_inputs(units))
    save_poverty_reviews(
        reviews=[
            ReviewInputFactory.build(
                unit=units["C1a"],
                year=2024,
                total_households=1010,
                poor=80,
                near_poor=40,
                escaped=25,
                newly_poor=5,
                source="Quyết định số 9/QĐ-UBND ngày 06/01/2025",
                source_organisation=ORGANISATION,
            )
        ]
    )
    return units


@pytest.fixture
def results_page(portal, units):
    from giamngheo.portal.services import create_page
    from giamngheo.results.models import ResultsIndexPage

    return create_page(
        parent=portal["home"],
        page=ResultsIndexPage(
            title="Kết quả thực hiện chương trình",
            slug="ket-qua",
            unit=units["P"],
            show_in_menus=True,
        ),
    )


@pytest.fixture
def cast(units):
    so = OrganisationFactory(
        name="Sở Lao động - Thương binh và Xã hội tỉnh Thử Nghiệm",
        kind=OrganisationKind.DEPARTMENT,
        unit=units["P"],
        is_lead=True,
    )
    district_committee = OrganisationFactory(name="UBND Huyện Miền Núi", unit=units["D1"])
    return {
        "admin": MembershipFactory(
            user__username="quantri", organisation=so, role=Role.PROVINCE_ADMIN
        ).user,
        "officer": MembershipFactory(
            user__username="canbo", organisation=district_committee, role=Role.UNIT_OFFICER
        ).user,
        "outsider": UserFactory(username="nguoingoai"),
    }
