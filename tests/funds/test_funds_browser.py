"""Done means (issue #21): a citizen pledges 200.000 đ and sees the QR and the reference; the
treasurer imports a statement holding that transfer and it matches; the board approves a
disbursement (the treasurer pays it); the public statement shows both and reconciles — through
the real pages and admin screens. Then the public fund pages at 320, 375 and 1366 px."""

from __future__ import annotations

import re
from datetime import date

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser import shot, sign_in
from tests.factories import PASSWORD
from tests.funds.conftest import fworld, make_activity, make_subplan, pworld  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("ledger_flushable"),
]

PERIOD = "tu=01/10/2023&den=31/12/2023"


def _sign_in(page, base, username):
    sign_in(page, base, username, PASSWORD)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_pledge_import_approve_and_public_statement(live_server, fworld, new_page, tmp_path):  # noqa: F811
    from giamngheo.funds.models import BankTransaction, Disbursement, Donation

    base = live_server.url
    page = new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # A citizen opens the campaign, pledges 200.000 đ and gets the QR and the reference.
    page.goto(f"{base}/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/")
    page.get_by_role("link", name="Đăng ký ủng hộ và nhận mã QR riêng").click()
    page.select_option("#id_donor_kind", "person")
    page.fill("#id_donor_name", "Trần Thị Bình")
    page.fill("#id_amount", "200.000")
    page.get_by_role("button", name="Đăng ký").click()
    reference = page.locator(".funds-reference").inner_text().strip()
    assert re.fullmatch(r"UH[A-Z2-9]{8}", reference)
    expect(page.locator("main")).to_contain_text("200.000")
    qr = page.get_by_role("img", name="Mã VietQR cho khoản ủng hộ này")
    expect(qr).to_be_visible()
    # Loaded, not merely placed (the picture can arrive after the page on a busy machine).
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle(), timeout=10_000
    )
    expect(page.locator("main")).to_contain_text(f"Nội dung chuyển khoản: {reference}")
    shot(page, "funds-1-pledge-qr")
    donation = Donation.objects.get(reference=reference)
    assert (donation.amount, donation.donor_name) == (200_000, "Trần Thị Bình")

    # The treasurer imports the bank's statement holding that transfer: it matches.
    statement = tmp_path / "sao-ke-vietinbank.csv"
    statement.write_text(
        "SAO KÊ TÀI KHOẢN 0011001932418\n"
        "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung\n"
        f'20/10/2023,FT23293001,"200.000",,MBVCB.4421 {reference} Ung ho Quy Vi nguoi ngheo\n'
        "21/10/2023,FT23294002,1.000.000,,CK ung ho nguoi ngheo\n",
        encoding="utf-8",
    )
    _sign_in(page, base, "thuquy")
    page.goto(f"{base}/admin/quy/nhap-sao-ke/")
    page.select_option("#id_fund", label="Quỹ Vì người nghèo huyện H1")
    page.set_input_files("#id_file", str(statement))
    page.get_by_role("button", name="Nhập sao kê").click()
    expect(page.locator(".messages")).to_contain_text(
        "Đã nhập sao kê: 2 giao dịch trong tệp, 2 giao dịch mới, 1 khớp mã ủng hộ"
    )
    matched = BankTransaction.objects.get(bank_reference="FT23293001")
    assert matched.donation == donation
    shot(page, "funds-2-imported")

    # ... and proposes a disbursement.
    page.goto(f"{base}/admin/quy/de-xuat-chi/")
    page.select_option("#id_fund", label="Quỹ Vì người nghèo huyện H1")
    page.select_option("#id_recipient_kind", "project")
    page.fill("#id_purpose", "Hỗ trợ xây nhà Đại đoàn kết xã C1a")
    page.fill("#id_amount", "1.000.000")
    page.get_by_role("button", name="Gửi đề xuất").click()
    expect(page.locator(".messages")).to_contain_text("chờ Ban điều hành phê duyệt")
    proposal = Disbursement.objects.get()

    # The board approves it.
    _sign_in(page, base, "bandieuhanh")
    page.goto(f"{base}/admin/quy/khoan-chi/{proposal.pk}/phe-duyet/")
    page.fill("#id_reason", "Đồng ý hỗ trợ theo quy chế Quỹ.")
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator(".messages")).to_contain_text("Đã phê duyệt khoản chi.")
    shot(page, "funds-3-approved")

    # The treasurer pays it with the voucher's number.
    _sign_in(page, base, "thuquy")
    page.goto(f"{base}/admin/quy/khoan-chi/{proposal.pk}/chi/")
    page.fill("#id_paid_on", "10/11/2023")
    page.select_option("#id_method", "cash")
    page.fill("#id_evidence_note", "Phiếu chi số 01/PC")
    page.get_by_role("button", name="Ghi chi").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi chi.")

    # Anyone reads the public statement: the gift, the disbursement, and it reconciles.
    page.context.clear_cookies()
    page.goto(f"{base}/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}")
    rows = page.locator("table.data-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("20/10/2023")
    expect(rows.nth(0)).to_contain_text("Trần Thị Bình")
    expect(rows.nth(0)).to_contain_text("200.000")
    expect(rows.nth(1)).to_contain_text("Chưa đối chiếu người ủng hộ")
    expect(rows.nth(2)).to_contain_text("Hỗ trợ xây nhà Đại đoàn kết xã C1a")
    expect(rows.nth(2)).to_contain_text("1.000.000")
    summary = page.locator(".funds-summary")
    expect(summary).to_contain_text("Tổng thu 1.200.000")
    expect(summary).to_contain_text("Tổng chi 1.000.000")
    expect(summary).to_contain_text("Số dư cuối kỳ 200.000")
    expect(page.locator(".funds-ok")).to_contain_text(
        "Tổng tiền ghi có trên sao kê ngân hàng trong kỳ (1.200.000 đồng) khớp với số thu qua"
        " tài khoản của Quỹ."
    )
    shot(page, "funds-4-statement")

    # The same figures in the report downloaded from the page.
    with page.expect_download() as info:
        page.get_by_role("link", name="Báo cáo (DOCX)").click()
    assert info.value.suggested_filename == "bao-cao-sao-ke-quy-h1-20231001-20231231.docx"
    target = tmp_path / "bao-cao.docx"
    info.value.save_as(target)
    figures = [[c.text for c in r.cells] for r in Document(str(target)).tables[1].rows]
    assert figures[1:] == [
        ["1", "Số dư đầu kỳ (ngày 01/10/2023)", "0"],
        ["2", "Tổng thu trong kỳ", "1.200.000"],
        ["3", "Tổng chi trong kỳ", "1.000.000"],
        ["4", "Số dư cuối kỳ (ngày 31/12/2023)", "200.000"],
    ]

    # The donor finds their gift by its code: received in full.
    page.goto(f"{base}/quy-vi-nguoi-ngheo/tra-cuu/?ma={reference.lower()}")
    expect(page.locator(".funds-ok")).to_contain_text("Quỹ đã nhận đủ khoản ủng hộ này.")
    assert errors == []


def test_public_fund_pages_fit_small_and_large_screens(live_server, fworld, new_page):  # noqa: F811
    from giamngheo.funds import services
    from giamngheo.funds.enums import DonorKind

    gift = services.pledge_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.ORGANISATION,
        donor_name="Hội Liên hiệp Phụ nữ xã Thử Nghiệm Có Tên Rất Dài Để Xem Xuống Dòng",
        amount=1_500_000,
    )
    services.record_cash_donation(
        campaign=fworld.campaign,
        donor_kind=DonorKind.BUSINESS,
        donor_name="Công ty Cổ phần Xây dựng và Thương mại Tân Yên",
        amount=50_000_000,
        receipt_number="BL-07",
        received_on=date(2023, 10, 25),
        actor=fworld.users["treasurer"],
    )
    base = live_server.url
    pages = {
        "index": "/quy-vi-nguoi-ngheo/",
        "campaign": "/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/",
        "pledge": "/quy-vi-nguoi-ngheo/van-dong/thang-cao-diem-2023/dang-ky/",
        "donation": f"/quy-vi-nguoi-ngheo/ung-ho/{gift.reference}/",
        "statement": f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke/?{PERIOD}",
    }
    for width in (320, 375, 1366):
        page = new_page(viewport={"width": width, "height": 800})
        for name, path in pages.items():
            response = page.goto(f"{base}{path}")
            assert response.status == 200, (name, width)
            assert _no_horizontal_scroll(page), (name, width)
            if width != 320:
                shot(page, f"funds-{name}-{width}")
