"""The public side: a campaign with its VietQR, a citizen's pledge and its own code, the lookup,
and the statement (page, CSV, XLSX) that reconciles with the imported bank statement."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from giamngheo.funds import services, vietqr
from giamngheo.funds.enums import DonorKind, RecipientKind
from giamngheo.funds.models import Donation
from giamngheo.funds.views import donation_payload
from tests.funds.conftest import DonationFactory

pytestmark = pytest.mark.django_db

PERIOD = "tu=01/10/2023&den=31/12/2023"


@pytest.fixture
def anon():
    return Client()


def test_campaign_page_shows_the_funds_qr_and_account(fworld, anon):
    response = anon.get("/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'src="/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/qr.svg"' in html
    assert "0011001932418" in html and "UB MTTQ HUYEN H1" in html
    assert "<script" not in html.split("</header>")[1] and "style=" not in html
    image = anon.get("/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/qr.svg")
    assert image["Content-Type"] == "image/svg+xml" and b"<svg" in image.content


def test_a_citizen_pledges_200000_and_gets_the_qr_and_reference(fworld):
    client = Client(enforce_csrf_checks=False)
    form = client.get("/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/dang-ky/")
    assert form.status_code == 200
    response = client.post(
        "/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/dang-ky/",
        {"donor_kind": "person", "donor_name": "Trần Thị Bình", "amount": "200.000"},
    )
    donation = Donation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/quy-vi-nguoi-ngheo/ung-ho/{donation.reference}/"
    assert (donation.amount, donation.donor_name, donation.is_anonymous) == (
        200_000,
        "Trần Thị Bình",
        False,
    )
    page = client.get(response["Location"]).content.decode()
    assert donation.reference in page and "200.000" in page
    assert f"/quy-vi-nguoi-ngheo/ung-ho/{donation.reference}/qr.svg" in page
    assert client.get(f"/quy-vi-nguoi-ngheo/ung-ho/{donation.reference}/qr.svg").status_code == 200
    transfer = vietqr.parse(donation_payload(donation))
    assert (transfer.bank_bin, transfer.account, transfer.amount) == (
        "970415",
        "0011001932418",
        200_000,
    )
    assert transfer.purpose.startswith(donation.reference)


@pytest.mark.parametrize(
    "amount, message",
    [("-200.000", "Số tiền không được âm."), ("999.999.999.999", "Số tiền vượt quá mức")],
)
def test_a_bad_pledge_writes_nothing(fworld, amount, message):
    response = Client().post(
        "/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/dang-ky/",
        {"donor_kind": "person", "donor_name": "A", "amount": amount},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert Donation.objects.count() == 0


def test_honeypot_pledge_writes_nothing(fworld):
    response = Client().post(
        "/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/dang-ky/",
        {"donor_kind": "person", "donor_name": "A", "amount": "1000", "website": "x"},
    )
    assert response.status_code == 400 and Donation.objects.count() == 0


def test_lookup_by_reference(fworld, anon):
    gift = DonationFactory(campaign=fworld.campaign)
    found = anon.get("/quy-vi-nguoi-ngheo/tra-cuu/", {"ma": gift.reference.lower()})
    assert found.status_code == 302 and found["Location"].endswith(f"/{gift.reference}/")
    missing = anon.get("/quy-vi-nguoi-ngheo/tra-cuu/", {"ma": "UHAAAAAAAA"})
    assert missing.status_code == 404
    assert "Không tìm thấy khoản ủng hộ có mã này." in missing.content.decode()
    assert anon.get("/quy-vi-nguoi-ngheo/ung-ho/UHAAAAAAAA/").status_code == 404


def _story(w):
    """A pledge paid by transfer, an anonymous one, a cash gift, and a paid household grant."""
    named = DonationFactory(campaign=w.campaign, donor_name="Trần Thị Bình", amount=200_000)
    hidden = DonationFactory(
        campaign=w.campaign, donor_name="Lê Văn Kín", amount=5_000_000, is_anonymous=True
    )
    csv = (
        "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung\n"
        f"20/10/2023,FT001,200.000,,{named.reference} ung ho\n"
        f"21/10/2023,FT002,5.000.000,,{hidden.reference}\n"
    ).encode()
    services.import_statement(
        fund=w.fund, content=csv, file_name="sk.csv", actor=w.users["treasurer"]
    )
    services.record_cash_donation(
        campaign=w.campaign,
        donor_kind=DonorKind.BUSINESS,
        donor_name="Công ty CP Xây dựng Tân Yên",
        amount=50_000_000,
        receipt_number="BL-07",
        received_on=date(2023, 10, 25),
        actor=w.users["treasurer"],
    )
    d = services.propose_disbursement(
        fund=w.fund,
        actor=w.users["treasurer"],
        recipient_kind=RecipientKind.HOUSEHOLD,
        purpose="Hỗ trợ xây nhà Đại đoàn kết",
        amount=40_000_000,
        commune=w.campaign.activity.units.first(),
        recipient_name="Hoàng Văn Riêng",
        household_consent=True,
        campaign=w.campaign,
    )
    services.approve_disbursement(disbursement=d, actor=w.users["board"])
    services.pay_disbursement(
        disbursement=d,
        actor=w.users["treasurer"],
        paid_on=date(2023, 11, 10),
        method="cash",
        evidence_note="PC 01",
    )
    return named, hidden


def test_statement_shows_receipts_and_payments_and_reconciles(fworld, anon):
    _story(fworld)
    response = anon.get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}")
    html = response.content.decode()
    assert response.status_code == 200
    text = re.sub(r"\s+", " ", html)
    assert "Trần Thị Bình" in text and "Công ty CP Xây dựng Tân Yên" in text
    assert "Nhà hảo tâm không nêu tên" in text and "Lê Văn Kín" not in text
    assert "Hỗ trợ xây nhà Đại đoàn kết" in text and "Hoàng Văn Riêng" not in text
    assert "55.200.000" in text and "40.000.000" in text and "15.200.000" in text
    assert "(5.200.000 đồng) khớp với số thu qua tài khoản của Quỹ" in text
    assert "style=" not in html


def test_statement_csv_and_xlsx(fworld, anon):
    _story(fworld)
    csv = anon.get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke.csv?{PERIOD}")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert (
        lines[0]
        == "Ngày,Loại,Người ủng hộ / người nhận,Nội dung,Xã,Thu (đồng),Chi (đồng),Số dư (đồng)"
    )
    assert lines[1:] == [
        "01/10/2023,Số dư đầu kỳ,,,,,,0",
        "20/10/2023,Thu qua tài khoản ngân hàng,Trần Thị Bình,,,200000,,200000",
        "21/10/2023,Thu qua tài khoản ngân hàng,Nhà hảo tâm không nêu tên,,,5000000,,5200000",
        "25/10/2023,Thu tiền mặt,Công ty CP Xây dựng Tân Yên,,,50000000,,55200000",
        "10/11/2023,Chi hỗ trợ,,Hỗ trợ xây nhà Đại đoàn kết,Huyện H1,,40000000,15200000",
        "31/12/2023,Số dư cuối kỳ,,,,55200000,40000000,15200000",
    ]
    xlsx = anon.get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke.xlsx?{PERIOD}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[6]] == [
        "10/11/2023",
        "Chi hỗ trợ",
        None,
        "Hỗ trợ xây nhà Đại đoàn kết",
        "Huyện H1",
        None,
        40000000,
        15200000,
    ]


def test_published_recipient_name_only_when_the_board_approved(fworld, anon):
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="A",
        amount=1_000_000,
        receipt_number="1",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    d = services.propose_disbursement(
        fund=fworld.fund,
        actor=fworld.users["treasurer"],
        recipient_kind=RecipientKind.HOUSEHOLD,
        purpose="Hỗ trợ hộ gặp hoạn nạn",
        amount=500_000,
        commune=fworld.campaign.activity.units.first(),
        recipient_name="Đỗ Thị Công Khai",
        household_consent=True,
    )
    services.approve_disbursement(
        disbursement=d, actor=fworld.users["board"], publish_recipient=True
    )
    services.pay_disbursement(
        disbursement=d,
        actor=fworld.users["treasurer"],
        paid_on=date(2023, 10, 21),
        method="cash",
        evidence_note="PC",
    )
    html = anon.get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}").content.decode()
    assert "Hỗ trợ hộ gặp hoạn nạn — Đỗ Thị Công Khai" in re.sub(r"\s+", " ", html)


def test_statement_difference_is_shown_when_not_reconciled(fworld, anon):
    _story(fworld)
    entry = fworld.fund.entries.get(bank_transaction__bank_reference="FT002")
    services.correct_entry(
        entry=entry, actor=fworld.users["treasurer"], reason="Thử", on=date(2023, 10, 22)
    )
    text = re.sub(
        r"\s+", " ", anon.get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}").content.decode()
    )
    assert "chênh lệch" in text


@pytest.mark.parametrize("query", ["tu=32/13/2023", "tu=01/12/2023&den=01/11/2023"])
def test_bad_period_is_a_404(fworld, anon, query):
    assert anon.get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{query}").status_code == 404


def test_statement_queries_do_not_grow(fworld, anon):
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="A",
        amount=1_000,
        receipt_number="x0",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    url = f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}"
    anon.get(url)  # warms the memoised site and reference data
    with CaptureQueriesContext(connection) as one:
        anon.get(url + "&x=1")
    for i in range(1, 3):
        services.record_cash_donation(
            campaign=fworld.campaign,
            donor_kind=DonorKind.PERSON,
            donor_name=f"B{i}",
            amount=1_000,
            receipt_number=f"x{i}",
            received_on=date(2023, 10, 20),
            actor=fworld.users["treasurer"],
        )
    anon.get(url + "&x=warm")
    with CaptureQueriesContext(connection) as three:
        anon.get(url + "&x=3")
    assert len(three) == len(one)


def test_page_cache_is_purged_when_the_ledger_changes(fworld, anon, settings):
    url = f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}"
    assert "Không có khoản thu, chi nào trong kỳ." in anon.get(url).content.decode()
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="Người Mới",
        amount=1_000,
        receipt_number="n1",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    assert "Người Mới" in anon.get(url).content.decode()


def test_page_cache_is_purged_by_a_statement_import(fworld, anon):
    url = f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}"
    assert "Không có khoản thu, chi nào trong kỳ." in anon.get(url).content.decode()
    services.import_statement(
        fund=fworld.fund,
        content=(
            "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung\n"
            "20/10/2023,FT777,700.000,,ung ho quy\n"
        ).encode(),
        file_name="sk.csv",
        actor=fworld.users["treasurer"],
    )
    text = re.sub(r"\s+", " ", anon.get(url).content.decode())
    assert "Chưa đối chiếu người ủng hộ" in text and "700.000" in text
    assert "(700.000 đồng) khớp với số thu qua tài khoản của Quỹ" in text


def test_statement_pages_split_the_period_in_order(fworld, anon, settings, monkeypatch):
    from giamngheo.funds import selectors

    monkeypatch.setattr(selectors, "PUBLIC_PAGE_SIZE", 2)
    for i, day in enumerate((22, 20, 21)):
        services.record_cash_donation(
            campaign=fworld.campaign,
            donor_kind=DonorKind.PERSON,
            donor_name=f"Người thứ {i}",
            amount=1_000 * (i + 1),
            receipt_number=f"p{i}",
            received_on=date(2023, 10, day),
            actor=fworld.users["treasurer"],
        )
    url = f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}"
    first = re.sub(r"\s+", " ", anon.get(url).content.decode())
    second = re.sub(r"\s+", " ", anon.get(url + "&trang=2").content.decode())
    assert first.index("Người thứ 1") < first.index("Người thứ 2") and "Người thứ 0" not in first
    assert "Người thứ 0" in second and "Người thứ 1" not in second
    assert "Trang 1/2" in first and "Trang 2/2" in second
    assert anon.get(url + "&trang=99").status_code == 200


def test_the_statement_opens_on_the_year_of_the_funds_last_entry(fworld, anon):
    """A fund quiet this year (the demo's gifts are of 2023) does not open on an empty page."""
    from giamngheo.funds.selectors import default_statement_year

    assert default_statement_year(fund=fworld.fund, today=date(2026, 12, 4)) == 2026
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.PERSON,
        donor_name="Nguyễn Văn An",
        amount=500_000,
        receipt_number="BL-01",
        received_on=date(2023, 10, 20),
        actor=fworld.users["treasurer"],
    )
    assert default_statement_year(fund=fworld.fund, today=date(2026, 12, 4)) == 2023
    page = " ".join(anon.get("/quy-vi-nguoi-ngheo/quy-h1/sao-ke/").content.decode().split())
    assert "Nguyễn Văn An" in page and "500.000" in page
