"""The ledger: receipts and payments, the balance never below zero on any day, counter-entries,
append-only in the ORM and in the database, and 20 parallel payments against a balance for 10."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, connections, transaction

from giamngheo.core.models import StatusEvent
from giamngheo.funds import selectors, services
from giamngheo.funds.enums import DisbursementStatus, DonorKind, EntryKind, RecipientKind
from giamngheo.funds.models import Disbursement, LedgerDay, LedgerEntry, LedgerIsAppendOnly

pytestmark = pytest.mark.django_db


def cash(w, amount, *, on=date(2023, 10, 20), number="BL-001"):
    return services.record_cash_donation(
        campaign=w.campaign,
        donor_kind=DonorKind.BUSINESS,
        donor_name="Công ty TNHH Hảo Tâm",
        amount=amount,
        receipt_number=number,
        received_on=on,
        actor=w.users["treasurer"],
    )


def approved(w, amount, *, purpose="Hỗ trợ xây nhà Đại đoàn kết", **kwargs):
    d = services.propose_disbursement(
        fund=w.fund,
        actor=w.users["treasurer"],
        recipient_kind=kwargs.pop("recipient_kind", RecipientKind.PROJECT),
        purpose=purpose,
        amount=amount,
        campaign=w.campaign,
        **kwargs,
    )
    return services.approve_disbursement(disbursement=d, actor=w.users["board"])


def pay(w, d, *, on=date(2023, 11, 10)):
    return services.pay_disbursement(
        disbursement=d,
        actor=w.users["treasurer"],
        paid_on=on,
        method="cash",
        evidence_note="Phiếu chi số 12/PC",
    )


def test_cash_receipt_writes_gift_and_entry(fworld):
    donation = cash(fworld, 5_000_000)
    entry = LedgerEntry.objects.get(fund=fworld.fund)
    assert (entry.seq, entry.kind, entry.amount, entry.balance_after) == (
        1,
        EntryKind.CASH_IN,
        5_000_000,
        5_000_000,
    )
    assert entry.donation == donation and entry.entry_date == date(2023, 10, 20)
    assert donation.reference.startswith("UH") and len(donation.reference) == 10
    assert selectors.balance(fund=fworld.fund) == 5_000_000


def test_duplicate_receipt_number_is_refused_and_nothing_written(fworld):
    cash(fworld, 1_000_000)
    with pytest.raises(ValidationError) as caught:
        cash(fworld, 2_000_000)
    assert caught.value.message_dict == {"receipt_number": ["Số biên lai “BL-001” đã được ghi."]}
    assert LedgerEntry.objects.count() == 1


@pytest.mark.parametrize(
    "amount, message",
    [
        (-1, "Số tiền phải lớn hơn 0."),
        (0, "Số tiền phải lớn hơn 0."),
        (100_000_000_001, "Số tiền vượt quá mức cho phép (100.000.000.000 đồng)."),
    ],
)
def test_negative_or_absurd_amounts_are_refused(fworld, amount, message):
    with pytest.raises(ValidationError) as caught:
        cash(fworld, amount)
    assert caught.value.message_dict == {"amount": [message]}
    with pytest.raises(ValidationError):
        services.pledge_donation(
            campaign=fworld.campaign, donor_kind=DonorKind.PERSON, donor_name="A", amount=amount
        )
    assert LedgerEntry.objects.count() == 0


def test_disbursement_proposed_approved_paid_with_history(fworld):
    cash(fworld, 60_000_000)
    d = approved(fworld, 50_000_000)
    paid = pay(fworld, d)
    assert paid.status == DisbursementStatus.PAID
    assert paid.paid_on == date(2023, 11, 10) and paid.evidence_note == "Phiếu chi số 12/PC"
    entry = paid.entry
    assert (entry.amount, entry.balance_after, entry.kind) == (
        -50_000_000,
        10_000_000,
        EntryKind.DISBURSEMENT,
    )
    steps = list(
        StatusEvent.objects.filter(object_id=d.pk, content_type__model="disbursement").values_list(
            "from_status", "to_status", "actor__username", "organisation_id"
        )
    )
    assert steps == [
        ("", "proposed", "thuquy", fworld.orgs["D1"].pk),
        ("proposed", "approved", "bandieuhanh", fworld.orgs["D1"].pk),
        ("approved", "paid", "thuquy", fworld.orgs["D1"].pk),
    ]


def test_disbursement_above_the_balance_is_refused_and_nothing_written(fworld):
    cash(fworld, 10_000_000)
    d = approved(fworld, 10_000_001)
    with pytest.raises(ValidationError) as caught:
        pay(fworld, d)
    assert caught.value.messages == [
        "Số dư của quỹ không đủ: cần chi 10.000.001 đồng, số dư thấp nhất từ ngày 10/11/2023"
        " là 10.000.000 đồng."
    ]
    d.refresh_from_db()
    assert d.status == DisbursementStatus.APPROVED
    assert LedgerEntry.objects.count() == 1


def test_backdated_payment_cannot_make_an_earlier_day_negative(fworld):
    # 10 M received on 20/10, 8 M paid on 05/11: a 5 M payment dated 01/11 would leave 10 M
    # on 01/11 but −3 M on 05/11 — refused; dated after the receipt of 15/11 it passes.
    cash(fworld, 10_000_000, on=date(2023, 10, 20), number="BL-1")
    pay(fworld, approved(fworld, 8_000_000), on=date(2023, 11, 5))
    cash(fworld, 6_000_000, on=date(2023, 11, 15), number="BL-2")
    late = approved(fworld, 5_000_000, purpose="Học bổng")
    with pytest.raises(ValidationError):
        pay(fworld, late, on=date(2023, 11, 1))
    assert pay(fworld, late, on=date(2023, 11, 16)).entry.balance_after == 3_000_000
    assert services.lowest_balance_from(fworld.fund, date(2023, 11, 1)) == 2_000_000


def test_only_the_board_approves_and_not_the_proposer(fworld):
    d = services.propose_disbursement(
        fund=fworld.fund,
        actor=fworld.users["board"],
        recipient_kind=RecipientKind.PROJECT,
        purpose="Sửa nhà",
        amount=1_000_000,
    )
    for user in ("treasurer", "board", "other_treasurer", "province_admin"):
        with pytest.raises(PermissionDenied):
            services.approve_disbursement(disbursement=d, actor=fworld.users[user])
    assert services.approve_disbursement(disbursement=d, actor=fworld.users["board2"]).status == (
        DisbursementStatus.APPROVED
    )
    with pytest.raises(PermissionDenied):
        services.pay_disbursement(
            disbursement=d,
            actor=fworld.users["board2"],
            paid_on=date(2023, 11, 1),
            method="cash",
            evidence_note="PC 1",
        )


def test_refused_moves_are_refused(fworld):
    cash(fworld, 5_000_000)
    d = approved(fworld, 1_000_000)
    pay(fworld, d)
    with pytest.raises(ValidationError) as caught:
        services.refuse_disbursement(disbursement=d, actor=fworld.users["board2"], reason="Sai")
    assert caught.value.messages == [
        "Không thể chuyển khoản chi từ “Đã chi” sang “Không phê duyệt”."
    ]
    with pytest.raises(ValidationError) as caught:
        pay(fworld, d)
    assert caught.value.messages == ["Không thể chuyển khoản chi từ “Đã chi” sang “Đã chi”."]


def test_payment_needs_evidence(fworld):
    d = approved(fworld, 1_000_000)
    with pytest.raises(ValidationError) as caught:
        services.pay_disbursement(
            disbursement=d,
            actor=fworld.users["treasurer"],
            paid_on=date(2023, 11, 1),
            method="cash",
        )
    assert caught.value.message_dict == {
        "evidence": ["Đính kèm chứng từ chi hoặc ghi số chứng từ."]
    }


def test_household_needs_commune_and_consent_for_a_name(fworld, pworld):
    with pytest.raises(ValidationError) as caught:
        services.propose_disbursement(
            fund=fworld.fund,
            actor=fworld.users["treasurer"],
            recipient_kind=RecipientKind.HOUSEHOLD,
            purpose="Hỗ trợ hộ nghèo",
            amount=1_000_000,
            recipient_name="Nguyễn Thị A",
        )
    assert caught.value.message_dict == {
        "commune": ["Khoản chi cho hộ gia đình cần ghi xã của hộ."],
        "household_consent": ["Chỉ ghi tên người nhận khi hộ đã đồng ý cung cấp thông tin."],
    }
    assert Disbursement.objects.count() == 0


def test_correction_is_a_counter_entry(fworld):
    cash(fworld, 3_000_000)
    entry = LedgerEntry.objects.get()
    fix = services.correct_entry(
        entry=entry, actor=fworld.users["treasurer"], reason="Ghi nhầm quỹ", on=date(2023, 10, 21)
    )
    assert (fix.amount, fix.balance_after, fix.kind, fix.corrects) == (
        -3_000_000,
        0,
        EntryKind.CORRECTION,
        entry,
    )
    assert fix.description == "Điều chỉnh bút toán số 1: Ghi nhầm quỹ"
    with pytest.raises(ValidationError):
        services.correct_entry(entry=entry, actor=fworld.users["treasurer"], reason="Lại")
    with pytest.raises(PermissionDenied):
        services.correct_entry(entry=fix, actor=fworld.users["board"], reason="x")


def test_a_correction_cannot_take_the_balance_below_zero(fworld):
    cash(fworld, 3_000_000)
    receipt = LedgerEntry.objects.get()
    pay(fworld, approved(fworld, 2_000_000))
    with pytest.raises(ValidationError):
        services.correct_entry(entry=receipt, actor=fworld.users["treasurer"], reason="Nhầm")


def test_ledger_rows_are_never_updated_nor_deleted(fworld):
    cash(fworld, 3_000_000)
    entry = LedgerEntry.objects.get()
    entry.amount = 1
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.all().delete()
    # Below the ORM, the database's own trigger refuses.
    for sql in (
        "UPDATE funds_ledgerentry SET amount = 1",
        "DELETE FROM funds_ledgerentry",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert list(LedgerEntry.objects.values_list("amount", flat=True)) == [3_000_000]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("ledger_flushable")
def test_twenty_parallel_payments_against_a_balance_for_ten(fworld):
    cash(fworld, 10_000_000)
    proposals = [approved(fworld, 1_000_000, purpose=f"Hỗ trợ {i}") for i in range(20)]

    def pay_one(d):
        try:
            pay(fworld, d)
            return "paid"
        except ValidationError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(pay_one, proposals))
    assert outcomes.count("paid") == 10 and outcomes.count("refused") == 10
    assert selectors.balance(fund=fworld.fund) == 0
    assert Disbursement.objects.filter(status=DisbursementStatus.PAID).count() == 10
    balances = list(
        LedgerEntry.objects.filter(fund=fworld.fund).values_list("balance_after", flat=True)
    )
    assert balances == [10_000_000 - 1_000_000 * i for i in range(11)]
    # The day totals the public statement reads count each payment that passed, once.
    assert list(
        LedgerDay.objects.filter(fund=fworld.fund).values_list(
            "day", "entries", "receipts", "payments"
        )
    ) == [(date(2023, 10, 20), 1, 10_000_000, 0), (date(2023, 11, 10), 10, 0, 10_000_000)]


def test_only_the_treasurer_records_cash(fworld):
    """The service asks the rule itself: a board member, another fund's treasurer or a province
    admin who reaches it (a script, a future screen) records no cash and writes nothing."""
    for user in ("board", "other_treasurer", "province_admin"):
        with pytest.raises(PermissionDenied) as refused:
            services.record_cash_donation(
                campaign=fworld.campaign,
                donor_kind=DonorKind.PERSON,
                donor_name="Nguyễn Văn A",
                amount=500_000,
                receipt_number=f"BL-{user}",
                received_on=date(2023, 10, 20),
                actor=fworld.users[user],
            )
        assert str(refused.value) == "Chỉ thủ quỹ của quỹ mới ghi khoản thu tiền mặt."
    assert not fworld.campaign.donations.exists()
    assert not LedgerEntry.objects.filter(fund=fworld.fund).exists()
    assert cash(fworld, 500_000).amount == 500_000
