"""Anti-abuse checks of the public forms, without a CAPTCHA: a signed timestamp put in the form
when it is shown, refused when it is forged, too old or sent back too fast. The honeypot field
lives with each form; a refused check raises ``AbuseCheck``, whose message the view shows.

Shared by every process and app server through the database (the embedded default has it, so
four gunicorn workers count one limit, not four):

- ``rate_limited(key, limit=…, window=…)``: a fixed-window counter per client or per API key;
- ``once(key, make, digest=…)``: a submission made once. The signed timestamp carries a random
  nonce, so it is also the form's single-use submission token (``form_token``): a second post of
  the same form (back button, double click) answers with the first post's result. An Open311
  idempotency key sent again with another payload raises ``OnceConflict``.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RateCount, SubmissionOnce

# The salt keeps the value it had in the feedback form, so forms already open stay valid.
_SIGNER_SALT = "feedback.form-started"


class AbuseCheck(Exception):
    """The form was filled by a robot: honeypot filled, too fast, or a forged timestamp."""


def sign_started(now: float | None = None) -> str:
    """The form's signed start time and a random nonce: also its single-use submission token."""
    started = int(now if now is not None else time.time())
    return signing.dumps([started, secrets.token_urlsafe(12)], salt=_SIGNER_SALT)


def check_started(value: str, *, now: float | None = None) -> None:
    try:
        started = signing.loads(
            value or "", salt=_SIGNER_SALT, max_age=settings.FEEDBACK_FORM_MAX_AGE_SECONDS
        )
        if isinstance(started, list):  # [time, nonce]; a bare time from forms opened before
            started = started[0]
        int(started)
    except (TypeError, ValueError, IndexError):
        raise AbuseCheck(_("Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại.")) from None
    except signing.SignatureExpired:
        raise AbuseCheck(_("Biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại.")) from None
    except signing.BadSignature:
        raise AbuseCheck(_("Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại.")) from None
    elapsed = (now if now is not None else time.time()) - int(started)
    if elapsed > settings.FEEDBACK_FORM_MAX_AGE_SECONDS:
        raise AbuseCheck(_("Biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại."))
    if elapsed < settings.FEEDBACK_MIN_FILL_SECONDS:
        raise AbuseCheck(
            _("Biểu mẫu được gửi quá nhanh. Vui lòng kiểm tra lại nội dung và gửi lại.")
        )


def form_token(scope: str, started: str) -> str:
    """The ``once`` key of a form post: its signed start value (checked by ``check_started``)."""
    return f"form:{scope}:{started}"


# --- shared counters and single submissions --------------------------------------------------


def _stored_key(key: str) -> str:
    return key if len(key) <= 150 else f"{key[:80]}#{hashlib.sha256(key.encode()).hexdigest()}"


def hit(key: str, *, window: int, now: float | None = None) -> int:
    """Count one event under ``key`` in the current fixed window of ``window`` seconds; the
    count so far in that window, every process and server included."""
    now = now if now is not None else time.time()
    bucket = int(now // window)
    stored = _stored_key(f"{key}@{window}:{bucket}")
    expires = datetime.fromtimestamp((bucket + 1) * window, UTC)
    with transaction.atomic():
        if not RateCount.objects.filter(key=stored).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=stored, count=1, expires_at=expires)
            except IntegrityError:  # another process opened the window first
                RateCount.objects.filter(key=stored).update(count=F("count") + 1)
            else:
                # A new window: windows already over are swept (an indexed range).
                RateCount.objects.filter(expires_at__lte=datetime.fromtimestamp(now, UTC)).delete()
                return 1
        return RateCount.objects.filter(key=stored).values_list("count", flat=True).get()


def current(key: str, *, window: int, now: float | None = None) -> int:
    """The count under ``key`` in the current window, without counting anything."""
    now = now if now is not None else time.time()
    stored = _stored_key(f"{key}@{window}:{int(now // window)}")
    return RateCount.objects.filter(key=stored).values_list("count", flat=True).first() or 0


def rate_limited(key: str, *, limit: int, window: int | None = None) -> bool:
    """One more event under ``key``; True once it is over ``limit`` in the window."""
    return hit(key, window=window or settings.FEEDBACK_RATE_WINDOW_SECONDS) > limit


def client_address(request) -> str:
    # REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone reset their own limit.
    # Behind a proxy, the deployment sets REMOTE_ADDR from the trusted header.
    return request.META.get("REMOTE_ADDR", "")


class OnceConflict(Exception):
    """The key was used before with another payload."""


def payload_digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def once(
    key: str, make: Callable[[], str], *, digest: str = "", seconds: int = 24 * 3600
) -> tuple[str, bool]:
    """Run ``make`` (which returns the answer to give, e.g. a URL or a tracking code) once per
    ``key`` within ``seconds``: ``(answer, True)`` the first time, then the first answer and
    False. The key is recorded in the transaction of ``make``'s writes, so two racing posts
    create one record. A different ``digest`` under a used key raises ``OnceConflict``."""
    stored = _stored_key(key)
    now = timezone.now()

    def first():
        row = SubmissionOnce.objects.filter(key=stored, expires_at__gt=now).first()
        if row is not None and digest and row.digest and row.digest != digest:
            raise OnceConflict(key)
        return row

    if (row := first()) is not None:
        return row.result, False
    try:
        with transaction.atomic():
            SubmissionOnce.objects.filter(expires_at__lte=now).delete()
            answer = make()
            SubmissionOnce.objects.create(
                key=stored,
                digest=digest,
                result=answer[:500],
                expires_at=now + timedelta(seconds=seconds),
            )
    except IntegrityError:
        if (row := first()) is None:
            raise
        return row.result, False
    return answer, True
