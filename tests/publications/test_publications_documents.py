"""The delivery note (biên bản giao nhận) of a dispatch through the NĐ 30/2020 kit: DOCX with
the letterhead, the copies sent and received and both signature blocks; PDF; XLSX annex;
downloads scoped to the dispatch's sender and recipient."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from giamngheo.core import documents as kit
from giamngheo.publications import services
from giamngheo.publications.documents import (
    build_delivery_note_docx,
    build_delivery_note_pdf,
    build_delivery_note_xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(xworld):
    sent = services.dispatch(
        actor=xworld.users["kho"],
        print_run=xworld.run(1000),
        sender=xworld.orgs["so"],
        recipient=xworld.orgs["C1a"],
        quantity=100,
        dispatched_on=date(2023, 5, 15),
    )
    return services.confirm_receipt(
        actor=xworld.users["commune_officer"],
        dispatch=sent,
        received_quantity=95,
        received_on=date(2023, 5, 20),
        reason="5 bản bị ướt do mưa",
    )


def _text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_delivery_note_docx_carries_what_was_sent_and_received(received):
    text = _text(build_delivery_note_docx(received))
    for expected in (
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Số: {received.pk}/BB-GN",
        "BIÊN BẢN",
        "Giao nhận ấn phẩm truyền thông về giảm nghèo",
        "1. Bên giao: Sở Lao động - Thương binh và Xã hội.",
        "2. Bên nhận: Ủy ban nhân dân xã C1a.",
        "Tờ gấp: Tờ gấp giảm nghèo",
        "Bên nhận xác nhận đã nhận 95 bản ngày 20/05/2023.",
        "Lý do chênh lệch: 5 bản bị ướt do mưa",
        "ĐẠI DIỆN BÊN GIAO",
        "ĐẠI DIỆN BÊN NHẬN",
    ):
        assert expected in text, expected
    document = Document(io.BytesIO(build_delivery_note_docx(received)))
    row = [c.text for c in document.tables[1].rows[1].cells]
    assert row == ["1", "Tờ gấp: Tờ gấp giảm nghèo", "Tiếng Việt", "100", "95", "5"]


def test_delivery_note_xlsx(received):
    sheet = load_workbook(io.BytesIO(build_delivery_note_xlsx(received)))["Giao nhận"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:6] == ("1", "Tờ gấp: Tờ gấp giảm nghèo", "Tiếng Việt", 100, 95, 5)
    assert rows[1][6:] == (
        "Sở Lao động - Thương binh và Xã hội",
        "Ủy ban nhân dân xã C1a",
        "15/05/2023",
        "20/05/2023",
        "5 bản bị ướt do mưa",
    )


@pytest.mark.skipif(kit.soffice_path() is None, reason="LibreOffice not installed")
def test_delivery_note_pdf(received):
    assert build_delivery_note_pdf(received).startswith(b"%PDF-")


def test_delivery_note_download_is_scoped(received, xworld):
    url = reverse("publications_delivery_note_docx", args=[received.pk])
    for username, status in (
        ("commune_officer", 200),
        ("kho", 200),
        ("other_commune_officer", 404),
        ("other_district_officer", 404),
    ):
        client = Client()
        client.force_login(xworld.users[username])
        assert client.get(url).status_code == status, username
    assert kit.get_kind("publication_delivery_note") is not None
