"""Writes of the feedback app. ``transition_feedback`` is the only function that changes a
status; every other service that moves an item calls it."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    BanKind,
    Channel,
    EventAction,
    FeedbackKind,
    FeedbackStatus,
    IdentityMode,
    Redaction,
)
from .models import (
    Answer,
    AnswerTemplate,
    ApiKey,
    Ban,
    Category,
    DeadlinePolicy,
    Feedback,
    FeedbackAttachment,
    FeedbackEvent,
    RoutingRule,
)
from .rules import CODE_ALPHABET, CODE_PREFIX
from .selectors import (
    ban_hash,
    deadline_policy,
    hash_token,
    is_banned,
    lead_organisation_for,
    normalise_ban_value,
    routed_organisation_id,
    sees_all_feedback,
)

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


# Polite and says nothing of the ban itself (an abuser learns nothing to work around).
BANNED_MESSAGE = gettext_lazy(
    "Hệ thống chưa tiếp nhận được phản ánh này. Vui lòng liên hệ trực tiếp cơ quan tiếp nhận "
    "để được hướng dẫn."
)


def deadline_for(*, kind: str, received_at: datetime):
    """Due date: N working days (by kind: a DeadlinePolicy row, else the default of
    settings.FEEDBACK_DEADLINE_DAYS) after the day of receipt in Asia/Ho_Chi_Minh — an item
    received at 23:59 counts from that local day."""
    days, _remind = deadline_policy(kind=kind)
    return add_working_days(timezone.localdate(received_at), days)


@transaction.atomic
def set_deadline_policy(*, kind: str, working_days: int, remind_before: int = 2) -> DeadlinePolicy:
    """Set the working days for a kind. Applies to items received from now on; the deadline of
    an item already received does not move."""
    policy = DeadlinePolicy.objects.filter(kind=kind).first() or DeadlinePolicy(kind=kind)
    policy.working_days = working_days
    policy.remind_before = remind_before
    policy.full_clean()
    policy.save()
    return policy


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
    client: str = "",
) -> Feedback:
    """File one item: routed, with its deadline, a unique tracking code and a private token.

    Returns the saved item with ``private_token`` set on it (the token is stored hashed, so this
    is the only moment it exists in clear). All or nothing: a failure leaves no row and no file
    reference behind. The receipt is sent after commit. With ``api_key`` and
    ``idempotency_key``, a retried call returns the item the first call created (its
    ``private_token`` is then None). ``client`` is the sender's network address (web form):
    checked against the ban list and kept only as a keyed hash. A banned sender gets a
    ValidationError with code ``banned`` and a polite message that gives no detail.
    """
    # A retried API call is told apart by the idempotency constraint at insert time (below), not
    # by a SELECT before every first call.
    if kind not in FeedbackKind.values or channel not in Channel.values:
        raise ValidationError(_("Loại phản ánh hoặc kênh tiếp nhận không hợp lệ."))
    if is_banned(phone=reporter_phone, email=reporter_email, client=client):
        raise ValidationError(BANNED_MESSAGE, code="banned")
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
        client_hash=ban_hash(kind=BanKind.CLIENT, value=client) if client else "",
    )
    if unit is not None and unit.pk and not unit.is_valid_on(timezone.localdate(received_at)):
        raise ValidationError({"unit": _("Đơn vị hành chính này không còn hiệu lực.")})
    item.organisation_id = routed_organisation_id(
        unit=unit, category=category, on=timezone.localdate(received_at)
    )
    # The organisation, key and officer come from the server, and the category and commune were
    # read from the database by the caller: no existence query for them. The table's constraints
    # hold in the database (and the field validators and clean() check the same rules with
    # Vietnamese messages), so they are not re-queried here either.
    server_set = ["tracking_code", "token_hash", "organisation", "api_key", "entered_by"]
    server_set += [f for f, row in (("category", category), ("unit", unit)) if row and row.pk]
    item.full_clean(exclude=server_set, validate_constraints=False)
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
    """The item's INSERT opens the transaction, so a tracking-code clash (the unique constraint
    decides: two concurrent submissions can never both get one code) rolls back nothing else:
    the whole transaction is simply tried again with a fresh code — no savepoint per item."""
    for _attempt in range(CODE_ATTEMPTS):
        item.tracking_code = new_tracking_code()
        try:
            _save_once(item, files, entered_by, received_at, notify, token)
            return
        except IntegrityError:
            item.pk = None
            if not Feedback.objects.filter(tracking_code=item.tracking_code).exists():
                raise
    raise IntegrityError(f"no free tracking code after {CODE_ATTEMPTS} attempts")


def _save_once(item, files, entered_by, received_at, notify, token) -> None:
    with transaction.atomic():
        item.save(force_insert=True)
        FeedbackEvent.objects.create(
            feedback=item,
            from_status="",
            to_status=FeedbackStatus.RECEIVED,
            actor=entered_by,
            organisation_id=item.organisation_id,
            created_at=received_at,
        )
        for clean in files:
            attachment = FeedbackAttachment(feedback=item, kind=clean.kind, size=clean.size)
            attachment.file.save(clean.content.name, clean.content, save=False)
            attachment.save()
        _record_consents(item)
        if notify and (item.reporter_email or item.reporter_phone or item.channel_user_id):
            code, email = item.tracking_code, item.reporter_email
            transaction.on_commit(lambda: _send_receipt(code=code, email=email, token=token))


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


def _send_receipt(*, code: str, email: str = "", token: str) -> None:
    """The receipt, by every way the reporter left: e-mail, SMS to a phone, Zalo to the
    follower the item came from. A short message carries the code, the deadline and the links."""
    from django.urls import reverse

    from . import channels

    item = Feedback.objects.select_related("category", "unit").get(tracking_code=code)
    status_url = _site_url(reverse("feedback:status", args=[code]))
    private_url = _site_url(reverse("feedback:private", args=[token]))
    email = email or item.reporter_email
    if email:
        _mail(
            subject=_("Đã tiếp nhận phản ánh, kiến nghị — mã tra cứu %(code)s") % {"code": code},
            template="feedback/email/receipt.txt",
            context={"item": item, "status_url": status_url, "private_url": private_url},
            to=email,
        )
    short = _(
        "Đã tiếp nhận phản ánh, kiến nghị. Mã tra cứu: %(code)s. Hạn xử lý: %(date)s. "
        "Tra cứu: %(url)s"
    ) % {"code": code, "date": item.deadline.strftime("%d/%m/%Y"), "url": status_url}
    if item.reporter_phone:
        channels.send_sms(to=item.reporter_phone, text=short)
    if item.channel_user_id:
        private = _("Đường dẫn riêng để bổ sung thông tin hoặc rút phản ánh: %(url)s") % {
            "url": private_url
        }
        channels.send_zalo(to=item.channel_user_id, text=f"{short}\n{private}")


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


API_KEY_TOUCH = timedelta(minutes=1)


def authenticate_api_key(*, raw: str) -> ApiKey | None:
    if not raw or len(raw) > 200:
        return None
    key = ApiKey.objects.filter(key_hash=hash_token(raw), is_active=True).first()
    now = timezone.now()
    # "Last used" to the minute: one write a minute per key, not one per request.
    if key is not None and (key.last_used_at is None or now - key.last_used_at > API_KEY_TOUCH):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
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

    ``reason`` is required for a refusal, a request for information, a withdrawal and a return;
    ``organisation`` (for *assigned*) hands the item to another body; ``at`` back-dates an
    entry of paper history (demo data, records typed in later). Raises ValidationError
    with a Vietnamese message when the change is not allowed.

    Routing after the first assignment goes through here too:

    - *assigned* again from assigned / in progress / information supplied: the body
      **transfers** the item to another body (reason required), or — when the actor is of the
      lead department — the lead department **reassigns** it;
    - *returned*: the body **returns** the item to the lead department covering the commune
      (reason required); from there the lead department reassigns it (or refuses it).

    Each is one ``FeedbackEvent`` naming the new body, and the sender is notified.
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
        action = EventAction.STATUS
        if to == FeedbackStatus.ASSIGNED and from_status != FeedbackStatus.ACCEPTED:
            if organisation is None or organisation.pk == current.organisation_id:
                raise ValidationError(
                    _("Vui lòng chọn cơ quan khác để chuyển xử lý."), code="same_organisation"
                )
            lead = from_status == FeedbackStatus.RETURNED or (
                actor is not None and sees_all_feedback(user=actor)
            )
            action = EventAction.REASSIGN if lead else EventAction.TRANSFER
            if action == EventAction.TRANSFER and not reason:
                raise ValidationError(
                    _("Vui lòng nêu lý do chuyển sang cơ quan khác."), code="reason_required"
                )
        elif to == FeedbackStatus.RETURNED:
            organisation = lead_organisation_for(unit=current.unit)
            if organisation is None:
                raise ValidationError(
                    _("Chưa xác định được cơ quan đầu mối để trả lại."), code="no_lead"
                )
            action = EventAction.RETURN
        elif to == FeedbackStatus.ASSIGNED and organisation is None and not current.organisation:
            raise ValidationError(_("Vui lòng chọn cơ quan xử lý."), code="no_organisation")
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
            actor=_real(actor),
            organisation=current.organisation,
            reason=reason,
            created_at=at or timezone.now(),
            action=action,
        )
        if current.reporter_email or current.reporter_phone or current.channel_user_id:
            code, email = current.tracking_code, current.reporter_email
            transaction.on_commit(lambda: _send_status_change(code=code, email=email))
    feedback.refresh_from_db()
    return feedback


def _real(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _audit(*, feedback: Feedback, actor, action: str, reason: str = "", at=None) -> FeedbackEvent:
    """An event that leaves the status alone (moderation, publication, redaction)."""
    return FeedbackEvent.objects.create(
        feedback=feedback,
        from_status=feedback.status,
        to_status=feedback.status,
        actor=_real(actor),
        organisation=feedback.organisation,
        reason=reason,
        created_at=at or timezone.now(),
        action=action,
    )


def _send_status_change(*, code: str, email: str = "") -> None:
    """A status notice by e-mail, SMS and/or Zalo, as for the receipt. The handler's reason goes
    only into the e-mail (a private channel that can carry it in full); SMS and Zalo carry the
    new status and the link to the status page."""
    from django.urls import reverse

    from . import channels

    item = Feedback.objects.get(tracking_code=code)
    event = item.events.order_by("-created_at", "-pk").first()
    status_url = _site_url(reverse("feedback:status", args=[code]))
    email = email or item.reporter_email
    if email:
        _mail(
            subject=_("Cập nhật phản ánh, kiến nghị %(code)s: %(status)s")
            % {"code": code, "status": item.get_status_display()},
            template="feedback/email/status.txt",
            context={"item": item, "event": event, "status_url": status_url},
            to=email,
        )
    short = _(
        "Phản ánh, kiến nghị %(code)s đã chuyển sang trạng thái: %(status)s. Tra cứu: %(url)s"
    ) % {
        "code": code,
        "status": item.get_status_display(),
        "url": status_url,
    }
    if item.reporter_phone:
        channels.send_sms(to=item.reporter_phone, text=short)
    if item.channel_user_id:
        channels.send_zalo(to=item.channel_user_id, text=short)


def answer_feedback(
    *,
    feedback: Feedback,
    body: str,
    actor,
    at: datetime | None = None,
    template: AnswerTemplate | None = None,
    propose_publication: bool = False,
) -> Answer:
    """Record (or replace, before it is published) the answer and mark the item answered.
    ``template`` records which answer template it started from; ``propose_publication`` asks
    an approver to publish it to the Q&A (see ``propose_publication``)."""
    with transaction.atomic():
        answer = Answer.objects.filter(feedback=feedback).first() or Answer(feedback=feedback)
        if answer.is_published:
            raise ValidationError(_("Câu trả lời đã được công khai, không thể sửa."))
        answer.body = body
        answer.organisation = feedback.organisation
        answer.answered_by = actor
        answer.answered_at = at or timezone.now()
        answer.template = template
        answer.full_clean()
        answer.save()
        transition_feedback(feedback=feedback, to=FeedbackStatus.ANSWERED, actor=actor, at=at)
        if propose_publication:
            _propose(feedback=feedback, answer=answer, actor=actor, at=at)
    return answer


def propose_publication(*, feedback: Feedback, actor, at: datetime | None = None) -> Answer:
    """The handler asks an approver to publish the answer to the Q&A."""
    with transaction.atomic():
        answer = Answer.objects.select_for_update().filter(feedback=feedback).first()
        if answer is None:
            raise ValidationError(_("Chỉ đề nghị công khai được phản ánh đã có câu trả lời."))
        return _propose(feedback=feedback, answer=answer, actor=actor, at=at)


def _propose(*, feedback, answer, actor, at) -> Answer:
    if answer.is_published:
        raise ValidationError(_("Câu trả lời đã được công khai."))
    if not feedback.consent_publish:
        raise ValidationError(_("Người gửi không đồng ý công khai câu hỏi và trả lời."))
    answer.publish_proposed_at = at or timezone.now()
    answer.publish_proposed_by = _real(actor)
    answer.save(update_fields=["publish_proposed_at", "publish_proposed_by"])
    feedback.refresh_from_db()
    _audit(feedback=feedback, actor=actor, action=EventAction.PROPOSE, at=at)
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
        if feedback.is_hidden or feedback.is_spam:
            raise ValidationError(_("Phản ánh đang bị ẩn hoặc là tin rác, không thể công khai."))
        answer.is_published = True
        answer.published_at = at or timezone.now()
        answer.published_by = actor
        answer.save(update_fields=["is_published", "published_at", "published_by"])
        Feedback.objects.filter(pk=feedback.pk).update(
            search_folded=fold(f"{feedback.subject}\n{feedback.description}\n{answer.body}")
        )
        _audit(feedback=feedback, actor=actor, action=EventAction.PUBLISH, at=at)
        transaction.on_commit(purge_page_cache)
    return answer


def unpublish_answer(*, feedback: Feedback, actor) -> Answer:
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(feedback=feedback)
        answer.is_published = False
        answer.save(update_fields=["is_published"])
        _audit(feedback=feedback, actor=actor, action=EventAction.UNPUBLISH)
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
        channel_user_id="",
    )
    feedback.refresh_from_db()
    return feedback


# --- answer templates ------------------------------------------------------------------------------


@transaction.atomic
def create_answer_template(
    *, title: str, body: str, category: Category | None = None
) -> AnswerTemplate:
    template = AnswerTemplate(title=title, body=body, category=category)
    template.full_clean()
    template.save()
    return template


# --- moderation and bans ---------------------------------------------------------------------------


def moderate_feedback(
    *,
    feedback: Feedback,
    actor,
    hidden: bool | None = None,
    spam: bool | None = None,
    reason: str = "",
) -> Feedback:
    """Hide an item from every public page (kept, never deleted) and/or flag it as spam — or
    undo either. Hiding and flagging need a reason; each change is an audited event. A hidden
    item's published answer leaves the Q&A with it (the page cache is purged)."""
    reason = normalize_text(reason or "").strip()
    if len(reason) > 4000:
        raise ValidationError(_("Lý do quá dài (tối đa 4.000 ký tự)."))
    with transaction.atomic():
        current = Feedback.objects.select_for_update().get(pk=feedback.pk)
        changes = []
        if hidden is not None and hidden != current.is_hidden:
            changes.append(EventAction.HIDE if hidden else EventAction.UNHIDE)
            current.is_hidden = hidden
        if spam is not None and spam != current.is_spam:
            changes.append(EventAction.SPAM if spam else EventAction.UNSPAM)
            current.is_spam = spam
        if not changes:
            raise ValidationError(_("Không có thay đổi nào."))
        if {EventAction.HIDE, EventAction.SPAM} & set(changes) and not reason:
            raise ValidationError(_("Vui lòng nêu lý do ẩn hoặc đánh dấu tin rác."))
        current.moderation_reason = reason
        current.moderated_by = _real(actor)
        current.moderated_at = timezone.now()
        current.save(
            update_fields=[
                "is_hidden",
                "is_spam",
                "moderation_reason",
                "moderated_by",
                "moderated_at",
                "updated_at",
            ]
        )
        for action in changes:
            _audit(feedback=current, actor=actor, action=action, reason=reason)
        transaction.on_commit(purge_page_cache)
    feedback.refresh_from_db()
    return feedback


@transaction.atomic
def create_ban(
    *,
    kind: str,
    value: str,
    reason: str,
    actor,
    until=None,
    feedback: Feedback | None = None,
) -> Ban:
    """Refuse further submissions from a phone, e-mail or network address. Only a keyed hash
    of the value is stored, with its last characters as a reminder for the administrator."""
    if kind not in BanKind.values:
        raise ValidationError(_("Loại chặn không hợp lệ."))
    normalised = normalise_ban_value(kind=kind, value=value)
    if not normalised:
        raise ValidationError({"value": _("Vui lòng nhập giá trị cần chặn.")})
    if until is not None and until < timezone.localdate():
        raise ValidationError({"until": _("Ngày hết hạn chặn phải từ hôm nay trở đi.")})
    ban = Ban(
        kind=kind,
        value_hash=ban_hash(kind=kind, value=normalised),
        hint="…" + normalised[-4:] if kind != BanKind.CLIENT else "",
        until=until,
        reason=reason,
        created_by=_real(actor),
        feedback=feedback,
    )
    ban.full_clean()
    ban.save()
    return ban


def ban_reporter(*, feedback: Feedback, actor, reason: str, until=None) -> list[Ban]:
    """Ban the sender of ``feedback``: their phone, e-mail and (web form) network address,
    whichever are known; audited on the item. The item itself is left as it is."""
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError(_("Vui lòng nêu lý do chặn."))
    with transaction.atomic():
        bans = []
        for kind, value in (
            (BanKind.PHONE, feedback.reporter_phone),
            (BanKind.EMAIL, feedback.reporter_email),
        ):
            if value:
                bans.append(
                    create_ban(
                        kind=kind,
                        value=value,
                        reason=reason,
                        actor=actor,
                        until=until,
                        feedback=feedback,
                    )
                )
        if feedback.client_hash:
            ban = Ban(
                kind=BanKind.CLIENT,
                value_hash=feedback.client_hash,
                until=until,
                reason=reason,
                created_by=_real(actor),
                feedback=feedback,
            )
            ban.full_clean()
            ban.save()
            bans.append(ban)
        if not bans:
            raise ValidationError(
                _("Người gửi ẩn danh qua kênh không ghi nhận địa chỉ: không có gì để chặn.")
            )
        _audit(feedback=feedback, actor=actor, action=EventAction.BAN, reason=reason)
    return bans


# --- attachments: what the public may see ---------------------------------------------------------

IMAGE_KINDS = {"jpg", "png", "webp"}
MIN_BLUR_RADIUS = 12


def _parse_boxes(boxes, width: int, height: int) -> list[tuple[int, int, int, int]]:
    result = []
    for box in boxes:
        if len(box) != 4:
            raise ValidationError(_("Mỗi vùng che gồm 4 số: x1, y1, x2, y2."))
        x1, y1, x2, y2 = (int(v) for v in box)
        if not (0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height):
            raise ValidationError(
                _("Vùng che %(box)s nằm ngoài ảnh (%(w)s × %(h)s điểm ảnh)."),
                params={"box": f"{x1},{y1},{x2},{y2}", "w": width, "h": height},
            )
        result.append((x1, y1, x2, y2))
    return result


def redact_attachment(
    *, attachment: FeedbackAttachment, actor, mode: str, boxes=()
) -> FeedbackAttachment:
    """Make the copy of an image the public may see once the answer is published: re-encoded
    as PNG (no metadata), with black rectangles over ``boxes`` ((x1, y1, x2, y2) in pixels of
    the original) or blurred as a whole. The original is never touched and never public.
    Documents (PDF, DOCX) cannot be made public; hide them instead."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw, ImageFilter, ImageOps

    if mode not in Redaction.values:
        raise ValidationError(_("Cách xử lý ảnh không hợp lệ."))
    if attachment.kind not in IMAGE_KINDS:
        raise ValidationError(_("Chỉ xử lý được tệp ảnh; tài liệu không được công khai."))
    with attachment.file.open("rb") as handle:
        image = Image.open(handle)
        image = ImageOps.exif_transpose(image).convert("RGB")
    if mode == Redaction.BOXES:
        regions = _parse_boxes(boxes, *image.size)
        if not regions:
            raise ValidationError(_("Vui lòng nhập ít nhất một vùng cần che."))
        draw = ImageDraw.Draw(image)
        for region in regions:
            draw.rectangle(region, fill=(0, 0, 0))
    elif mode == Redaction.BLUR:
        radius = max(MIN_BLUR_RADIUS, max(image.size) // 40)
        image = image.filter(ImageFilter.GaussianBlur(radius))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    with transaction.atomic():
        current = FeedbackAttachment.objects.select_for_update().get(pk=attachment.pk)
        old = current.public_file.name if current.public_file else ""
        current.public_file.save(
            f"cong-khai-{secrets.token_hex(12)}.png", ContentFile(out.getvalue()), save=False
        )
        current.redaction = mode
        current.is_hidden_from_public = False
        current.redacted_by = _real(actor)
        current.redacted_at = timezone.now()
        current.save()
        _audit(
            feedback=current.feedback,
            actor=actor,
            action=EventAction.REDACT,
            reason=Redaction(mode).label,
        )
        if old:
            transaction.on_commit(lambda: current.public_file.storage.delete(old))
        transaction.on_commit(purge_page_cache)
    attachment.refresh_from_db()
    return attachment


def hide_attachment(*, attachment: FeedbackAttachment, actor, hidden: bool = True):
    """Keep an attachment off the public pages (or allow its public copy again)."""
    with transaction.atomic():
        FeedbackAttachment.objects.filter(pk=attachment.pk).update(
            is_hidden_from_public=hidden, redacted_by=_real(actor), redacted_at=timezone.now()
        )
        _audit(
            feedback=attachment.feedback,
            actor=actor,
            action=EventAction.REDACT,
            reason=_("Không công khai tệp đính kèm")
            if hidden
            else _("Cho phép công khai bản đã xử lý"),
        )
        transaction.on_commit(purge_page_cache)
    attachment.refresh_from_db()
    return attachment


# --- reminders ----------------------------------------------------------------------------------


def send_due_reminders(*, today=None) -> int:
    """E-mail each responsible body's handlers about their open items that fall due within the
    reminder window of their kind (DeadlinePolicy.remind_before working days); one mail per
    person, one reminder per item and deadline. Returns the number of items reminded."""
    from django.urls import reverse

    from .selectors import handler_emails_by_organisation, items_due_for_reminder

    day = today or timezone.localdate()
    items = items_due_for_reminder(today=day)
    if not items:
        return 0
    emails = handler_emails_by_organisation(organisation_ids={i.organisation_id for i in items})
    per_person: dict[str, list[Feedback]] = {}
    for item in items:
        for email in emails.get(item.organisation_id, []):
            per_person.setdefault(email, []).append(item)
    for email, own in per_person.items():
        rows = [(i, _site_url(reverse("phan-anh:inspect", args=[i.pk]))) for i in own]
        _mail(
            subject=_("Nhắc hạn xử lý: %(n)s phản ánh, kiến nghị sắp đến hạn") % {"n": len(own)},
            template="feedback/email/reminder.txt",
            context={"rows": rows, "today": day},
            to=email,
        )
    reminded = [i.pk for i in items if emails.get(i.organisation_id)]
    Feedback.objects.filter(pk__in=reminded).update(reminded_for=F("deadline"))
    logger.info("feedback reminders: %s items, %s people", len(reminded), len(per_person))
    return len(reminded)
