"""The registry of personal data. Every module that keeps data about a person declares it here,
once, so that ``manage.py personal_data export|erase --subject …`` covers the whole system.

A later module adds, in its ``apps.py`` ``ready()``::

    from giamngheo.organisations.personal_data import PersonalDataCategory, register
    register(PersonalDataCategory(
        key="feedback.reporter",
        label=_("Người gửi phản ánh, kiến nghị"),
        purpose=_("Tiếp nhận, xử lý và trả lời phản ánh, kiến nghị"),
        retention=_("5 năm kể từ khi trả lời"),
        find=lambda subject: Feedback.objects.filter(reporter_email=subject.email) ...,
        export=lambda obj: {"tracking_code": obj.tracking_code, ...},
        erase=lambda obj: anonymise_reporter(feedback=obj),
    ))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from giamngheo.core.security import security_event
from giamngheo.core.text import subject_key

from .models import ConsentRecord, Membership, PersonalDataAccess, PublicProfile
from .services import anonymise_user, consent_subject_hash, redact_consent


@dataclass(frozen=True)
class Subject:
    """Whom a request is about: any of username, e-mail address, phone number."""

    raw: str
    user: Any = None
    email: str = ""
    phone: str = ""

    @property
    def keys(self) -> set[str]:
        return {k for k in (self.email, self.phone, self.user and self.user.username) if k}


def resolve_subject(identifier: str) -> Subject:
    key = subject_key(identifier)
    User = get_user_model()
    user = User.objects.filter(Q(username=identifier.strip()) | Q(email__iexact=key)).first()
    if user is None and "@" not in key:
        user = User.objects.filter(public_profile__phone=key).first()
    email = key if "@" in key else (user.email.lower() if user and user.email else "")
    phone = key if key.isdigit() else ""
    if not phone and user is not None and hasattr(user, "public_profile"):
        phone = user.public_profile.phone
    return Subject(raw=identifier, user=user, email=email, phone=phone)


@dataclass(frozen=True)
class PersonalDataCategory:
    key: str
    label: str
    purpose: str
    retention: str
    find: Callable[[Subject], Iterable[models.Model]]
    export: Callable[[models.Model], dict]
    # Erase or anonymise one record. None means the law requires keeping it (say why in
    # ``keep_reason``): it is then exported but not erased.
    erase: Callable[[models.Model], None] | None = None
    keep_reason: str = ""
    order: int = 100  # erase order: records that point at others go first
    extra: dict = field(default_factory=dict)


_REGISTRY: dict[str, PersonalDataCategory] = {}


def register(category: PersonalDataCategory) -> PersonalDataCategory:
    if category.key in _REGISTRY and _REGISTRY[category.key] is not category:
        raise ValueError(f"Personal data category {category.key!r} is already registered")
    _REGISTRY[category.key] = category
    return category


def categories() -> list[PersonalDataCategory]:
    return sorted(_REGISTRY.values(), key=lambda c: (c.order, c.key))


def export_subject(*, subject: Subject) -> dict:
    """Everything the system holds about the subject, by category."""
    result: dict[str, Any] = {"subject": subject.raw, "categories": {}}
    for category in categories():
        rows = [category.export(obj) for obj in category.find(subject)]
        if rows:
            result["categories"][category.key] = {
                "label": str(category.label),
                "purpose": str(category.purpose),
                "retention": str(category.retention),
                "records": rows,
            }
    security_event(
        "personal_data_exported",
        subject=_subject_ref(subject),
        categories=",".join(result["categories"]) or "-",
    )
    return result


def _subject_ref(subject: Subject) -> str:
    """A keyed hash of the subject for the security log: the log never holds the identifier."""
    key = subject_key(subject.raw) or subject.raw
    return salted_hmac("core.security.subject", key, algorithm="sha256").hexdigest()[:16]


@transaction.atomic
def erase_subject(*, subject: Subject) -> dict[str, dict[str, int]]:
    """Erase (or anonymise) every erasable record; report counts, and what was kept and why."""
    report: dict[str, dict[str, int]] = {}
    for category in categories():
        found = list(category.find(subject))
        if not found:
            continue
        if category.erase is None:
            report[category.key] = {"kept": len(found)}
            continue
        for obj in found:
            category.erase(obj)
        report[category.key] = {"erased": len(found)}
    security_event(
        "personal_data_erased",
        subject=_subject_ref(subject),
        erased=sum(r.get("erased", 0) for r in report.values()),
        kept=sum(r.get("kept", 0) for r in report.values()),
    )
    return report


# --- this app's own personal data -------------------------------------------------------------


def _register_own() -> None:
    def find_account(subject: Subject):
        return [subject.user] if subject.user is not None else []

    def export_account(user) -> dict:
        return {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        }

    def erase_account(user) -> None:
        anonymise_user(user=user)

    register(
        PersonalDataCategory(
            key="auth.account",
            label=_("Tài khoản đăng nhập"),
            purpose=_("Đăng nhập, phân quyền và liên hệ với người dùng"),
            retention=_("Đến khi người dùng yêu cầu xóa hoặc tài khoản bị hủy"),
            find=find_account,
            export=export_account,
            erase=erase_account,
            order=900,
        )
    )

    register(
        PersonalDataCategory(
            key="organisations.public_profile",
            label=_("Thông tin tài khoản công khai"),
            purpose=_("Liên hệ với người dân, nhà báo khi xử lý yêu cầu của họ"),
            retention=_("Đến khi người dùng yêu cầu xóa"),
            find=lambda s: PublicProfile.objects.filter(user=s.user) if s.user else [],
            export=lambda p: {
                "kind": p.kind,
                "phone": p.phone,
                "press_organisation": str(p.press_organisation or ""),
            },
            erase=lambda p: p.delete(),
            order=100,
        )
    )

    register(
        PersonalDataCategory(
            key="organisations.membership",
            label=_("Phân công cán bộ"),
            purpose=_("Xác định quyền truy cập của cán bộ theo cơ quan, địa bàn"),
            retention=_("Lưu cùng hồ sơ công tác; không xóa khi còn trách nhiệm giải trình"),
            find=lambda s: (
                Membership.objects.filter(user=s.user).select_related("organisation")
                if s.user
                else []
            ),
            export=lambda m: {
                "organisation": m.organisation.name,
                "role": m.role,
                "position": m.position,
                "valid_from": m.valid_from and m.valid_from.isoformat(),
                "valid_to": m.valid_to and m.valid_to.isoformat(),
            },
            erase=None,
            keep_reason=_("trách nhiệm giải trình về công vụ đã thực hiện"),
            order=200,
        )
    )

    def find_consents(subject: Subject):
        q = Q(subject_key__in=subject.keys) | Q(
            subject_hash__in={consent_subject_hash(k) for k in subject.keys}
        )
        if subject.user is not None:
            q |= Q(user=subject.user)
        return ConsentRecord.objects.filter(q) if subject.keys or subject.user else []

    register(
        PersonalDataCategory(
            key="organisations.consent",
            label=_("Sự đồng ý xử lý dữ liệu cá nhân"),
            purpose=_("Chứng minh sự đồng ý của chủ thể dữ liệu"),
            retention=_("Lưu để chứng minh việc xử lý đã thực hiện là hợp pháp"),
            find=find_consents,
            export=lambda c: {
                "purpose_code": c.purpose_code,
                "purpose": c.purpose,
                "channel": c.channel,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at and c.withdrawn_at.isoformat(),
            },
            # The identifier goes; its keyed hash, the purpose, the time and the notice version
            # stay: the proof that processing was lawful, without the person's e-mail or phone.
            erase=lambda c: redact_consent(consent=c),
            keep_reason=_("chứng minh việc xử lý trước đây là hợp pháp"),
            order=300,
        )
    )

    register(
        PersonalDataCategory(
            key="organisations.access_log_actor",
            label=_("Nhật ký truy cập do tài khoản thực hiện"),
            purpose=_("Giám sát việc truy cập dữ liệu cá nhân"),
            retention=_("Theo quy định về lưu trữ nhật ký hệ thống"),
            find=lambda s: (
                PersonalDataAccess.objects.filter(actor=s.user).select_related("content_type")
                if s.user
                else []
            ),
            export=lambda a: {
                "accessed_at": a.accessed_at.isoformat(),
                "record": f"{a.content_type.app_label}.{a.content_type.model}#{a.object_id}",
                "purpose": a.purpose,
            },
            erase=None,
            keep_reason=_("nhật ký bảo đảm an toàn hệ thống"),
            order=400,
        )
    )


_register_own()
