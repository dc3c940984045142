"""A sub-plan as an official document (DOCX, PDF) and its XLSX annex; ``render_document`` for
plans and sub-plans; the admin download with its scope check."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from giamngheo.planning import documents, services

needs_soffice = pytest.mark.skipif(
    documents.soffice_path() is None, reason="LibreOffice (libreoffice-writer-nogui) not installed"
)


@pytest.fixture
def subplan(pworld, make_subplan, make_activity):
    subplan = make_subplan("D1")
    make_activity(subplan, title="Tọa đàm trên sóng phát thanh huyện")
    make_activity(
        subplan,
        title='=HYPERLINK("http://x") hội nghị',
        budget=[
            services.BudgetSpec(
                funding_source=pworld.sources["1"], planned=12_000_000, spent=11_250_000
            ),
            services.BudgetSpec(funding_source=pworld.sources["2"], planned=3_000_000, spent=0),
        ],
        outputs={},
    )
    return subplan


def _docx(subplan):
    return Document(io.BytesIO(documents.build_subplan_docx(subplan)))


def test_subplan_docx_layout(subplan):
    doc = _docx(subplan)
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Times New Roman"}

    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN HUYỆN H1"]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    number, place_date = doc.tables[0].rows[1].cells
    assert number.text.replace(" ", "") == "Số:/KH-UBND"
    assert place_date.text.startswith("H1, ngày")
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:2] == ["KẾ HOẠCH", "Kế hoạch cụ thể của D1"]
    assert texts[2] == (
        "Thực hiện Kế hoạch của UBND tỉnh Thử Nghiệm về truyền thông về giảm nghèo bền vững "
        "năm 2023; Ủy ban nhân dân huyện H1 xây dựng Kế hoạch thực hiện như sau:"
    )
    assert [t for t in texts if t.split(".")[0] in {"I", "II", "III", "IV"}] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG, HÌNH THỨC HOẠT ĐỘNG",
        "III. KINH PHÍ THỰC HIỆN",
        "IV. TỔ CHỨC THỰC HIỆN",
    ]
    assert "- Kinh phí dự kiến: 15.000.000 đồng." in texts
    assert "- Thời gian thực hiện: từ 01/03/2023 đến 31/03/2023." in texts
    assert "Tổng kinh phí dự kiến: 20.000.000 đồng, theo nguồn kinh phí như sau:" in texts

    budget = doc.tables[1]
    assert [[c.text for c in row.cells] for row in budget.rows] == [
        ["TT", "Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)"],
        ["1", "Ngân sách nhà nước", "17.000.000", "15.750.000"],
        ["2", "Xã hội hóa", "3.000.000", "0"],
        ["", "Tổng cộng", "20.000.000", "15.750.000"],
    ]
    recipients, signature = doc.tables[-1].rows[0].cells
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- Sở Lao động - Thương binh và Xã hội (b/c);",
        "- Các đơn vị liên quan;",
        "- Lưu: VT.",
    ]
    assert [p.text for p in signature.paragraphs if p.text] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_department_subplan_has_parent_line_and_symbol(pworld, make_subplan):
    from giamngheo.organisations.models import Organisation

    Organisation.objects.filter(pk=pworld.orgs["so"].pk).update(short_name="Sở LĐTBXH")
    subplan = make_subplan("so")
    doc = _docx(subplan)
    left, _right = doc.tables[0].rows[0].cells
    lines = [p for p in left.paragraphs if p.text]
    assert [p.text for p in lines] == [
        "UBND TỈNH THỬ NGHIỆM",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    ]
    assert [bool(p.runs[0].font.bold) for p in lines] == [False, True]
    assert doc.tables[0].rows[1].cells[0].text.replace(" ", "") == "Số:/KH-SLĐTBXH"
    assert "Chưa có hoạt động nào được đăng ký." in [p.text for p in doc.paragraphs]
    signature = doc.tables[-1].rows[0].cells[1]
    assert [p.text for p in signature.paragraphs if p.text] == ["GIÁM ĐỐC"]


def test_subplan_xlsx_annex(subplan):
    book = load_workbook(io.BytesIO(documents.build_subplan_xlsx(subplan)))
    assert book.sheetnames == ["Hoạt động", "Nguồn kinh phí"]
    rows = list(book["Hoạt động"].iter_rows(values_only=True))
    assert rows[0][:3] == ("TT", "Tên hoạt động", "Hình thức")
    assert rows[1] == (
        1,
        "Tọa đàm trên sóng phát thanh huyện",
        "2.1",
        "01/03/2023",
        "31/03/2023",
        "Huyện H1",
        5_000_000,
        4_500_000,
    )
    # A title that would run as a formula is stored as text.
    assert rows[2][1] == '\'=HYPERLINK("http://x") hội nghị'
    assert book["Hoạt động"]["A1"].font.bold
    assert book["Hoạt động"]["G2"].number_format == documents.XLSX_NUMBER_FORMAT
    sources = list(book["Nguồn kinh phí"].iter_rows(values_only=True))
    assert sources == [
        ("Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)"),
        ("Ngân sách nhà nước", 17_000_000, 15_750_000),
        ("Xã hội hóa", 3_000_000, 0),
        ("Tổng cộng", 20_000_000, 15_750_000),
    ]
    assert book["Nguồn kinh phí"]["B4"].font.bold


@pytest.mark.parametrize("activities", [1, 3])
def test_subplan_document_queries_constant(
    activities, pworld, make_subplan, make_activity, django_assert_num_queries
):
    subplan = make_subplan("D1")
    for i in range(activities):
        make_activity(subplan, title=f"Hoạt động {i}")
    # sub-plan, activities, contents, units, budget lines, funding sources, lead assignment
    with django_assert_num_queries(7):
        documents.build_subplan_docx(subplan)
    with django_assert_num_queries(6):
        documents.build_subplan_xlsx(subplan)


def test_render_document_subplan_list_and_formats(subplan, tmp_path):
    out = io.StringIO()
    call_command("render_document", "subplan", "--list", stdout=out)
    assert out.getvalue() == f"{subplan.pk}\tỦy ban nhân dân huyện H1 — Kế hoạch cụ thể của D1\n"
    target = tmp_path / "kh.xlsx"
    call_command(
        "render_document",
        "subplan",
        str(subplan.pk),
        "--format",
        "xlsx",
        "-o",
        str(target),
        stdout=io.StringIO(),
    )
    assert load_workbook(target).sheetnames == ["Hoạt động", "Nguồn kinh phí"]
    target = tmp_path / "kh.docx"
    call_command(
        "render_document", "subplan", str(subplan.pk), "-o", str(target), stdout=io.StringIO()
    )
    assert Document(str(target)).paragraphs[0].text == "KẾ HOẠCH" or any(
        p.text == "KẾ HOẠCH" for p in Document(str(target)).paragraphs
    )


def test_render_document_refusals(pworld, subplan, tmp_path):
    target = str(tmp_path / "x.xlsx")
    with pytest.raises(
        CommandError,
        match=re.escape(
            "Loại văn bản plan (Kế hoạch) không xuất được định dạng xlsx; dùng một trong: docx, pdf."
        ),
    ):
        call_command(
            "render_document", "plan", str(pworld.plan.pk), "--format", "xlsx", "-o", target
        )
    for raw in ("999999", "abc", "-1", "9" * 30):
        with pytest.raises(CommandError, match=f"Không có bản ghi subplan mã {raw}"):
            call_command("render_document", "subplan", raw, "-o", target)
    with pytest.raises(CommandError):
        call_command("render_document", "unknown", "--list")


@needs_soffice
def test_subplan_pdf(subplan, tmp_path):
    pdf = documents.build_subplan_pdf(subplan)
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        path = tmp_path / "kh.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        for expected in (
            "HUYỆN H1",
            "KẾ HOẠCH",
            "TM. ỦY BAN NHÂN DÂN",
            "20.000.000",
        ):
            assert expected in text


def test_download_subplan_in_scope_and_outsiders(client, pworld, subplan):
    url = reverse("planning_download_subplan_docx", args=[subplan.pk])
    client.force_login(pworld.users["district_officer"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCX_MIME
    assert response["Content-Disposition"] == (
        f'attachment; filename="ke-hoach-cu-the-2023-{subplan.pk}.docx"'
    )
    assert Document(io.BytesIO(response.content)).tables[1].rows[-1].cells[2].text == "20.000.000"
    response = client.get(reverse("planning_download_subplan_xlsx", args=[subplan.pk]))
    assert response["Content-Type"] == documents.XLSX_MIME
    for username in ("other_district_officer", "commune_officer", "outsider"):
        client.logout()
        client.force_login(pworld.users[username])
        # Staff outside the scope: not found; a user without admin access: to the sign-in page.
        expected = 302 if username == "outsider" else 404
        for pk in (subplan.pk, subplan.pk + 1, subplan.pk - 1):
            response = client.get(reverse("planning_download_subplan_docx", args=[pk]))
            assert response.status_code == expected
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={url}"
