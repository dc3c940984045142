"""The letterhead as Nghị định 30/2020, Phụ lục I writes it: the governing body, then the body's
own name without the place the first line already names (issue 13: "SỞ LAO ĐỘNG - THƯƠNG /
BINH VÀ XÃ HỘI TỈNH / BẮC GIANG" under "UBND TỈNH BẮC GIANG" made four lines)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document

from giamngheo.core import documents
from giamngheo.core.documents.layout import HEADER_LEFT_MM, MARGINS
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


def _letterhead_pdf(tmp_path):
    document = documents.new_document()
    documents.letterhead(
        document,
        parent_name="UBND TỈNH BẮC GIANG",
        body_name="Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang",
        number_and_symbol="215/QĐ-SLĐTBXH",
        place_date="Bắc Giang, ngày 01 tháng 12 năm 2023",
    )
    path = tmp_path / "letterhead.pdf"
    path.write_bytes(documents.docx_to_pdf(documents.save(document, title="t", author="a")))
    return path


def _lines(path, *, x_pt: float, width_pt: float) -> list[str]:
    """The text lines of a strip of the first page's top, in reading order."""
    out = subprocess.run(
        [
            "pdftotext",
            "-f",
            "1",
            "-l",
            "1",
            "-x",
            str(int(x_pt)),
            "-y",
            "0",
            "-W",
            str(int(width_pt)),
            "-H",
            "230",
            str(path),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.mark.skipif(
    documents.soffice_path() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (libreoffice-writer-nogui) or pdftotext (poppler-utils) not installed",
)
def test_the_rendered_letterhead_breaks_the_body_name_between_whole_words(tmp_path):
    """Issue 13 item 3, as printed: the Department's name is "SỞ LAO ĐỘNG - THƯƠNG BINH" over
    "VÀ XÃ HỘI" under its governing body, and the national title keeps one line. In a 62 mm
    column LibreOffice broke it inside "thương binh" ("… - THƯƠNG" / "BINH VÀ XÃ HỘI")."""
    path = _letterhead_pdf(tmp_path)
    left_margin_pt = MARGINS["left"].pt
    column_pt = HEADER_LEFT_MM * 72 / 25.4
    left = _lines(path, x_pt=0, width_pt=left_margin_pt + column_pt)
    assert left[:4] == [
        "UBND TỈNH BẮC GIANG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH",
        "VÀ XÃ HỘI",
        "Số: 215/QĐ-SLĐTBXH",
    ]
    right = _lines(path, x_pt=left_margin_pt + column_pt, width_pt=595 - left_margin_pt - column_pt)
    assert right[:3] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bắc Giang, ngày 01 tháng 12 năm 2023",
    ]
