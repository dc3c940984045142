"""The fund cast: the planning world (tests/planning/conftest.py) plus the Fatherland Front of
district H1 with its fund, a treasurer, two board members, the Front of H2 with its own fund and
treasurer, and a 2023 peak-month campaign on an activity of H1's sub-plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import factory
import pytest

from giamngheo.funds import services
from giamngheo.funds.enums import DonorKind, FundMemberRole
from giamngheo.organisations.enums import OrganisationKind, Role
from tests.factories import MembershipFactory, OrganisationFactory, ServiceFactory
from tests.planning.conftest import make_activity, make_subplan, pworld

__all__ = ["DonationFactory", "FundWorld", "fworld", "make_activity", "make_subplan", "pworld"]


class DonationFactory(ServiceFactory):
    _service = "giamngheo.funds.services.pledge_donation"

    class Meta:
        model = "funds.Donation"

    donor_kind = DonorKind.PERSON
    donor_name = factory.Sequence(lambda n: f"Nguyễn Văn Hảo Tâm {n}")
    amount = 200_000
    is_anonymous = False


@dataclass
class FundWorld:
    fund: object = None
    other_fund: object = None
    campaign: object = None
    other_campaign: object = None
    subplan: object = None
    users: dict = field(default_factory=dict)
    orgs: dict = field(default_factory=dict)


def _member(fund, org, username, role):
    membership = MembershipFactory(
        user__username=username, organisation=org, role=Role.UNIT_OFFICER
    )
    services.add_fund_member(fund=fund, membership=membership, role=role)
    return membership.user


@pytest.fixture
def fworld(pworld, make_subplan, make_activity):
    w = FundWorld()
    for key in ("D1", "D2"):
        w.orgs[key] = OrganisationFactory(
            name=f"Ủy ban Mặt trận Tổ quốc huyện H{key[1]}",
            kind=OrganisationKind.FRONT,
            unit=pworld.units[key],
        )
    w.fund = services.create_fund(
        organisation=w.orgs["D1"],
        name="Quỹ Vì người nghèo huyện H1",
        slug="quy-h1",
        bank_bin="970415",
        bank_name="VietinBank chi nhánh H1",
        account_number="0011001932418",
        account_name="UB MTTQ HUYEN H1",
    )
    w.other_fund = services.create_fund(
        organisation=w.orgs["D2"],
        name="Quỹ Vì người nghèo huyện H2",
        slug="quy-h2",
        bank_bin="970436",
        bank_name="Vietcombank chi nhánh H2",
        account_number="1234567890",
        account_name="UB MTTQ HUYEN H2",
    )
    w.users["treasurer"] = _member(w.fund, w.orgs["D1"], "thuquy", FundMemberRole.TREASURER)
    w.users["board"] = _member(w.fund, w.orgs["D1"], "bandieuhanh", FundMemberRole.BOARD)
    w.users["board2"] = _member(w.fund, w.orgs["D1"], "bandieuhanh2", FundMemberRole.BOARD)
    w.users["other_treasurer"] = _member(
        w.other_fund, w.orgs["D2"], "thuquy_h2", FundMemberRole.TREASURER
    )
    w.users.update(pworld.users)
    w.subplan = make_subplan("D1")
    activity = make_activity(w.subplan, title="Tháng cao điểm Vì người nghèo 2023")
    w.campaign = services.create_campaign(
        fund=w.fund,
        activity=activity,
        name="Tháng cao điểm Vì người nghèo năm 2023",
        slug="thang-cao-diem-2023",
        start_date=date(2023, 10, 17),
        end_date=date(2023, 11, 18),
        target_amount=500_000_000,
    )
    other_activity = make_activity(make_subplan("D2"), title="Vận động Quỹ huyện H2")
    w.other_campaign = services.create_campaign(
        fund=w.other_fund,
        activity=other_activity,
        name="Vận động Quỹ huyện H2",
        slug="van-dong-h2",
        start_date=date(2023, 10, 17),
        end_date=date(2023, 11, 18),
    )
    return w


@pytest.fixture
def ledger_flushable(transactional_db):
    """A transactional test leaves rows for the flush, which deletes row by row on SQLite and
    would meet the append-only trigger: for that clean-up only, the trigger is lifted, the
    ledger emptied, and the trigger put back (PostgreSQL's flush truncates: no trigger fires)."""
    yield
    import importlib

    from django.db import connection

    migration = importlib.import_module("giamngheo.funds.migrations.0002_ledger_append_only")
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for sql in migration.SQLITE_REVERSE:
            cursor.execute(sql)
        cursor.execute("DELETE FROM funds_ledgerentry")
        for sql in migration.SQLITE:
            cursor.execute(sql)
