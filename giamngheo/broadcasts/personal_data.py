"""Personal data of the commune radio app: the station's contact person (name, phone, e-mail,
Zalo follower id), published to the bodies that send bulletins, never on the portal."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from giamngheo.core.text import normalise_phone
from giamngheo.organisations.personal_data import PersonalDataCategory, register

from .models import Station


def _find(subject):
    phone = normalise_phone(getattr(subject, "phone", "") or "")
    email = getattr(subject, "email", "") or ""
    if not phone and not email:
        return []
    qs = Station.objects.none()
    if phone:
        qs = qs | Station.objects.filter(contact_phone=phone)
    if email:
        qs = qs | Station.objects.filter(contact_email__iexact=email)
    return qs.distinct()


def _erase(station):
    Station.objects.filter(pk=station.pk).update(
        contact_name="", contact_phone="", contact_email="", contact_zalo_id=""
    )


register(
    PersonalDataCategory(
        key="broadcasts.station_contact",
        label=_("Người phụ trách đài truyền thanh cơ sở"),
        purpose=_("Liên hệ với đài xã để phát bản tin, nhắc xác nhận bản tin khẩn cấp"),
        retention=_("Đến khi đài thôi hoạt động hoặc thay người phụ trách"),
        find=_find,
        export=lambda s: {
            "đài": s.name,
            "người phụ trách": s.contact_name,
            "số điện thoại": s.contact_phone,
            "thư điện tử": s.contact_email,
            "mã Zalo": s.contact_zalo_id,
        },
        erase=_erase,
    )
)
