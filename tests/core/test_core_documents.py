"""The document kit: the one registry read at lookup time, the LibreOffice lookup, the download
response (404 for a format a kind has not, 503 when PDF cannot be made)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory

from giamngheo.core import documents
from giamngheo.core.documents import registry
from giamngheo.organisations.models import AdministrativeUnit


@pytest.fixture
def late_kind():
    """A kind registered after every app was loaded, as a module that only calls
    ``register_kind`` does; removed again afterwards."""
    kind = documents.DocumentKind(
        code="test_minutes",
        label="Biên bản (thử)",
        records=lambda: [("7", "Biên bản họp ban giám khảo")],
        load=lambda raw: {"id": raw} if raw == "7" else None,
        renderers={"docx": lambda record: b"DOCX " + record["id"].encode()},
    )
    documents.register_kind(kind)
    yield kind
    registry._KINDS.pop(kind.code)


def test_every_app_kind_is_in_the_one_registry():
    assert sorted(documents.document_kinds()) == [
        "awards.certificate",
        "awards.decision",
        "awards.minutes",
        "consolidated",
        "contests.certificate",
        "contests.decision",
        "contests.minutes",
        "fund_statement",
        "plan",
        "publication_delivery_note",
        "publication_distribution_report",
        "report",
        "subplan",
        "training.attendance_list",
        "training.certificate",
        "training.invitation",
        "training.report",
    ]
    assert sorted(documents.get_kind("subplan").renderers) == ["docx", "pdf", "xlsx"]
    assert documents.get_renderer("plan", "xlsx") is None
    assert documents.get_renderer("nothing", "docx") is None


def test_a_kind_registered_later_is_found_at_lookup(late_kind, tmp_path):
    assert documents.get_renderer("test_minutes", "docx") is late_kind.renderers["docx"]
    assert documents.document_kinds()["test_minutes"] is late_kind
    out = io.StringIO()
    call_command("render_document", "test_minutes", "--list", stdout=out)
    assert out.getvalue() == "7\tBiên bản họp ban giám khảo\n"
    target = tmp_path / "bien-ban.docx"
    call_command("render_document", "test_minutes", "7", "-o", str(target), stdout=io.StringIO())
    assert target.read_bytes() == b"DOCX 7"


def test_a_second_kind_with_the_same_code_is_refused(late_kind):
    documents.register_kind(late_kind)  # the same kind again: harmless
    with pytest.raises(ValueError, match="'test_minutes' is already registered"):
        documents.register_kind(
            documents.DocumentKind(
                code="test_minutes", label="x", records=list, load=lambda raw: None
            )
        )


def test_document_response_attaches_the_bytes(late_kind):
    request = RequestFactory().get("/")
    response = documents.document_response(
        request, kind="test_minutes", fmt="docx", record={"id": "7"}, name="bien-ban-7"
    )
    assert response.status_code == 200
    assert response.content == b"DOCX 7"
    assert response["Content-Type"] == documents.DOCX_MIME
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban-7.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"
    with pytest.raises(Http404):
        documents.document_response(
            request, kind="test_minutes", fmt="pdf", record={"id": "7"}, name="x"
        )


def test_soffice_binary_setting(settings):
    settings.PDF_SERVER = ""  # no converter running: each PDF starts LibreOffice
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    assert documents.soffice_path() is None
    with pytest.raises(documents.ConversionError) as exc:
        documents.docx_to_pdf(b"PK")
    assert str(exc.value) == "Chưa cài LibreOffice (gói libreoffice-writer-nogui) để xuất PDF."
    settings.SOFFICE_BINARY = "/bin/false"
    assert documents.soffice_path() == "/bin/false"
    with pytest.raises(documents.ConversionError) as exc:
        documents.docx_to_pdf(b"PK")
    assert str(exc.value) == "Không chuyển được văn bản sang PDF (LibreOffice báo lỗi, mã 1)."


@pytest.mark.django_db
def test_record_loader_takes_decimal_ids_only():
    load = documents.record_loader(AdministrativeUnit, ("parent",))
    assert load("abc") is None
    assert load("1" * 19) is None
    assert load("999999") is None
