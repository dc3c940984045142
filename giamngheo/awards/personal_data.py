"""The nominees' identity (citizen ID, birth date, address) in the personal-data registry
(DESIGN §5.7). Only nominations whose form's dossier needs them hold one; the honour roll never
reads them. A nominee has no account: the request's identifier is the citizen ID itself."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.personal_data import PersonalDataCategory, register

from .models import NomineeIdentity
from .services import erase_identity


def _find(subject):
    key = (subject.raw or "").strip()
    if not key.isdigit():
        return []
    return NomineeIdentity.objects.filter(citizen_id=key).select_related(
        "nomination__form", "nomination__round", "nomination__commune"
    )


def _export(identity: NomineeIdentity) -> dict:
    n = identity.nomination
    return {
        "họ tên": n.name,
        "số định danh cá nhân": identity.citizen_id,
        "ngày sinh": f"{identity.birth_date:%d/%m/%Y}" if identity.birth_date else "",
        "địa chỉ": identity.address,
        "đợt xét": n.round.name,
        "hình thức đề nghị": n.form.name,
        "trạng thái": n.get_status_display(),
    }


register(
    PersonalDataCategory(
        key="awards.nominee_identity",
        label=_("Thông tin cá nhân người được đề nghị khen thưởng"),
        purpose=_("Lập hồ sơ khen thưởng theo thành phần hồ sơ quy định phải có"),
        retention=_("Theo thời hạn lưu hồ sơ thi đua, khen thưởng"),
        find=_find,
        export=_export,
        erase=lambda identity: erase_identity(identity=identity),
    )
)
