from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from giamngheo.organisations import services
from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Organisation


def test_create_unit_sets_path_and_normalises_name(db):
    province = services.create_unit(
        code="24", name="Tỉnh  Bắc\u200b Giang", level=UnitLevel.PROVINCE
    )
    district = services.create_unit(
        code="219", name="Huye\u0302\u0323n Lục Ngạn", level=UnitLevel.DISTRICT, parent=province
    )
    assert province.path == f"/{province.pk:08d}/"
    assert district.path == f"{province.path}{district.pk:08d}/"
    assert province.name == "Tỉnh Bắc Giang"
    assert district.name == "Huyện Lục Ngạn" and district.name_folded == "huyen luc ngan"


def test_create_unit_wrong_parent_level_is_refused(db):
    province = services.create_unit(code="24", name="Tỉnh A", level=UnitLevel.PROVINCE)
    commune = services.create_unit(
        code="07201", name="Xã B", level=UnitLevel.COMMUNE, parent=province
    )
    with pytest.raises(ValidationError) as err:
        services.create_unit(code="213", name="Huyện C", level=UnitLevel.DISTRICT, parent=commune)
    assert "parent" in err.value.message_dict


def test_create_unit_same_code_allowed_only_in_other_period(db):
    p = services.create_unit(code="24", name="Tỉnh A", level=UnitLevel.PROVINCE)
    services.create_unit(
        code="07210",
        name="Phường Hoàng Văn Thụ",
        level=UnitLevel.COMMUNE,
        parent=p,
        valid_to=date(2025, 6, 30),
    )
    services.create_unit(
        code="07210",
        name="Phường Bắc Giang",
        level=UnitLevel.COMMUNE,
        parent=p,
        valid_from=date(2025, 7, 1),
    )
    with pytest.raises(ValidationError) as err:
        services.create_unit(
            code="07210",
            name="Trùng",
            level=UnitLevel.COMMUNE,
            parent=p,
            valid_from=date(2026, 1, 1),
        )
    assert "code" in err.value.message_dict


def test_update_unit_cannot_move_a_unit(world):
    unit = AdministrativeUnit.objects.get(pk=world.units["C1a"].pk)
    unit.parent = world.units["D2"]
    with pytest.raises(ValidationError):
        services.update_unit(unit=unit, actor=world.users["province_admin"])


def test_update_organisation_writes_audit_entry_with_old_and_new_values(world):
    admin = world.users["province_admin"]
    org = Organisation.objects.get(pk=world.orgs["D1"].pk)
    org.name = "UBND huyện T1 (đổi tên)"
    services.update_organisation(organisation=org, actor=admin)
    entry = (
        ModelLogEntry.objects.for_instance(org).filter(action="wagtail.edit").latest("timestamp")
    )
    assert entry.user_id == admin.pk
    assert entry.data["changes"]["name"] == ["Ủy ban nhân dân huyện T1", "UBND huyện T1 (đổi tên)"]
    assert org.revisions.count() == 2  # create + edit, each the whole record as it was


def test_set_organisation_successor_closes_and_links(world):
    new = services.create_organisation(
        name="Sở Nông nghiệp và Môi trường",
        kind=OrganisationKind.DEPARTMENT,
        unit=world.units["P2025"],
        valid_from=date(2025, 7, 1),
    )
    old = services.set_organisation_successor(
        organisation=world.orgs["so"], successor=new, kind="transfer", last_day=date(2025, 6, 30)
    )
    assert (old.valid_to, old.successor) == (date(2025, 6, 30), new)
    from giamngheo.organisations.selectors import organisation_chain

    assert organisation_chain(organisation=old) == [old, new]


def test_create_membership_overlapping_same_role_refused(world):
    with pytest.raises(ValidationError):
        services.create_membership(
            user=world.users["commune_officer"],
            organisation=world.orgs["C1a"],
            role=Role.UNIT_OFFICER,
            valid_from=date(2024, 1, 1),
        )


def test_membership_roles_bring_wagtail_groups_and_ending_removes_them(world):
    editor = world.users["editor"]
    assert set(editor.groups.values_list("name", flat=True)) == {"Editors"}
    services.end_membership(membership=world.memberships["editor"], last_day=date(2024, 1, 1))
    assert editor.groups.count() == 0
    assert set(world.users["province_admin"].groups.values_list("name", flat=True)) == {
        "Editors",
        "Moderators",
    }


def test_deactivate_user_revokes_sessions_and_memberships(world, client):
    officer = world.users["commune_officer"]
    client.force_login(officer)
    other = type(client)()
    other.force_login(world.users["district_officer"])
    revoked = services.deactivate_user(user=officer, actor=world.users["province_admin"])
    assert revoked == 1
    officer.refresh_from_db()
    assert officer.is_active is False
    assert client.get("/admin/").status_code == 302  # signed out
    assert other.get("/admin/").status_code == 200  # others keep their session
    assert (
        world.memberships["commune_officer"]
        .__class__.objects.get(pk=world.memberships["commune_officer"].pk)
        .valid_to
        is not None
    )
    assert (
        ModelLogEntry.objects.for_instance(officer)
        .filter(action="organisations.deactivate")
        .exists()
    )


def test_create_staff_account_enforces_password_validators(db):
    with pytest.raises(ValidationError):
        services.create_staff_account(username="canbo", password="12345678")
    user = services.create_staff_account(username="canbo", password="Dai-va-manh#2023")
    assert user.check_password("Dai-va-manh#2023")


def test_consent_record_and_withdraw(db):
    consent = services.record_consent(
        subject="+84 912 345 678", purpose_code="phan-anh", purpose="Xử lý phản ánh"
    )
    assert consent.subject_key == "0912345678"
    assert services.has_consent(subject="0912345678", purpose_code="phan-anh")
    services.withdraw_consent(consent=consent)
    assert not services.has_consent(subject="0912345678", purpose_code="phan-anh")


def test_role_groups_exist_in_wagtail(db):
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
