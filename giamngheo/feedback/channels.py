"""The SMS and Zalo senders now live in ``core.channels`` (every app sends through
``core.notify``); the names stay here because deployed settings name these dotted paths
(``FEEDBACK_SMS_BACKEND = "giamngheo.feedback.channels.…"``)."""

from giamngheo.core.channels import (
    CONSOLE_SMS,
    CONSOLE_ZALO,
    ChannelError,
    ConsoleSmsBackend,
    ConsoleZaloBackend,
    MemorySmsBackend,
    MemoryZaloBackend,
    OutgoingMessage,
    SmsBackend,
    ZaloBackend,
    outbox,
    send_sms,
    send_zalo,
    sms_backend,
    zalo_backend,
)

__all__ = [
    "CONSOLE_SMS",
    "CONSOLE_ZALO",
    "ChannelError",
    "ConsoleSmsBackend",
    "ConsoleZaloBackend",
    "MemorySmsBackend",
    "MemoryZaloBackend",
    "OutgoingMessage",
    "SmsBackend",
    "ZaloBackend",
    "outbox",
    "send_sms",
    "send_zalo",
    "sms_backend",
    "zalo_backend",
]
