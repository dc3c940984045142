"""Official documents generated from the data, in the layout of Nghị định 30/2020/NĐ-CP.

Phụ lục I of the decree fixes the page (A4 portrait; margins top and bottom 20–25 mm, left
30–35 mm, right 15–20 mm), the font (Times New Roman, Unicode TCVN 6909:2001, black) and where
each part sits: the issuing body and the national motto side by side, the number and symbol
under the issuing body, place and date (italic) under the motto, the document type and summary
centred, the body, then *Nơi nhận* on the left and the signature block on the right.

The wording of a document is Vietnamese whatever the interface language: an official document is
issued in Vietnamese, so the fixed headings below are not translated.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from .enums import ItemKind
from .models import Plan
from .selectors import plan_document, plan_items

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
RECIPIENTS_HEADING_PT = 12
RECIPIENTS_PT = 11
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)


def _mm_at_least(mm: float) -> Twips:
    """Word stores margins in twips (1/1440 inch): round up, so 15 mm never becomes 14.99 mm
    and falls below the decree's minimum."""
    return Twips(math.ceil(mm * 1440 / 25.4))


MARGINS = {
    "top": _mm_at_least(20),
    "bottom": _mm_at_least(20),
    "left": _mm_at_least(30),
    "right": _mm_at_least(15),
}
TEXT_WIDTH_MM = 210 - 30 - 15
HEADER_LEFT_MM, HEADER_RIGHT_MM = 62, TEXT_WIDTH_MM - 62
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

SECTION_HEADINGS = {
    "I": "I. MỤC ĐÍCH, YÊU CẦU",
    "II": "II. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN",
    "III": "III. NỘI DUNG, HÌNH THỨC, GIẢI PHÁP",
    "IV": "IV. KINH PHÍ THỰC HIỆN",
    "V": "V. TỔ CHỨC THỰC HIỆN",
}
ITEM_HEADINGS = {
    ItemKind.CONTENT: "1. Nội dung",
    ItemKind.FORM: "2. Hình thức",
    ItemKind.SOLUTION: "3. Giải pháp",
}


# --- Vietnamese formats ----------------------------------------------------------------------


def format_number(value: int) -> str:
    """``1234567`` → ``1.234.567`` (dot between thousands, as Vietnamese documents write)."""
    return f"{value:,}".replace(",", ".")


def format_dong(value: int) -> str:
    return f"{format_number(value)} đồng"


def format_date(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def place_and_date(place: str, day: date | None, year: int) -> str:
    """``Bắc Giang, ngày 05 tháng 02 năm 2023``: Nghị định 30 writes a 0 before days under 10
    and months 1 and 2; an undated draft leaves room for the date to be written by hand."""
    if day is None:
        return f"{place}, ngày      tháng      năm {year}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# --- low-level helpers -----------------------------------------------------------------------


def _font(run, *, size: float, bold=False, italic=False, underline=False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    # East Asian and complex-script slots too, or Word substitutes a font for Vietnamese marks.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _para(
    container,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line_mm: float | None = None,
    before: float = 0,
    after: float = 6,
    line: float | None = None,
    keep_with_next=False,
):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if first_line_mm is not None:
        fmt.first_line_indent = Mm(first_line_mm)
    fmt.keep_with_next = keep_with_next
    if text:
        _font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def _rule(container, *, width_mm: float, cell_width_mm: float) -> None:
    """A short centred horizontal line: an empty paragraph with a top border, narrowed by
    indents (Word and LibreOffice both draw a paragraph border between the indents)."""
    p = container.add_paragraph()
    side = max((cell_width_mm - width_mm) / 2, 0)
    fmt = p.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(1)
    fmt.space_after = Pt(0)
    # An exact line height a little above the (tiny) paragraph mark: too small a height and
    # LibreOffice draws the border through the descenders of the line above.
    fmt.line_spacing = Pt(6)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    ppr.append(mark)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _fixed_table(document, *, rows: int, widths_mm: tuple[float, float]):
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table


def _cell_text(cell, text: str, **kwargs):
    """Write into a cell's first (empty) paragraph, then into new ones."""
    p = (
        cell.paragraphs[-1]
        if not cell.paragraphs[-1].text
        and len(cell.paragraphs) == 1
        and not cell.paragraphs[-1].runs
        else cell.add_paragraph()
    )
    size = kwargs.pop("size", HEADER_PT)
    fmt = p.paragraph_format
    fmt.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    fmt.space_before = Pt(kwargs.pop("before", 0))
    fmt.space_after = Pt(kwargs.pop("after", 0))
    _font(p.add_run(text), size=size, **kwargs)
    return p


def _balanced_lines(text: str, *, max_chars: int = 58) -> list[str]:
    """Split a summary into two lines of similar length at a word boundary, as a typist
    centres a long *trích yếu* (one line if it fits)."""
    if len(text) <= max_chars:
        return [text]
    words = text.split()
    best, best_cost = [text], len(text)
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        cost = abs(len(first) - len(second))
        if len(second) >= len(first) - 12 and cost < best_cost:
            best, best_cost = [first, second], cost
    return best


def _new_document():
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(0)
    _page_number_header(section)
    return document


def _page_number_header(section) -> None:
    """Page numbers centred in the header, from page 2 (Nghị định 30: not on the first page)."""
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, size=HEADER_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


# --- the plan --------------------------------------------------------------------------------


def _header(document, *, body_name: str, number_and_symbol: str, place_date: str) -> None:
    table = _fixed_table(document, rows=2, widths_mm=(HEADER_LEFT_MM, HEADER_RIGHT_MM))
    left, right = table.rows[0].cells
    for line in body_name.splitlines() or [""]:
        _cell_text(left, line.upper(), bold=True)
    _rule(left, width_mm=22, cell_width_mm=HEADER_LEFT_MM)
    _cell_text(right, MOTTO, bold=True, size=HEADER_PT)
    _cell_text(right, MOTTO_LINE, bold=True, size=BODY_PT)
    _rule(right, width_mm=62, cell_width_mm=HEADER_RIGHT_MM)
    left, right = table.rows[1].cells
    _cell_text(left, f"Số: {number_and_symbol}", size=HEADER_PT, before=6)
    _cell_text(right, place_date, italic=True, size=BODY_PT, before=6)


def _heading(document, text: str, *, before: float = 6) -> None:
    _para(document, text, bold=True, first_line_mm=10, before=before, keep_with_next=True)


def _body(document, text: str) -> None:
    _para(document, text, first_line_mm=10)


def _numbered(document, code: str, text: str) -> None:
    _body(document, f"{code}. {text}")


def _signature(document, *, recipients: list[str], authority: str, title: str, name: str) -> None:
    table = _fixed_table(document, rows=1, widths_mm=(80, TEXT_WIDTH_MM - 80))
    # Recipients and signature stay together on one page, as on the signed original.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    left, right = table.rows[0].cells
    _cell_text(
        left,
        "Nơi nhận:",
        bold=True,
        italic=True,
        size=RECIPIENTS_HEADING_PT,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    for line in recipients:
        _cell_text(left, line, size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    if authority:
        _cell_text(right, authority, bold=True, size=BODY_PT)
    _cell_text(right, title, bold=True, size=BODY_PT)
    for _line in range(5):  # room for the signature and the seal
        _cell_text(right, "", size=BODY_PT)
    _cell_text(right, name, bold=True, size=BODY_PT)


def build_plan_docx(plan: Plan) -> bytes:
    """The plan as the issued document (DOCX bytes)."""
    plan = plan_document(plan=plan)
    document = _new_document()
    _header(
        document,
        body_name=plan.issuing_body_name,
        number_and_symbol=plan.number_and_symbol,
        place_date=place_and_date(plan.place, plan.issued_on, plan.year),
    )

    _para(
        document,
        "KẾ HOẠCH",
        size=BODY_PT,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=18,
        after=0,
    )
    summary = _para(document, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for i, line in enumerate(_balanced_lines(plan.title)):
        if i:
            summary.runs[-1].add_break(WD_BREAK.LINE)
        _font(summary.add_run(line), size=BODY_PT, bold=True)
    _rule(document, width_mm=45, cell_width_mm=TEXT_WIDTH_MM)
    _para(document, "", after=6)

    for paragraph in plan.legal_bases.splitlines():
        _body(document, paragraph)

    _heading(document, SECTION_HEADINGS["I"])
    _heading(document, "1. Mục đích", before=0)
    for line in plan.purposes.splitlines():
        _body(document, line)
    _heading(document, "2. Yêu cầu", before=0)
    for line in plan.requirements.splitlines():
        _body(document, line)

    _heading(document, SECTION_HEADINGS["II"])
    _heading(document, "1. Đối tượng truyền thông", before=0)
    for line in plan.audience.splitlines():
        _body(document, line)
    _heading(document, "2. Phạm vi và thời gian thực hiện", before=0)
    for line in plan.scope.splitlines():
        _body(document, f"- Phạm vi thực hiện: {line}")
    _body(document, f"- Thời gian thực hiện: {plan.period_text}")

    _heading(document, SECTION_HEADINGS["III"])
    for kind in (ItemKind.CONTENT, ItemKind.FORM, ItemKind.SOLUTION):
        _heading(document, ITEM_HEADINGS[kind], before=0)
        for item in plan_items(plan=plan, kind=kind):
            _numbered(document, item.code, item.text)

    _heading(document, SECTION_HEADINGS["IV"])
    for source in plan.funding_sources.all():
        _numbered(document, source.code, source.text)

    _heading(document, SECTION_HEADINGS["V"])
    for assignment in plan.assignments.all():
        _heading(document, f"{assignment.code}. {assignment.heading}", before=0)
        for line in assignment.task_lines:
            _body(document, line)

    # The last paragraph travels with the signature: a signature never stands alone on a page.
    closing = plan.closing.splitlines()
    for index, paragraph in enumerate(closing):
        _para(document, paragraph, first_line_mm=10, keep_with_next=index == len(closing) - 1)

    _para(document, "", after=0, keep_with_next=True)
    _signature(
        document,
        recipients=plan.recipient_lines,
        authority=plan.signer_authority,
        title=plan.signer_title,
        name=plan.signer_name,
    )

    core = document.core_properties
    numbered = f" số {plan.number}/{plan.symbol}" if plan.number else ""
    core.title = f"Kế hoạch{numbered}: {plan.title}"
    core.author = plan.issuing_body_name
    core.language = "vi-VN"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------


class ConversionError(RuntimeError):
    pass


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    """Convert with LibreOffice headless (Debian package libreoffice-writer-nogui).

    Each conversion uses its own LibreOffice profile directory: two conversions sharing one
    profile block each other (LibreOffice locks it), which is what concurrent requests do.
    """
    binary = soffice_path()
    if binary is None:
        raise ConversionError(_("Chưa cài LibreOffice (gói libreoffice-writer-nogui) để xuất PDF."))
    with tempfile.TemporaryDirectory(prefix="giamngheo-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        result = subprocess.run(  # noqa: S603 — fixed argument list, no shell
            [
                binary,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        target = work / "document.pdf"
        if result.returncode != 0 or not target.exists():
            raise ConversionError(
                _("Không chuyển được văn bản sang PDF: %(detail)s")
                % {"detail": result.stderr.decode("utf-8", "replace")[-500:]}
            )
        return target.read_bytes()


def build_plan_pdf(plan: Plan) -> bytes:
    return docx_to_pdf(build_plan_docx(plan))


RENDERERS = {
    ("plan", "docx"): build_plan_docx,
    ("plan", "pdf"): build_plan_pdf,
}
