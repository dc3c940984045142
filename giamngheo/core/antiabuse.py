"""Anti-abuse checks of the public forms, without a CAPTCHA: a signed timestamp put in the form
when it is shown, refused when it is forged, too old or sent back too fast. The honeypot field and
the rate limit per client live with each form and view; a refused check raises ``AbuseCheck``,
whose message the view shows."""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

# The salt keeps the value it had in the feedback form, so forms already open stay valid.
_SIGNER_SALT = "feedback.form-started"


class AbuseCheck(Exception):
    """The form was filled by a robot: honeypot filled, too fast, or a forged timestamp."""


def sign_started(now: float | None = None) -> str:
    return signing.dumps(int(now if now is not None else time.time()), salt=_SIGNER_SALT)


def check_started(value: str, *, now: float | None = None) -> None:
    try:
        started = signing.loads(
            value or "", salt=_SIGNER_SALT, max_age=settings.FEEDBACK_FORM_MAX_AGE_SECONDS
        )
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
