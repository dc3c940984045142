"""The public statement of a long ledger: the day totals (``LedgerDay``) its summary and pager
read hold what the ledger holds after every kind of write, each page shows exactly its slice of
the period in order, and the first, a middle and the last page cost the same queries as the
statement of a fund with one entry."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext

from giamngheo.core.cache import purge_page_cache
from giamngheo.funds import selectors, services
from giamngheo.funds.enums import DonorKind, RecipientKind
from giamngheo.funds.models import LedgerDay, LedgerEntry
from tests.funds.conftest import DonationFactory

pytestmark = pytest.mark.django_db

PERIOD = "tu=01/10/2023&den=31/12/2023"


def _cash(w, name, amount, day, *, other=False):
    return services.record_cash_donation(
        campaign=w.other_campaign if other else w.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name=name,
        amount=amount,
        receipt_number=f"BL-{name}",
        received_on=day,
        actor=w.users["other_treasurer" if other else "treasurer"],
    )


def _paid(w, purpose, amount, day):
    d = services.propose_disbursement(
        fund=w.fund,
        actor=w.users["treasurer"],
        recipient_kind=RecipientKind.PROJECT,
        purpose=purpose,
        amount=amount,
        campaign=w.campaign,
    )
    services.approve_disbursement(disbursement=d, actor=w.users["board"])
    return services.pay_disbursement(
        disbursement=d,
        actor=w.users["treasurer"],
        paid_on=day,
        method="cash",
        evidence_note=f"PC {purpose}",
    )


def _day_rows(fund) -> dict:
    return {
        d.day: {
            "entries": d.entries,
            "receipts": d.receipts,
            "payments": d.payments,
            "transfers_in": d.transfers_in,
            "bank_credits": d.bank_credits,
            "bank_debits": d.bank_debits,
        }
        for d in LedgerDay.objects.filter(fund=fund)
    }


def test_day_totals_hold_what_the_ledger_holds_after_every_kind_of_write(fworld):
    w = fworld
    named = DonationFactory(campaign=w.campaign, donor_name="Trần Thị Bình", amount=200_000)
    csv = (
        "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung\n"
        f"20/10/2023,FT001,200.000,,{named.reference} ung ho\n"
        "20/10/2023,FT002,300.000,,ung ho khong ma\n"
        "21/10/2023,FT003,,11.000,Phi dich vu\n"
        "25/09/2023,FT004,1.000.000,,ung ho truoc ky\n"
    ).encode()
    services.import_statement(
        fund=w.fund, content=csv, file_name="sk.csv", actor=w.users["treasurer"]
    )
    _cash(w, "An", 5_000_000, date(2023, 10, 22))
    _cash(w, "Bảo", 700_000, date(2023, 10, 20))  # a second write to an existing day
    _paid(w, "Sửa nhà", 1_000_000, date(2023, 11, 10))
    transfer = LedgerEntry.objects.get(bank_transaction__bank_reference="FT002")
    services.correct_entry(
        entry=transfer, actor=w.users["treasurer"], reason="Chuyển nhầm", on=date(2023, 11, 12)
    )
    cash = LedgerEntry.objects.get(donation__donor_name="An")
    services.correct_entry(
        entry=cash, actor=w.users["treasurer"], reason="Ghi trùng", on=date(2023, 11, 12)
    )
    services.import_statement(  # the same statement again adds nothing, to the days either
        fund=w.fund, content=csv, file_name="sk.csv", actor=w.users["treasurer"]
    )

    assert _day_rows(w.fund) == {
        date(2023, 9, 25): {
            "entries": 1,
            "receipts": 1_000_000,
            "payments": 0,
            "transfers_in": 1_000_000,
            "bank_credits": 1_000_000,
            "bank_debits": 0,
        },
        date(2023, 10, 20): {
            "entries": 3,
            "receipts": 1_200_000,
            "payments": 0,
            "transfers_in": 500_000,
            "bank_credits": 500_000,
            "bank_debits": 0,
        },
        date(2023, 10, 21): {
            "entries": 0,
            "receipts": 0,
            "payments": 0,
            "transfers_in": 0,
            "bank_credits": 0,
            "bank_debits": 11_000,
        },
        date(2023, 10, 22): {
            "entries": 1,
            "receipts": 5_000_000,
            "payments": 0,
            "transfers_in": 0,
            "bank_credits": 0,
            "bank_debits": 0,
        },
        date(2023, 11, 10): {
            "entries": 1,
            "receipts": 0,
            "payments": 1_000_000,
            "transfers_in": 0,
            "bank_credits": 0,
            "bank_debits": 0,
        },
        date(2023, 11, 12): {
            "entries": 2,
            "receipts": 0,
            "payments": 5_300_000,
            "transfers_in": -300_000,
            "bank_credits": 0,
            "bank_debits": 0,
        },
    }
    assert _day_rows(w.fund) == services.count_days(fund=w.fund)
    assert not LedgerDay.objects.filter(fund=w.other_fund).exists()

    summary = selectors.public_statement(
        fund=w.fund, start=date(2023, 10, 1), end=date(2023, 12, 31)
    )
    ledger = LedgerEntry.objects.filter(fund=w.fund)
    assert summary.opening == 1_000_000
    assert summary.receipts == 6_200_000
    assert summary.payments == 6_300_000
    assert summary.closing == ledger.aggregate(s=Sum("amount"))["s"] == 900_000
    assert summary.entries == ledger.filter(entry_date__gte=date(2023, 10, 1)).count() == 7
    # Through the account: 500.000 received, 300.000 of it cancelled; the bank credited 500.000.
    assert (summary.ledger_transfers_in, summary.bank_credits) == (200_000, 500_000)
    assert summary.credit_difference == -300_000
    assert summary.bank_debits == 11_000


def test_recount_rebuilds_the_day_totals_from_the_ledger(fworld):
    w = fworld
    _cash(w, "An", 5_000_000, date(2023, 10, 22))
    _paid(w, "Sửa nhà", 2_000_000, date(2023, 11, 10))
    kept = _day_rows(w.fund)
    LedgerDay.objects.filter(fund=w.fund).update(entries=99, receipts=1)
    services.recount_days(fund=w.fund)
    assert _day_rows(w.fund) == kept
    assert kept[date(2023, 10, 22)]["receipts"] == 5_000_000
    assert LedgerEntry.objects.filter(fund=w.fund).count() == 2


def _line_names(html: str) -> list[str]:
    text = re.sub(r"\s+", " ", html)
    return re.findall(r"Người (\d+)\b", text)


def test_each_page_is_its_slice_and_first_middle_last_cost_the_same(fworld, monkeypatch):
    """Seven pages of three lines over days holding 4, 1, 6 and 2 entries, written out of date
    order (backdated cash beside later ones): page n shows lines 3n-2..3n of the period in date
    then writing order, whichever day it starts in and however deep in a day."""
    w = fworld
    monkeypatch.setattr(selectors, "PUBLIC_PAGE_SIZE", 3)
    days = [date(2023, 10, 22)] * 6 + [date(2023, 10, 20)] * 4 + [date(2023, 11, 2)] * 2
    days += [date(2023, 10, 21), date(2023, 9, 30)]  # the last is before the period
    for n, day in enumerate(days):
        _cash(w, f"Người {n}", 1_000 * (n + 1), day)
    _cash(w, "Người 99", 1_000, date(2023, 10, 20), other=True)
    in_period = sorted(
        (day, n) for n, day in enumerate(days) if day >= date(2023, 10, 1)
    )  # seq follows n: the statement's order is (date, seq)
    expected = [str(n) for _day, n in in_period]
    assert len(expected) == 13

    anon = Client()
    url = f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}"
    shown = []
    for page in range(1, 6):
        html = anon.get(f"{url}&trang={page}").content.decode()
        shown.append(_line_names(html))
        assert f"Trang {page}/5" in re.sub(r"\s+", " ", html)
    assert shown == [expected[i : i + 3] for i in range(0, 13, 3)]
    assert _line_names(anon.get(f"{url}&trang=99").content.decode()) == expected[12:]

    def queries(path: str, *, cold: bool) -> int:
        anon.get(f"{path}&x=warm")
        if cold:
            purge_page_cache()  # the summary and every memoised read computed again
        with CaptureQueriesContext(connection) as ctx:
            response = anon.get(f"{path}&x={cold}")
        assert response.status_code == 200
        return len(ctx)

    small = "/quy-vi-nguoi-ngheo/quy-h2/sao-ke/?" + PERIOD
    for cold in (True, False):
        counts = {page: queries(f"{url}&trang={page}", cold=cold) for page in (1, 3, 5)}
        assert counts == dict.fromkeys((1, 3, 5), queries(small, cold=cold)), (cold, counts)


def test_a_statement_with_no_entries_shows_one_empty_page(fworld):
    html = Client().get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}&trang=3").content.decode()
    assert "Không có khoản thu, chi nào trong kỳ." in html
    assert "Trang 1/" not in html and "Trang 3/" not in html
    assert (
        selectors.public_statement(
            fund=fworld.fund, start=date(2023, 10, 1), end=date(2023, 12, 31)
        ).days
        == ()
    )
