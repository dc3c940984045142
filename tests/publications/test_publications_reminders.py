"""Dispatches overdue after 5 working days (the Vietnamese calendar of core.workdays): the
recipient's officers are reminded by e-mail, once, then again only after another 5 working
days; the scheduled job is in core.schedule's one list."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from giamngheo.core.schedule import JOBS
from giamngheo.publications import services
from giamngheo.publications.models import DispatchReminder
from giamngheo.publications.tasks import send_overdue_reminders

pytestmark = pytest.mark.django_db


def _remind(day: date) -> int:
    return services.send_overdue_reminders(today=day, overdue_after=5)


def test_an_overdue_dispatch_is_reminded_once_then_after_five_more_working_days(xworld, sent):
    assert _remind(date(2023, 5, 10)) == 0  # due that day: not yet overdue
    assert mail.outbox == []
    assert _remind(date(2023, 5, 11)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["canbo.c1a@example.vn"]
    assert message.subject == f"[Nhắc xác nhận] Tờ gấp giảm nghèo — phiếu giao số {sent.pk}"
    assert "Hạn xác nhận đã nhận là 10/05/2023 nhưng đơn vị chưa xác nhận." in message.body
    assert f"/admin/an-pham/phieu-giao/{sent.pk}/xac-nhan/" in message.body
    # Run twice the same day, or the next days: nothing more until 5 working days later.
    assert _remind(date(2023, 5, 11)) == 0
    assert _remind(date(2023, 5, 18)) == 0
    assert _remind(date(2023, 5, 19)) == 1
    assert list(DispatchReminder.objects.values_list("sent_on", "recipients")) == [
        (date(2023, 5, 11), 1),
        (date(2023, 5, 19), 1),
    ]
    assert len(mail.outbox) == 2


def test_a_confirmed_dispatch_is_not_reminded(xworld, sent):
    services.confirm_receipt(
        actor=xworld.users["commune_officer"],
        dispatch=sent,
        received_quantity=100,
        received_on=date(2023, 5, 2),
    )
    assert _remind(date(2023, 6, 1)) == 0
    assert mail.outbox == []


def test_the_task_and_the_command_take_the_vietnamese_day(xworld, sent):
    # 17:30 UTC on 10/5 is already 11/5 in Asia/Ho_Chi_Minh: overdue.
    assert send_overdue_reminders.call(at="2023-05-10T17:30:00+00:00") == 1
    call_command("publications_reminders", "--at", "2023-05-11T08:00:00+07:00")
    assert DispatchReminder.objects.count() == 1


def test_the_reminders_are_a_scheduled_job():
    jobs = {job.command: job.cron for job in JOBS}
    assert jobs["publications_reminders"] == "10 7 * * *"
