"""The one transition helper (core.workflow): allowed and refused moves, stamps, the event row,
notices only after commit, and two concurrent moves of one row (one wins).

The helper is exercised on a real entity of the project (a household's contact request, whose
status has three values) through a workflow declared here, so what is tested is the helper, not
one app's rules."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction

from giamngheo.core.models import ACTION_LABELS, StatusEvent
from giamngheo.core.workflow import Workflow, real_actor, record_event, transition
from giamngheo.selfcheck.enums import ContactStatus as C
from giamngheo.selfcheck.models import ContactRequest, PovertyStandard
from tests.factories import UnitFactory

WORKFLOW = Workflow(
    statuses=C,
    transitions={
        C.NEW: frozenset({C.CONTACTED, C.UNREACHABLE}),
        C.UNREACHABLE: frozenset({C.CONTACTED}),
        C.CONTACTED: frozenset(),
    },
    stamps={C.CONTACTED: "handled_at", C.UNREACHABLE: ("handled_at",)},
)
AT = datetime(2023, 11, 15, 2, 30, tzinfo=UTC)


def _request(**fields) -> ContactRequest:
    return ContactRequest.objects.create(
        created_at=AT,
        name="Nguyễn Văn An",
        phone="0912345678",
        commune=UnitFactory(level="commune", parent=UnitFactory(level="province")),
        standard=PovertyStandard.objects.order_by("pk").first(),
        area="nong_thon",
        classification="ho_ngheo",
        consent_given_at=AT,
        **fields,
    )


@pytest.fixture
def officer(db, django_user_model):
    return django_user_model.objects.create_user(username="can-bo-xa", password="x")


@pytest.fixture
def item(db):
    return _request()


def test_allowed_move_saves_status_stamps_and_writes_one_exact_event(item, officer):
    event = transition(
        item,
        workflow=WORKFLOW,
        to=C.CONTACTED,
        actor=officer,
        reason="  Đã gọi\u0301 điện  ",
        at=AT,
    )
    item.refresh_from_db()
    assert (item.status, item.handled_at) == (C.CONTACTED, AT)
    row = StatusEvent.objects.get()
    assert row == event
    assert event.subject == item
    assert (
        row.content_type,
        row.object_id,
        row.from_status,
        row.to_status,
        row.action,
        row.actor,
        row.organisation,
        row.reason,
        row.at,
    ) == (
        ContentType.objects.get_for_model(ContactRequest),
        item.pk,
        C.NEW,
        C.CONTACTED,
        "status",
        officer,
        None,
        "Đã gọí điện",  # NFC and stripped
        AT,
    )
    assert list(item.events.all()) == [row]
    assert (row.get_from_status_display(), row.get_to_status_display(), row.label) == (
        "Chưa liên hệ",
        "Đã liên hệ, hướng dẫn",
        "Đã liên hệ, hướng dẫn",
    )


def test_stamp_without_at_is_the_time_of_the_move(item, officer):
    before = datetime.now(UTC)
    event = transition(item, workflow=WORKFLOW, to=C.UNREACHABLE, actor=officer)
    item.refresh_from_db()
    assert item.handled_at == event.at
    assert before <= event.at <= datetime.now(UTC)


def test_move_with_no_stamp_leaves_the_stamp_fields(officer, db):
    item = _request(status=C.UNREACHABLE)
    plain = Workflow(statuses=C, transitions=WORKFLOW.transitions)
    transition(item, workflow=plain, to=C.CONTACTED, actor=officer)
    item.refresh_from_db()
    assert (item.status, item.handled_at) == (C.CONTACTED, None)


@pytest.mark.parametrize(("start", "to"), WORKFLOW.pairs_outside())
def test_every_pair_outside_the_map_is_refused_and_nothing_is_written(officer, db, start, to):
    item = _request(status=start)
    with pytest.raises(ValidationError) as exc:
        transition(item, workflow=WORKFLOW, to=to, actor=officer, at=AT)
    assert exc.value.code == "bad_transition"
    assert exc.value.messages == [
        f"Không thể chuyển từ trạng thái “{C(start).label}” sang “{C(to).label}”."
    ]
    item.refresh_from_db()
    assert (item.status, item.handled_at) == (start, None)
    assert not StatusEvent.objects.exists()


def test_pairs_outside_are_exactly_the_complement_of_the_map():
    assert WORKFLOW.pairs_outside() == [
        (C.NEW, C.NEW),
        (C.CONTACTED, C.NEW),
        (C.CONTACTED, C.CONTACTED),
        (C.CONTACTED, C.UNREACHABLE),
        (C.UNREACHABLE, C.NEW),
        (C.UNREACHABLE, C.UNREACHABLE),
    ]


def test_a_target_that_is_no_status_is_refused_by_its_value(item, officer):
    with pytest.raises(ValidationError) as exc:
        transition(item, workflow=WORKFLOW, to="xoa", actor=officer)
    assert exc.value.messages == ["Không thể chuyển từ trạng thái “Chưa liên hệ” sang “xoa”."]


def test_the_refusal_message_is_the_workflows_own(item, officer):
    own = Workflow(statuses=C, transitions=WORKFLOW.transitions, refusal="Từ “%(from)s” → “%(to)s”")
    with pytest.raises(ValidationError) as exc:
        transition(item, workflow=own, to=C.NEW, actor=officer)
    assert exc.value.messages == ["Từ “Chưa liên hệ” → “Chưa liên hệ”"]


def test_hooks_run_in_order_on_the_locked_row_and_a_refusal_writes_nothing(item, officer):
    seen = []

    def guard(locked):
        seen.append(("guard", locked.status))

    def check(locked):
        seen.append(("check", locked.status))
        raise PermissionDenied("Ngoài phạm vi.")

    with pytest.raises(PermissionDenied):
        transition(item, workflow=WORKFLOW, to=C.CONTACTED, actor=officer, guard=guard, check=check)
    assert seen == [("guard", C.NEW), ("check", C.NEW)]
    item.refresh_from_db()
    assert item.status == C.NEW
    assert not StatusEvent.objects.exists()


def test_guard_runs_before_the_map(item, officer):
    def guard(locked):
        raise ValidationError("Đã cũ.", code="stale")

    with pytest.raises(ValidationError) as exc:
        transition(item, workflow=WORKFLOW, to=C.NEW, actor=officer, guard=guard)
    assert exc.value.code == "stale"


def test_apply_changes_more_fields_and_action_may_be_decided_on_the_locked_row(item, officer):
    def apply(locked):
        locked.handled_by = officer
        return ["handled_by"]

    event = transition(
        item,
        workflow=WORKFLOW,
        to=C.CONTACTED,
        actor=officer,
        apply=apply,
        action=lambda locked: f"goi-{locked.status}",
    )
    item.refresh_from_db()
    assert (item.handled_by, event.action) == (officer, "goi-moi")  # read before the move


def test_an_anonymous_or_missing_actor_is_recorded_as_nobody(item):
    from django.contrib.auth.models import AnonymousUser

    assert real_actor(AnonymousUser()) is None
    event = transition(item, workflow=WORKFLOW, to=C.CONTACTED, actor=AnonymousUser())
    assert StatusEvent.objects.get(pk=event.pk).actor is None


def test_record_event_keeps_the_status_and_labels_registered_actions(item, officer):
    ACTION_LABELS["kiem-tra"] = "Kiểm tra hồ sơ"
    try:
        event = record_event(item, workflow=WORKFLOW, actor=officer, action="kiem-tra", at=AT)
        row = StatusEvent.objects.get(pk=event.pk)
        assert (row.from_status, row.to_status, row.label, row.at) == (
            C.NEW,
            C.NEW,
            "Kiểm tra hồ sơ",
            AT,
        )
    finally:
        del ACTION_LABELS["kiem-tra"]
    item.refresh_from_db()
    assert item.status == C.NEW


def test_notify_runs_once_after_commit_with_the_event(
    item, officer, django_capture_on_commit_callbacks
):
    sent = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = transition(
            item, workflow=WORKFLOW, to=C.CONTACTED, actor=officer, notify=sent.append
        )
        assert sent == []  # not before the commit
    assert len(callbacks) == 1
    assert sent == [event]
    assert sent[0].subject.status == C.CONTACTED


def test_a_rolled_back_move_sends_nothing_and_leaves_nothing(
    item, officer, django_capture_on_commit_callbacks
):
    sent = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            transition(item, workflow=WORKFLOW, to=C.CONTACTED, actor=officer, notify=sent.append)
            raise RuntimeError("lỗi sau khi chuyển")
    assert (callbacks, sent) == ([], [])
    item.refresh_from_db()
    assert item.status == C.NEW
    assert not StatusEvent.objects.exists()


def test_a_workflow_must_give_every_status_a_row_and_only_statuses():
    with pytest.raises(ValueError, match="every status needs one row"):
        Workflow(statuses=C, transitions={C.NEW: frozenset({C.CONTACTED})})
    with pytest.raises(ValueError, match="a target is not a status"):
        Workflow(statuses=C, transitions={**WORKFLOW.transitions, C.NEW: frozenset({"xoa"})})
    with pytest.raises(ValueError, match="a stamp names no status"):
        Workflow(statuses=C, transitions=WORKFLOW.transitions, stamps={"xoa": "handled_at"})


THREADS = 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_of_one_row_one_wins(django_user_model):
    """Officers click "contacted" at once: the row lock makes every other one read the status
    the first left, so each of them is refused; one event only."""
    officer = django_user_model.objects.create_user(username="can-bo-1", password="x")
    item = _request()
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def move():
        try:
            barrier.wait(timeout=10)
            transition(
                ContactRequest.objects.get(pk=item.pk),
                workflow=WORKFLOW,
                to=C.CONTACTED,
                actor=officer,
            )
            outcomes.append("moved")
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["bad_transition"] * (THREADS - 1) + ["moved"]
    item.refresh_from_db()
    assert item.status == C.CONTACTED
    assert list(StatusEvent.objects.values_list("from_status", "to_status")) == [
        (C.NEW, C.CONTACTED)
    ]
