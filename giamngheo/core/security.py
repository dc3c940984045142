"""Security events as one structured log line each, at INFO on the ``giamngheo.security`` logger:
``security event=login_failed username="lan" ip=10.0.0.5 path=/admin/login/``.

Events: ``login_succeeded``, ``login_failed``, ``lockout`` (django-axes), ``account_capped`` (the
per-account cap of password checks), ``two_factor_failed``, ``permission_denied``,
``personal_data_exported``, ``personal_data_erased``. Values are key=value, quoted as JSON
strings when they hold anything but plain characters (so a newline cannot forge a line); a key
naming a password, token or secret is never written.
"""

from __future__ import annotations

import json
import logging
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied

from .text import fold

logger = logging.getLogger("giamngheo.security")

_PLAIN = re.compile(r"^[\w.:/@+\-]{1,200}$", re.ASCII)
_SECRET = re.compile(r"pass|token|secret|otp|code", re.IGNORECASE)


def _value(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool | int | float):
        return str(value).lower() if isinstance(value, bool) else str(value)
    text = str(value)[:200]
    return text if _PLAIN.match(text) else json.dumps(text, ensure_ascii=False)


def security_event(event: str, *, request=None, **fields) -> str:
    """Log one security event; the line written is returned (the tests read it back)."""
    data: dict[str, object] = {"event": event}
    if request is not None:
        data["ip"] = request.META.get("REMOTE_ADDR", "")
        data["path"] = request.path
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            data.setdefault("user_id", user.pk)
    for key, value in fields.items():
        if not _SECRET.search(key):
            data[key] = value
    line = "security " + " ".join(f"{k}={_value(v)}" for k, v in data.items())
    logger.info(line)
    return line


def connect_signals() -> None:
    """Sign-in success and failure (Django's signals) and lockouts (django-axes's)."""
    from axes.signals import user_locked_out  # noqa: PLC0415 (app registry not ready)
    from django.contrib.auth.signals import (  # noqa: PLC0415 (app registry not ready)
        user_logged_in,
        user_login_failed,
    )

    def logged_in(sender, request, user, **kwargs):
        security_event("login_succeeded", request=request, user_id=user.pk)

    def login_failed(sender, credentials, request=None, **kwargs):
        username = (credentials or {}).get("username", "")
        security_event("login_failed", request=request, username=username)
        if username:
            count_account_failure(username)

    def locked_out(sender, request, username, ip_address, **kwargs):
        security_event("lockout", request=request, username=username, ip=ip_address)

    # weak=False: the receivers are local functions, kept alive by the signals alone.
    user_logged_in.connect(logged_in, weak=False, dispatch_uid="core_security_login")
    user_login_failed.connect(login_failed, weak=False, dispatch_uid="core_security_failed")
    user_locked_out.connect(locked_out, weak=False, dispatch_uid="core_security_lockout")


# --- the per-account cap of password checks ------------------------------------------------------
#
# django-axes locks a name *and* an address after a few failures; thirty addresses would still try
# one account a hundred times a minute. The cap counts failures per account whatever the address:
# at SIGNIN_ACCOUNT_CAP failures within a window of SIGNIN_ACCOUNT_WINDOW_SECONDS (20 in 15 min,
# so never more than 100 password checks of one account in any hour), the password is no longer
# checked until the window ends. The answer is the ordinary "wrong name or password" (nothing
# tells an attacker, or anyone, that the cap holds), each refusal is logged, and the real user is
# kept out for the rest of that window at most (≤ 15 minutes), not for as long as the attack
# lasts. Names that do not exist are counted the same way.


def _account_key(username: str) -> str:
    return f"signin:account:{fold(username.strip())[:150]}"


def count_account_failure(username: str) -> int:
    from .antiabuse import hit  # noqa: PLC0415 (antiabuse imports models: app registry)

    return hit(_account_key(username), window=settings.SIGNIN_ACCOUNT_WINDOW_SECONDS)


def account_capped(username: str) -> bool:
    from .antiabuse import current  # noqa: PLC0415 (antiabuse imports models: app registry)

    count = current(_account_key(username), window=settings.SIGNIN_ACCOUNT_WINDOW_SECONDS)
    return count >= settings.SIGNIN_ACCOUNT_CAP


class AccountCapBackend:
    """Placed right after django-axes's backend: refuses, before any password is checked, an
    account whose cap is reached (``PermissionDenied`` stops Django's backend chain; the sign-in
    form shows its usual error)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and account_capped(username):
            security_event("account_capped", request=request, username=username)
            raise PermissionDenied
        return None

    # No get_user: a session is never this backend's (force_login and the session's user take
    # the first backend that has one, ModelBackend).
