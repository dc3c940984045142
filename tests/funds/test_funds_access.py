"""Access matrix of the fund, as data: role × object × action → the exact answer over HTTP.

Roles: the fund's treasurer, a board member, another fund's treasurer, the province
administrator, a donor holding a reference code (anonymous), an outsider (signed in, no role)
and the public. ``LOGIN``: to the sign-in page; ``FORBIDDEN``: a refused action on a visible
object (the admin's 403 page, core.admin.admin_permission_denied)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from giamngheo.funds import services
from giamngheo.funds.enums import DonorKind, RecipientKind
from giamngheo.funds.models import Disbursement, LedgerEntry
from tests.funds.conftest import DonationFactory

pytestmark = pytest.mark.django_db

LOGIN, FORBIDDEN = "login", 403

# (object, action): method, url template
ACTIONS = {
    ("disbursement", "list"): ("get", "/admin/quy/khoan-chi/"),
    ("disbursement", "view"): ("get", "/admin/quy/khoan-chi/inspect/{d}/"),
    ("disbursement", "approve"): ("post", "/admin/quy/khoan-chi/{d}/phe-duyet/"),
    ("disbursement", "pay"): ("post", "/admin/quy/khoan-chi/{d}/chi/"),
    ("disbursement", "edit"): ("get", "/admin/quy/khoan-chi/edit/{d}/"),
    ("ledger", "list"): ("get", "/admin/quy/so-quy/"),
    ("ledger", "delete"): ("get", "/admin/quy/so-quy/delete/{e}/"),
    ("statement", "add"): ("get", "/admin/quy/nhap-sao-ke/"),
    ("donation", "view_by_reference"): ("get", "/quy-vi-nguoi-ngheo/ung-ho/{ref}/"),
    ("public_statement", "view"): ("get", "/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?tu=01/01/2023"),
}

MATRIX = {
    "treasurer": {
        ("disbursement", "list"): 200,
        ("disbursement", "view"): 200,
        ("disbursement", "approve"): FORBIDDEN,
        ("disbursement", "pay"): FORBIDDEN,  # not approved yet
        ("disbursement", "edit"): FORBIDDEN,
        ("ledger", "list"): 200,
        ("ledger", "delete"): FORBIDDEN,
        ("statement", "add"): 200,
        ("donation", "view_by_reference"): 200,
        ("public_statement", "view"): 200,
    },
    "board": {
        ("disbursement", "list"): 200,
        ("disbursement", "view"): 200,
        ("disbursement", "approve"): 302,  # done: redirect to the list
        ("disbursement", "pay"): FORBIDDEN,
        ("disbursement", "edit"): FORBIDDEN,
        ("ledger", "list"): 200,
        ("ledger", "delete"): FORBIDDEN,
        ("statement", "add"): 200,  # the form; no fund to choose (treasurers only)
        ("donation", "view_by_reference"): 200,
        ("public_statement", "view"): 200,
    },
    "other_treasurer": {
        ("disbursement", "list"): 200,  # without the foreign row (checked below)
        ("disbursement", "view"): 404,
        ("disbursement", "approve"): 404,
        ("disbursement", "pay"): 404,
        ("disbursement", "edit"): 404,  # fetched (scoped) before the model-level permission
        ("ledger", "list"): 200,
        ("ledger", "delete"): 404,  # the scoped getter does not find a foreign entry
        ("statement", "add"): 200,
        ("donation", "view_by_reference"): 200,
        ("public_statement", "view"): 200,
    },
    "province_admin": {
        ("disbursement", "list"): 200,
        ("disbursement", "view"): 200,
        ("disbursement", "approve"): FORBIDDEN,
        ("disbursement", "pay"): FORBIDDEN,
        ("disbursement", "edit"): FORBIDDEN,
        ("ledger", "list"): 200,
        ("ledger", "delete"): FORBIDDEN,
        ("statement", "add"): 200,
        ("donation", "view_by_reference"): 200,
        ("public_statement", "view"): 200,
    },
}
for role in ("outsider", "public", "donor"):
    MATRIX[role] = {key: LOGIN for key in ACTIONS}
    MATRIX[role][("donation", "view_by_reference")] = 200
    MATRIX[role][("public_statement", "view")] = 200

ROWS = [
    (role, obj, action, answer)
    for role, cells in MATRIX.items()
    for (obj, action), answer in cells.items()
]


@pytest.fixture
def objects(fworld):
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="A",
        amount=5_000_000,
        receipt_number="1",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    d = services.propose_disbursement(
        fund=fworld.fund,
        actor=fworld.users["treasurer"],
        recipient_kind=RecipientKind.PROJECT,
        purpose="Khoản chi của huyện H1",
        amount=1_000_000,
    )
    gift = DonationFactory(campaign=fworld.campaign)
    return {"d": d.pk, "e": LedgerEntry.objects.get().pk, "ref": gift.reference}


@pytest.mark.parametrize("role, obj, action, answer", ROWS, ids=lambda v: str(v))
def test_access_matrix(fworld, objects, role, obj, action, answer):
    client = Client()
    if role in fworld.users:
        client.force_login(fworld.users[role])
    elif role == "outsider":
        client.force_login(fworld.users["outsider"])
    method, template = ACTIONS[(obj, action)]
    url = template.format(**objects)
    response = getattr(client, method)(url)
    if answer == LOGIN:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        assert response.status_code == answer
    if action == "list" and response.status_code == 200 and role == "other_treasurer":
        assert "Khoản chi của huyện H1" not in response.content.decode()
    # ids next to the object never open for another fund's officer
    if role == "other_treasurer" and "{d}" in template:
        for pk in (objects["d"] - 1, objects["d"] + 1):
            near = getattr(client, method)(template.format(**{**objects, "d": pk}))
            assert near.status_code in (404, 302)
    assert Disbursement.objects.filter(status="paid").count() == 0
