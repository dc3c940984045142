"""The public statement as the Front's NĐ 30 report (DOCX, PDF): the figures of the page, from the
public page and from the admin (scoped), in the one document registry."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from docx import Document

from giamngheo.core import documents
from giamngheo.funds import services
from giamngheo.funds.documents import StatementPeriod, build_statement_docx, load_period
from tests.browser import ARTIFACTS
from tests.funds import test_funds_public as public

pytestmark = pytest.mark.django_db

PERIOD = "tu=01/10/2023&den=31/12/2023"


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _table(document, index) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[index].rows]


def _docx(content: bytes):
    return Document(io.BytesIO(content))


def test_public_report_docx_has_the_figures_of_the_page(fworld):
    public._story(fworld)
    response = Client().get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke.docx?{PERIOD}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-sao-ke-quy-h1-20231001-20231231.docx"'
    )
    document = _docx(response.content)
    texts = _texts(document)
    assert "BÁO CÁO" in texts
    assert (
        "Công khai thu, chi Quỹ Vì người nghèo huyện H1 từ ngày 01/10/2023 đến ngày 31/12/2023"
        == re.sub(r"\s+", " ", texts[texts.index("BÁO CÁO") + 1])
    )
    letterhead = _table(document, 0)
    assert letterhead[0][0].startswith("ỦY BAN MẶT TRẬN TỔ QUỐC HUYỆN H1")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in letterhead[0][1]
    assert letterhead[1][0] == "Số:       /BC-MTTQ"
    # I. the page's four figures
    assert _table(document, 1) == [
        ["TT", "Nội dung", "Số tiền (đồng)"],
        ["1", "Số dư đầu kỳ (ngày 01/10/2023)", "0"],
        ["2", "Tổng thu trong kỳ", "55.200.000"],
        ["3", "Tổng chi trong kỳ", "40.000.000"],
        ["4", "Số dư cuối kỳ (ngày 31/12/2023)", "15.200.000"],
    ]
    # II. reconciliation with the imported bank statement
    assert _table(document, 2) == [
        ["TT", "Nội dung", "Số tiền (đồng)"],
        ["1", "Tổng ghi có trên sao kê ngân hàng trong kỳ", "5.200.000"],
        ["2", "Số thu qua tài khoản ghi trong sổ quỹ", "5.200.000"],
        ["3", "Chênh lệch (2 - 1)", "0"],
    ]
    assert (
        "Tổng tiền ghi có trên sao kê ngân hàng trong kỳ (5.200.000 đồng) khớp với số thu qua "
        "tài khoản của Quỹ." in texts
    )
    # III. receipts: the public names, "anonymous" for the donor who asked
    assert _table(document, 3) == [
        ["TT", "Ngày", "Người, đơn vị ủng hộ", "Số tiền (đồng)"],
        ["1", "20/10/2023", "Trần Thị Bình", "200.000"],
        ["2", "21/10/2023", "Nhà hảo tâm không nêu tên", "5.000.000"],
        ["3", "25/10/2023", "Công ty CP Xây dựng Tân Yên", "50.000.000"],
        ["", "", "Cộng", "55.200.000"],
    ]
    # IV. payments: the purpose and commune, never the household's name (not approved)
    assert _table(document, 4) == [
        ["TT", "Ngày", "Nội dung chi", "Xã", "Số tiền (đồng)"],
        ["1", "10/11/2023", "Hỗ trợ xây nhà Đại đoàn kết", "Huyện H1", "40.000.000"],
        ["", "", "Cộng", "", "40.000.000"],
    ]
    whole = "\n".join(
        texts + [c for t in range(len(document.tables)) for r in _table(document, t) for c in r]
    )
    assert "Lê Văn Kín" not in whole and "Hoàng Văn Riêng" not in whole
    signature = _table(document, 5)[0]
    assert signature[0].startswith("Nơi nhận:") and "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH" in signature[1]
    assert (
        document.core_properties.title == "Báo cáo công khai thu, chi Quỹ Vì người nghèo huyện H1"
    )


def test_report_shows_the_difference_when_not_reconciled(fworld):
    public._story(fworld)
    entry = fworld.fund.entries.get(bank_transaction__bank_reference="FT002")
    services.correct_entry(
        entry=entry, actor=fworld.users["treasurer"], reason="Thử", on=date(2023, 10, 22)
    )
    document = _docx(Client().get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke.docx?{PERIOD}").content)
    assert _table(document, 1)[2:] == [
        ["2", "Tổng thu trong kỳ", "55.200.000"],
        ["3", "Tổng chi trong kỳ", "45.000.000"],
        ["4", "Số dư cuối kỳ (ngày 31/12/2023)", "10.200.000"],
    ]
    assert _table(document, 2)[1:] == [
        ["1", "Tổng ghi có trên sao kê ngân hàng trong kỳ", "5.200.000"],
        ["2", "Số thu qua tài khoản ghi trong sổ quỹ", "200.000"],
        ["3", "Chênh lệch (2 - 1)", "-5.000.000"],
    ]
    assert (
        "Sao kê ngân hàng ghi có 5.200.000 đồng; sổ quỹ ghi thu qua tài khoản 200.000 đồng; "
        "chênh lệch -5.000.000 đồng. Quỹ làm rõ và điều chỉnh khoản chênh lệch bằng bút toán "
        "điều chỉnh." in _texts(document)
    )


def test_an_empty_period_says_so(fworld):
    document = _docx(
        Client().get("/quy-vi-nguoi-ngheo/quy-h1/sao-ke.docx?tu=01/01/2022&den=31/12/2022").content
    )
    texts = _texts(document)
    assert "Không có khoản thu nào trong kỳ." in texts
    assert "Không có khoản chi nào trong kỳ." in texts
    assert "Sao kê ngân hàng đã nhập chưa phủ hết kỳ báo cáo." in texts


@pytest.mark.parametrize(
    "url",
    [
        "/quy-vi-nguoi-ngheo/quy-h1/sao-ke.doc?tu=01/10/2023",
        "/quy-vi-nguoi-ngheo/quy-h1/sao-ke.docx?tu=32/10/2023",
        "/quy-vi-nguoi-ngheo/khong-co/sao-ke.docx",
    ],
)
def test_bad_format_period_or_fund_is_a_404(fworld, url):
    assert Client().get(url).status_code == 404


def test_pdf_without_libreoffice_is_a_503_in_vietnamese(fworld, settings):
    settings.PDF_SERVER = ""  # no converter running: the PDF would start LibreOffice
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    response = Client().get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke.pdf?{PERIOD}")
    assert response.status_code == 503
    assert "Chưa cài LibreOffice" in response.content.decode()


def test_the_kind_is_in_the_one_registry(fworld):
    kind = documents.get_kind("fund_statement")
    assert sorted(kind.renderers) == ["docx", "pdf"]
    period = kind.load(f"{fworld.fund.pk}:2023-10-01:2023-12-31")
    assert (period.fund, period.start, period.end) == (
        fworld.fund,
        date(2023, 10, 1),
        date(2023, 12, 31),
    )
    assert load_period(f"{fworld.fund.pk}:2023") == StatementPeriod(
        fund=fworld.fund, start=date(2023, 1, 1), end=date(2023, 12, 31)
    )
    for raw in ("", "x", "999999", f"{fworld.fund.pk}:2023-12-31:2023-01-01", "1:2:3:4", "1:abc"):
        assert load_period(raw) is None


def test_admin_lists_only_the_users_funds_and_downloads_the_report(fworld):
    public._story(fworld)
    client = Client()
    client.force_login(fworld.users["treasurer"])
    page = client.get("/admin/quy/bao-cao-cong-khai/?tu=01/10/2023&den=31/12/2023")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Quỹ Vì người nghèo huyện H1" in html and "Quỹ Vì người nghèo huyện H2" not in html
    escaped = PERIOD.replace("&", "&amp;")
    assert f"/admin/quy/bao-cao-cong-khai/{fworld.fund.pk}/docx/?{escaped}" in html
    docx = client.get(f"/admin/quy/bao-cao-cong-khai/{fworld.fund.pk}/docx/?{PERIOD}")
    assert docx.status_code == 200
    assert _table(_docx(docx.content), 1)[4] == [
        "4",
        "Số dư cuối kỳ (ngày 31/12/2023)",
        "15.200.000",
    ]
    csv = client.get(f"/admin/quy/bao-cao-cong-khai/{fworld.fund.pk}/csv/?{PERIOD}")
    assert csv["Location"] == f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke.csv?{PERIOD}"


@pytest.mark.parametrize("user, status", [("other_treasurer", 404), ("outsider", 302)])
def test_admin_report_of_another_fund_is_refused(fworld, user, status):
    client = Client()
    client.force_login(fworld.users[user])
    response = client.get(f"/admin/quy/bao-cao-cong-khai/{fworld.fund.pk}/docx/?{PERIOD}")
    assert response.status_code == status
    if status == 302:
        assert "/admin/login/" in response["Location"]
    listing = client.get("/admin/quy/bao-cao-cong-khai/")
    assert "Quỹ Vì người nghèo huyện H1" not in listing.content.decode()


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice not installed"
)
def test_report_pdf_is_rendered(fworld):
    public._story(fworld)
    period = StatementPeriod(fund=fworld.fund, start=date(2023, 10, 1), end=date(2023, 12, 31))
    assert build_statement_docx(period)[:2] == b"PK"
    response = Client().get(f"/quy-vi-nguoi-ngheo/quy-h1/sao-ke.pdf?{PERIOD}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    target = Path(ARTIFACTS)
    target.mkdir(parents=True, exist_ok=True)
    pdf = target / "funds-statement-report.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(target / "funds-statement-report")],
        check=True,
        timeout=120,
    )
    assert (target / "funds-statement-report-1.png").stat().st_size > 5_000
