"""The demo story (marked sample): Tân Yên's 2023 peak month, ~50 gifts, the Đại đoàn kết
house, a public statement that reconciles; a second run adds nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest


@pytest.fixture
def demo(db):
    from giamngheo.funds.demo import load_demo_fund
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan

    load_demo_organisations(with_users=True)
    load_demo_plan()
    out = io.StringIO()
    accounts = load_demo_fund(stdout=out, with_users=True)
    return out.getvalue(), accounts


def test_demo_tells_the_tan_yen_story(demo):
    from giamngheo.funds import selectors
    from giamngheo.funds.demo import load_demo_fund
    from giamngheo.funds.models import BankTransaction, Disbursement, Donation, Fund, LedgerEntry

    text, accounts = demo
    assert [a[0] for a in accounts] == ["thuquy.quy", "bandieuhanh.quy"]
    assert text.endswith(
        "Quỹ Vì người nghèo huyện Tân Yên: 47 khoản ủng hộ, 1 khoản chi nhà Đại đoàn kết.\n"
    )
    fund = Fund.objects.get()
    assert fund.is_sample and Donation.objects.filter(is_sample=False).count() == 0
    assert Donation.objects.count() == 47
    assert BankTransaction.objects.filter(donation__isnull=False).count() == 35
    assert BankTransaction.objects.filter(donation__isnull=True).count() == 3
    house = Disbursement.objects.get()
    assert (house.status, house.amount, house.paid_on) == ("paid", 60_000_000, date(2023, 11, 10))
    statement = selectors.public_statement(
        fund=fund, start=date(2023, 1, 1), end=date(2023, 12, 31)
    )
    assert statement.reconciles and statement.closing == statement.receipts - 60_000_000
    assert statement.closing == selectors.balance(fund=fund)
    before = LedgerEntry.objects.count()
    load_demo_fund(with_users=True)
    assert LedgerEntry.objects.count() == before and Fund.objects.count() == 1
