"""Reminders to the stations whose confirmation is overdue, through core.notify, each recorded
once: an emergency not acknowledged by its deadline (TT 39/2020 rule seeded: 30 minutes), and
airings not reported two working days after the airing period ended; both scheduled jobs of
core.schedule's one list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from giamngheo.broadcasts import reminders, services
from giamngheo.broadcasts.enums import Priority, ReminderKind
from giamngheo.broadcasts.models import DeliveryReminder
from giamngheo.broadcasts.tasks import send_acknowledgement_reminders, send_airing_reminders
from giamngheo.core import channels
from giamngheo.core.schedule import JOBS
from giamngheo.core.workdays import add_working_days
from tests.broadcasts.conftest import SENT, local
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sms_outbox():
    channels.outbox.clear()
    yield
    channels.outbox.clear()


@pytest.fixture
def week(radio):
    """A normal bulletin aired 13–19/11/2023 (Monday to Sunday) at C1a, C1b, C2a: C1a confirms
    an airing, C1b and C2a report nothing. C1b has a second operator and an inactive one."""
    station = radio.stations["C1b"]
    station.operators.add(
        UserFactory(username="operator_c1b_2", email="dai.c1b.2@example.vn"),
        UserFactory(username="operator_c1b_old", email="cu.c1b@example.vn", is_active=False),
        UserFactory(username="operator_c1b_nomail", email=""),
    )
    bulletin = radio.sent()
    services.confirm_airing(
        actor=radio.users["operator_c1a"],
        delivery=radio.delivery(bulletin, "C1a"),
        aired_at=local(date(2023, 11, 14), 17),
        times=2,
        at=local(date(2023, 11, 14), 18),
    )
    return bulletin


def _airing(day: date) -> int:
    return reminders.send_airing_reminders(today=day, overdue_after=2)


def test_unreported_airings_are_reminded_once_then_after_two_more_working_days(radio, week):
    # The period ends on Sunday 19/11; two working days later (Tuesday 21/11) is the deadline.
    assert _airing(date(2023, 11, 21)) == 0
    assert mail.outbox == []
    assert _airing(date(2023, 11, 22)) == 2
    by_station = {m.to[0]: m for m in mail.outbox}
    assert sorted(m.to for m in mail.outbox) == [
        ["dai.c1b.2@example.vn", "dai.c1b@example.vn"],
        ["dai.c2a@example.vn"],
    ]
    message = by_station["dai.c2a@example.vn"]
    assert message.subject == (
        "[Nhắc xác nhận] Chưa báo cáo kết quả phát sóng: "
        "Gương sáng giảm nghèo: gia đình anh Nguyễn Văn Thoát"
    )
    assert (
        "Kính gửi Đài truyền thanh xã C2a: bản tin “Gương sáng giảm nghèo: gia đình anh Nguyễn "
        "Văn Thoát” được phát từ ngày 13/11/2023 đến ngày 19/11/2023. Hạn báo cáo kết quả phát "
        "sóng là 21/11/2023 nhưng đài chưa báo cáo." in " ".join(message.body.split())
    )
    delivery = radio.delivery(week, "C2a")
    assert f"/truyen-thanh/tram/ban-tin/{delivery.pk}/" in message.body
    assert channels.outbox == []  # e-mail only: not an emergency
    # Run again the same day or the next: nothing; the weekend: nothing; then Monday 27/11
    # (two working days after 22/11 is Friday 24/11) the two stations again.
    assert _airing(date(2023, 11, 22)) == 0
    assert _airing(date(2023, 11, 24)) == 0
    assert _airing(date(2023, 11, 25)) == 0
    assert _airing(date(2023, 11, 26)) == 0
    assert _airing(date(2023, 11, 27)) == 2
    assert len(mail.outbox) == 4
    rows = DeliveryReminder.objects.order_by("sent_on", "delivery__commune__code")
    assert [(r.delivery.commune.name, r.kind, r.sent_on, r.recipients) for r in rows] == [
        ("Xã C1b", ReminderKind.AIRING, date(2023, 11, 22), 2),
        ("Xã C2a", ReminderKind.AIRING, date(2023, 11, 22), 1),
        ("Xã C1b", ReminderKind.AIRING, date(2023, 11, 27), 2),
        ("Xã C2a", ReminderKind.AIRING, date(2023, 11, 27), 1),
    ]


def test_a_not_aired_report_or_a_closed_bulletin_is_not_reminded(radio, week):
    services.record_not_aired(
        actor=radio.users["operator_c1b"],
        delivery=radio.delivery(week, "C1b"),
        reason="Mất điện cả tuần.",
        at=local(date(2023, 11, 20)),
    )
    assert _airing(date(2023, 11, 22)) == 1
    assert [m.to for m in mail.outbox] == [["dai.c2a@example.vn"]]
    services.close_bulletin(actor=radio.users["editor"], bulletin=week)
    assert _airing(date(2023, 11, 28)) == 0
    assert len(mail.outbox) == 1


def test_reminders_take_constant_queries(radio):
    radio.sent(communes=("C1a",), title="Bản tin một xã")
    _airing(date(2023, 11, 21))  # warm the calendar (core.workdays memoises its holidays)
    with CaptureQueriesContext(connection) as one:
        assert _airing(date(2023, 11, 22)) == 1
    radio.sent(communes=("C1a", "C1b", "C2a"), title="Bản tin ba xã")
    # The calendar warmed again (a bulletin sent purges core.cache's memos, core.workdays'
    # deadlines among them): its lookups are core's, one per day asked.
    for day in (date(2023, 11, 19), date(2023, 11, 22)):
        add_working_days(day, 2)
    with CaptureQueriesContext(connection) as three:
        assert _airing(date(2023, 11, 23)) == 3
    assert len(mail.outbox) == 4
    assert len(three) == len(one)


def test_an_emergency_not_acknowledged_is_reminded_once_by_email_and_sms(radio):
    bulletin = radio.sent(priority=Priority.EMERGENCY, title="Cảnh báo lũ quét")
    services.acknowledge(
        actor=radio.users["operator_c1a"],
        delivery=radio.delivery(bulletin, "C1a"),
        at=SENT + timedelta(minutes=10),
    )
    # The deadline is 07:30: at 07:29 nothing is overdue.
    assert reminders.send_acknowledgement_reminders(at=SENT + timedelta(minutes=29)) == 0
    assert reminders.send_acknowledgement_reminders(at=SENT + timedelta(minutes=35)) == 2
    assert sorted(m.to for m in mail.outbox) == [["dai.c1b@example.vn"], ["dai.c2a@example.vn"]]
    message = next(m for m in mail.outbox if m.to == ["dai.c1b@example.vn"])
    assert message.subject == (
        "[Nhắc xác nhận] Bản tin khẩn cấp chưa được xác nhận: Cảnh báo lũ quét"
    )
    assert (
        "Kính gửi Đài truyền thanh xã C1b: bản tin khẩn cấp “Cảnh báo lũ quét” phải được xác "
        "nhận đã nhận trước 07:30 13/11/2023 nhưng đài chưa xác nhận."
        in " ".join(message.body.split())
    )
    # The stations' phones (conftest: 0912000001 for C1b, 0912000002 for C2a), short text only.
    assert sorted((m.channel, m.to, m.text) for m in channels.outbox) == [
        ("sms", "0912000001", "Đài xã chưa xác nhận bản tin khẩn cấp. Đề nghị xác nhận ngay."),
        ("sms", "0912000002", "Đài xã chưa xác nhận bản tin khẩn cấp. Đề nghị xác nhận ngay."),
    ]
    # Once: the job runs every five minutes, and the next day too, without repeating it.
    assert reminders.send_acknowledgement_reminders(at=SENT + timedelta(minutes=40)) == 0
    assert reminders.send_acknowledgement_reminders(at=SENT + timedelta(days=1)) == 0
    assert len(mail.outbox) == 2
    assert DeliveryReminder.objects.filter(kind=ReminderKind.ACKNOWLEDGEMENT).count() == 2


def test_a_normal_bulletin_has_no_acknowledgement_reminder(radio):
    radio.sent()
    assert reminders.send_acknowledgement_reminders(at=SENT + timedelta(days=3)) == 0
    assert mail.outbox == []


def test_the_tasks_and_commands_take_the_vietnamese_day(radio, week):
    # 17:30 UTC on 21/11 is already Wednesday 22/11 in Asia/Ho_Chi_Minh: overdue.
    assert send_airing_reminders.call(at="2023-11-21T17:30:00+00:00") == 2
    call_command("broadcasts_reminders", "--at", "2023-11-22T08:00:00+07:00")
    assert DeliveryReminder.objects.count() == 2
    emergency = radio.sent(priority=Priority.EMERGENCY, title="Cảnh báo lũ quét")
    assert send_acknowledgement_reminders.call(at="2023-11-13T00:31:00+00:00") == 3
    call_command("broadcasts_emergency_reminders", "--at", "2023-11-13T07:40:00+07:00")
    assert emergency.deliveries.filter(reminders__kind=ReminderKind.ACKNOWLEDGEMENT).count() == 3


def test_a_command_refuses_a_moment_without_its_zone():
    with pytest.raises(CommandError, match="múi giờ"):
        call_command("broadcasts_reminders", "--at", "2023-11-22T08:00:00")


def test_the_reminders_are_scheduled_jobs():
    jobs = {j.command: j.cron for j in JOBS}
    assert jobs["broadcasts_reminders"] == "15 7 * * *"
    assert jobs["broadcasts_emergency_reminders"] == "*/5 * * * *"


def test_an_emergency_reminder_also_reaches_the_stations_zalo(radio):
    from giamngheo.broadcasts.models import Station

    Station.objects.filter(pk=radio.stations["C1b"].pk).update(contact_zalo_id="zalo-c1b")
    radio.sent(priority=Priority.EMERGENCY, title="Cảnh báo lũ quét")
    assert reminders.send_acknowledgement_reminders(at=SENT + timedelta(minutes=35)) == 3
    zalo = [(m.to, m.text) for m in channels.outbox if m.channel == "zalo"]
    # Only the station that gave its Zalo follower id; the same short text as the SMS.
    assert zalo == [
        ("zalo-c1b", "Đài xã chưa xác nhận bản tin khẩn cấp. Đề nghị xác nhận ngay."),
    ]
