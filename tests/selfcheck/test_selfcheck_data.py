"""Demo loader (idempotent), the migration's standard, retention, and the personal-data registry."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from giamngheo.organisations.personal_data import (
    categories,
    erase_subject,
    export_subject,
    resolve_subject,
)
from giamngheo.selfcheck import services
from giamngheo.selfcheck.demo import POLICIES, load_demo_standards
from giamngheo.selfcheck.models import ContactRequest, Indicator, PovertyStandard, SupportPolicy
from giamngheo.selfcheck.standard import classify

AT = datetime(2025, 11, 15, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_demo_is_idempotent(db):
    out = io.StringIO()
    load_demo_standards(stdout=out)
    load_demo_standards(stdout=out)
    assert PovertyStandard.objects.count() == 1  # the migration's, not a copy
    assert Indicator.objects.count() == 12
    assert SupportPolicy.objects.count() == len(POLICIES) == 7
    assert out.getvalue().splitlines()[-1] == (
        "Chuẩn nghèo: Chuẩn nghèo đa chiều giai đoạn 2022–2025 (kéo dài đến hết năm 2026) "
        "(đã có); chính sách hỗ trợ mới: 0."
    )


def test_demo_recreates_a_missing_standard(db):
    PovertyStandard.objects.all().delete()
    load_demo_standards()
    standard = PovertyStandard.objects.get()
    assert standard.is_published
    assert Indicator.objects.filter(dimension__standard=standard).count() == 12


def _request(standard, commune, phone="0912345678"):
    result = classify(standard=standard, area="thanh_thi", income=1_900_000, lacking=[9, 10, 11])
    return services.submit_contact_request(
        name="Phạm Văn Cường",
        phone=phone,
        commune=commune,
        standard=standard,
        result=result,
        consent=True,
        at=AT,
    )


def test_personal_data_registered_exported_and_erased(standard, communes):
    assert "selfcheck.contact_request" in [c.key for c in categories()]
    _request(standard, communes["tan_yen"])
    _request(standard, communes["tan_yen"], phone="0987000000")
    exported = export_subject(subject=resolve_subject("+84 912 345 678"))
    records = exported["categories"]["selfcheck.contact_request"]["records"]
    assert records == [
        {
            "created_at": "2025-11-15T01:30:00+00:00",
            "name": "Phạm Văn Cường",
            "phone": "0912345678",
            "commune": "Xã Tân Yên",
            "note": "",
            "area": "thanh_thi",
            "classification": "ho_ngheo",
            "lacking_indicators": [9, 10, 11],
            "consent_given_at": "2025-11-15T01:30:00+00:00",
        }
    ]
    report = erase_subject(subject=resolve_subject("0912345678"))
    assert report["selfcheck.contact_request"] == {"erased": 1}
    assert list(ContactRequest.objects.values_list("phone", flat=True)) == ["0987000000"]


def test_purge_old_contact_requests(standard, communes):
    _request(standard, communes["tan_yen"])
    assert services.purge_old_contact_requests(before=AT) == 0
    assert services.purge_old_contact_requests(before=datetime(2026, 12, 1, tzinfo=AT.tzinfo)) == 1
    assert ContactRequest.objects.count() == 0


def test_contact_request_for_closed_commune_refused(standard, world):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        _request(standard, world.units["C1a"])  # merged on 1/7/2025
    assert exc.value.message_dict == {"commune": ["Xã, phường đã chọn không còn hiệu lực."]}
    assert ContactRequest.objects.count() == 0


def test_purge_command_enforces_12_months(standard, communes):
    from django.core.management import call_command

    from giamngheo.selfcheck.tasks import purge_contact_requests

    _request(standard, communes["tan_yen"])
    assert purge_contact_requests.call(now="2026-11-14T09:00:00+07:00") == 0
    assert purge_contact_requests.call(now="2026-11-16T09:00:00+07:00") == 1
    out = io.StringIO()
    call_command("selfcheck_purge", stdout=out)
    assert out.getvalue() == "Đã xóa 0 đề nghị liên hệ quá thời hạn lưu trữ.\n"
