"""The results cast: a province as in 2023 (two districts, two communes each) and its 2025
successor (one new commune per old district), review figures for 2023 and one commune in 2024,
the results page under the portal's home, a province administrator and an outsider."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

PASSWORD = "Mat-khau-thu-2023!"
LAST, FIRST = date(2025, 6, 30), date(2025, 7, 1)

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
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import SuccessionKind, UnitLevel

    u = {}
    u["P"] = services.create_unit(
        code="24", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, valid_to=LAST
    )
    u["P2025"] = services.create_unit(
        code="27", name="Tỉnh Hợp Nhất", level=UnitLevel.PROVINCE, valid_from=FIRST
    )
    districts = {"D1": ("213", "Huyện Miền Núi"), "D2": ("214", "Huyện Đồng Bằng")}
    for label, (code, name) in districts.items():
        u[label] = services.create_unit(
            code=code, name=name, level=UnitLevel.DISTRICT, parent=u["P"], valid_to=LAST
        )
        new = "N" + label[1]
        u[new] = services.create_unit(
            code=f"090{label[1]}1",
            name=f"Xã Mới {label[1]}",
            level=UnitLevel.COMMUNE,
            parent=u["P2025"],
            valid_from=FIRST,
        )
    for label, (code, *_rest) in FIGURES_2023.items():
        district = "D" + label[1]
        u[label] = services.create_unit(
            code=code,
            name=f"Xã {label}",
            level=UnitLevel.COMMUNE,
            parent=u[district],
            valid_to=LAST,
        )
        services.record_succession(
            predecessor=u[label], successor=u["N" + label[1]], kind=SuccessionKind.MERGE, on=FIRST
        )
    return u


def review_inputs(units: dict, *, year: int = 2023, labels=None, is_sample: bool = False):
    from giamngheo.results.services import ReviewInput

    inputs = []
    for label, (_code, total, poor, near, escaped, newly) in FIGURES_2023.items():
        if labels is not None and label not in labels:
            continue
        inputs.append(
            ReviewInput(
                unit=units[label],
                year=year,
                total_households=total,
                poor=poor,
                near_poor=near,
                escaped=escaped,
                newly_poor=newly,
                source=SOURCE,
                source_organisation=ORGANISATION,
                as_of=date(year, 12, 31),
                is_sample=is_sample,
            )
        )
    return inputs


@pytest.fixture
def units(db):
    return build_units()


@pytest.fixture
def reviews(units):
    from giamngheo.results.services import ReviewInput, save_poverty_reviews

    save_poverty_reviews(reviews=review_inputs(units))
    save_poverty_reviews(
        reviews=[
            ReviewInput(
                unit=units["C1a"],
                year=2024,
                total_households=1010,
                poor=80,
                near_poor=40,
                escaped=25,
                newly_poor=5,
                source="Quyết định số 9/QĐ-UBND ngày 06/01/2025",
                source_organisation=ORGANISATION,
                as_of=date(2024, 12, 31),
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
def cast(units, django_user_model):
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import OrganisationKind, Role

    so = services.create_organisation(
        name="Sở Lao động - Thương binh và Xã hội tỉnh Thử Nghiệm",
        kind=OrganisationKind.DEPARTMENT,
        unit=units["P"],
        is_lead=True,
    )
    district_committee = services.create_organisation(
        name="UBND Huyện Miền Núi", kind=OrganisationKind.PEOPLES_COMMITTEE, unit=units["D1"]
    )
    users = {}
    users["admin"] = django_user_model.objects.create_user("quantri", password=PASSWORD)
    services.create_membership(
        user=users["admin"], organisation=so, role=Role.PROVINCE_ADMIN, valid_from=date(2023, 1, 1)
    )
    users["officer"] = django_user_model.objects.create_user("canbo", password=PASSWORD)
    services.create_membership(
        user=users["officer"],
        organisation=district_committee,
        role=Role.UNIT_OFFICER,
        valid_from=date(2023, 1, 1),
    )
    users["outsider"] = django_user_model.objects.create_user("nguoingoai", password=PASSWORD)
    return users
