"""Background work of the training app (django-tasks; run immediately in tests).

``issue_certificates`` issues a course's certificates after its attendance is closed, out of
the request that asked for it, and keeps its progress (issued so far / to issue) where the
course's page reads it (``certificate_progress``), in the cache every worker shares
(``CACHE_URL`` in production).

``erase_expired_trainees`` enforces the retention of participants' names and contacts (each
course's ``retention_years`` after it ends, as declared in personal_data.py): run daily by the
scheduler (``manage.py training_purge``, ``core.schedule.JOBS``).
"""

from __future__ import annotations

import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django_tasks import task

from . import services
from .models import Course

logger = logging.getLogger(__name__)

# Long enough for the organiser to see the result on the course's page after the last one.
PROGRESS_SECONDS = 3600


def _progress_key(course_id: int) -> str:
    return f"training:certificates:{course_id}"


def certificate_progress(course_id: int) -> dict | None:
    """``{"done", "total", "finished"}`` of the course's latest issue, or None."""
    return cache.get(_progress_key(course_id))


def _record(course_id: int, *, done: int, total: int, finished: bool) -> None:
    cache.set(
        _progress_key(course_id),
        {"done": done, "total": total, "finished": finished},
        PROGRESS_SECONDS,
    )


@task()
def issue_certificates(course_id: int, actor_id: int) -> int:
    """The certificates of the course's participants who meet its rule; returns how many
    were issued. The progress is recorded every ``step`` certificates and at the end."""
    course = Course.objects.select_related("organiser").get(pk=course_id)
    actor = get_user_model().objects.get(pk=actor_id)
    _record(course_id, done=0, total=0, finished=False)

    def progress(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            _record(course_id, done=done, total=total, finished=False)

    made = services.issue_certificates(actor=actor, course=course, progress=progress)
    _record(course_id, done=len(made), total=len(made), finished=True)
    logger.info("course %s: %s certificates issued", course_id, len(made))
    return len(made)


@task()
def erase_expired_trainees(today: str | None = None) -> int:
    """``today`` (ISO date, in the site's zone) defaults to the current local day. Returns how
    many participants were erased."""
    day = date.fromisoformat(today) if today else None
    count = services.erase_expired_trainees(today=day)
    logger.info("training participants erased after their retention: %s", count)
    return count
