"""The fund's admin lists and screens write money grouped: 8.000.000, not 8000000 (issue #13)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from giamngheo.funds import services
from giamngheo.funds.enums import DonorKind, RecipientKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def treasurer(fworld):
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="Nguyễn Văn An",
        amount=12_500_000,
        receipt_number="1",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    fworld.proposal = services.propose_disbursement(
        fund=fworld.fund,
        actor=fworld.users["treasurer"],
        recipient_kind=RecipientKind.PROJECT,
        purpose="Nhà Đại đoàn kết xã C1a",
        amount=8_000_000,
    )
    client = Client()
    client.force_login(fworld.users["treasurer"])
    return client


@pytest.mark.parametrize(
    ("url", "shown", "not_shown"),
    [
        ("/admin/quy/khoan-chi/", "8.000.000", "8000000"),
        ("/admin/quy/ung-ho/", "12.500.000", "12500000"),
        ("/admin/quy/so-quy/", "12.500.000", "12500000"),
    ],
)
def test_lists_group_money(treasurer, url, shown, not_shown):
    html = treasurer.get(url).content.decode()
    assert shown in html and not_shown not in html


def test_inspect_groups_money(treasurer, fworld):
    html = treasurer.get(f"/admin/quy/khoan-chi/inspect/{fworld.proposal.pk}/").content.decode()
    assert "8.000.000" in html and "8000000" not in html
