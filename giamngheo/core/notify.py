"""One fan-out for every notice the project sends: e-mail through Django's mail backends (the
body rendered from a Vietnamese template), SMS and Zalo through ``core.channels``.

A notice is sent after the change it announces has been committed (``core.workflow`` registers
it with ``transaction.on_commit``), and a channel that is down never turns that change into an
error: each failure is logged and the other channels still go out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from . import channels

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """An absolute link for a message that leaves the site (``WAGTAILADMIN_BASE_URL``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify(
    *,
    subject: str = "",
    template: str = "",
    context: dict | None = None,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    zalo_ids: Sequence[str] = (),
    text: str = "",
    zalo_text: str = "",
) -> int:
    """Send one notice and return how many messages were handed over.

    ``emails``: one e-mail with ``subject``, its body rendered from ``template`` with
    ``context``, addressed to all of them together (empty addresses are dropped). ``phones``:
    one SMS of ``text`` to each. ``zalo_ids``: one Zalo message to each follower, of
    ``zalo_text`` (default ``text``). A short message never carries more than ``text`` says:
    reasons and personal details belong in the e-mail only.
    """
    sent = 0
    to = [address for address in emails if address]
    if to:
        # A mail server that is down must not undo a change already committed and audited.
        try:
            sent += send_mail(subject, render_to_string(template, context or {}), None, to)
        except Exception:
            logger.exception("notice e-mail failed: %s", template)
    for phone in phones:
        if phone:
            sent += channels.send_sms(to=phone, text=text)
    for follower in zalo_ids:
        if follower:
            sent += channels.send_zalo(to=follower, text=zalo_text or text)
    return sent
