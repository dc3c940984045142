"""Background work of the publications app (django-tasks; run immediately in tests).

``send_overdue_reminders`` runs every morning (``manage.py publications_reminders``, a job of
core.schedule): the officers of each recipient whose dispatch is overdue — more than
``OVERDUE_WORKING_DAYS`` working days on the Vietnamese calendar (core.workdays) without a
confirmation — are reminded by e-mail, once, then again after each further such period.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

from . import services


@task()
def send_overdue_reminders(at: str | None = None) -> int:
    """Reminders as of ``at`` (an ISO datetime with its offset; default now), on its calendar
    day in Asia/Ho_Chi_Minh. Returns the number of dispatches reminded."""
    day = timezone.localdate(datetime.fromisoformat(at)) if at else timezone.localdate()
    return services.send_overdue_reminders(today=day, overdue_after=services.OVERDUE_WORKING_DAYS)
