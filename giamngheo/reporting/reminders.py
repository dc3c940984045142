"""Sending one reminder e-mail to an organisation that has not reported, recorded once.

Used by the tasks (scheduled and manual reminders) and re-exported by ``services``; it lives
outside ``services`` so that ``services`` may enqueue the tasks without an import cycle
(``services`` → ``tasks`` → ``reminders``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from giamngheo.core.notify import notify
from giamngheo.organisations.models import Organisation

from . import selectors
from .models import Period, Reminder


def send_reminder(
    *, period: Period, organisation: Organisation, kind: str, key: str, actor=None
) -> Reminder | None:
    """One reminder e-mail to the organisation's officers, recorded once per ``key``."""
    if Reminder.objects.filter(key=key).exists():
        return None
    recipients = selectors.organisation_recipients(organisation_ids=[organisation.pk]).get(
        organisation.pk, []
    )
    sent = notify(
        subject=_("[Nhắc báo cáo] %(dataset)s — %(period)s, hạn %(due)s")
        % {
            "dataset": period.dataset.name,
            "period": period.name,
            "due": f"{period.due_date:%d/%m/%Y}",
        },
        template="reporting/email/reminder.txt",
        context={"period": period, "dataset": period.dataset, "organisation": organisation},
        emails=recipients,
    )
    return Reminder.objects.create(
        period=period,
        organisation=organisation,
        kind=kind,
        key=key,
        recipients=len(recipients) if sent else 0,
        sent_by=actor,
    )
