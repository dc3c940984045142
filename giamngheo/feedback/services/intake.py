"""Intake of the feedback app: deadlines, categories and routing rules, filing an item (web,
API, Zalo, phone, letter) with its receipt, and the Open311 API keys."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.core.notify import notify, site_url
from giamngheo.core.uploads import CleanFile
from giamngheo.core.workdays import add_working_days
from giamngheo.core.workflow import record_event
from giamngheo.organisations.enums import ConsentChannel
from giamngheo.organisations.models import AdministrativeUnit, Organisation
from giamngheo.organisations.selectors import commune_at
from giamngheo.organisations.services import record_consent

from ..enums import FEEDBACK_WORKFLOW, BanKind, Channel, FeedbackKind, FeedbackStatus
from ..models import (
    ApiKey,
    Category,
    DeadlinePolicy,
    Feedback,
    FeedbackAttachment,
    RoutingRule,
)
from ..rules import CODE_ALPHABET, CODE_PREFIX
from ..selectors import (
    ban_hash,
    deadline_policy,
    hash_token,
    is_banned,
    lead_organisation_for,
    routed_organisation_id,
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
    unit: AdministrativeUnit | None,
    identity_mode: str,
    consent_processing: bool,
    consent_publish: bool,
    channel: str = Channel.WEB,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    address: str = "",
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
        address=address,
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
    day = timezone.localdate(received_at)
    if unit is not None and unit.pk and not unit.is_valid_on(day):
        raise ValidationError({"unit": _("Đơn vị hành chính này không còn hiệu lực.")})
    if unit is None and latitude is not None and longitude is not None:
        # A map pin or an Open311 point names its commune when boundaries are loaded.
        item.unit = unit = commune_at(latitude=latitude, longitude=longitude, on=day)
    if unit is None:
        # Filed, never refused: the lead department's triage queue assigns the commune.
        lead = lead_organisation_for(unit=None, on=day)
        item.organisation_id = lead.pk if lead else None
    else:
        item.organisation_id = routed_organisation_id(unit=unit, category=category, on=day)
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
        record_event(
            item,
            workflow=FEEDBACK_WORKFLOW,
            from_status="",
            to_status=FeedbackStatus.RECEIVED,
            actor=entered_by,
            at=received_at,
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


def _send_receipt(*, code: str, email: str = "", token: str) -> None:
    """The receipt, by every way the reporter left: e-mail, SMS to a phone, Zalo to the
    follower the item came from. A short message carries the code, the deadline and the links."""
    item = Feedback.objects.select_related("category", "unit").get(tracking_code=code)
    status_url = site_url(reverse("feedback:status", args=[code]))
    private_url = site_url(reverse("feedback:private", args=[token]))
    short = _(
        "Đã tiếp nhận phản ánh, kiến nghị. Mã tra cứu: %(code)s. Hạn xử lý: %(date)s. "
        "Tra cứu: %(url)s"
    ) % {"code": code, "date": item.deadline.strftime("%d/%m/%Y"), "url": status_url}
    private = _("Đường dẫn riêng để bổ sung thông tin hoặc rút phản ánh: %(url)s") % {
        "url": private_url
    }
    notify(
        subject=_("Đã tiếp nhận phản ánh, kiến nghị — mã tra cứu %(code)s") % {"code": code},
        template="feedback/email/receipt.txt",
        context={"item": item, "status_url": status_url, "private_url": private_url},
        emails=[email or item.reporter_email],
        phones=[item.reporter_phone],
        zalo_ids=[item.channel_user_id],
        text=short,
        zalo_text=f"{short}\n{private}",
    )


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
