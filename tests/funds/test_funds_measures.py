"""The fund's output measures keep the registry's contract (tests/planning/measure_contract.py)
and count exact values."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from giamngheo.funds import services
from giamngheo.funds.enums import DonorKind, RecipientKind
from giamngheo.planning import registry
from giamngheo.planning.models import Activity
from tests.planning.measure_contract import check_measure_contract

pytestmark = pytest.mark.django_db
_numbers = count()


@pytest.fixture
def new_campaign(fworld, make_activity):
    subplan = fworld.subplan

    def make():
        n = next(_numbers)
        activity = make_activity(subplan, title=f"Vận động {n}")
        return services.create_campaign(
            fund=fworld.fund,
            activity=activity,
            name=f"Đợt {n}",
            slug=f"dot-{n}",
            start_date=date(2023, 1, 1),
            end_date=date(2023, 12, 31),
        )

    return make


def _gift(w, campaign, day, *, donor="Nguyễn Văn A", amount=100_000):
    return services.record_cash_donation(
        campaign=campaign,
        donor_kind=DonorKind.PERSON,
        donor_name=donor,
        amount=amount,
        receipt_number=f"R{next(_numbers)}",
        received_on=day,
        actor=w.users["treasurer"],
    )


def _grant(w, campaign, day, *, kind=RecipientKind.HOUSEHOLD):
    _gift(w, campaign, date(2023, 1, 1), amount=1_000_000)
    d = services.propose_disbursement(
        fund=w.fund,
        actor=w.users["treasurer"],
        recipient_kind=kind,
        purpose="Hỗ trợ",
        amount=500_000,
        commune=campaign.activity.units.first(),
        campaign=campaign,
    )
    services.approve_disbursement(disbursement=d, actor=w.users["board"])
    services.pay_disbursement(
        disbursement=d, actor=w.users["treasurer"], paid_on=day, method="cash", evidence_note="PC"
    )


@pytest.mark.parametrize(
    "code, quantity",
    [("fund.donations", 1), ("fund.donors", 1), ("fund.amount_mobilised", 250_000)],
)
def test_donation_measures_keep_the_contract(fworld, new_campaign, code, quantity):
    def record(day):
        campaign = new_campaign()
        _gift(fworld, campaign, day, amount=250_000)
        return campaign.activity, quantity

    check_measure_contract(registry.get_measure(code), record=record)


@pytest.mark.parametrize("code", ["fund.disbursements", "fund.households_supported"])
def test_disbursement_measures_keep_the_contract(fworld, new_campaign, code):
    def record(day):
        campaign = new_campaign()
        _grant(fworld, campaign, day)
        return campaign.activity, 1

    check_measure_contract(registry.get_measure(code), record=record)


def test_exact_totals_of_a_campaign(fworld, new_campaign):
    campaign = new_campaign()
    _gift(fworld, campaign, date(2023, 10, 20), donor="Công ty A", amount=2_000_000)
    _gift(fworld, campaign, date(2023, 10, 21), donor="Công ty A", amount=3_000_000)
    _gift(fworld, campaign, date(2023, 10, 22), donor="Bà B", amount=500_000)
    _grant(fworld, campaign, date(2023, 11, 1))
    _grant(fworld, campaign, date(2023, 11, 2), kind=RecipientKind.PROJECT)
    totals = registry.totals(
        activities=Activity.objects.filter(pk=campaign.activity_id),
        start=date(2023, 10, 1),
        end=date(2023, 12, 31),
        codes=[
            "fund.donations",
            "fund.donors",
            "fund.amount_mobilised",
            "fund.disbursements",
            "fund.households_supported",
        ],
    )
    assert totals == {
        "fund.donations": 3,
        "fund.donors": 2,
        "fund.amount_mobilised": 5_500_000,
        "fund.disbursements": 2,
        "fund.households_supported": 1,
    }
