"""Writes of the self-check: loading a standard from data, and a household's request to be
contacted (the only time anything a household entered is stored)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.cache import purge_page_cache
from giamngheo.core.text import clean_name, normalize_text, validate_phone
from giamngheo.core.workflow import transition
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.organisations.services import record_consent

from .data_07_2021 import DIMENSIONS, PLAIN_QUESTIONS, STANDARD
from .enums import CONTACT_WORKFLOW
from .models import ContactRequest, Dimension, Indicator, PovertyStandard
from .standard import Result

CONSENT_PURPOSE_CODE = "selfcheck-contact"
RETENTION_DAYS = 365  # "12 tháng kể từ khi gửi", as declared in personal_data.py


@transaction.atomic
def create_standard(*, data: dict, dimensions: Iterable) -> PovertyStandard:
    """A standard with its dimensions and indicators, all or nothing. ``dimensions`` is a list
    of ``(name, [(code, name, question, criterion), ...])``."""
    standard = PovertyStandard(
        **{
            **data,
            "valid_from": date.fromisoformat(str(data["valid_from"])),
            "valid_to": date.fromisoformat(str(data["valid_to"])) if data.get("valid_to") else None,
        }
    )
    standard.full_clean()
    standard.save()
    order = 0
    for d_order, (dimension_name, indicators) in enumerate(dimensions, start=1):
        dimension = Dimension(standard=standard, name=dimension_name, order=d_order)
        dimension.full_clean()
        dimension.save()
        for code, name, question, criterion in indicators:
            order += 1
            indicator = Indicator(
                dimension=dimension,
                code=code,
                name=name,
                question=question,
                criterion=criterion,
                order=order,
            )
            indicator.full_clean()
            indicator.save()
    purge_page_cache()
    return standard


def ensure_standard_07_2021() -> tuple[PovertyStandard, bool]:
    """The 07/2021 standard, created when missing (migration 0002 normally created it)."""
    existing = PovertyStandard.objects.filter(
        name=STANDARD["name"], valid_from=STANDARD["valid_from"]
    ).first()
    if existing is not None:
        return existing, False
    dimensions = [
        (
            name,
            [
                (code, title, PLAIN_QUESTIONS.get(code, (None, question))[1], criterion)
                for code, title, question, criterion in indicators
            ],
        )
        for name, indicators in DIMENSIONS
    ]
    return create_standard(data=STANDARD, dimensions=dimensions), True


@transaction.atomic
def submit_contact_request(
    *,
    name: str,
    phone: str,
    commune: AdministrativeUnit,
    standard: PovertyStandard,
    result: Result,
    consent: bool,
    note: str = "",
    at: datetime | None = None,
) -> ContactRequest:
    """Store a household's request to be contacted by its commune, with the self-check result
    and the consent it gave (Nghị định 13/2023/NĐ-CP: consent is explicit and recorded)."""
    if not consent:
        raise ValidationError(
            {"consent": _("Cần có sự đồng ý xử lý dữ liệu cá nhân để cán bộ liên hệ với bạn.")}
        )
    at = at or timezone.now()
    if commune.level != UnitLevel.COMMUNE or not commune.is_valid_on(timezone.localdate(at)):
        raise ValidationError({"commune": _("Xã, phường đã chọn không còn hiệu lực.")})
    try:
        phone = validate_phone(phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from None
    request = ContactRequest(
        created_at=at,
        name=clean_name(normalize_text(name)).strip(),
        phone=phone,
        commune=commune,
        note=normalize_text(note).strip(),
        standard=standard,
        area=result.area,
        classification=result.classification,
        lacking_codes=",".join(str(c) for c in result.lacking),
        consent_given_at=at,
    )
    request.full_clean(exclude=["consent"])
    request.consent = record_consent(
        subject=phone,
        purpose_code=CONSENT_PURPOSE_CODE,
        purpose=_(
            "Cán bộ xã, phường liên hệ hướng dẫn rà soát hộ nghèo, hộ cận nghèo sau khi hộ tự "
            "đánh giá trên Cổng thông tin"
        ),
        given_at=at,
    )
    request.save()
    return request


def transition_contact_request(
    *, contact_request: ContactRequest, to: str, actor, at: datetime | None = None
) -> ContactRequest:
    """The only change of a contact request's status (``CONTACT_WORKFLOW``): stamps who handled
    it and when, and leaves a row in its status history."""

    def apply(locked: ContactRequest) -> list[str]:
        locked.handled_by = actor
        return ["handled_by"]

    event = transition(
        contact_request, workflow=CONTACT_WORKFLOW, to=to, actor=actor, at=at, apply=apply
    )
    return event.subject


@transaction.atomic
def erase_contact_request(*, contact_request: ContactRequest) -> None:
    contact_request.delete()


def retention_cutoff(*, now: datetime) -> datetime:
    return now - timedelta(days=RETENTION_DAYS)


@transaction.atomic
def purge_old_contact_requests(*, before: datetime) -> int:
    """Retention: requests older than ``before`` are deleted; returns how many."""
    deleted, _detail = ContactRequest.objects.filter(created_at__lt=before).delete()
    return deleted
