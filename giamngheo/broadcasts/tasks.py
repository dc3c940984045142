"""Background work of the commune radio app (django-tasks; run immediately in tests).

The two reminder tasks are scheduled jobs of core.schedule (``manage.py
broadcasts_emergency_reminders`` every five minutes, ``manage.py broadcasts_reminders`` every
morning); see ``reminders``.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.utils import timezone
from django_tasks import task

from . import reminders
from .audio import generate_audio
from .models import BulletinVersion

logger = logging.getLogger(__name__)


@task()
def generate_bulletin_audio(version_id: int) -> float | None:
    """The Vietnamese audio of an approved bulletin; returns its measured duration."""
    version = BulletinVersion.objects.select_related("bulletin").filter(pk=version_id).first()
    if version is None:
        return None
    version = generate_audio(version=version)
    logger.info(
        "bulletin %s audio: %ss, %s LUFS",
        version.bulletin_id,
        version.duration_seconds,
        version.loudness_lufs,
    )
    return version.duration_seconds


def _moment(at: str | None) -> datetime:
    return datetime.fromisoformat(at) if at else timezone.now()


@task()
def send_acknowledgement_reminders(at: str | None = None) -> int:
    """Emergency deliveries overdue for acknowledgement as of ``at`` (an ISO datetime with its
    offset; default now). Returns the deliveries reminded."""
    count = reminders.send_acknowledgement_reminders(at=_moment(at))
    logger.info("radio acknowledgement reminders: %s", count)
    return count


@task()
def send_airing_reminders(at: str | None = None) -> int:
    """Airing reports overdue as of ``at``'s calendar day in Asia/Ho_Chi_Minh. Returns the
    deliveries reminded."""
    count = reminders.send_airing_reminders(today=timezone.localdate(_moment(at)))
    logger.info("radio airing reminders: %s", count)
    return count
