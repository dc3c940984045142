"""The parts of an official document, placed as Nghị định 30/2020/NĐ-CP, Phụ lục I, places them.

The issuing body and the national motto side by side (``letterhead``), the number and symbol
under the issuing body, place and date (italic) under the motto, the document type and summary
centred (``title_block``), the body (``heading``, ``body``, ``numbered``, ``data_table``,
``closing_paragraphs``), then *Nơi nhận* on the left and the signature block on the right
(``signature``). ``save`` returns the DOCX bytes with the document's title, author and language.

The wording of a document is Vietnamese whatever the interface language: an official document is
issued in Vietnamese, so the fixed headings here ("Nơi nhận:", "Số: …") are not translated.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from .layout import (
    BODY_PT,
    HEADER_LEFT_MM,
    HEADER_PT,
    HEADER_RIGHT_MM,
    LETTERHEAD_PT,
    MOTTO,
    MOTTO_LINE,
    RECIPIENTS_HEADING_PT,
    RECIPIENTS_PT,
    TABLE_PT,
    TEXT_WIDTH_MM,
    balanced_lines,
    cell_text,
    fixed_table,
    font,
    format_number,
    para,
    rule,
)

# A body named after its council and place ("VĂN PHÒNG UBND TỈNH …") keeps the place.
COUNCILS = ("UBND", "ỦY BAN NHÂN DÂN", "HĐND", "HỘI ĐỒNG NHÂN DÂN")
# The words that open the name of an administrative unit in a governing body's name
# ("UBND TỈNH BẮC GIANG" → "TỈNH BẮC GIANG").
PLACE_WORDS = (
    "TỈNH",
    "THÀNH PHỐ",
    "HUYỆN",
    "QUẬN",
    "THỊ XÃ",
    "XÃ",
    "PHƯỜNG",
    "THỊ TRẤN",
    "ĐẶC KHU",
)


def own_name(body_name: str, parent_name: str) -> str:
    """The body's own line under its governing body, without the place the governing line
    already names, as the decree's samples write it (Phụ lục I): ``UBND TỈNH BẮC GIANG`` over
    ``SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI``, not ``… XÃ HỘI TỈNH BẮC GIANG`` broken over three
    lines of the narrow column. Only a unit's name is dropped (``BÁO BẮC GIANG`` stays)."""
    body, parent = " ".join(body_name.upper().split()), " ".join(parent_name.upper().split())
    words = parent.split()
    for start in range(len(words)):
        place = " ".join(words[start:])
        if place.startswith(PLACE_WORDS) and body.endswith(" " + place):
            head = body[: -len(place)].strip()
            # "VĂN PHÒNG UBND TỈNH BẮC GIANG" is named whole: the place is part of its name.
            if head and not head.endswith(COUNCILS):
                return head
    return body


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
    BẮC GIANG``), and its own name under it in bold (Phụ lục I, mục II.3 of the decree), without
    the place the first line names (``own_name``): two or three lines, never four.
    """
    table = fixed_table(document, rows=2, widths_mm=(HEADER_LEFT_MM, HEADER_RIGHT_MM))
    left, right = table.rows[0].cells
    for line in parent_name.splitlines():
        cell_text(left, line.upper(), size=LETTERHEAD_PT)
    for line in body_name.splitlines() or [""]:
        cell_text(left, own_name(line, parent_name), bold=True, size=LETTERHEAD_PT)
    rule(left, width_mm=22, cell_width_mm=HEADER_LEFT_MM)
    cell_text(right, MOTTO, bold=True, size=LETTERHEAD_PT)
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


# The characters python-docx writes as elements of a run (w:tab, w:br), not as its text.
_BREAKS = frozenset("\t\r\n")


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
    # The style set by its id: python-docx's setter first compares it with the default table
    # style, found by reading every style of the template (tens of ms a table); "Table Grid"
    # is not the default.
    table._tbl.tblStyle_val = document.styles["Table Grid"].style_id
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
    # Each body row is a copy of a row styled once per combination of alignments and weight
    # (widths, spacing, fonts, "never split"), its texts then written into the copy's runs:
    # python-docx's add_row, cell widths and runs search the schema's sibling order on every
    # call, which was most of the time of a 300-row annex.
    prototypes: dict[tuple, object] = {}
    tbl = table._tbl
    for values, is_total in body_rows:
        aligns, texts = [], []
        for index, value in enumerate(values):
            is_number = isinstance(value, int) and not isinstance(value, bool)
            if is_number or index in right:
                aligns.append(WD_ALIGN_PARAGRAPH.RIGHT)
            elif index in centre:
                aligns.append(WD_ALIGN_PARAGRAPH.CENTER)
            else:
                aligns.append(WD_ALIGN_PARAGRAPH.LEFT)
            texts.append(
                format_number(value) if is_number else str(value if value is not None else "")
            )
        if len(texts) != len(widths):
            raise ValueError(f"a row of {len(texts)} values in a table of {len(widths)} columns")
        key = (tuple(aligns), is_total)
        if key not in prototypes:
            prototypes[key] = _styled_row(
                table, widths=widths, aligns=aligns, size=size, bold=is_total
            )
        tr = copy.deepcopy(prototypes[key])
        for run, text in zip(tr.iter(qn("w:r")), texts, strict=True):
            if _BREAKS.isdisjoint(text):
                if text:
                    run.add_t(text)  # the copied run holds only its properties
            else:
                run.text = text  # a tab or a line break: python-docx writes w:tab, w:br
        tbl.append(tr)
    para(document, "", after=6)


def _styled_row(table, *, widths, aligns, size: float, bold: bool):
    """An empty body row of ``table``, each cell with its width and one empty run styled as
    ``data_table`` writes it, detached from the table (the pattern its rows are copied from)."""
    row = table.add_row()
    # A row never breaks across two pages: a figure stays beside its label.
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, width, align in zip(row.cells, widths, aligns, strict=True):
        cell.width = width
        cell_text(cell, "", size=size, bold=bold, before=2, after=2, align=align)
    table._tbl.remove(row._tr)
    return row._tr


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
