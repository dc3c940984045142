"""The kit's bordered table of figures (``core.documents.data_table``): each body row copied from
a row styled once still carries its own texts, its alignment by value, its widths, the bold of
the total and "never split across pages"."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from giamngheo.core.documents import data_table, new_document, save

C, L, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


def _table():
    document = new_document()
    data_table(
        document,
        headers=["TT", "Xã", "Số hộ thoát nghèo"],
        rows=[
            ["1", "Xã Tân Sơn", 1234],
            ["2", "Xã Cấm Sơn\nthôn Đồng Mới", "—"],
            ["3", "Xã Phong Vân", 5],
        ],
        widths_mm=[12, 100, 53],
        total=["", "Tổng cộng", 1239],
        size=11,
    )
    # Read back from the saved bytes, as Word and LibreOffice read it.
    return Document(io.BytesIO(save(document, title="Bảng", author="UBND"))).tables[-1]


def test_each_row_has_its_own_texts_and_alignment_by_value():
    table = _table()
    cells = [[c.paragraphs for c in row.cells] for row in table.rows]
    assert [[p[0].text for p in row] for row in cells] == [
        ["TT", "Xã", "Số hộ thoát nghèo"],
        ["1", "Xã Tân Sơn", "1.234"],
        ["2", "Xã Cấm Sơn\nthôn Đồng Mới", "—"],
        ["3", "Xã Phong Vân", "5"],
        ["", "Tổng cộng", "1.239"],
    ]
    assert [[p[0].alignment for p in row] for row in cells[1:]] == [
        [C, L, R],
        [C, L, L],
        [C, L, R],
        [C, L, R],
    ]
    # One paragraph a cell: the copied row's empty paragraph is the one written into.
    assert {len(p) for row in cells for p in row} == {1}


def test_rows_keep_widths_weight_and_never_split():
    table = _table()
    rows = table.rows
    assert len(rows) == 5
    assert rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert [bool(r._tr.xpath("./w:trPr/w:cantSplit")) for r in rows] == [False] + [True] * 4
    assert {tuple(round(c.width.mm) for c in r.cells) for r in rows} == {(12, 100, 53)}
    weights = [[run.bold for c in r.cells for run in c.paragraphs[0].runs] for r in rows]
    assert weights[0] == [True] * 3
    assert weights[1:4] == [[False] * 3] * 3
    assert weights[4] == [True] * 3
    sizes = {run.font.size.pt for r in rows for c in r.cells for run in c.paragraphs[0].runs}
    assert sizes == {11.0}
