"""Registers the households that asked to be contacted with the personal-data registry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.personal_data import PersonalDataCategory, Subject, register

from .models import ContactRequest
from .services import erase_contact_request


def _find(subject: Subject):
    if not subject.phone:
        return []
    return ContactRequest.objects.filter(phone=subject.phone).select_related("commune")


def _export(item) -> dict:
    return {
        "created_at": item.created_at.isoformat(),
        "name": item.name,
        "phone": item.phone,
        "commune": item.commune.name,
        "note": item.note,
        "area": item.area,
        "classification": item.classification,
        "lacking_indicators": item.lacking_list,
        "consent_given_at": item.consent_given_at.isoformat(),
    }


def _erase(item) -> None:
    erase_contact_request(contact_request=item)


register(
    PersonalDataCategory(
        key="selfcheck.contact_request",
        label=_("Hộ đề nghị liên hệ sau khi tự đánh giá hộ nghèo"),
        purpose=_("Cán bộ xã, phường liên hệ hướng dẫn rà soát hộ nghèo, hộ cận nghèo"),
        retention=_("12 tháng kể từ khi gửi đề nghị"),
        find=_find,
        export=_export,
        erase=_erase,
        order=160,
    )
)
