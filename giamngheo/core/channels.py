"""Outgoing messages by SMS or through the Zalo Official Account, for every app (sent through
``core.notify.notify``).

Like Django's e-mail backends: the dotted path of a class in settings
(``FEEDBACK_SMS_BACKEND``, ``FEEDBACK_ZALO_BACKEND``: the names of the first app that sent such
messages, kept so deployed settings stay valid) picks how a message leaves. The console
backends (the default) write the message to the log and to stdout, so development and demo sites
never reach a network; the in-memory ones keep an ``outbox`` for tests. A production backend (an
SMS gateway, the Zalo OA "tin tư vấn" API with its refreshed access token) subclasses the base
class and implements ``send``; it must raise ``ChannelError`` on failure, never anything else.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

CONSOLE_SMS = "giamngheo.core.channels.ConsoleSmsBackend"
CONSOLE_ZALO = "giamngheo.core.channels.ConsoleZaloBackend"


class ChannelError(Exception):
    """The message could not be handed to the channel."""


@dataclass(frozen=True)
class OutgoingMessage:
    channel: str  # "sms" | "zalo"
    to: str  # a phone number, or a Zalo follower id
    text: str


class _Backend:
    channel = ""

    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


class SmsBackend(_Backend):
    """Sends a text message to a phone number."""

    channel = "sms"


class ZaloBackend(_Backend):
    """Sends a customer-service message to a follower of the Official Account (by follower id).

    Zalo accepts such a message only within a window after the follower's last message
    (48 hours reported): a real backend raises ChannelError when Zalo refuses it."""

    channel = "zalo"


class _Console:
    def send(self, *, to: str, text: str) -> None:
        message = f"[{self.channel}] → {to}\n{text}\n"
        logger.info("%s", message)
        sys.stdout.write(message + "-" * 40 + "\n")
        sys.stdout.flush()


class ConsoleSmsBackend(_Console, SmsBackend):
    pass


class ConsoleZaloBackend(_Console, ZaloBackend):
    pass


# One list for every in-memory backend, like django.core.mail.outbox: tests clear it.
outbox: list[OutgoingMessage] = []


class _Memory:
    def send(self, *, to: str, text: str) -> None:
        outbox.append(OutgoingMessage(channel=self.channel, to=to, text=text))


class MemorySmsBackend(_Memory, SmsBackend):
    pass


class MemoryZaloBackend(_Memory, ZaloBackend):
    pass


@cache
def _backend(path: str) -> _Backend:
    return import_string(path)()


def sms_backend() -> SmsBackend:
    return _backend(getattr(settings, "FEEDBACK_SMS_BACKEND", "") or CONSOLE_SMS)


def zalo_backend() -> ZaloBackend:
    return _backend(getattr(settings, "FEEDBACK_ZALO_BACKEND", "") or CONSOLE_ZALO)


def send_sms(*, to: str, text: str) -> bool:
    """Hand one SMS to the configured backend; False (logged) if it failed. A gateway that is
    down must never turn an accepted submission or a status change into an error."""
    return _send(sms_backend(), to=to, text=text)


def send_zalo(*, to: str, text: str) -> bool:
    return _send(zalo_backend(), to=to, text=text)


def _send(backend: _Backend, *, to: str, text: str) -> bool:
    try:
        backend.send(to=to, text=text)
    except Exception:
        logger.exception("outgoing %s message failed", backend.channel)
        return False
    return True
