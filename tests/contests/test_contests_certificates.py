"""Prize certificates (giấy chứng nhận đoạt giải): one per winning entry, A4 landscape, through
the core documents registry; printable only once the decision is issued, by the contest's
organiser and secretariat; every other reader gets the same 404 as a missing id."""

from __future__ import annotations

import io

import docx
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from giamngheo.contests.documents import build_certificate_docx
from giamngheo.contests.models import RoundEntry
from giamngheo.core.documents import get_renderer
from tests.contests.conftest import AUTHOR, COAUTHOR, PEN, STATION
from tests.contests.test_contests_services import (
    test_two_rounds_override_and_decision as decide_contest,
)

pytestmark = pytest.mark.django_db


def _winner(cw) -> RoundEntry:
    return RoundEntry.objects.select_related("entry", "prize").get(
        round=cw.rounds[1], entry=cw.entries[0]
    )


@pytest.fixture
def decided(cw):
    decide_contest(cw)
    return cw


def test_certificate_docx_is_landscape_and_names_the_winner(decided):
    row = _winner(decided)
    document = docx.Document(io.BytesIO(build_certificate_docx(row)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    text = [p.text for p in document.paragraphs]
    assert "GIẤY CHỨNG NHẬN" in text
    assert f"{AUTHOR} ({PEN}), {COAUTHOR}" in text
    assert STATION in text
    assert "Đạt Giải A — loại hình Phát thanh" in text
    assert "với tác phẩm «Bản làng đổi thay»" in text
    assert (
        "Theo Quyết định số 125/QĐ-SLĐTBXH ngày 01/12/2023 của "
        f"{decided.orgs['so'].name}, chứng nhận" in text
    )
    assert document.core_properties.title == f"Giấy chứng nhận {row.entry.code}"


def test_certificate_is_in_the_documents_registry(decided):
    assert get_renderer("contests.certificate", "docx") is build_certificate_docx
    assert get_renderer("contests.certificate", "pdf") is not None
    assert get_renderer("contests.certificate", "xlsx") is None


def test_certificate_pdf_download_is_a4_landscape(decided):
    row = _winner(decided)
    client = Client()
    client.force_login(decided.users["organiser"])
    response = client.get(reverse("contests_certificate", args=[row.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"giay-chung-nhan-{row.entry.code.lower()}.pdf" in response["Content-Disposition"]
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 1  # one sheet to print
    page = pages[0]
    assert (
        round(float(page.mediabox.width) * 25.4 / 72),
        round(float(page.mediabox.height) * 25.4 / 72),
    ) == (297, 210)
    # (pypdf splits Vietnamese letters from their marks: compare what it keeps whole)
    assert f"{row.entry.code}/GCN" in page.extract_text()


def test_contest_page_lists_the_certificates(decided):
    client = Client()
    client.force_login(decided.users["secretary"])
    page = client.get(reverse("contests_contest", args=[decided.contest.pk])).content.decode()
    winners = RoundEntry.objects.filter(
        round__contest=decided.contest, awarded_on__isnull=False, prize__isnull=False
    )
    assert winners.count() == 3
    for row in winners:
        assert reverse("contests_certificate", args=[row.pk, "pdf"]) in page


@pytest.mark.parametrize(
    "role,status",
    [
        ("organiser", 200),
        ("secretary", 200),
        ("district_officer", 404),
        ("province_admin", 200),
        ("juror1", 302),
        ("nb1", 302),
        ("outsider", 302),
    ],
)
def test_certificate_by_role(decided, role, status):
    row = _winner(decided)
    client = Client()
    client.force_login(decided.users[role])
    response = client.get(reverse("contests_certificate", args=[row.pk, "docx"]))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    winners = set(
        RoundEntry.objects.filter(
            round__contest=decided.contest, awarded_on__isnull=False, prize__isnull=False
        ).values_list("pk", flat=True)
    )
    for other in (row.pk - 1, row.pk + 1):
        got = client.get(reverse("contests_certificate", args=[other, "docx"])).status_code
        if status == 200:
            assert got == (200 if other in winners else 404)
        else:
            assert got == status


def test_no_certificate_before_the_decision_or_without_a_prize(cw):
    from tests.contests.conftest import to_judging
    from tests.contests.test_contests_services import run_round1

    to_judging(cw)
    run_round1(cw)
    client = Client()
    client.force_login(cw.users["organiser"])
    row = RoundEntry.objects.filter(round=cw.rounds[0]).first()
    assert client.get(reverse("contests_certificate", args=[row.pk, "docx"])).status_code == 404
    page = client.get(reverse("contests_contest", args=[cw.contest.pk])).content.decode()
    assert 'id="certificates"' not in page
