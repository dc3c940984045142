"""Bank statement import: the documented columns, all or nothing, every error in Vietnamese with
its row and column, matching by reference code, and a re-import adds nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from giamngheo.funds import selectors, services
from giamngheo.funds.models import BankStatement, BankTransaction, LedgerEntry
from tests.funds.conftest import DonationFactory

pytestmark = pytest.mark.django_db

HEADER = "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung"


def csv_bytes(*lines, preamble=("SAO KÊ TÀI KHOẢN 0011001932418", "")):
    return ("\n".join([*preamble, HEADER, *lines]) + "\n").encode("utf-8-sig")


def imported(w, content, name="sao-ke.csv"):
    return services.import_statement(
        fund=w.fund, content=content, file_name=name, actor=w.users["treasurer"]
    )


def test_credits_are_receipts_and_matched_by_reference(fworld):
    gift = DonationFactory(campaign=fworld.campaign, amount=200_000)
    lower = gift.reference.lower()
    other = DonationFactory(campaign=fworld.campaign, amount=500_000)
    spaced = f"{other.reference[:4]} {other.reference[4:]}"
    content = csv_bytes(
        f'20/10/2023,FT001,"200.000",,MBVCB.123 {lower} ung ho quy',
        f"21/10/2023,FT002,500000,,CK {spaced} NGUYEN VAN B",
        "21/10/2023,FT003,1.000.000,,ung ho nguoi ngheo",
        "22/10/2023,FT004,,300.000,Phi dich vu",
    )
    statement = imported(fworld, content)
    assert (statement.rows_read, statement.rows_added, statement.rows_matched) == (4, 4, 2)
    assert (statement.first_date, statement.last_date) == (date(2023, 10, 20), date(2023, 10, 22))
    by_ref = {t.bank_reference: t for t in BankTransaction.objects.all()}
    assert by_ref["FT001"].donation == gift and by_ref["FT002"].donation == other
    assert by_ref["FT003"].donation is None and by_ref["FT004"].debit == 300_000
    entries = list(LedgerEntry.objects.values_list("seq", "amount", "balance_after"))
    assert entries == [(1, 200_000, 200_000), (2, 500_000, 700_000), (3, 1_000_000, 1_700_000)]
    # A credit left unmatched is matched by hand.
    services.match_transaction(
        bank_transaction=by_ref["FT003"],
        donation=DonationFactory(campaign=fworld.campaign, amount=1_000_000),
        actor=fworld.users["treasurer"],
    )
    assert BankTransaction.objects.filter(donation__isnull=False).count() == 3


def test_reimporting_the_same_statement_adds_nothing(fworld):
    content = csv_bytes("20/10/2023,FT001,200.000,,a", "21/10/2023,FT002,300.000,,b")
    imported(fworld, content)
    again = imported(fworld, content)
    assert (again.rows_read, again.rows_added) == (2, 0)
    assert BankTransaction.objects.count() == 2 and LedgerEntry.objects.count() == 2
    assert selectors.balance(fund=fworld.fund) == 500_000


def test_xlsx_statement_of_a_bank_format(fworld):
    fworld.fund.statement_format = "vietcombank"
    fworld.fund.save()
    book = Workbook()
    sheet = book.active
    sheet.append(["NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM"])
    sheet.append(["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"])
    sheet.append([date(2023, 10, 25), "5213.20231025", None, 2_000_000, "UNG HO QUY"])
    sheet.append(["26/10/2023", "5213.20231026", None, "1,500,000", "UNG HO"])
    out = io.BytesIO()
    book.save(out)
    statement = imported(fworld, out.getvalue(), "vcb.xlsx")
    assert statement.rows_added == 2
    assert selectors.balance(fund=fworld.fund) == 3_500_000


def test_a_wrong_column_is_reported_and_nothing_written(fworld):
    content = b"Ngay,So tham chieu,So tien,Noi dung\n20/10/2023,FT1,200000,a\n"
    with pytest.raises(ValidationError) as caught:
        imported(fworld, content)
    assert caught.value.messages == [
        "Không tìm thấy dòng tiêu đề của mẫu sao kê “Mẫu chung (Ngày giao dịch, Số tham chiếu,"
        " Ghi có, Ghi nợ, Nội dung)”: cần các cột “Ngày giao dịch”, “Số tham chiếu”, “Ghi có”,"
        " “Ghi nợ”, “Nội dung”; tệp có các cột “Ngay”, “So tham chieu”, “So tien”, “Noi dung”."
    ]
    assert BankStatement.objects.count() == 0


def test_every_bad_row_is_listed_with_row_and_column_and_nothing_written(fworld):
    content = csv_bytes(
        "20/10/2023,FT001,200.000,,đúng",
        "32/10/2023,FT002,200.000,,ngày sai",
        "21/10/2023,FT003,-200.000,,âm",
        "21/10/2023,FT004,999.999.999.999,,quá lớn",
        "21/10/2023,FT001,100.000,,trùng",
        "21/10/2023,,100.000,,thiếu số tham chiếu",
        "21/10/2023,FT006,100.000,50.000,hai cột",
    )
    with pytest.raises(ValidationError) as caught:
        imported(fworld, content)
    assert caught.value.messages == [
        "Dòng 5, cột “Ngày giao dịch”: “32/10/2023” không phải ngày (dd/mm/yyyy).",
        "Dòng 6, cột “Ghi có”: Số tiền không được âm.",
        "Dòng 7, cột “Ghi có”: Số tiền vượt quá mức cho phép (100.000.000.000 đồng).",
        "Dòng 8, cột “Số tham chiếu”: số tham chiếu “FT001” trùng với dòng 4.",
        "Dòng 9, cột “Số tham chiếu”: thiếu số tham chiếu.",
        "Dòng 10: mỗi giao dịch ghi đúng một trong hai cột “Ghi có”, “Ghi nợ”.",
    ]
    assert BankStatement.objects.count() == 0 and LedgerEntry.objects.count() == 0


def test_a_known_reference_with_another_amount_is_refused(fworld):
    imported(fworld, csv_bytes("20/10/2023,FT001,200.000,,a"))
    with pytest.raises(ValidationError) as caught:
        imported(fworld, csv_bytes("20/10/2023,FT002,100.000,,b", "20/10/2023,FT001,900.000,,a"))
    assert caught.value.messages == [
        "Dòng 5: số tham chiếu “FT001” đã được nhập trước đây với ngày hoặc số tiền khác."
    ]
    assert BankTransaction.objects.count() == 1


def test_not_utf8_csv_is_refused(fworld):
    with pytest.raises(ValidationError) as caught:
        imported(fworld, HEADER.encode("cp1258", errors="replace") + "\nĐ".encode("cp1258"))
    assert caught.value.messages == [
        "Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”)."
    ]


def test_only_the_funds_treasurer_imports(fworld):
    content = csv_bytes("20/10/2023,FT001,200.000,,a")
    for user in ("board", "other_treasurer", "province_admin", "outsider"):
        with pytest.raises(PermissionDenied):
            services.import_statement(
                fund=fworld.fund, content=content, file_name="x.csv", actor=fworld.users[user]
            )
    assert BankTransaction.objects.count() == 0
