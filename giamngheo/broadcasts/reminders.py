"""Reminders to the stations whose confirmation is overdue, each recorded once.

Two kinds, each a scheduled job of core.schedule (``manage.py broadcasts_emergency_reminders``
every five minutes, ``manage.py broadcasts_reminders`` every morning): an emergency bulletin
not acknowledged by the deadline its priority rule sets (TT 39/2020: aired at once, so the
reminder cannot wait for the morning), and airings not reported ``CONFIRM_WORKING_DAYS`` working
days after the bulletin's airing period ended. It lives outside ``services`` so that ``tasks``
may call it while ``services`` queues the speech task (``services`` → ``tasks`` → here).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.notify import notify, site_url
from giamngheo.core.workdays import add_working_days, is_working_day

from . import selectors
from .enums import ReminderKind
from .models import Delivery, DeliveryReminder

# A delivery whose airings are not reported this many working days after the bulletin's airing
# period ended is overdue (the Vietnamese calendar of core.workdays).
CONFIRM_WORKING_DAYS = 2


def send_acknowledgement_reminders(*, at: datetime) -> int:
    """Remind the operators of each station that has not acknowledged an emergency bulletin by
    its deadline (``PriorityRule.ack_minutes``), by e-mail and by SMS to the station's phone:
    once per delivery. Returns the deliveries reminded."""
    overdue = list(
        selectors.overdue_deliveries(at=at).exclude(reminders__kind=ReminderKind.ACKNOWLEDGEMENT)
    )
    return _remind(overdue, kind=ReminderKind.ACKNOWLEDGEMENT, today=timezone.localdate(at))


def send_airing_reminders(*, today: date, overdue_after: int = CONFIRM_WORKING_DAYS) -> int:
    """E-mail the operators of each station that reported no airing (nor "not aired") of a sent
    bulletin more than ``overdue_after`` working days after its airing period ended; a delivery
    is reminded once, then again each time another ``overdue_after`` working days pass without
    a report; only on working days, when the commune's office is open. Returns the deliveries
    reminded."""
    if not is_working_day(today):
        return 0
    overdue = selectors.unconfirmed_deliveries(today=today, overdue_after=overdue_after)
    last = dict(
        DeliveryReminder.objects.filter(delivery__in=overdue, kind=ReminderKind.AIRING)
        .values("delivery_id")
        .annotate(last=Max("sent_on"))
        .values_list("delivery_id", "last")
    )
    due = [
        d
        for d in overdue
        if d.pk not in last or today > add_working_days(last[d.pk], overdue_after)
    ]
    return _remind(due, kind=ReminderKind.AIRING, today=today, overdue_after=overdue_after)


def _remind(deliveries: list[Delivery], *, kind: str, today: date, overdue_after: int = 0) -> int:
    if not deliveries:
        return 0
    addresses = selectors.operator_emails(station_ids={d.station_id for d in deliveries})
    # Recorded first, in one insert: a second run the same day (a restart, two schedulers) finds
    # the rows, or fails on the unique constraint before a message leaves; never sends twice.
    with transaction.atomic():
        DeliveryReminder.objects.bulk_create(
            [
                DeliveryReminder(
                    delivery=d,
                    kind=kind,
                    sent_on=today,
                    recipients=len(addresses.get(d.station_id, [])),
                )
                for d in deliveries
            ]
        )
    emergency = kind == ReminderKind.ACKNOWLEDGEMENT
    for delivery in deliveries:
        bulletin = delivery.bulletin
        if emergency:
            subject = _("[Nhắc xác nhận] Bản tin khẩn cấp chưa được xác nhận: %(title)s")
            due = timezone.localtime(delivery.ack_due_at)
        else:
            subject = _("[Nhắc xác nhận] Chưa báo cáo kết quả phát sóng: %(title)s")
            due = add_working_days(bulletin.air_to, overdue_after)
        notify(
            subject=subject % {"title": bulletin.title},
            template="broadcasts/email/overdue.txt",
            context={
                "delivery": delivery,
                "bulletin": bulletin,
                "emergency": emergency,
                "due": due,
                "link": site_url(reverse("broadcasts:delivery", args=[delivery.pk])),
            },
            emails=addresses.get(delivery.station_id, []),
            # An emergency also reaches the station's phone; a short message says no more.
            phones=[delivery.station.contact_phone] if emergency else [],
            zalo_ids=[delivery.station.contact_zalo_id] if emergency else [],
            text=_("Đài xã chưa xác nhận bản tin khẩn cấp. Đề nghị xác nhận ngay."),
        )
    return len(deliveries)
