"""Background work of the reporting app (django-tasks; run immediately in tests).

``send_due_reminders`` is meant to run every morning (a scheduler calls
``send_due_reminders.enqueue()``): for each open period whose due date is at most the data set's
``reminder_working_days`` working days away — counted on the Vietnamese calendar
(core.workdays), on today's date in Asia/Ho_Chi_Minh — it e-mails every organisation that has
not reported yet, once per period and organisation.
"""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from giamngheo.core.workdays import count_working_days
from giamngheo.organisations.models import Organisation

from . import selectors
from .enums import ReminderKind
from .models import Period
from .reminders import send_reminder


def reminder_due(*, period: Period, today: date) -> bool:
    """True from the day that leaves ``N`` working days or fewer until the due date, to the due
    date itself. ``today`` is a local (Asia/Ho_Chi_Minh) calendar day."""
    days = period.dataset.reminder_working_days
    if not days or today > period.due_date or today < period.start:
        return False
    return count_working_days(today, period.due_date) <= days


@task()
def send_due_reminders(at: str | None = None) -> int:
    """Scheduled reminders as of ``at`` (an ISO datetime with its offset; default now), whose
    calendar day is taken in Asia/Ho_Chi_Minh: 17:00 UTC is already the next day there.
    Returns the number of reminders sent."""
    day = selectors.local_day(datetime.fromisoformat(at)) if at else timezone.localdate()
    sent = 0
    periods = Period.objects.select_related("dataset").filter(
        due_date__gte=day, start__lte=day, dataset__reminder_working_days__gt=0
    )
    for period in periods:
        if not reminder_due(period=period, today=day):
            continue
        report = selectors.completeness(dataset=period.dataset, period=period)
        for row in report.missing_rows:
            reminder = send_reminder(
                period=period,
                organisation=row.organisation,
                kind=ReminderKind.SCHEDULED,
                key=f"s:{period.pk}:{row.organisation.pk}",
            )
            sent += int(reminder is not None)
    return sent


@task()
def send_reminders(
    *,
    period_id: int,
    organisation_ids: list[int],
    kind: str,
    key_prefix: str,
    actor_id: int | None = None,
) -> int:
    """Reminders enqueued by the lead department's "Nhắc báo cáo" action."""
    period = Period.objects.select_related("dataset").get(pk=period_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    sent = 0
    for organisation in Organisation.objects.filter(pk__in=organisation_ids).order_by("name"):
        reminder = send_reminder(
            period=period,
            organisation=organisation,
            kind=kind,
            key=f"{key_prefix}:{organisation.pk}",
            actor=actor,
        )
        sent += int(reminder is not None)
    return sent
