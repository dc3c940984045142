"""Background work of the feedback app (django-tasks; run immediately in tests).

``send_due_reminders`` runs every morning (cron: ``manage.py feedback_reminders``, or a scheduler
calling ``send_due_reminders.enqueue()``): it e-mails the handlers of each responsible body about
their open items due within the reminder window of the item's kind (``DeadlinePolicy``), counted
in working days on the Vietnamese calendar, once per item and deadline. Closed, refused,
withdrawn and answered items are never reminded.
"""

from __future__ import annotations

import logging
from datetime import date

from django.utils import timezone
from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def send_due_reminders(today: str | None = None) -> int:
    """``today`` (ISO date) defaults to the local date now. Returns the number of items
    reminded."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    count = services.send_due_reminders(today=day)
    logger.info("feedback due reminders for %s: %s items", day.isoformat(), count)
    return count
