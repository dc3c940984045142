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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count
from django_tasks import TaskResultStatus, task

from . import services
from .models import Certificate, Course

logger = logging.getLogger(__name__)

# Long enough for the organiser to see the result on the course's page after the last one.
PROGRESS_SECONDS = 3600


def _progress_key(course_id: int) -> str:
    return f"training:certificates:{course_id}"


def certificate_progress(course_id: int) -> dict | None:
    """``{"done", "total", "finished"}`` of the course's latest issue, or None.

    The worker's running count is in the cache when the cache is shared (``CACHE_URL``). With
    the default per-process cache the web workers never see it, so the answer then comes from
    the database every process shares: a request still waiting or running in the task queue
    (``done``/``total`` 0, not finished), else the latest batch of certificates issued."""
    found = cache.get(_progress_key(course_id))
    if found is not None:
        return found
    if _in_queue(course_id):
        return {"done": 0, "total": 0, "finished": False}
    latest = (
        Certificate.objects.filter(enrolment__course_id=course_id)
        .values("issued_at")
        .annotate(count=Count("pk"))
        .order_by("-issued_at")
        .first()
    )
    if latest is None:
        return None
    return {"done": latest["count"], "total": latest["count"], "finished": True}


def _in_queue(course_id: int) -> bool:
    """Whether an ``issue_certificates`` for the course waits or runs in django-tasks'
    database queue (the backend of ``make run`` and production; the tests run tasks at once)."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return False
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 (only with that backend)

    return DBTaskResult.objects.filter(
        task_path=issue_certificates.module_path,
        status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING),
        args_kwargs__args__0=course_id,
    ).exists()


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
