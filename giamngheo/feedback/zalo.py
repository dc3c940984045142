"""Zalo Official Account intake: ``POST /zalo/webhook/``.

Zalo calls the webhook for each event of the Official Account (``user_send_text``,
``user_send_image``, ``follow`` …). What is implemented, and where it comes from:

- **Signature** [reported: third-party guides to the Zalo OA API, hainh.me and tinhoc88.com,
  "Zalo API – PHP webhook"; FACTS.md]: the header ``X-ZEvent-Signature`` carries
  ``sha256(app_id + raw JSON body + timestamp + OA secret key)`` in hex, where ``timestamp`` is
  the ``timestamp`` field of that JSON and the key is the *OA* secret key (not the app secret).
  Some senders prefix it with ``mac=``; both forms are accepted. The ``app_id`` of the body must
  be ours. Settings: ``ZALO_APP_ID``, ``ZALO_OA_SECRET_KEY``; without them every event is refused.
- Zalo expects 200 within about 2 seconds and re-delivers otherwise: every event is stored as a
  ``ChannelMessage`` keyed by its ``msg_id``, so a re-delivered event files nothing twice and is
  answered 200 again.
- A ``user_send_text`` event files a feedback item (channel Zalo) in the configured category and
  commune (``FEEDBACK_ZALO_CATEGORY``, ``FEEDBACK_ZALO_UNIT_CODE``; else the first of each) for
  handlers to reclassify; the follower id is kept as ``channel_user_id`` — only to send the
  receipt and later notices back through the Zalo sender backend (feedback/channels.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit

from . import selectors, services
from .enums import Channel, FeedbackKind, IdentityMode
from .models import DESCRIPTION_MAX, ChannelMessage, Feedback

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-ZEvent-Signature"
TEXT_EVENT = "user_send_text"


def signature_for(*, body: bytes, timestamp: str, app_id: str, secret: str) -> str:
    raw = app_id.encode() + body + timestamp.encode() + secret.encode()
    return hashlib.sha256(raw).hexdigest()


def _problem(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": status, "message": message}, status=status)


@csrf_exempt
@require_POST
def webhook(request):
    app_id = getattr(settings, "ZALO_APP_ID", "")
    secret = getattr(settings, "ZALO_OA_SECRET_KEY", "")
    if not (app_id and secret):
        return _problem(_("Kênh Zalo chưa được cấu hình trên hệ thống."), 403)
    body = request.body
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _problem(_("Dữ liệu gửi đến không phải JSON hợp lệ."), 400)
    # PostgreSQL's jsonb and text refuse NUL: refused here rather than as a database error.
    if not isinstance(payload, dict) or b"\\u0000" in body.lower():
        return _problem(_("Dữ liệu gửi đến không phải JSON hợp lệ."), 400)
    timestamp = payload.get("timestamp")
    given = request.headers.get(SIGNATURE_HEADER, "").strip()
    given = given.removeprefix("mac=")
    expected = signature_for(
        body=body, timestamp=str(timestamp or ""), app_id=app_id, secret=secret
    )
    if not (
        isinstance(timestamp, str | int)
        and str(payload.get("app_id", "")) == app_id
        and hmac.compare_digest(given.encode(), expected.encode())
    ):
        return _problem(_("Chữ ký sự kiện Zalo không hợp lệ."), 403)
    try:
        message = receive_event(payload=payload)
    except ValidationError as exc:
        return _problem(" ".join(exc.messages), 400)
    return JsonResponse(
        {"error": 0, "message": "ok", "feedback": bool(message.feedback_id)}, status=200
    )


# --- the service -------------------------------------------------------------------------------


def _text(value, *, name: str, max_length: int, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or (required and not value) or len(value) > max_length:
        raise ValidationError(_("Trường %(name)s của sự kiện Zalo không hợp lệ.") % {"name": name})
    return value


def _parse(payload: dict) -> tuple[str, str, str, str]:
    """(event, external id, sender id, text) of a signed event; ValidationError if malformed."""
    event = _text(payload.get("event_name"), name="event_name", max_length=40)
    # Message events name the user in "sender"; follow and unfollow in "follower".
    person = payload.get("sender") or payload.get("follower")
    sender_id = _text(
        person.get("id") if isinstance(person, dict) else None,
        name="sender.id",
        max_length=64,
        required=event.startswith("user_send_"),
    )
    message = payload.get("message")
    message = message if isinstance(message, dict) else {}
    timestamp = _text(payload.get("timestamp"), name="timestamp", max_length=20)
    if event.startswith("user_send_"):
        external_id = _text(message.get("msg_id"), name="message.msg_id", max_length=100)
    else:
        # Events without a message (follow, unfollow …): the sender and the time identify them.
        external_id = f"{event}:{sender_id}:{timestamp}"[:100]
    text = ""
    if event == TEXT_EVENT:
        text = _text(message.get("text"), name="message.text", max_length=20_000, required=False)
    return event, external_id, sender_id, text


def _default_category():
    code = getattr(settings, "FEEDBACK_ZALO_CATEGORY", "")
    categories = selectors.active_categories()
    return (categories.filter(code=code).first() if code else None) or categories.first()


def _default_unit(on):
    """The commune set for the official account (FEEDBACK_ZALO_UNIT_CODE), else None: a message
    that names no commune is filed for the lead department's triage queue, never sent to an
    arbitrary commune."""
    code = getattr(settings, "FEEDBACK_ZALO_UNIT_CODE", "")
    if not code:
        return None
    return (
        AdministrativeUnit.objects.valid_on(on)
        .filter(level=UnitLevel.COMMUNE, code=code)
        .order_by("path")
        .first()
    )


def receive_event(*, payload: dict) -> ChannelMessage:
    """Store one signed Zalo event once (by its message id) and file a text message as a
    feedback item. Returns the stored message; a re-delivered event returns the first copy and
    files nothing."""
    event, external_id, sender_id, text = _parse(payload)
    existing = ChannelMessage.objects.filter(channel=Channel.ZALO, external_id=external_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            message = ChannelMessage.objects.create(
                channel=Channel.ZALO,
                external_id=external_id,
                event=event,
                sender_id=sender_id,
                payload=payload,
            )
            if event == TEXT_EVENT and text.strip():
                item = _file(text=text, sender_id=sender_id)
                if item is not None:
                    message.feedback = item
                    message.save(update_fields=["feedback"])
    except IntegrityError:
        # The same event delivered twice at once: the unique (channel, external_id) let one in.
        return ChannelMessage.objects.get(channel=Channel.ZALO, external_id=external_id)
    return message


def _file(*, text: str, sender_id: str) -> Feedback | None:
    category, unit = _default_category(), _default_unit(timezone.localdate())
    if category is None:
        logger.error("Zalo message kept without a feedback item: no category defined")
        return None
    description = text.strip()[:DESCRIPTION_MAX]
    subject = description.splitlines()[0][:120]
    # No name, phone or e-mail comes with a Zalo message: the item holds no identity, only the
    # follower id needed to answer back through Zalo, which no public page ever shows.
    item = services.submit_feedback(
        kind=FeedbackKind.FEEDBACK,
        category=category,
        subject=subject,
        description=description,
        unit=unit,
        identity_mode=IdentityMode.ANONYMOUS,
        consent_processing=False,
        consent_publish=False,
        channel=Channel.ZALO,
        notify=False,
    )
    Feedback.objects.filter(pk=item.pk).update(channel_user_id=sender_id)
    item.channel_user_id = sender_id
    code, token = item.tracking_code, item.private_token
    transaction.on_commit(lambda: services._send_receipt(code=code, token=token))
    return item
