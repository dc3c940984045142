"""Background work of the self-check (django-tasks; run immediately in tests).

``purge_contact_requests`` enforces the retention of households' contact requests (12 months,
as declared in personal_data.py): run it daily (cron: ``manage.py selfcheck_purge``).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.utils import timezone
from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def purge_contact_requests(now: str | None = None) -> int:
    """``now`` (ISO datetime) defaults to the current time. Returns how many were deleted."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    count = services.purge_old_contact_requests(before=services.retention_cutoff(now=moment))
    logger.info("selfcheck contact requests purged: %s", count)
    return count
