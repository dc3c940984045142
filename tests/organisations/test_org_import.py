"""The real import from vietnamadminunits, and the demo built on it."""

from datetime import date

import pytest
from django.core.management import call_command

from giamngheo.organisations import selectors
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Organisation, UnitSuccession


@pytest.fixture
def imported(db):
    from giamngheo.organisations.importers import import_units

    return import_units(province="Bắc Giang")


def test_import_bac_giang_legacy_and_2025_structure(imported):
    bg = AdministrativeUnit.objects.get(source_key="legacy:tinhbacgiang")
    assert (bg.name, bg.code, bg.valid_to) == ("Tỉnh Bắc Giang", "24", date(2025, 6, 30))
    districts = AdministrativeUnit.objects.filter(parent=bg, level=UnitLevel.DISTRICT)
    assert districts.count() == 10
    assert "Huyện Lục Ngạn" in {d.name for d in districts}
    communes = AdministrativeUnit.objects.filter(parent__parent=bg, level=UnitLevel.COMMUNE)
    assert communes.count() == 192
    bn = AdministrativeUnit.objects.get(source_key="2025:tinhbacninh")
    assert (bn.name, bn.valid_from, bn.parent) == ("Tỉnh Bắc Ninh", date(2025, 7, 1), None)
    assert bn.children.count() == 99
    assert imported.legacy_provinces == ["Tỉnh Bắc Giang", "Tỉnh Bắc Ninh"]


def test_import_is_idempotent(imported):
    from giamngheo.organisations.importers import import_units

    counts = (AdministrativeUnit.objects.count(), UnitSuccession.objects.count())
    again = import_units(province="bac giang")
    assert (again.created_units, again.created_successions) == (0, 0)
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == counts


def test_2023_commune_rolls_up_into_2025_commune_and_province(imported):
    tho_xuong = AdministrativeUnit.objects.get(
        source_key="legacy:tinhbacgiang_thanhphobacgiang_phuongthoxuong"
    )
    rolled = selectors.roll_up(unit=tho_xuong, on=date(2026, 1, 1))
    assert rolled.commune.name == "Phường Bắc Giang"
    assert rolled.province.name == "Tỉnh Bắc Ninh"
    luc_ngan = AdministrativeUnit.objects.get(source_key="legacy:tinhbacgiang_huyenlucngan")
    assert selectors.unit_successors(unit=luc_ngan, on=date(2026, 1, 1))[0].name == "Tỉnh Bắc Ninh"


def test_every_legacy_commune_has_a_2025_successor(imported):
    legacy = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to=date(2025, 6, 30))
    mapping = selectors.successor_map(
        unit_ids=list(legacy.values_list("pk", flat=True)), on=date(2025, 7, 1)
    )
    missing = [pk for pk, successors in mapping.items() if len(successors) != 1]
    assert missing == []


def test_import_units_command_unknown_province(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_units", "--province", "Không Có")


def test_load_demo_organisations_idempotent_with_plan_agencies_and_officers(db):
    from giamngheo.organisations.demo import load_demo_organisations

    rows = load_demo_organisations()
    counts = (Organisation.objects.count(), AdministrativeUnit.objects.count())
    assert load_demo_organisations() == rows
    assert (Organisation.objects.count(), AdministrativeUnit.objects.count()) == counts
    assert [r[0] for r in rows] == ["quantri.tinh", "canbo.lucngan", "canbo.tansoi"]
    lead = Organisation.objects.get(name="Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang")
    assert lead.is_lead and lead.successor.name == "Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh"
    assert (
        Organisation.objects.filter(name__startswith="Ủy ban nhân dân huyện").count() == 7
    )  # + 1 thành phố, 2 thị xã
    assert Organisation.objects.filter(unit__level=UnitLevel.DISTRICT, kind="ubnd").count() == 10
    officer = type(lead.memberships.first().user).objects.get(username="canbo.lucngan")
    visible = selectors.units_for_user(user=officer)
    assert {u.level for u in visible} == {UnitLevel.DISTRICT, UnitLevel.COMMUNE}
    # The district and its former communes, and since 1/7/2025 today's commune Lục Ngạn
    # (the officer's second, current membership), nothing else.
    today = [u for u in visible if u.source_key.startswith("2025:")]
    assert [u.source_key for u in today] == ["2025:tinhbacninh_xalucngan"]
    assert all(
        u.name == "Huyện Lục Ngạn" or u.parent.name == "Huyện Lục Ngạn"
        for u in visible
        if u not in today
    )
    for username, password, _ in rows:
        assert officer.__class__.objects.get(username=username).check_password(password)


def test_load_demo_organisations_without_users_creates_no_account(db, django_user_model):
    from giamngheo.organisations.demo import load_demo_organisations

    assert load_demo_organisations(with_users=False) == []
    assert django_user_model.objects.count() == 0
    assert Organisation.objects.filter(is_lead=True).count() == 2  # 2023 and 2025 lead bodies
