"""The distribution report of a title (printed, dispatched, confirmed, handed out, damaged or
lost, in stock, in transit, by holder) as DOCX, PDF and XLSX through the document registry;
scoped to the holders in the user's reach; constant queries."""

from __future__ import annotations

import io
import os
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from giamngheo.core import documents as kit
from giamngheo.publications import selectors, services
from giamngheo.publications.documents import (
    build_distribution_report_docx,
    build_distribution_report_pdf,
    build_distribution_report_xlsx,
)
from giamngheo.publications.enums import MovementKind
from tests.browser import ARTIFACTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(xworld):
    """1.000 printed; 300 to D1 (confirmed 300), 100 to C1a (95 confirmed, 5 soaked), 50 to
    C1b (in transit); D1 hands out 120 and loses 10; C1a hands out 40."""
    kho = xworld.users["kho"]
    run = xworld.run(1000)

    def send(to, copies, day):
        return services.dispatch(
            actor=kho,
            print_run=run,
            sender=xworld.orgs["so"],
            recipient=xworld.orgs[to],
            quantity=copies,
            dispatched_on=day,
        )

    services.confirm_receipt(
        actor=xworld.users["district_officer"],
        dispatch=send("D1", 300, date(2023, 5, 15)),
        received_quantity=300,
        received_on=date(2023, 5, 16),
    )
    services.confirm_receipt(
        actor=xworld.users["commune_officer"],
        dispatch=send("C1a", 100, date(2023, 5, 15)),
        received_quantity=95,
        received_on=date(2023, 5, 20),
        reason="5 bản bị ướt do mưa",
    )
    send("C1b", 50, date(2023, 5, 18))
    for holder, kind, copies, reason in (
        ("D1", MovementKind.HANDED_OUT, 120, ""),
        ("D1", MovementKind.LOST, 10, "Thất lạc khi vận chuyển"),
        ("C1a", MovementKind.HANDED_OUT, 40, ""),
    ):
        services.record_local_movement(
            actor=xworld.users["province_admin"],
            print_run=run,
            holder=xworld.orgs[holder],
            kind=kind,
            quantity=copies,
            on=date(2023, 5, 25),
            reason=reason,
        )
    return xworld


HEAD = [
    "TT",
    "Đơn vị",
    "Nhập từ cơ sở in",
    "Đã giao đi",
    "Đã nhận (xác nhận)",
    "Cấp phát",
    "Hư hỏng, thất lạc",
    "Kiểm kê, điều chỉnh",
    "Tồn kho",
    "Đang giao đến",
]
PROVINCE_ROWS = [
    ("1", "Sở Lao động - Thương binh và Xã hội", 1000, 450, 0, 0, 0, 0, 550, 0),
    ("2", "Ủy ban nhân dân huyện H1", 0, 0, 300, 120, 10, 0, 170, 0),
    ("3", "Ủy ban nhân dân xã C1a", 0, 0, 95, 40, 0, 0, 55, 0),
    ("4", "Ủy ban nhân dân xã C1b", 0, 0, 0, 0, 0, 0, 0, 50),
]
PROVINCE_TOTAL = (None, "Cộng", 1000, 450, 395, 160, 10, 0, 775, 50)


def _report(w, username):
    return selectors.distribution_report(
        user=w.users[username], title=w.title, on=date(2023, 6, 30)
    )


def test_the_report_counts_every_holder(story):
    report = _report(story, "province_admin")
    xlsx = build_distribution_report_xlsx(report)
    rows = list(load_workbook(io.BytesIO(xlsx))["Phát hành"].iter_rows(values_only=True))
    assert list(rows[0]) == HEAD
    assert rows[1:] == [*PROVINCE_ROWS, PROVINCE_TOTAL]


def test_the_report_docx_has_the_letterhead_and_the_table(story):
    document = Document(io.BytesIO(build_distribution_report_docx(_report(story, "kho"))))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in (
        "BÁO CÁO",
        "Tình hình in, phát hành ấn phẩm “Tờ gấp giảm nghèo”",
        "Loại ấn phẩm: Tờ gấp. Bản ngôn ngữ: Tiếng Tày, Tiếng Việt.",
        "Giấy phép xuất bản số 125/GP-STTTT ngày 20/04/2023 của Sở Thông tin và Truyền thông.",
        "Số liệu tính đến hết ngày 30/06/2023",
    ):
        assert expected in text, expected
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    assert [c.text for c in table.rows[0].cells] == HEAD
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Sở Lao động - Thương binh và Xã hội",
        "1.000",
        "450",
        "0",
        "0",
        "0",
        "0",
        "550",
        "0",
    ]
    assert [c.text for c in table.rows[-1].cells][1:3] == ["Cộng", "1.000"]


def test_a_district_officer_sees_its_district_only(story):
    rows = [
        (r.holder, r.in_stock, r.in_transit_to) for r in _report(story, "district_officer").rows
    ]
    assert rows == [
        ("Ủy ban nhân dân huyện H1", 170, 0),
        ("Ủy ban nhân dân xã C1a", 55, 0),
        ("Ủy ban nhân dân xã C1b", 0, 50),
    ]
    assert [r.holder for r in _report(story, "commune_officer").rows] == ["Ủy ban nhân dân xã C1a"]


def test_the_report_as_of_an_earlier_day(story):
    report = selectors.distribution_report(
        user=story.users["province_admin"], title=story.title, on=date(2023, 5, 15)
    )
    assert [(r.holder, r.in_stock, r.in_transit_to) for r in report.rows] == [
        ("Sở Lao động - Thương binh và Xã hội", 600, 0),
        ("Ủy ban nhân dân huyện H1", 0, 300),
        ("Ủy ban nhân dân xã C1a", 0, 100),
    ]


def test_the_report_takes_constant_queries(story, django_assert_num_queries):
    user = story.users["province_admin"]
    user.refresh_from_db()
    selectors.distribution_report(user=user, title=story.title)  # warm the role cache
    with django_assert_num_queries(3):
        selectors.distribution_report(user=user, title=story.title)


@pytest.mark.skipif(kit.soffice_path() is None, reason="LibreOffice not installed")
def test_the_report_pdf(story):
    data = build_distribution_report_pdf(_report(story, "kho"))
    assert data.startswith(b"%PDF-")
    os.makedirs(ARTIFACTS, exist_ok=True)  # kept for a look (pdftoppm -r 60 -png)
    with open(os.path.join(ARTIFACTS, "publications-distribution-report.pdf"), "wb") as out:
        out.write(data)


@pytest.mark.parametrize(
    ("username", "status"),
    [("kho", 200), ("commune_officer", 200), ("outsider", 302)],
)
def test_the_report_download_is_scoped(story, username, status):
    client = Client()
    client.force_login(story.users[username])
    for fmt in ("docx", "xlsx"):
        response = client.get(reverse(f"publications_report_{fmt}", args=[story.title.pk]))
        assert response.status_code == status, (username, fmt)
    assert client.get(reverse("publications_report_xlsx", args=[999999])).status_code in (302, 404)


def test_the_report_is_a_registered_kind(story):
    kind = kit.get_kind("publication_distribution_report")
    assert set(kind.renderers) == {"docx", "pdf", "xlsx"}
    report = kind.load(str(story.title.pk))
    assert [r.holder for r in report.rows][:2] == [
        "Sở Lao động - Thương binh và Xã hội",
        "Ủy ban nhân dân huyện H1",
    ]
    assert kind.load("abc") is None
