"""The treasurer's and the board's admin screens, scoped: an import, a decision and a payment
through the one-action views; another fund's officer and an outsider reach nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from giamngheo.funds import services
from giamngheo.funds.enums import DisbursementStatus, DonorKind, RecipientKind
from giamngheo.funds.models import BankTransaction, Disbursement

pytestmark = pytest.mark.django_db


def client_for(w, key):
    client = Client()
    client.force_login(w.users[key])
    return client


@pytest.fixture
def proposal(fworld):
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="A",
        amount=10_000_000,
        receipt_number="1",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    return services.propose_disbursement(
        fund=fworld.fund,
        actor=fworld.users["treasurer"],
        recipient_kind=RecipientKind.PROJECT,
        purpose="Nhà Đại đoàn kết xã C1a",
        amount=8_000_000,
    )


def test_treasurer_imports_a_statement_in_the_admin(fworld):
    csv = "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung\n20/10/2023,FT9,200.000,,ung ho\n"
    response = client_for(fworld, "treasurer").post(
        "/admin/quy/nhap-sao-ke/",
        {"fund": fworld.fund.pk, "file": SimpleUploadedFile("sk.csv", csv.encode())},
    )
    assert response.status_code == 302
    assert list(BankTransaction.objects.values_list("bank_reference", "credit")) == [
        ("FT9", 200_000)
    ]


def test_a_bad_statement_shows_every_error_and_writes_nothing(fworld):
    csv = "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung\n20/13/2023,FT9,-5,,x\n"
    response = client_for(fworld, "treasurer").post(
        "/admin/quy/nhap-sao-ke/",
        {"fund": fworld.fund.pk, "file": SimpleUploadedFile("sk.csv", csv.encode())},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 2, cột “Ngày giao dịch”: “20/13/2023” không phải ngày (dd/mm/yyyy)." in html
    assert "Dòng 2, cột “Ghi có”: Số tiền không được âm." in html
    assert BankTransaction.objects.count() == 0


def test_another_funds_treasurer_cannot_import_into_this_fund(fworld):
    csv = "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung\n20/10/2023,FT9,200.000,,x\n"
    response = client_for(fworld, "other_treasurer").post(
        "/admin/quy/nhap-sao-ke/",
        {"fund": fworld.fund.pk, "file": SimpleUploadedFile("sk.csv", csv.encode())},
    )
    assert response.status_code == 400 and BankTransaction.objects.count() == 0


def test_board_approves_and_treasurer_pays_in_the_admin(fworld, proposal):
    approve = client_for(fworld, "board").post(
        f"/admin/quy/khoan-chi/{proposal.pk}/phe-duyet/", {"reason": "Đồng ý"}
    )
    assert approve.status_code == 302
    pay = client_for(fworld, "treasurer").post(
        f"/admin/quy/khoan-chi/{proposal.pk}/chi/",
        {"paid_on": "10/11/2023", "method": "cash", "evidence_note": "PC 05"},
    )
    assert pay.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == DisbursementStatus.PAID and proposal.entry.amount == -8_000_000


@pytest.mark.parametrize(
    "user, url, status",
    [
        # Visible, but not the user's decision: the admin's 403 page.
        ("treasurer", "phe-duyet", 403),
        ("other_treasurer", "phe-duyet", 404),
        ("other_treasurer", "chi", 404),
        ("outsider", "phe-duyet", 302),  # no admin access: to sign-in
        ("province_admin", "phe-duyet", 403),
    ],
)
def test_foreign_or_refused_decisions(fworld, proposal, user, url, status):
    response = client_for(fworld, user).post(f"/admin/quy/khoan-chi/{proposal.pk}/{url}/", {})
    if isinstance(status, str):
        assert (response.status_code, response["Location"]) == (302, status)
    else:
        assert response.status_code == status
    proposal.refresh_from_db()
    assert proposal.status == DisbursementStatus.PROPOSED


def test_lists_hold_only_the_users_funds(fworld, proposal):
    services.propose_disbursement(
        fund=fworld.other_fund,
        actor=fworld.users["other_treasurer"],
        recipient_kind=RecipientKind.PROJECT,
        purpose="Khoản chi của huyện H2",
        amount=1_000,
    )
    html = client_for(fworld, "treasurer").get("/admin/quy/khoan-chi/").content.decode()
    assert "Nhà Đại đoàn kết xã C1a" in html and "Khoản chi của huyện H2" not in html
    other = client_for(fworld, "other_treasurer").get(
        f"/admin/quy/khoan-chi/inspect/{proposal.pk}/"
    )
    assert other.status_code == 404
    assert Disbursement.objects.count() == 2


def test_dashboard_shows_the_board_what_to_decide_and_the_treasurer_what_to_pay(
    fworld, proposal, django_assert_num_queries
):
    from django.urls import reverse

    from giamngheo.core.dashboard import todos_for

    def todos(key):
        return {str(t.label): (t.count, t.url) for t in todos_for(user=fworld.users[key])}

    index = reverse("funds_disbursement:index")
    decide = "khoản chi của Quỹ chờ Ban điều hành phê duyệt"
    pay = "khoản chi đã phê duyệt, chờ thủ quỹ chi"
    assert todos("board")[decide] == (1, f"{index}?status=proposed")
    assert decide not in todos("treasurer") and decide not in todos("other_treasurer")
    page = client_for(fworld, "board").get(reverse("wagtailadmin_home")).content.decode()
    assert decide in page
    services.approve_disbursement(disbursement=proposal, actor=fworld.users["board"])
    assert decide not in todos("board")
    assert todos("treasurer")[pay] == (1, f"{index}?status=approved")
    assert pay not in todos("other_treasurer")
    from giamngheo.funds.selectors import todo_counts

    with django_assert_num_queries(1):
        assert todo_counts(user=fworld.users["treasurer"]) == {"to_decide": 0, "to_pay": 1}
