"""The letterhead as Nghị định 30/2020, Phụ lục I writes it: the governing body, then the body's
own name without the place the first line already names (issue 13: "SỞ LAO ĐỘNG - THƯƠNG /
BINH VÀ XÃ HỘI TỈNH / BẮC GIANG" under "UBND TỈNH BẮC GIANG" made four lines)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from giamngheo.core import documents
from giamngheo.core.documents.parts import own_name


@pytest.mark.parametrize(
    ("body", "parent", "expected"),
    [
        (
            "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
            "UBND TỈNH BẮC GIANG",
            "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        ),
        ("Phòng Lao động huyện Lục Ngạn", "UBND huyện Lục Ngạn", "PHÒNG LAO ĐỘNG"),
        # The place is the body's name, not a repetition.
        ("Báo Bắc Giang", "UBND TỈNH BẮC GIANG", "BÁO BẮC GIANG"),
        ("Văn phòng UBND tỉnh Bắc Giang", "UBND TỈNH BẮC GIANG", "VĂN PHÒNG UBND TỈNH BẮC GIANG"),
        ("UBND tỉnh Bắc Giang", "", "UBND TỈNH BẮC GIANG"),
        ("Sở Y tế tỉnh Bắc Ninh", "UBND TỈNH BẮC GIANG", "SỞ Y TẾ TỈNH BẮC NINH"),
    ],
)
def test_own_name_drops_the_place_the_governing_line_names(body, parent, expected):
    assert own_name(body, parent) == expected


def test_letterhead_left_column_has_two_lines():
    document = documents.new_document()
    documents.letterhead(
        document,
        parent_name="UBND TỈNH BẮC GIANG",
        body_name="Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
        number_and_symbol="       /BC-SLĐTBXH",
        place_date="Bắc Giang, ngày      tháng      năm 2023",
    )
    read = Document(io.BytesIO(documents.save(document, title="t", author="a")))
    left, right = read.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH BẮC GIANG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    ]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
