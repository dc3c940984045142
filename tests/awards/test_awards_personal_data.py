"""The nominees' identity in the personal-data registry (DESIGN §5.7): found by the citizen ID,
exported, erased on request; the nomination itself (the published name, commune and form) stays."""

from __future__ import annotations

from datetime import date

from giamngheo.awards.models import Nomination, NomineeIdentity
from giamngheo.organisations.personal_data import erase_subject, export_subject, resolve_subject

IDENTITY = {"citizen_id": "024199900011", "birth_date": date(1968, 2, 3), "address": "Số 9"}


def test_a_nominees_identity_is_exported_and_erased_by_their_citizen_id(aworld):
    n = aworld.nomination(form_code="bang_khen_tinh", identity=IDENTITY, name="Hộ bà Lăng Thị Vươn")
    aworld.nomination(
        form_code="bang_khen_tinh",
        identity={**IDENTITY, "citizen_id": "024199900022"},
        name="Hộ ông Vi Văn Khác",
    )
    found = export_subject(subject=resolve_subject("024199900011"))["categories"]
    assert found["awards.nominee_identity"]["records"] == [
        {
            "họ tên": "Hộ bà Lăng Thị Vươn",
            "số định danh cá nhân": "024199900011",
            "ngày sinh": "03/02/1968",
            "địa chỉ": "Số 9",
            "đợt xét": "Sơ kết phong trào năm 2023",
            "hình thức đề nghị": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "trạng thái": "Đang soạn hồ sơ",
        }
    ]
    report = erase_subject(subject=resolve_subject("024199900011"))
    assert report["awards.nominee_identity"] == {"erased": 1}
    assert list(NomineeIdentity.objects.values_list("citizen_id", flat=True)) == ["024199900022"]
    assert Nomination.objects.get(pk=n.pk).name == "Hộ bà Lăng Thị Vươn"
    assert (
        "awards.nominee_identity"
        not in export_subject(subject=resolve_subject("024199900011"))["categories"]
    )
