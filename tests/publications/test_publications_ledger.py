"""The distribution ledger: append-only, balances are the sums of movements at every date, no
balance ever negative (backdated entries included), receipts confirmed once by the recipient."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from giamngheo.core.models import StatusEvent
from giamngheo.publications import services
from giamngheo.publications.enums import DispatchStatus, MovementKind
from giamngheo.publications.models import Dispatch, Movement, PrintRun

pytestmark = pytest.mark.django_db


def _send(w, run, to: str, quantity: int, day: date, *, sender: str = "so", actor: str = "kho"):
    return services.dispatch(
        actor=w.users[actor],
        print_run=run,
        sender=w.orgs[sender],
        recipient=w.orgs[to],
        quantity=quantity,
        dispatched_on=day,
    )


def _confirm(w, sent, quantity: int, day: date, *, actor: str = "district_officer", reason=""):
    return services.confirm_receipt(
        actor=w.users[actor],
        dispatch=sent,
        received_quantity=quantity,
        received_on=day,
        reason=reason,
    )


def _balances(run, holder, days):
    return [services.balance(print_run=run, holder=holder, on=d) for d in days]


def test_print_run_puts_its_copies_into_the_store(xworld):
    run = xworld.run(1000)
    moves = list(Movement.objects.filter(print_run=run).values_list("holder", "kind", "delta"))
    assert moves == [(xworld.orgs["so"].pk, MovementKind.PRINTED_IN, 1000)]
    assert services.balance(print_run=run, holder=xworld.orgs["so"], on=date(2023, 5, 9)) == 0
    assert services.balance(print_run=run, holder=xworld.orgs["so"], on=date(2023, 5, 10)) == 1000


def test_dispatch_is_in_transit_until_the_recipient_confirms(xworld):
    run = xworld.run(1000)
    sent = _send(xworld, run, "D1", 300, date(2023, 5, 15))
    so, d1 = xworld.orgs["so"], xworld.orgs["D1"]
    assert sent.status == DispatchStatus.IN_TRANSIT
    assert services.balance(print_run=run, holder=so, on=date(2023, 5, 15)) == 700
    assert services.balance(print_run=run, holder=d1, on=date(2023, 6, 1)) == 0
    confirmed = _confirm(xworld, sent, 295, date(2023, 5, 17), reason="5 bản ướt do mưa")
    assert (confirmed.status, confirmed.received_quantity, confirmed.received_on) == (
        DispatchStatus.CONFIRMED,
        295,
        date(2023, 5, 17),
    )
    assert confirmed.confirmed_by == xworld.users["district_officer"]
    assert _balances(run, d1, [date(2023, 5, 16), date(2023, 5, 17)]) == [0, 295]
    events = StatusEvent.objects.filter(object_id=sent.pk).order_by("pk")
    assert [(e.from_status, e.to_status, e.reason) for e in events] == [
        ("", DispatchStatus.IN_TRANSIT, ""),
        (DispatchStatus.IN_TRANSIT, DispatchStatus.CONFIRMED, "5 bản ướt do mưa"),
    ]


def test_balances_equal_the_sum_of_movements_for_every_holder_and_date(xworld):
    run = xworld.run(1000)
    w = xworld
    to_d1 = _send(w, run, "D1", 400, date(2023, 5, 12))
    _confirm(w, to_d1, 400, date(2023, 5, 13))
    to_c1a = _send(w, run, "C1a", 150, date(2023, 5, 20), sender="D1", actor="district_officer")
    _confirm(w, to_c1a, 145, date(2023, 5, 22), actor="commune_officer", reason="Rách 5 bản")
    services.record_local_movement(
        actor=w.users["commune_officer"],
        print_run=run,
        holder=w.orgs["C1a"],
        kind=MovementKind.HANDED_OUT,
        quantity=100,
        on=date(2023, 6, 1),
    )
    services.record_local_movement(
        actor=w.users["kho"],
        print_run=run,
        holder=w.orgs["so"],
        kind=MovementKind.DAMAGED,
        quantity=10,
        on=date(2023, 6, 2),
        reason="Kho dột",
    )
    counted = services.record_stock_count(
        actor=w.users["kho"],
        print_run=run,
        holder=w.orgs["so"],
        counted=585,
        on=date(2023, 6, 30),
        reason="Kiểm kê quý II",
    )
    assert counted.delta == -5
    days = [date(2023, 5, d) for d in (9, 10, 12, 13, 20, 22, 31)] + [
        date(2023, 6, 1),
        date(2023, 6, 2),
        date(2023, 6, 30),
    ]
    expected = {
        "so": [0, 1000, 600, 600, 600, 600, 600, 600, 590, 585],
        "D1": [0, 0, 0, 400, 250, 250, 250, 250, 250, 250],
        "C1a": [0, 0, 0, 0, 0, 145, 145, 45, 45, 45],
        "C1b": [0] * 10,
    }
    for key, figures in expected.items():
        assert _balances(run, w.orgs[key], days) == figures, key
        sums = [
            sum(m.delta for m in Movement.objects.filter(holder=w.orgs[key], on__lte=d))
            for d in days
        ]
        assert sums == figures, key


def test_backdated_dispatch_that_would_make_a_later_balance_negative_is_refused(xworld):
    run = xworld.run(1000)
    _send(xworld, run, "D1", 900, date(2023, 6, 1))
    # On 20/05 the store held 1.000, but on 01/06 it sends 900: a backdated 200 leaves -100.
    with pytest.raises(ValidationError) as info:
        _send(xworld, run, "D2", 200, date(2023, 5, 20))
    assert info.value.code == "negative_balance"
    assert info.value.messages == [
        "Không đủ ấn phẩm: “Sở Lao động - Thương binh và Xã hội” chỉ còn 100 bản vào ngày "
        "20/05/2023 hoặc một ngày sau đó, không thể xuất 200 bản."
    ]
    assert Dispatch.objects.count() == 1
    assert Movement.objects.count() == 2
    # 100 still fit, and before the delivery nothing does.
    _send(xworld, run, "D2", 100, date(2023, 5, 20))
    with pytest.raises(ValidationError):
        _send(xworld, run, "D2", 1, date(2023, 5, 9))


def test_a_correction_that_would_make_a_later_balance_negative_is_refused(xworld):
    run = xworld.run(1000)
    _send(xworld, run, "D1", 600, date(2023, 5, 20))
    printed = Movement.objects.get(kind=MovementKind.PRINTED_IN)
    with pytest.raises(ValidationError) as info:
        services.correct_movement(actor=xworld.users["kho"], movement=printed, reason="Nhập sai")
    assert info.value.code == "negative_balance"
    assert Movement.objects.count() == 2


def test_a_correction_is_a_counter_entry_and_the_mistake_stays(xworld):
    run = xworld.run(1000)
    damaged = services.record_local_movement(
        actor=xworld.users["kho"],
        print_run=run,
        holder=xworld.orgs["so"],
        kind=MovementKind.DAMAGED,
        quantity=30,
        on=date(2023, 5, 11),
        reason="Ẩm mốc",
    )
    counter = services.correct_movement(
        actor=xworld.users["kho"], movement=damaged, reason="Nhầm lô khác"
    )
    assert (counter.kind, counter.delta, counter.on, counter.corrects) == (
        MovementKind.CORRECTION,
        30,
        date(2023, 5, 11),
        damaged,
    )
    assert services.balance(print_run=run, holder=xworld.orgs["so"], on=date(2023, 5, 11)) == 1000
    with pytest.raises(ValidationError) as info:
        services.correct_movement(actor=xworld.users["kho"], movement=damaged, reason="Lần hai")
    assert info.value.messages == ["Bút toán này đã được điều chỉnh."]


def test_the_ledger_refuses_update_and_delete(xworld):
    xworld.run(1000)
    movement = Movement.objects.get()
    movement.delta = 5
    with pytest.raises(TypeError):
        movement.save()
    with pytest.raises(TypeError):
        movement.delete()
    with pytest.raises(TypeError):
        Movement.objects.filter(pk=movement.pk).update(delta=5)
    with pytest.raises(TypeError):
        Movement.objects.all().delete()
    with pytest.raises(TypeError):
        Movement.objects.bulk_update([movement], ["delta"])
    # Below the ORM, the database's own triggers refuse (SQLite and PostgreSQL alike).
    for sql in (
        "UPDATE publications_movement SET delta = 5",
        "DELETE FROM publications_movement",
    ):
        with pytest.raises(DatabaseError) as info, transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
        assert "publications_movement is append-only" in str(info.value)
    assert list(Movement.objects.values_list("delta", flat=True)) == [1000]


def test_no_code_updates_or_deletes_a_movement():
    """Outside the model's own refusals, nothing in the app writes a movement but ``append``."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "giamngheo"
    offenders = []
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("Movement.objects.create", "movements.update", "movements.delete"):
            if needle in text:
                offenders.append(f"{path.name}: {needle}")
        if "Movement(" in text and path.name not in {"models.py", "services.py"}:
            offenders.append(f"{path.name}: Movement(")
    assert offenders == []


# --- bad input: Vietnamese errors, nothing written -------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "Số lượng phải là số nguyên dương."),
        (-5, "Số lượng phải là số nguyên dương."),
        (5_000_001, "Số lượng vượt quá mức cho phép (5.000.000 bản)."),
        ("10", "Số lượng phải là số nguyên."),
    ],
)
def test_absurd_quantities_are_refused(xworld, quantity, message):
    run = xworld.run(1000)
    with pytest.raises(ValidationError) as info:
        _send(xworld, run, "D1", quantity, date(2023, 5, 15))
    assert info.value.message_dict == {"quantity": [message]}
    with pytest.raises(ValidationError) as info:
        xworld.run(quantity)
    assert info.value.message_dict == {"quantity": [message]}
    assert (Dispatch.objects.count(), PrintRun.objects.count(), Movement.objects.count()) == (
        0,
        1,
        1,
    )


def test_confirming_more_than_dispatched_is_refused(xworld):
    sent = _send(xworld, xworld.run(1000), "D1", 100, date(2023, 5, 15))
    with pytest.raises(ValidationError) as info:
        _confirm(xworld, sent, 101, date(2023, 5, 16))
    assert info.value.message_dict == {
        "received_quantity": ["Số lượng thực nhận không được lớn hơn số lượng giao (100 bản)."]
    }
    sent.refresh_from_db()
    assert (sent.status, sent.received_quantity) == (DispatchStatus.IN_TRANSIT, None)
    assert Movement.objects.filter(holder=xworld.orgs["D1"]).count() == 0


def test_a_shortfall_needs_a_reason_and_a_receipt_its_dates(xworld):
    sent = _send(xworld, xworld.run(1000), "D1", 100, date(2023, 5, 15))
    with pytest.raises(ValidationError) as info:
        _confirm(xworld, sent, 95, date(2023, 5, 14))
    assert info.value.message_dict == {
        "discrepancy_reason": ["Vui lòng ghi lý do nhận thiếu so với số giao."],
        "received_on": ["Ngày nhận không được trước ngày giao."],
    }
    assert Movement.objects.filter(holder=xworld.orgs["D1"]).count() == 0


def test_confirming_twice_is_refused(xworld):
    sent = _send(xworld, xworld.run(1000), "D1", 100, date(2023, 5, 15))
    _confirm(xworld, sent, 100, date(2023, 5, 16))
    with pytest.raises(ValidationError) as info:
        _confirm(xworld, sent, 100, date(2023, 5, 16))
    assert info.value.messages == [
        "Không thể chuyển phiếu giao từ “Đã xác nhận nhận” sang “Đã xác nhận nhận”."
    ]
    assert (
        services.balance(print_run=sent.print_run, holder=xworld.orgs["D1"], on=date.today()) == 100
    )


@pytest.mark.parametrize("actor", ["kho", "province_admin", "other_district_officer", "outsider"])
def test_only_the_recipients_officer_confirms(xworld, actor):
    sent = _send(xworld, xworld.run(1000), "D1", 100, date(2023, 5, 15))
    with pytest.raises(PermissionDenied):
        _confirm(xworld, sent, 100, date(2023, 5, 16), actor=actor)
    sent.refresh_from_db()
    assert sent.status == DispatchStatus.IN_TRANSIT


def test_a_dispatch_from_stock_outside_ones_reach_is_refused(xworld):
    run = xworld.run(1000)
    with pytest.raises(PermissionDenied):
        _send(xworld, run, "D1", 10, date(2023, 5, 15), actor="district_officer")
    assert Dispatch.objects.count() == 0


def test_a_print_run_over_the_activitys_budget_line_is_refused(xworld):
    xworld.run(1500, unit_cost=2000)  # 3.000.000 of the 5.000.000 planned
    with pytest.raises(ValidationError) as info:
        xworld.run(1001, unit_cost=2000)
    assert info.value.message_dict == {
        "unit_cost": [
            "Chi phí in 2.002.000 đồng vượt kinh phí còn lại của nguồn “Ngân sách nhà nước” "
            "(2.000.000 đồng)."
        ]
    }
    assert PrintRun.objects.count() == 1
    assert Movement.objects.count() == 1
    xworld.run(1000, unit_cost=2000)  # exactly the rest fits


def test_a_budget_line_of_another_activity_is_refused(xworld):
    other = xworld.new_activity()
    with pytest.raises(ValidationError) as info:
        xworld.run(10, budget_line=other.budget_lines.get())
    assert info.value.message_dict == {"budget_line": ["Dòng kinh phí không thuộc hoạt động này."]}
    assert PrintRun.objects.count() == 0


def test_a_dispatch_to_a_unit_not_in_force_is_refused(xworld):
    from giamngheo.organisations.services import create_organisation

    closed = create_organisation(
        name="Ủy ban nhân dân xã Cũ",
        kind="ubnd",
        unit=xworld.units["C1b"],
        valid_to=date(2022, 12, 31),
    )
    xworld.orgs["closed"] = closed
    run = xworld.run(1000)
    with pytest.raises(ValidationError) as info:
        _send(xworld, run, "closed", 10, date(2023, 5, 15))
    assert info.value.message_dict == {
        "recipient": ["“Ủy ban nhân dân xã Cũ” không còn hoạt động vào ngày 15/05/2023."]
    }
    assert Dispatch.objects.count() == 0
    assert Movement.objects.count() == 1


def test_a_future_date_is_refused(xworld):
    run = xworld.run(1000)
    with pytest.raises(ValidationError) as info:
        _send(xworld, run, "D1", 10, date(2999, 1, 1))
    assert info.value.message_dict == {"dispatched_on": ["Ngày không được sau ngày hôm nay."]}


def test_damage_needs_a_reason(xworld):
    run = xworld.run(1000)
    with pytest.raises(ValidationError) as info:
        services.record_local_movement(
            actor=xworld.users["kho"],
            print_run=run,
            holder=xworld.orgs["so"],
            kind=MovementKind.LOST,
            quantity=3,
            on=date(2023, 5, 11),
        )
    assert info.value.message_dict == {"reason": ["Vui lòng ghi lý do hư hỏng, thất lạc."]}
    assert Movement.objects.count() == 1
