"""XLSX annexes: write-only workbooks, numbers in the Vietnamese format, every text cell
neutralised against formula injection."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from giamngheo.core.exports import neutralise_cell

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
    return Workbook(write_only=True)


def workbook_bytes(workbook, *, title: str, author: str) -> bytes:
    workbook.properties.title = title
    workbook.properties.creator = author
    workbook.properties.language = "vi-VN"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
