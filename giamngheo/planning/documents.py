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

import copy
import io
import math
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db.models import Prefetch
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from giamngheo.organisations.enums import OrganisationKind
from giamngheo.organisations.models import AdministrativeUnit

from .enums import AssignmentRole, ItemKind
from .models import Activity, BudgetLine, FundingSource, Plan, PlanItem, SubPlan
from .selectors import plan_document, plan_items

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
RECIPIENTS_HEADING_PT = 12
RECIPIENTS_PT = 11
TABLE_PT = 12
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


_RUN_PROPERTIES: dict[tuple, object] = {}


def _run_properties(size: float, bold: bool, italic: bool, underline: bool):
    """A ``w:rPr`` for one combination, built once: python-docx's property setters search the
    schema's order of siblings for every attribute they write, which costs more than the rest
    of a report together."""
    key = (size, bold, italic, underline)
    if key not in _RUN_PROPERTIES:
        rpr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        # East Asian and complex-script slots too, or Word substitutes a font for Vietnamese
        # marks.
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FONT)
        rpr.append(fonts)
        for tag, on in (("w:b", bold), ("w:i", italic)):
            element = OxmlElement(tag)
            if not on:
                element.set(qn("w:val"), "0")
            rpr.append(element)
        half_points = OxmlElement("w:sz")
        half_points.set(qn("w:val"), str(round(size * 2)))
        rpr.append(half_points)
        line = OxmlElement("w:u")
        line.set(qn("w:val"), "single" if underline else "none")
        rpr.append(line)
        _RUN_PROPERTIES[key] = rpr
    return copy.deepcopy(_RUN_PROPERTIES[key])


def font(run, *, size: float, bold=False, italic=False, underline=False) -> None:
    """Times New Roman at ``size`` points, bold/italic/underline as given, on every slot."""
    element = run._r
    if element.rPr is not None:
        element.remove(element.rPr)
    element.insert(0, _run_properties(size, bool(bold), bool(italic), bool(underline)))


_PARAGRAPH_PROPERTIES: dict[tuple, object] = {}


def _set_paragraph_properties(
    paragraph,
    *,
    align,
    before: float,
    after: float,
    first_line_mm: float | None = None,
    keep_with_next: bool = False,
) -> None:
    """The paragraph's ``w:pPr`` (keep with next, spacing, first-line indent, alignment, in the
    schema's order), built once per combination and copied, for the reason of
    ``_run_properties``."""
    key = (align, before, after, first_line_mm, keep_with_next)
    if key not in _PARAGRAPH_PROPERTIES:
        ppr = OxmlElement("w:pPr")
        if keep_with_next:
            ppr.append(OxmlElement("w:keepNext"))
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), str(Pt(before).twips))
        spacing.set(qn("w:after"), str(Pt(after).twips))
        ppr.append(spacing)
        if first_line_mm is not None:
            indent = OxmlElement("w:ind")
            indent.set(qn("w:firstLine"), str(Mm(first_line_mm).twips))
            ppr.append(indent)
        justification = OxmlElement("w:jc")
        justification.set(qn("w:val"), align.xml_value)
        ppr.append(justification)
        _PARAGRAPH_PROPERTIES[key] = ppr
    element = paragraph._p
    if element.pPr is not None:
        element.remove(element.pPr)
    element.insert(0, copy.deepcopy(_PARAGRAPH_PROPERTIES[key]))


def para(
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
    if line is None:
        _set_paragraph_properties(
            p,
            align=align,
            before=before,
            after=after,
            first_line_mm=first_line_mm,
            keep_with_next=bool(keep_with_next),
        )
    else:
        fmt = p.paragraph_format
        fmt.alignment = align
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = line
        if first_line_mm is not None:
            fmt.first_line_indent = Mm(first_line_mm)
        fmt.keep_with_next = keep_with_next
    if text:
        font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def rule(container, *, width_mm: float, cell_width_mm: float) -> None:
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


def fixed_table(document, *, rows: int, widths_mm: tuple[float, float]):
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


def cell_text(cell, text: str, **kwargs):
    """Write into a cell's first (empty) paragraph, then into new ones."""
    p = (
        cell.paragraphs[-1]
        if not cell.paragraphs[-1].text
        and len(cell.paragraphs) == 1
        and not cell.paragraphs[-1].runs
        else cell.add_paragraph()
    )
    size = kwargs.pop("size", HEADER_PT)
    _set_paragraph_properties(
        p,
        align=kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER),
        before=kwargs.pop("before", 0),
        after=kwargs.pop("after", 0),
    )
    font(p.add_run(text), size=size, **kwargs)
    return p


def balanced_lines(text: str, *, max_chars: int = 58) -> list[str]:
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


def new_document():
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
    font(run, size=HEADER_PT)
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


def letterhead(
    document,
    *,
    body_name: str,
    number_and_symbol: str,
    place_date: str,
    parent_name: str = "",
) -> None:
    """Issuing body and number on the left, motto and place-date on the right.

    A body under a governing one writes the governing body's name first, not bold (``UBND TỈNH
    BẮC GIANG``), and its own name under it in bold (Phụ lục I, mục II.3 of the decree).
    """
    table = fixed_table(document, rows=2, widths_mm=(HEADER_LEFT_MM, HEADER_RIGHT_MM))
    left, right = table.rows[0].cells
    for line in parent_name.splitlines():
        cell_text(left, line.upper())
    for line in body_name.splitlines() or [""]:
        cell_text(left, line.upper(), bold=True)
    rule(left, width_mm=22, cell_width_mm=HEADER_LEFT_MM)
    cell_text(right, MOTTO, bold=True, size=HEADER_PT)
    cell_text(right, MOTTO_LINE, bold=True, size=BODY_PT)
    rule(right, width_mm=62, cell_width_mm=HEADER_RIGHT_MM)
    left, right = table.rows[1].cells
    cell_text(left, f"Số: {number_and_symbol}", size=HEADER_PT, before=6)
    cell_text(right, place_date, italic=True, size=BODY_PT, before=6)


def title_block(document, *, kind: str, summary: str) -> None:
    """The document type (``KẾ HOẠCH``, ``BÁO CÁO``) and its summary, centred and bold, with a
    short rule under them."""
    para(document, kind, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=18, after=0)
    paragraph = para(document, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for i, line in enumerate(balanced_lines(summary)):
        if i:
            paragraph.runs[-1].add_break(WD_BREAK.LINE)
        font(paragraph.add_run(line), size=BODY_PT, bold=True)
    rule(document, width_mm=45, cell_width_mm=TEXT_WIDTH_MM)
    para(document, "", after=6)


def heading(document, text: str, *, before: float = 6) -> None:
    para(document, text, bold=True, first_line_mm=10, before=before, keep_with_next=True)


def body(document, text: str) -> None:
    para(document, text, first_line_mm=10)


def numbered(document, code: str, text: str) -> None:
    body(document, f"{code}. {text}")


def signature(document, *, recipients: list[str], authority: str, title: str, name: str) -> None:
    table = fixed_table(document, rows=1, widths_mm=(80, TEXT_WIDTH_MM - 80))
    # Recipients and signature stay together on one page, as on the signed original.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    left, right = table.rows[0].cells
    cell_text(
        left,
        "Nơi nhận:",
        bold=True,
        italic=True,
        size=RECIPIENTS_HEADING_PT,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    for line in recipients:
        cell_text(left, line, size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    if authority:
        cell_text(right, authority, bold=True, size=BODY_PT)
    cell_text(right, title, bold=True, size=BODY_PT)
    for _line in range(5):  # room for the signature and the seal
        cell_text(right, "", size=BODY_PT)
    cell_text(right, name, bold=True, size=BODY_PT)


def data_table(
    document,
    *,
    headers: Sequence[str],
    rows: Sequence[Sequence],
    widths_mm: Sequence[float],
    total: Sequence | None = None,
    size: float = TABLE_PT,
    right: Sequence[int] = (),
    centre: Sequence[int] = (0,),
) -> None:
    """A bordered table of figures in the body: header row bold and centred (repeated on every
    page), integers in the Vietnamese format; integers and the ``right`` columns right-aligned,
    the ``centre`` columns (the order number) centred; an optional bold total row."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    # The grid (LibreOffice reads it) and every cell (Word reads these) carry the widths; set
    # as each row is made, since python-docx finds a column's cells by walking the whole table.
    widths = [Mm(w) for w in widths_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header_row = table.rows[0]
    header_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text, width in zip(header_row.cells, headers, widths, strict=True):
        cell.width = width
        cell_text(cell, text, size=size, bold=True, before=2, after=2)
    body_rows = [(row, False) for row in rows] + ([(total, True)] if total is not None else [])
    for values, is_total in body_rows:
        row = table.add_row()
        # A row never breaks across two pages: a figure stays beside its label.
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = row.cells
        for index, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
            cell.width = width
            is_number = isinstance(value, int) and not isinstance(value, bool)
            if is_number or index in right:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            elif index in centre:
                align = WD_ALIGN_PARAGRAPH.CENTER
            else:
                align = WD_ALIGN_PARAGRAPH.LEFT
            cell_text(
                cell,
                format_number(value) if is_number else str(value if value is not None else ""),
                size=size,
                bold=is_total,
                before=2,
                after=2,
                align=align,
            )
    para(document, "", after=6)


def closing_paragraphs(document, lines: Sequence[str]) -> None:
    """The closing lines; the last travels with the signature, which never stands alone on a
    page."""
    for index, line in enumerate(lines):
        para(document, line, first_line_mm=10, keep_with_next=index == len(lines) - 1)
    para(document, "", after=0, keep_with_next=True)


def save(document, *, title: str, author: str) -> bytes:
    core = document.core_properties
    core.title = title
    core.author = author
    core.language = "vi-VN"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_plan_docx(plan: Plan) -> bytes:
    """The plan as the issued document (DOCX bytes)."""
    plan = plan_document(plan=plan)
    document = new_document()
    letterhead(
        document,
        body_name=plan.issuing_body_name,
        number_and_symbol=plan.number_and_symbol,
        place_date=place_and_date(plan.place, plan.issued_on, plan.year),
    )

    title_block(document, kind="KẾ HOẠCH", summary=plan.title)

    for paragraph in plan.legal_bases.splitlines():
        body(document, paragraph)

    heading(document, SECTION_HEADINGS["I"])
    heading(document, "1. Mục đích", before=0)
    for line in plan.purposes.splitlines():
        body(document, line)
    heading(document, "2. Yêu cầu", before=0)
    for line in plan.requirements.splitlines():
        body(document, line)

    heading(document, SECTION_HEADINGS["II"])
    heading(document, "1. Đối tượng truyền thông", before=0)
    for line in plan.audience.splitlines():
        body(document, line)
    heading(document, "2. Phạm vi và thời gian thực hiện", before=0)
    for line in plan.scope.splitlines():
        body(document, f"- Phạm vi thực hiện: {line}")
    body(document, f"- Thời gian thực hiện: {plan.period_text}")

    heading(document, SECTION_HEADINGS["III"])
    for kind in (ItemKind.CONTENT, ItemKind.FORM, ItemKind.SOLUTION):
        heading(document, ITEM_HEADINGS[kind], before=0)
        for item in plan_items(plan=plan, kind=kind):
            numbered(document, item.code, item.text)

    heading(document, SECTION_HEADINGS["IV"])
    for source in plan.funding_sources.all():
        numbered(document, source.code, source.text)

    heading(document, SECTION_HEADINGS["V"])
    for assignment in plan.assignments.all():
        heading(document, f"{assignment.code}. {assignment.heading}", before=0)
        for line in assignment.task_lines:
            body(document, line)

    closing_paragraphs(document, plan.closing.splitlines())
    signature(
        document,
        recipients=plan.recipient_lines,
        authority=plan.signer_authority,
        title=plan.signer_title,
        name=plan.signer_name,
    )
    numbered_as = f" số {plan.number}/{plan.symbol}" if plan.number else ""
    return save(
        document, title=f"Kế hoạch{numbered_as}: {plan.title}", author=plan.issuing_body_name
    )


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


# --- XLSX annexes ----------------------------------------------------------------------------

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIME = "application/pdf"
MIME_TYPES = {"docx": DOCX_MIME, "pdf": PDF_MIME, "xlsx": XLSX_MIME}
# "#,##0" is the spreadsheet's code for "whole number, thousands grouped" (a literal "#.##0" would
# mean three decimals); the reader's spreadsheet draws the group separator of its locale, a dot
# on a Vietnamese system (1.234.567). [$-42A] tags the format as Vietnamese (LCID 0x042A).
XLSX_NUMBER_FORMAT = "[$-42A]#,##0"


def xlsx_sheet(
    workbook,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    total: Sequence | None = None,
    widths: Sequence[float] = (),
) -> None:
    """One sheet: a bold header row (frozen), numbers stored as numbers in the Vietnamese format,
    every text cell neutralised (a cell starting with = + - @ is shown as text, never run).

    The workbook is write-only (``new_workbook``): rows stream to the file as they come, so an
    annex of tens of thousands of cells costs no more than writing them once.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from giamngheo.core.exports import neutralise_cell

    sheet = workbook.create_sheet(title=title[:31])
    # Column widths and the frozen header go before the first row in a write-only sheet.
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def header_cell(value):
        cell = WriteOnlyCell(sheet, value=neutralise_cell(value))
        cell.font, cell.alignment = bold, centred
        return cell

    def row_cells(values, *, is_total=False):
        cells = []
        for value in values:
            value = neutralise_cell(value)
            is_number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
            if not (is_number or is_total):
                cells.append(value)  # a plain cell needs no object of its own
                continue
            cell = WriteOnlyCell(sheet, value=value)
            if is_number:
                cell.number_format = XLSX_NUMBER_FORMAT
            if is_total:
                cell.font = bold
            cells.append(cell)
        return cells

    sheet.append([header_cell(h) for h in headers])
    for values in rows:
        sheet.append(row_cells(values))
    if total is not None:
        sheet.append(row_cells(total, is_total=True))


def new_workbook():
    from openpyxl import Workbook

    return Workbook(write_only=True)


def workbook_bytes(workbook, *, title: str, author: str) -> bytes:
    workbook.properties.title = title
    workbook.properties.creator = author
    workbook.properties.language = "vi-VN"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the sub-plan ----------------------------------------------------------------------------

_PLACE_PREFIXES = (
    "Thành phố ",
    "Thị xã ",
    "Thị trấn ",
    "Tỉnh ",
    "Huyện ",
    "Quận ",
    "Xã ",
    "Phường ",
)
_SYMBOL_LETTERS = re.compile(r"[^0-9A-ZĐ]")


def place_name(unit) -> str:
    """The *địa danh* of a body: its unit's name without the level (``Huyện Lục Ngạn`` →
    ``Lục Ngạn``; a city keeps nothing but its name too)."""
    name = unit.name if unit is not None else ""
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def body_abbreviation(organisation) -> str:
    """The body's part of a symbol (``UBND``, ``SLĐTBXH``), or "" when none can be derived: the
    number is then completed by hand, as on a form with a blank."""
    if organisation.kind == OrganisationKind.PEOPLES_COMMITTEE:
        return "UBND"
    short = (organisation.short_name or "").replace("Sở ", "S")
    letters = _SYMBOL_LETTERS.sub("", short)
    return (
        letters if letters and len(letters) >= len(short.replace(" ", "").replace("&", "")) else ""
    )


def signer_for(organisation) -> tuple[str, str]:
    """Authority and title of the signature block by the kind of body (Phụ lục I, mục II.9)."""
    if organisation.kind == OrganisationKind.PEOPLES_COMMITTEE:
        return "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    if organisation.kind == OrganisationKind.DEPARTMENT:
        return "", "GIÁM ĐỐC"
    return "", "THỦ TRƯỞNG CƠ QUAN"


def parent_line(organisation, plan: Plan) -> str:
    """A provincial department writes the province's committee above its name."""
    return plan.issuing_body_name if organisation.kind == OrganisationKind.DEPARTMENT else ""


def plan_reference(plan: Plan) -> str:
    """``Kế hoạch số 52/KH-UBND ngày 07/02/2023 của UBND tỉnh Bắc Giang`` (number and date
    only when the plan was issued with them)."""
    parts = ["Kế hoạch"]
    if plan.number:
        parts.append(f"số {plan.number}/{plan.symbol}")
    if plan.issued_on:
        parts.append(f"ngày {format_date(plan.issued_on)}")
    issuer = plan.issuing_body_name
    # "UBND TỈNH BẮC GIANG" as written in a sentence: "UBND tỉnh Bắc Giang".
    head, _sep, rest = issuer.partition(" ")
    words = rest.split(" ")
    sentence = " ".join([head, words[0].lower(), *[w.capitalize() for w in words[1:]]])
    parts.append(f"của {sentence.strip()}")
    return " ".join(parts)


def subplan_document(subplan: SubPlan) -> tuple[SubPlan, list[Activity], list[FundingSource]]:
    """The sub-plan, its activities with everything the document prints, and the plan's funding
    sources: five queries whatever the number of activities."""
    subplan = SubPlan.objects.select_related(
        "plan", "organisation", "organisation__unit", "assignment"
    ).get(pk=subplan.pk)
    activities = list(
        Activity.objects.filter(subplan=subplan)
        .select_related("form")
        .prefetch_related(
            Prefetch("contents", queryset=PlanItem.objects.order_by("position", "pk")),
            Prefetch("units", queryset=AdministrativeUnit.objects.order_by("code")),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.order_by("funding_source__position"),
            ),
        )
        .order_by("start_date", "pk")
    )
    sources = list(FundingSource.objects.filter(plan_id=subplan.plan_id).order_by("position", "pk"))
    return subplan, activities, sources


def _budget_totals(activities, sources) -> dict[int, tuple[int, int]]:
    totals = {source.pk: [0, 0] for source in sources}
    for activity in activities:
        for line in activity.budget_lines.all():
            pair = totals.setdefault(line.funding_source_id, [0, 0])
            pair[0] += line.planned
            pair[1] += line.spent
    return {pk: (planned, spent) for pk, (planned, spent) in totals.items()}


def _period(activity) -> str:
    return f"từ {format_date(activity.start_date)} đến {format_date(activity.end_date)}"


def build_subplan_docx(subplan: SubPlan) -> bytes:
    """A sub-plan (*kế hoạch cụ thể*) of an assigned body, issued by that body."""
    subplan, activities, sources = subplan_document(subplan)
    plan, organisation = subplan.plan, subplan.organisation
    document = new_document()
    symbol = "-".join(filter(None, ["KH", body_abbreviation(organisation)]))
    issued = subplan.submitted_at.date() if subplan.submitted_at else None
    letterhead(
        document,
        parent_name=parent_line(organisation, plan),
        body_name=organisation.name,
        number_and_symbol=f"{'       '}/{symbol}",
        place_date=place_and_date(place_name(organisation.unit), issued, plan.year),
    )
    title_block(document, kind="KẾ HOẠCH", summary=subplan.title)
    body(
        document,
        f"Thực hiện {plan_reference(plan)} về {plan.title[:1].lower()}{plan.title[1:]}; "
        f"{organisation.name} xây dựng Kế hoạch thực hiện như sau:",
    )

    heading(document, "I. MỤC ĐÍCH, YÊU CẦU")
    for line in subplan.summary.splitlines() or [
        f"- Triển khai đầy đủ các nhiệm vụ được giao tại {plan_reference(plan)}."
    ]:
        body(document, line)

    heading(document, "II. NỘI DUNG, HÌNH THỨC HOẠT ĐỘNG")
    if not activities:
        body(document, "Chưa có hoạt động nào được đăng ký.")
    totals_by_activity = {}
    for index, activity in enumerate(activities, start=1):
        heading(document, f"{index}. {activity.title}", before=0)
        body(document, f"- Hình thức: {activity.form.code}. {activity.form.text}")
        contents = "; ".join(f"{c.code}. {c.text}" for c in activity.contents.all())
        if contents:
            body(document, f"- Nội dung: {contents}")
        places = ", ".join(u.name for u in activity.units.all())
        if places:
            body(document, f"- Địa bàn thực hiện: {places}.")
        body(document, f"- Thời gian thực hiện: {_period(activity)}.")
        planned = sum(line.planned for line in activity.budget_lines.all())
        totals_by_activity[activity.pk] = planned
        body(document, f"- Kinh phí dự kiến: {format_dong(planned)}.")
        if activity.description:
            body(document, f"- Ghi chú: {activity.description}")

    heading(document, "III. KINH PHÍ THỰC HIỆN")
    totals = _budget_totals(activities, sources)
    planned_all = sum(p for p, _s in totals.values())
    body(
        document,
        f"Tổng kinh phí dự kiến: {format_dong(planned_all)}, theo nguồn kinh phí như sau:",
    )
    data_table(
        document,
        headers=["TT", "Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)"],
        rows=[
            [str(i), source.name, *totals.get(source.pk, (0, 0))]
            for i, source in enumerate(sources, start=1)
        ],
        total=["", "Tổng cộng", planned_all, sum(s for _p, s in totals.values())],
        widths_mm=(12, 83, 35, 35),
    )

    heading(document, "IV. TỔ CHỨC THỰC HIỆN")
    body(
        document,
        f"Các phòng, ban, đơn vị liên quan căn cứ chức năng, nhiệm vụ triển khai thực hiện "
        f"Kế hoạch này; báo cáo kết quả thực hiện trước ngày {format_date(plan.report_deadline)} "
        f"để tổng hợp, báo cáo theo quy định.",
    )
    closing_paragraphs(
        document,
        [f"Trên đây là Kế hoạch của {organisation.name}; đề nghị các đơn vị triển khai thực hiện."],
    )
    authority, title = signer_for(organisation)
    lead = plan.assignments.filter(role=AssignmentRole.LEAD).order_by("position").first()
    signature(
        document,
        recipients=[
            f"- {lead.heading if lead else plan.issuing_body_name} (b/c);",
            "- Các đơn vị liên quan;",
            "- Lưu: VT.",
        ],
        authority=authority,
        title=title,
        name="",
    )
    return save(document, title=f"Kế hoạch: {subplan.title}", author=organisation.name)


def build_subplan_pdf(subplan: SubPlan) -> bytes:
    return docx_to_pdf(build_subplan_docx(subplan))


def build_subplan_xlsx(subplan: SubPlan) -> bytes:
    """The sub-plan's activities and budget as an annex: one row per activity and source."""
    subplan, activities, sources = subplan_document(subplan)
    workbook = new_workbook()
    names = {source.pk: source.name for source in sources}
    xlsx_sheet(
        workbook,
        title="Hoạt động",
        headers=[
            "TT",
            "Tên hoạt động",
            "Hình thức",
            "Từ ngày",
            "Đến ngày",
            "Địa bàn",
            "Dự kiến (đồng)",
            "Đã chi (đồng)",
        ],
        rows=(
            [
                i,
                a.title,
                a.form.code,
                format_date(a.start_date),
                format_date(a.end_date),
                ", ".join(u.name for u in a.units.all()),
                sum(line.planned for line in a.budget_lines.all()),
                sum(line.spent for line in a.budget_lines.all()),
            ]
            for i, a in enumerate(activities, start=1)
        ),
        widths=(6, 50, 10, 12, 12, 30, 18, 18),
    )
    totals = _budget_totals(activities, sources)
    xlsx_sheet(
        workbook,
        title="Nguồn kinh phí",
        headers=["Nguồn kinh phí", "Dự kiến (đồng)", "Đã chi (đồng)"],
        rows=([names.get(pk, ""), planned, spent] for pk, (planned, spent) in totals.items()),
        total=[
            "Tổng cộng",
            sum(p for p, _s in totals.values()),
            sum(s for _p, s in totals.values()),
        ],
        widths=(50, 18, 18),
    )
    return workbook_bytes(
        workbook, title=f"Phụ lục: {subplan.title}", author=subplan.organisation.name
    )


# --- the kinds of document, for the command and the download views ---------------------------


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document ``render_document`` knows: how to list its records (id, title), load
    one by id (None when there is none) and render it in each format."""

    code: str
    label: str
    records: Callable[[], Iterable[tuple[str, str]]]
    load: Callable[[str], object | None]
    renderers: dict[str, Callable[[object], bytes]] = field(default_factory=dict)
    id_help: str = ""


DOCUMENT_KINDS: dict[str, DocumentKind] = {}


def register_kind(kind: DocumentKind) -> DocumentKind:
    DOCUMENT_KINDS[kind.code] = kind
    return kind


def document_kinds() -> dict[str, DocumentKind]:
    """Every kind, the ones other apps register in their own ``documents`` module included
    (imported here by name, so planning never imports the apps built on it)."""
    autodiscover_modules("documents")
    return DOCUMENT_KINDS


def _load(model):
    def load(raw: str):
        return (
            model.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
        )

    return load


register_kind(
    DocumentKind(
        code="plan",
        label="Kế hoạch",
        records=lambda: ((str(p.pk), str(p)) for p in Plan.objects.order_by("pk")),
        load=_load(Plan),
        renderers={"docx": build_plan_docx, "pdf": build_plan_pdf},
    )
)
register_kind(
    DocumentKind(
        code="subplan",
        label="Kế hoạch cụ thể",
        records=lambda: (
            (str(s.pk), f"{s.organisation.name} — {s.title}")
            for s in SubPlan.objects.select_related("organisation").order_by("pk")
        ),
        load=_load(SubPlan),
        renderers={
            "docx": build_subplan_docx,
            "pdf": build_subplan_pdf,
            "xlsx": build_subplan_xlsx,
        },
    )
)

# (kind, format) → renderer, for the admin download views.
RENDERERS = {
    (code, fmt): renderer
    for code, kind in DOCUMENT_KINDS.items()
    for fmt, renderer in kind.renderers.items()
}
