"""Reminders: N working days before the due date on the Vietnamese calendar, the day taken in
Asia/Ho_Chi_Minh while the server runs in UTC; once per period and organisation; the lead
department's "Nhắc báo cáo" for the missing ones now."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db


def _period(rworld, due: date):
    from giamngheo.reporting.models import Period

    return Period(
        dataset=rworld.dataset, start=date(2023, 1, 1), end=date(2023, 12, 31), due_date=due
    )


def test_reminder_window_counts_working_days(rworld):
    from giamngheo.reporting.tasks import reminder_due

    period = _period(rworld, date(2023, 11, 15))  # Wednesday; 5 working days
    assert not reminder_due(period=period, today=date(2023, 11, 7))
    assert reminder_due(period=period, today=date(2023, 11, 8))
    assert reminder_due(period=period, today=date(2023, 11, 15))
    assert not reminder_due(period=period, today=date(2023, 11, 16))


def test_reminder_window_skips_the_reunification_day_holidays(rworld):
    """Due Friday 5/5/2023: 29/4–3/5 are days off, so five working days back is 25/4."""
    from giamngheo.reporting.tasks import reminder_due

    period = _period(rworld, date(2023, 5, 5))
    assert not reminder_due(period=period, today=date(2023, 4, 24))
    assert reminder_due(period=period, today=date(2023, 4, 25))


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_scheduled_reminders_at_the_local_midnight_boundary(rworld, start):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import Reminder
    from giamngheo.reporting.tasks import send_due_reminders

    officer = rworld.users["district_officer"]
    services.submit_submission(
        submission=fill(start("D1", actor_key="district_officer"), officer), actor=officer
    )
    mail.outbox.clear()
    # 16:59:59 UTC on 7/11 is still 7/11 in Hà Nội: six working days before the due date.
    result = send_due_reminders.enqueue(at="2023-11-07T16:59:59+00:00")
    assert result.return_value == 0
    assert mail.outbox == []
    # One second later it is 8/11 00:00:00 local: five working days, the reminders go out.
    result = send_due_reminders.enqueue(at="2023-11-07T17:00:00+00:00")
    assert result.return_value == 2
    assert _recipients() == ["commune_officer@example.vn", "other_district_officer@example.vn"]
    assert mail.outbox[0].subject == (
        "[Nhắc báo cáo] Kết quả truyền thông năm 2023 — Năm 2023, hạn 15/11/2023"
    )
    assert "Hạn báo cáo: 15/11/2023" in mail.outbox[0].body
    # The next morning's run does not repeat them.
    mail.outbox.clear()
    assert send_due_reminders.enqueue(at="2023-11-09T01:00:00+00:00").return_value == 0
    assert mail.outbox == []
    assert Reminder.objects.filter(kind="scheduled").count() == 2


def test_no_scheduled_reminder_after_the_due_date(rworld):
    from giamngheo.reporting.tasks import send_due_reminders

    assert send_due_reminders.enqueue(at="2023-11-15T17:00:00+00:00").return_value == 0
    assert mail.outbox == []


def test_remind_missing_now_from_the_lead_department(rworld, start):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import Reminder

    officer = rworld.users["commune_officer"]
    services.submit_submission(
        submission=fill(start("C1a", actor_key="commune_officer"), officer), actor=officer
    )
    mail.outbox.clear()
    count = services.remind_missing(
        dataset=rworld.dataset, period=rworld.period, actor=rworld.users["province_admin"]
    )
    assert count == 2
    assert _recipients() == ["district_officer@example.vn", "other_district_officer@example.vn"]
    assert set(Reminder.objects.values_list("kind", "sent_by__username")) == {
        ("manual", "province_admin")
    }
    # A second click sends again (the lead department decided to remind again).
    services.remind_missing(
        dataset=rworld.dataset, period=rworld.period, actor=rworld.users["province_admin"]
    )
    assert len(mail.outbox) == 4


def test_only_the_lead_department_may_remind(rworld):
    from django.core.exceptions import PermissionDenied

    from giamngheo.reporting import services

    with pytest.raises(PermissionDenied):
        services.remind_missing(
            dataset=rworld.dataset, period=rworld.period, actor=rworld.users["district_officer"]
        )


def test_the_daily_command_sends_the_due_reminders(rworld):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("send_report_reminders", at="2023-11-08T08:00:00+07:00", stdout=out)
    assert out.getvalue() == "Đã gửi 3 thư nhắc báo cáo.\n"
    assert len(mail.outbox) == 3
    with pytest.raises(CommandError, match="cần ghi rõ múi giờ"):
        call_command("send_report_reminders", at="2023-11-08T08:00:00")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("send_report_reminders", at="hôm nay")
