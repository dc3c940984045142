"""Writes of the feedback app. ``transition_feedback`` is the only function that changes a
status; every other service that moves an item calls it."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.cache import purge_page_cache
from giamngheo.core.text import fold, normalize_text
from giamngheo.core.uploads import CleanFile
from giamngheo.core.workdays import add_working_days
from giamngheo.organisations.enums import ConsentChannel
from giamngheo.organisations.models import AdministrativeUnit, Organisation
from giamngheo.organisations.services import record_consent

from .enums import (
    FINAL_STATUSES,
    REASON_REQUIRED,
    TRANSITIONS,
    Channel,
    FeedbackKind,
    FeedbackStatus,
    IdentityMode,
)
from .models import (
    Answer,
    ApiKey,
    Category,
    Feedback,
    FeedbackAttachment,
    FeedbackEvent,
    RoutingRule,
)
from .rules import CODE_ALPHABET, CODE_PREFIX
from .selectors import hash_token, route_for

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 12
CONSENT_PROCESSING = "feedback-processing"
CONSENT_PUBLISH = "feedback-publish"
_CONSENT_CHANNEL = {
    Channel.WEB: ConsentChannel.WEB,
    Channel.OPEN311: ConsentChannel.API,
    Channel.ZALO: ConsentChannel.ZALO,
    Channel.PHONE: ConsentChannel.PHONE,
    Channel.LETTER: ConsentChannel.PAPER,
    Channel.IN_PERSON: ConsentChannel.IN_PERSON,
}


def new_tracking_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{CODE_PREFIX}-{body[:4]}-{body[4:]}"


def deadline_for(*, kind: str, received_at: datetime):
    """Due date: N working days (by kind, settings.FEEDBACK_DEADLINE_DAYS) after the day of
    receipt in Asia/Ho_Chi_Minh — an item received at 23:59 counts from that local day."""
    days = settings.FEEDBACK_DEADLINE_DAYS[kind]
    return add_working_days(timezone.localdate(received_at), days)


# --- categories and routing --------------------------------------------------------------------


@transaction.atomic
def create_category(
    *, code: str, name: str, description: str = "", sort_order: int = 100
) -> Category:
    category = Category(code=code, name=name, description=description, sort_order=sort_order)
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def create_routing_rule(
    *,
    unit: AdministrativeUnit,
    organisation: Organisation,
    category: Category | None = None,
    valid_from=None,
    valid_to=None,
) -> RoutingRule:
    rule = RoutingRule(
        unit=unit,
        organisation=organisation,
        category=category,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    rule.full_clean()
    rule.save()
    return rule


# --- intake -----------------------------------------------------------------------------------


def submit_feedback(
    *,
    kind: str,
    category: Category,
    subject: str,
    description: str,
    unit: AdministrativeUnit,
    identity_mode: str,
    consent_processing: bool,
    consent_publish: bool,
    channel: str = Channel.WEB,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    files: Sequence[CleanFile] = (),
    entered_by=None,
    received_at: datetime | None = None,
    is_sample: bool = False,
    notify: bool = True,
    media_url: str = "",
    api_key=None,
    idempotency_key: str = "",
) -> Feedback:
    """File one item: routed, with its deadline, a unique tracking code and a private token.

    Returns the saved item with ``private_token`` set on it (the token is stored hashed, so this
    is the only moment it exists in clear). All or nothing: a failure leaves no row and no file
    reference behind. The receipt is sent after commit. With ``api_key`` and
    ``idempotency_key``, a retried call returns the item the first call created (its
    ``private_token`` is then None).
    """
    if api_key is not None and idempotency_key:
        existing = Feedback.objects.filter(api_key=api_key, idempotency_key=idempotency_key).first()
        if existing is not None:
            existing.private_token = None
            return existing
    if kind not in FeedbackKind.values or channel not in Channel.values:
        raise ValidationError(_("Loại phản ánh hoặc kênh tiếp nhận không hợp lệ."))
    if len(files) > settings.FEEDBACK_MAX_ATTACHMENTS:
        raise ValidationError(
            _("Chỉ được gửi tối đa %(n)s tệp."), params={"n": settings.FEEDBACK_MAX_ATTACHMENTS}
        )
    received_at = received_at or timezone.now()
    token = secrets.token_urlsafe(24)
    item = Feedback(
        kind=kind,
        category=category,
        subject=subject,
        description=description,
        unit=unit,
        identity_mode=identity_mode,
        reporter_name=reporter_name,
        reporter_phone=reporter_phone,
        reporter_email=reporter_email,
        consent_processing=consent_processing,
        consent_publish=consent_publish,
        channel=channel,
        latitude=latitude,
        longitude=longitude,
        received_at=received_at,
        entered_by=entered_by,
        deadline=deadline_for(kind=kind, received_at=received_at),
        token_hash=hash_token(token),
        is_sample=is_sample,
        media_url=media_url,
        api_key=api_key,
        idempotency_key=idempotency_key,
    )
    if unit is not None and unit.pk and not unit.is_valid_on(timezone.localdate(received_at)):
        raise ValidationError({"unit": _("Đơn vị hành chính này không còn hiệu lực.")})
    rule = route_for(unit=unit, category=category, on=timezone.localdate(received_at))
    item.organisation = rule.organisation if rule else None
    item.full_clean(exclude=["tracking_code", "token_hash"])
    try:
        _save_all(
            item,
            files=files,
            entered_by=entered_by,
            received_at=received_at,
            notify=notify,
            token=token,
        )
    except IntegrityError:
        # Two retries of one API call racing: the second hits the idempotency constraint.
        existing = (
            Feedback.objects.filter(api_key=api_key, idempotency_key=idempotency_key).first()
            if api_key is not None and idempotency_key
            else None
        )
        if existing is None:
            raise
        existing.private_token = None
        return existing
    item.private_token = token
    return item


def _save_all(item, *, files, entered_by, received_at, notify, token) -> None:
    with transaction.atomic():
        _save_with_unique_code(item)
        FeedbackEvent.objects.create(
            feedback=item,
            from_status="",
            to_status=FeedbackStatus.RECEIVED,
            actor=entered_by,
            organisation=item.organisation,
            created_at=received_at,
        )
        for clean in files:
            attachment = FeedbackAttachment(feedback=item, kind=clean.kind, size=clean.size)
            attachment.file.save(clean.content.name, clean.content, save=False)
            attachment.save()
        _record_consents(item)
        if notify and item.reporter_email:
            code, email = item.tracking_code, item.reporter_email
            transaction.on_commit(lambda: _send_receipt(code=code, email=email, token=token))


def _save_with_unique_code(item: Feedback) -> None:
    """Insert with a fresh random code; on the (rare) clash, draw again. The unique constraint,
    not a prior SELECT, decides: two concurrent submissions can never both get one code."""
    for _attempt in range(CODE_ATTEMPTS):
        item.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():  # savepoint: a clash rolls back this INSERT only
                item.save(force_insert=True)
            return
        except IntegrityError:
            item.pk = None
            if not Feedback.objects.filter(tracking_code=item.tracking_code).exists():
                raise
    raise IntegrityError(f"no free tracking code after {CODE_ATTEMPTS} attempts")


def _record_consents(item: Feedback) -> None:
    subject = item.reporter_email or item.reporter_phone
    if not subject:
        return
    channel = _CONSENT_CHANNEL[item.channel]
    if item.consent_processing:
        record_consent(
            subject=subject,
            purpose_code=CONSENT_PROCESSING,
            channel=channel,
            purpose=_("Tiếp nhận, xử lý và trả lời phản ánh, kiến nghị %(code)s")
            % {"code": item.tracking_code},
        )
    if item.consent_publish:
        record_consent(
            subject=subject,
            purpose_code=CONSENT_PUBLISH,
            channel=channel,
            purpose=_("Công khai câu hỏi và trả lời %(code)s (không kèm danh tính)")
            % {"code": item.tracking_code},
        )


def _site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_receipt(*, code: str, email: str, token: str) -> None:
    from django.urls import reverse

    item = Feedback.objects.select_related("category", "unit").get(tracking_code=code)
    context = {
        "item": item,
        "status_url": _site_url(reverse("feedback:status", args=[code])),
        "private_url": _site_url(reverse("feedback:private", args=[token])),
    }
    _mail(
        subject=_("Đã tiếp nhận phản ánh, kiến nghị — mã tra cứu %(code)s") % {"code": code},
        template="feedback/email/receipt.txt",
        context=context,
        to=email,
    )


def _mail(*, subject: str, template: str, context: dict, to: str) -> None:
    # A mail server that is down must not turn an accepted submission into an error page: the
    # citizen already has the code on screen.
    try:
        send_mail(subject, render_to_string(template, context), None, [to])
    except Exception:
        logger.exception("feedback mail to reporter failed")


# --- Open311 API keys ---------------------------------------------------------------------------


@transaction.atomic
def create_api_key(*, name: str) -> tuple[ApiKey, str]:
    """A new key; the clear value is returned once and only its sha256 is stored."""
    raw = "gn_" + secrets.token_urlsafe(30)
    key = ApiKey(name=name, prefix=raw[:8], key_hash=hash_token(raw))
    key.full_clean()
    key.save()
    return key, raw


def authenticate_api_key(*, raw: str) -> ApiKey | None:
    if not raw or len(raw) > 200:
        return None
    key = ApiKey.objects.filter(key_hash=hash_token(raw), is_active=True).first()
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


# --- the state machine -------------------------------------------------------------------------


def transition_feedback(
    *,
    feedback: Feedback,
    to: str,
    actor,
    reason: str = "",
    organisation: Organisation | None = None,
    at: datetime | None = None,
) -> Feedback:
    """Move ``feedback`` to ``to`` if ``TRANSITIONS`` allows it; audit and notify.

    ``reason`` is required for a refusal, a request for information and a withdrawal;
    ``organisation`` (for *assigned*) hands the item to another body; ``at`` back-dates an
    entry of paper history (demo data, records typed in later). Raises ValidationError
    with a Vietnamese message when the change is not allowed.
    """
    reason = normalize_text(reason or "").strip()
    with transaction.atomic():
        # Lock the row: two handlers clicking at once cannot both move it from one state.
        current = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if to not in TRANSITIONS.get(current.status, ()):
            raise ValidationError(
                _("Không thể chuyển từ trạng thái “%(from)s” sang “%(to)s”."),
                code="bad_transition",
                params={
                    "from": FeedbackStatus(current.status).label,
                    "to": FeedbackStatus(to).label if to in FeedbackStatus.values else to,
                },
            )
        if to in REASON_REQUIRED and not reason:
            raise ValidationError(_("Vui lòng nêu lý do."), code="reason_required")
        if len(reason) > 4000:
            raise ValidationError(_("Lý do quá dài (tối đa 4.000 ký tự)."), code="too_long")
        from_status = current.status
        current.status = to
        if organisation is not None:
            current.organisation = organisation
        if to in FINAL_STATUSES:
            current.closed_at = at or timezone.now()
        current.save(update_fields=["status", "organisation", "closed_at", "updated_at"])
        FeedbackEvent.objects.create(
            feedback=current,
            from_status=from_status,
            to_status=to,
            actor=actor if actor is not None and actor.is_authenticated else None,
            organisation=current.organisation,
            reason=reason,
            created_at=at or timezone.now(),
        )
        if current.reporter_email:
            code, email = current.tracking_code, current.reporter_email
            transaction.on_commit(lambda: _send_status_change(code=code, email=email))
    feedback.refresh_from_db()
    return feedback


def _send_status_change(*, code: str, email: str) -> None:
    from django.urls import reverse

    item = Feedback.objects.get(tracking_code=code)
    event = item.events.order_by("-created_at", "-pk").first()
    _mail(
        subject=_("Cập nhật phản ánh, kiến nghị %(code)s: %(status)s")
        % {"code": code, "status": item.get_status_display()},
        template="feedback/email/status.txt",
        context={
            "item": item,
            "event": event,
            "status_url": _site_url(reverse("feedback:status", args=[code])),
        },
        to=email,
    )


def answer_feedback(*, feedback: Feedback, body: str, actor, at: datetime | None = None) -> Answer:
    """Record (or replace, before it is published) the answer and mark the item answered."""
    with transaction.atomic():
        answer = Answer.objects.filter(feedback=feedback).first() or Answer(feedback=feedback)
        if answer.is_published:
            raise ValidationError(_("Câu trả lời đã được công khai, không thể sửa."))
        answer.body = body
        answer.organisation = feedback.organisation
        answer.answered_by = actor
        answer.answered_at = at or timezone.now()
        answer.full_clean()
        answer.save()
        transition_feedback(feedback=feedback, to=FeedbackStatus.ANSWERED, actor=actor, at=at)
    return answer


def publish_answer(*, feedback: Feedback, actor, at: datetime | None = None) -> Answer:
    """Publish the answer to the public Q&A (the approver's act). Only with the citizen's
    consent to publish; the reporter's identity is never part of what is published."""
    with transaction.atomic():
        answer = Answer.objects.select_for_update().filter(feedback=feedback).first()
        if answer is None or feedback.status not in (
            FeedbackStatus.ANSWERED,
            FeedbackStatus.CLOSED,
        ):
            raise ValidationError(_("Chỉ công khai được phản ánh đã có câu trả lời."))
        if not feedback.consent_publish:
            raise ValidationError(_("Người gửi không đồng ý công khai câu hỏi và trả lời."))
        answer.is_published = True
        answer.published_at = at or timezone.now()
        answer.published_by = actor
        answer.save(update_fields=["is_published", "published_at", "published_by"])
        Feedback.objects.filter(pk=feedback.pk).update(
            search_folded=fold(f"{feedback.subject}\n{feedback.description}\n{answer.body}")
        )
        transaction.on_commit(purge_page_cache)
    return answer


def unpublish_answer(*, feedback: Feedback, actor) -> Answer:
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(feedback=feedback)
        answer.is_published = False
        answer.save(update_fields=["is_published"])
        transaction.on_commit(purge_page_cache)
    return answer


def supply_information(*, feedback: Feedback, text: str) -> Feedback:
    """The citizen answers a request for information (through the private link)."""
    text = normalize_text(text or "").strip()
    if not text:
        raise ValidationError(_("Vui lòng nhập thông tin bổ sung."))
    return transition_feedback(
        feedback=feedback, to=FeedbackStatus.INFO_SUPPLIED, actor=None, reason=text
    )


def rate_answer(*, feedback: Feedback, rating: int) -> Feedback:
    """The citizen rates the answer (1–5) through the private link; a later rating replaces it."""
    if feedback.status not in (FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED):
        raise ValidationError(_("Chỉ đánh giá được khi đã có câu trả lời."))
    if rating not in range(1, 6):
        raise ValidationError(_("Mức đánh giá từ 1 đến 5."))
    Feedback.objects.filter(pk=feedback.pk).update(rating=rating)
    feedback.refresh_from_db()
    return feedback


def withdraw_feedback(*, feedback: Feedback, reason: str) -> Feedback:
    return transition_feedback(
        feedback=feedback, to=FeedbackStatus.WITHDRAWN, actor=None, reason=reason
    )


@transaction.atomic
def anonymise_reporter(*, feedback: Feedback) -> Feedback:
    """Erase the reporter's identity (data subject's request); the item and answer stay."""
    Feedback.objects.filter(pk=feedback.pk).update(
        identity_mode=IdentityMode.ANONYMOUS,
        reporter_name="",
        reporter_phone="",
        reporter_email="",
    )
    feedback.refresh_from_db()
    return feedback
