"""Registers the reporters of feedback with the personal-data registry (organisations app)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.personal_data import PersonalDataCategory, Subject, register

from .models import Feedback
from .services import anonymise_reporter


def _find(subject: Subject):
    q = Q()
    if subject.email:
        q |= Q(reporter_email__iexact=subject.email)
    if subject.phone:
        q |= Q(reporter_phone=subject.phone)
    return Feedback.objects.filter(q) if q else []


def _export(item) -> dict:
    return {
        "tracking_code": item.tracking_code,
        "received_at": item.received_at.isoformat(),
        "subject": item.subject,
        "identity_mode": item.identity_mode,
        "name": item.reporter_name,
        "phone": item.reporter_phone,
        "email": item.reporter_email,
        "consent_processing": item.consent_processing,
        "consent_publish": item.consent_publish,
    }


def _erase(item) -> None:
    anonymise_reporter(feedback=item)


register(
    PersonalDataCategory(
        key="feedback.reporter",
        label=_("Người gửi phản ánh, kiến nghị"),
        purpose=_("Tiếp nhận, xử lý và trả lời phản ánh, kiến nghị"),
        retention=_("5 năm kể từ khi trả lời"),
        find=_find,
        export=_export,
        erase=_erase,
        order=150,
    )
)
