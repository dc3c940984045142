import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from giamngheo.organisations import services
from giamngheo.organisations.audit import log_personal_data_access, personal_data_reads_of
from giamngheo.organisations.models import ConsentRecord, PersonalDataAccess, PublicProfile
from giamngheo.organisations.personal_data import (
    _REGISTRY,
    PersonalDataCategory,
    categories,
    register,
    resolve_subject,
)


def test_log_personal_data_access_one_insert_for_many_records(world, django_assert_num_queries):
    profiles = list(PublicProfile.objects.all()) * 3
    officer = world.users["district_officer"]
    with django_assert_num_queries(1):  # content types are cached after first use
        ContentType.objects.get_for_model(PublicProfile)
    with django_assert_num_queries(1):
        entries = log_personal_data_access(
            user=officer, subject=profiles, purpose="handle", detail="Danh sách người gửi phản ánh"
        )
    assert len(entries) == 3
    reads = personal_data_reads_of(subject=profiles[0])
    assert [(r.actor_username, r.purpose) for r in reads] == [("district_officer", "handle")] * 3


def test_log_personal_data_access_refuses_unknown_purpose(world):
    with pytest.raises(ValueError):
        log_personal_data_access(
            user=world.users["district_officer"],
            subject=PublicProfile.objects.first(),
            purpose="curiosity",
        )


def test_registry_lists_own_categories_and_refuses_duplicates():
    keys = [c.key for c in categories()]
    assert {"auth.account", "organisations.consent", "organisations.membership"} <= set(keys)
    clash = PersonalDataCategory(
        key="auth.account",
        label="x",
        purpose="x",
        retention="x",
        find=lambda s: [],
        export=lambda o: {},
    )
    with pytest.raises(ValueError):
        register(clash)


def test_resolve_subject_by_phone_email_username(world):
    citizen = world.users["citizen"]
    assert resolve_subject("0912 345 678").user == citizen
    assert resolve_subject("DAN@example.vn").user == citizen
    assert resolve_subject("citizen").user == citizen
    assert resolve_subject("khong-co@example.vn").user is None


def test_personal_data_command_export_and_erase_cover_registered_modules(world, tmp_path):
    services.record_consent(subject="0912345678", purpose_code="phan-anh", purpose="Xử lý phản ánh")
    seen = []
    register(
        PersonalDataCategory(
            key="tests.sample",
            label="Mẫu",
            purpose="Kiểm thử",
            retention="Không",
            find=lambda s: [s.user] if s.user else [],
            export=lambda u: {"u": u.username},
            erase=lambda u: seen.append(u.pk),
        )
    )
    try:
        out = tmp_path / "export.json"
        call_command("personal_data", "export", "--subject", "0912345678", "--output", str(out))
        data = json.loads(out.read_text(encoding="utf-8"))
        assert set(data["categories"]) == {
            "auth.account",
            "organisations.public_profile",
            "organisations.consent",
            "tests.sample",
        }
        assert data["categories"]["auth.account"]["records"][0]["email"] == "dan@example.vn"
        call_command("personal_data", "erase", "--subject", "0912345678", "--yes")
        citizen = type(world.users["citizen"]).objects.get(pk=world.users["citizen"].pk)
        assert (citizen.email, citizen.is_active, citizen.has_usable_password()) == (
            "",
            False,
            False,
        )
        assert not PublicProfile.objects.filter(user=citizen).exists()
        assert ConsentRecord.objects.count() == 1  # kept: proof that processing was lawful
        assert seen == [citizen.pk]
    finally:
        _REGISTRY.pop("tests.sample")


def test_personal_data_erase_requires_confirmation(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("personal_data", "erase", "--subject", "citizen")
    assert type(world.users["citizen"]).objects.get(username="citizen").is_active


def test_access_log_rows_name_records_not_data(world):
    profile = PublicProfile.objects.get()
    (entry,) = log_personal_data_access(
        user=world.users["province_admin"], subject=profile, purpose="audit"
    )
    stored = PersonalDataAccess.objects.get(pk=entry.pk)
    assert stored.object_id == str(profile.pk)
    assert "0912345678" not in str(stored.__dict__)
