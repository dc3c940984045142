"""Bad input through the treasurer's and the board's own screens (issue #21, Done means): a
statement with a wrong column or a repeated bank reference, a negative or absurd amount, a
payment above the balance — each answered 400 with the Vietnamese message, nothing written."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from giamngheo.funds import services
from giamngheo.funds.enums import DisbursementStatus, DonorKind, RecipientKind
from giamngheo.funds.models import (
    BankStatement,
    BankTransaction,
    Disbursement,
    Donation,
    LedgerDay,
    LedgerEntry,
)

pytestmark = pytest.mark.django_db

HEADER = "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung"


def client_for(w, key):
    client = Client()
    client.force_login(w.users[key])
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def nothing_written():
    return (
        BankStatement.objects.count(),
        BankTransaction.objects.count(),
        LedgerEntry.objects.count(),
        Disbursement.objects.count(),
        LedgerDay.objects.count(),
    ) == (0, 0, 0, 0, 0)


def upload(w, body: str, name="sao-ke.csv"):
    return client_for(w, "treasurer").post(
        "/admin/quy/nhap-sao-ke/",
        {"fund": w.fund.pk, "file": SimpleUploadedFile(name, body.encode("utf-8"))},
    )


def test_a_statement_with_a_wrong_column_in_the_import_screen(fworld):
    response = upload(fworld, "Ngày,Số tham chiếu,Số tiền,Nội dung\n20/10/2023,FT1,200000,a\n")
    assert response.status_code == 400
    assert (
        "Không tìm thấy dòng tiêu đề của mẫu sao kê “Mẫu chung (Ngày giao dịch, Số tham chiếu,"
        " Ghi có, Ghi nợ, Nội dung)”: cần các cột “Ngày giao dịch”, “Số tham chiếu”, “Ghi có”,"
        " “Ghi nợ”, “Nội dung”; tệp có các cột “Ngày”, “Số tham chiếu”, “Số tiền”, “Nội dung”."
    ) in text(response)
    assert nothing_written()


def test_a_repeated_bank_reference_in_the_import_screen(fworld):
    response = upload(
        fworld,
        f"{HEADER}\n20/10/2023,FT001,200.000,,a\n21/10/2023,FT001,300.000,,b\n",
    )
    assert response.status_code == 400
    assert "Dòng 3, cột “Số tham chiếu”: số tham chiếu “FT001” trùng với dòng 2." in text(response)
    assert nothing_written()


def test_a_bank_reference_imported_before_with_another_amount(fworld):
    assert upload(fworld, f"{HEADER}\n20/10/2023,FT001,200.000,,a\n").status_code == 302
    response = upload(fworld, f"{HEADER}\n20/10/2023,FT001,250.000,,a\n21/10/2023,FT002,1,,b\n")
    assert response.status_code == 400
    assert (
        "Dòng 2: số tham chiếu “FT001” đã được nhập trước đây với ngày hoặc số tiền khác."
        in text(response)
    )
    assert list(BankTransaction.objects.values_list("bank_reference", "credit")) == [
        ("FT001", 200_000)
    ]
    assert BankStatement.objects.count() == 1 and LedgerEntry.objects.count() == 1


@pytest.mark.parametrize(
    "line, message",
    [
        ("20/10/2023,FT1,-200.000,,âm", "Dòng 2, cột “Ghi có”: Số tiền không được âm."),
        (
            "20/10/2023,FT1,100.000.000.001,,quá lớn",
            "Dòng 2, cột “Ghi có”: Số tiền vượt quá mức cho phép (100.000.000.000 đồng).",
        ),
        ("20/10/2023,FT1,,-5.000,nợ âm", "Dòng 2, cột “Ghi nợ”: Số tiền không được âm."),
    ],
)
def test_a_negative_or_absurd_amount_in_a_statement(fworld, line, message):
    response = upload(fworld, f"{HEADER}\n{line}\n")
    assert response.status_code == 400 and message in text(response)
    assert nothing_written()


@pytest.mark.parametrize(
    "amount, message",
    [
        ("-5.000.000", "Số tiền không được âm."),
        ("0", "Số tiền phải lớn hơn 0."),
        ("999.999.999.999", "Số tiền vượt quá mức cho phép"),
        ("năm triệu", "Số tiền"),
    ],
)
def test_a_proposal_with_a_negative_or_absurd_amount(fworld, amount, message):
    response = client_for(fworld, "treasurer").post(
        "/admin/quy/de-xuat-chi/",
        {
            "fund": fworld.fund.pk,
            "recipient_kind": RecipientKind.PROJECT,
            "purpose": "Sửa nhà cho hộ nghèo",
            "amount": amount,
        },
    )
    assert response.status_code == 400 and message in text(response)
    assert nothing_written()


@pytest.mark.parametrize("amount", [-1, 0, 100_000_000_001, 1.5, True])
def test_services_refuse_a_bad_disbursement_amount(fworld, amount):
    with pytest.raises(ValidationError) as caught:
        services.propose_disbursement(
            fund=fworld.fund,
            actor=fworld.users["treasurer"],
            recipient_kind=RecipientKind.PROJECT,
            purpose="Sửa nhà",
            amount=amount,
        )
    assert list(caught.value.message_dict) == ["amount"]
    assert nothing_written()


def test_a_cash_receipt_with_an_absurd_amount_in_the_screen(fworld):
    response = client_for(fworld, "treasurer").post(
        "/admin/quy/thu-tien-mat/",
        {
            "campaign": fworld.campaign.pk,
            "donor_kind": DonorKind.PERSON,
            "donor_name": "Nguyễn Văn A",
            "amount": "100.000.000.001",
            "receipt_number": "BL-1",
            "received_on": "20/10/2023",
        },
    )
    assert response.status_code == 400
    assert "Số tiền vượt quá mức cho phép" in text(response)
    assert Donation.objects.count() == 0 and nothing_written()


def test_a_payment_above_the_balance_in_the_screen(fworld):
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="A",
        amount=3_000_000,
        receipt_number="1",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    proposal = services.propose_disbursement(
        fund=fworld.fund,
        actor=fworld.users["treasurer"],
        recipient_kind=RecipientKind.PROJECT,
        purpose="Nhà Đại đoàn kết",
        amount=3_000_001,
    )
    services.approve_disbursement(disbursement=proposal, actor=fworld.users["board"])
    response = client_for(fworld, "treasurer").post(
        f"/admin/quy/khoan-chi/{proposal.pk}/chi/",
        {"paid_on": "10/11/2023", "method": "cash", "evidence_note": "PC 05"},
    )
    assert response.status_code == 400
    assert (
        "Số dư của quỹ không đủ: cần chi 3.000.001 đồng, số dư thấp nhất từ ngày 10/11/2023"
        " là 3.000.000 đồng." in text(response)
    )
    proposal.refresh_from_db()
    assert proposal.status == DisbursementStatus.APPROVED
    assert list(LedgerEntry.objects.values_list("amount", flat=True)) == [3_000_000]
