"""The dashboard's "Việc cần làm" for commune radio: the approver sees the drafts waiting for
approval; whoever works on the bulletins sees the emergency deliveries a station did not
acknowledge in time (urgent, to the coverage screen); nobody else sees either."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from giamngheo.broadcasts import selectors, services
from giamngheo.broadcasts.enums import Priority
from giamngheo.broadcasts.wagtail_hooks import broadcasts_todos
from giamngheo.core.dashboard import Todo
from tests.broadcasts.conftest import SENT

pytestmark = pytest.mark.django_db


def test_drafts_wait_for_the_approver(radio):
    radio.bulletin()
    radio.bulletin(title="Bản tin thứ hai")
    assert broadcasts_todos(user=radio.users["approver"])[1] == Todo(
        label="bản tin truyền thanh chờ duyệt",
        count=2,
        url=reverse("ban-tin-truyen-thanh:index") + "?status=draft",
    )
    # The editor writes but does not approve; an outsider and an operator have no radio role.
    for name in ("editor", "outsider", "operator_c1a"):
        assert selectors.todo_counts(user=radio.users[name])["to_approve"] == 0


def test_an_unacknowledged_emergency_is_urgent_once_its_deadline_passed(radio):
    bulletin = radio.bulletin(priority=Priority.EMERGENCY, title="Cảnh báo lũ quét")
    services.approve_bulletin(
        actor=radio.users["approver"], bulletin=bulletin, generate_audio=False
    )
    services.send_bulletin(actor=radio.users["editor"], bulletin=bulletin, at=SENT, tell=False)
    services.acknowledge(
        actor=radio.users["operator_c1a"],
        delivery=radio.delivery(bulletin, "C1a"),
        at=SENT + timedelta(minutes=10),
    )
    editor = radio.users["editor"]
    assert selectors.todo_counts(user=editor, at=SENT + timedelta(minutes=29)) == {
        "to_approve": 0,
        "overdue_acks": 0,
    }
    assert selectors.todo_counts(user=editor, at=SENT + timedelta(minutes=31)) == {
        "to_approve": 0,
        "overdue_acks": 2,
    }
    assert broadcasts_todos(user=editor)[0] == Todo(
        label="lượt gửi bản tin khẩn cấp quá hạn chưa được đài xã xác nhận",
        count=2,
        url=reverse("broadcasts_coverage"),
        urgent=True,
    )
    assert selectors.todo_counts(user=radio.users["outsider"])["overdue_acks"] == 0
