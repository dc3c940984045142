"""The page and the type of Nghị định 30/2020/NĐ-CP, Phụ lục I, and the low-level pieces every
official document is built from.

The decree fixes the page (A4 portrait; margins top and bottom 20–25 mm, left 30–35 mm, right
15–20 mm) and the font (Times New Roman, Unicode TCVN 6909:2001, black). ``new_document`` sets
both; ``para``, ``cell_text``, ``fixed_table`` and ``rule`` place text the way the parts of
``parts.py`` need it. Vietnamese formats of numbers and dates (``format_number``,
``place_and_date`` …) are here too, since every document writes them the same way.
"""

from __future__ import annotations

import copy
import math
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

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
# The letterhead: the issuing body's lines and the national title at 12 pt, inside the decree's
# 12–13 pt, in two columns. At 13 pt in a 62 mm column "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
# broke inside "thương binh" ("… - THƯƠNG" / "BINH VÀ XÃ HỘI"); a wider left column at 13 pt
# pushed "NAM" of the national title onto a second line. At 12 pt the right column (94 mm) holds
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line and the left (71 mm) "SỞ LAO ĐỘNG - THƯƠNG
# BINH" over "VÀ XÃ HỘI", with the fonts LibreOffice renders Vietnamese capitals in as well as
# with Times New Roman.
LETTERHEAD_PT = 12
HEADER_LEFT_MM, HEADER_RIGHT_MM = 71, TEXT_WIDTH_MM - 71
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

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


def landscape(document, *, margins_mm=(20, 20, 25, 20)) -> None:
    """Turn the first section A4 landscape (a certificate, a list with many columns); margins
    top, bottom, left, right in millimetres."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    top, bottom, left, right = margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


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
