"""The personal data the contest holds: its entrants (name, pen name, e-mail, phone, outlet)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.personal_data import PersonalDataCategory, register

from .models import Entrant


def _find(subject):
    email = getattr(subject, "email", "") or ""
    phone = getattr(subject, "phone", "") or ""
    if not (email or phone):
        return []
    rows = Entrant.objects.none()
    if email:
        rows = rows | Entrant.objects.filter(email__iexact=email)
    if phone:
        rows = rows | Entrant.objects.filter(phone=phone)
    return rows.select_related("outlet")


register(
    PersonalDataCategory(
        key="contests.entrant",
        label=_("Tác giả dự thi tác phẩm báo chí"),
        purpose=_("Thẩm định tác phẩm, trao giải và công bố kết quả cuộc thi"),
        retention=_("Lưu theo hồ sơ khen thưởng của cuộc thi (tác giả đoạt giải được công bố)"),
        find=_find,
        export=lambda e: {
            "họ tên": e.full_name,
            "bút danh": e.pen_name,
            "thư điện tử": e.email,
            "điện thoại": e.phone,
            "cơ quan": str(e.outlet or ""),
            "số tác phẩm": e.entries.count(),
        },
        # Entries and awards are the contest's record (the decision names the winners).
        erase=None,
        keep_reason=_("Hồ sơ khen thưởng của cuộc thi: quyết định trao giải nêu tên tác giả."),
    )
)
