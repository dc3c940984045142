"""The plan generated as an official document (Nghị định 30/2020/NĐ-CP): DOCX, PDF, command."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.shared import Mm, Pt

from giamngheo.planning import documents
from giamngheo.planning.demo import load_demo_plan

needs_soffice = pytest.mark.skipif(
    documents.soffice_path() is None, reason="LibreOffice (libreoffice-writer-nogui) not installed"
)


@pytest.fixture
def plan(db):
    return load_demo_plan()


@pytest.fixture
def docx(plan):
    return Document(io.BytesIO(documents.build_plan_docx(plan)))


def _texts(container) -> list[str]:
    return [p.text for p in container.paragraphs]


def test_page_is_a4_with_decree_margins(docx):
    section = docx.sections[0]
    # Word stores twentieths of a point: 210 mm is 11906 twips, a fraction off Mm(210).
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert section.page_width < section.page_height  # portrait
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)


def test_every_run_is_times_new_roman(docx):
    normal = docx.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    runs = [r for p in docx.paragraphs for r in p.runs]
    runs += [r for t in docx.tables for c in t._cells for p in c.paragraphs for r in p.runs]
    assert len(runs) > 80
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size.pt for r in runs if r.font.size} <= {11, 12, 13, 14}


def test_header_motto_body_number_and_date(docx):
    header = docx.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["UBND TỈNH BẮC GIANG"]
    assert all(r.font.bold for p in left.paragraphs for r in p.runs if r.text)
    motto = [p for p in right.paragraphs if p.text]
    assert [p.text for p in motto] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(r.font.bold for p in motto for r in p.runs)
    # A rule (paragraph top border) under the issuing body and under the motto.
    for cell in (left, right):
        assert any(p._p.xpath("./w:pPr/w:pBdr/w:top") for p in cell.paragraphs)
    number, place_date = header.rows[1].cells
    assert number.text.strip().replace(" ", "") == "Số:/KH-UBND"
    assert place_date.paragraphs[0].text.startswith("Bắc Giang, ngày")
    assert place_date.paragraphs[0].text.endswith("năm 2023")
    assert all(r.font.italic for r in place_date.paragraphs[0].runs)


def test_number_and_date_filled_in_when_issued(plan):
    from giamngheo.planning.models import Plan

    Plan.objects.filter(pk=plan.pk).update(number="52", issued_on=date(2023, 2, 7))
    plan.refresh_from_db()
    document = Document(io.BytesIO(documents.build_plan_docx(plan)))
    number, place_date = document.tables[0].rows[1].cells
    assert number.text == "Số: 52/KH-UBND"
    assert place_date.text == "Bắc Giang, ngày 07 tháng 02 năm 2023"


def test_type_summary_and_numbered_sections(docx):
    texts = [t for t in _texts(docx) if t]
    assert texts[0] == "KẾ HOẠCH"
    assert texts[1] == (
        "Truyền thông về Chương trình mục tiêu quốc gia\n"
        "giảm nghèo bền vững tỉnh Bắc Giang năm 2023"
    )
    type_paragraph = next(p for p in docx.paragraphs if p.text == "KẾ HOẠCH")
    assert type_paragraph.alignment == 1 and type_paragraph.runs[0].font.bold  # centred
    headings = [t for t in texts if t.split(".")[0] in {"I", "II", "III", "IV", "V"}]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN",
        "III. NỘI DUNG, HÌNH THỨC, GIẢI PHÁP",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    numbered = [
        t.split(" ")[0]
        for t in texts
        if t[:3].rstrip(".").replace(".", "").isdigit() and t[1] == "." and t[2].isdigit()
    ]
    assert numbered == [
        "1.1.",
        "1.2.",
        "1.3.",
        "1.4.",
        "2.1.",
        "2.2.",
        "2.3.",
        "2.4.",
        "2.5.",
        "2.6.",
        "3.1.",
        "3.2.",
        "3.3.",
        "3.4.",
        "3.5.",
    ]
    assert "- Phạm vi thực hiện: Trên phạm vi toàn tỉnh." in texts
    assert "- Thời gian thực hiện: Năm 2023." in texts
    assert "6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" in texts
    assert any("Trước ngày 15/11/2023" in t for t in texts)


def test_recipients_and_signature_block(docx):
    recipients, signature = docx.tables[-1].rows[0].cells
    heading = recipients.paragraphs[0]
    assert heading.text == "Nơi nhận:"
    assert heading.runs[0].font.bold and heading.runs[0].font.italic
    lines = recipients.paragraphs[1:]
    assert lines[0].text == "- Bộ Lao động-TB&XH (b/c);"
    assert lines[-1].text == "+ Lưu: VT; KGVX.Thảo."
    assert {r.font.size for p in lines for r in p.runs} == {Pt(11)}
    signed = [p for p in signature.paragraphs if p.text]
    assert [p.text for p in signed] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Mai Sơn"]
    assert all(r.font.bold for p in signed for r in p.runs)
    # Recipients and signature never split across two pages.
    assert docx.tables[-1].rows[0]._tr.xpath("./w:trPr/w:cantSplit")


def test_vietnamese_formats():
    assert documents.format_number(1234567) == "1.234.567"
    assert documents.format_dong(1_000_000_000_000) == "1.000.000.000.000 đồng"
    assert documents.format_date(date(2023, 11, 15)) == "15/11/2023"
    assert documents.place_and_date("Bắc Giang", date(2023, 12, 1), 2023) == (
        "Bắc Giang, ngày 01 tháng 12 năm 2023"
    )


@needs_soffice
def test_pdf_and_png_render(plan, tmp_path):
    pdf = documents.build_plan_pdf(plan)
    assert pdf.startswith(b"%PDF-")
    target = tmp_path / "ke-hoach.pdf"
    target.write_bytes(pdf)
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(target)], capture_output=True, text=True, check=True
        ).stdout
        assert "595.304 x 841.89 pts (A4)" in info
        pages = int(
            next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
        )
        assert 5 <= pages <= 8
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        for expected in (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "UBND TỈNH BẮC GIANG",
            "/KH-UBND",
            "KẾ HOẠCH",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Mai Sơn",
            "Nơi nhận:",
        ):
            assert expected in text
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(target),
                str(tmp_path / "trang"),
            ],
            check=True,
        )
        assert (tmp_path / "trang-1.png").stat().st_size > 10_000


def test_render_document_command(plan, tmp_path):
    out = io.StringIO()
    call_command("render_document", "plan", "--list", stdout=out)
    assert out.getvalue() == (
        f"{plan.pk}\t       /KH-UBND — Truyền thông về Chương trình mục tiêu "
        "quốc gia giảm nghèo bền vững tỉnh Bắc Giang năm 2023\n"
    )
    target = tmp_path / "ke-hoach.docx"
    call_command(
        "render_document",
        "plan",
        str(plan.pk),
        "--format",
        "docx",
        "-o",
        str(target),
        stdout=io.StringIO(),
    )
    assert Document(str(target)).tables[0].rows[0].cells[1].paragraphs[0].text == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    with pytest.raises(CommandError, match="Không có bản ghi plan mã 999999"):
        call_command("render_document", "plan", "999999", "-o", str(target))
    with pytest.raises(CommandError, match="Cần mã bản ghi"):
        call_command("render_document", "plan")
