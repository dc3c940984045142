"""Issue 22 item 6: PDFs carrying JavaScript, launch actions or embedded files are refused by
core.uploads for every app, and by Wagtail's own document and image upload forms."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from giamngheo.core.uploads import validate_upload
from tests.pdfs import ACTIVE_PDFS, PDF_REFUSED, plain_pdf


def test_plain_pdf_is_accepted_byte_for_byte():
    data = plain_pdf()
    clean = validate_upload(SimpleUploadedFile("ke-hoach.pdf", data), allowed={"pdf"})
    assert clean.kind == "pdf"
    assert clean.content.read() == data


@pytest.mark.parametrize("kind", sorted(ACTIVE_PDFS))
def test_active_pdf_is_refused_in_vietnamese(kind):
    with pytest.raises(ValidationError) as err:
        validate_upload(SimpleUploadedFile("ke-hoach.pdf", ACTIVE_PDFS[kind]()), allowed={"pdf"})
    assert err.value.code == "pdf_active"
    assert err.value.messages[0].startswith(PDF_REFUSED)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", password="QuanTri-2023-demo!")
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(ACTIVE_PDFS))
def test_wagtail_document_form_refuses_active_pdf(admin_client, kind):
    upload = SimpleUploadedFile("van-ban.pdf", ACTIVE_PDFS[kind](), "application/pdf")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Văn bản", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert PDF_REFUSED in response.content.decode()
    assert Document.objects.filter(title="Văn bản").count() == 0


@pytest.mark.django_db
def test_wagtail_document_form_accepts_plain_pdf(admin_client):
    upload = SimpleUploadedFile("van-ban.pdf", plain_pdf(), "application/pdf")
    response = admin_client.post(
        "/admin/documents/add/", {"title": "Văn bản", "file": upload, "collection": 1}
    )
    assert response.status_code == 302
    assert Document.objects.get(title="Văn bản").file.name.endswith(".pdf")


@pytest.mark.django_db
def test_wagtail_multiple_document_upload_refuses_active_pdf(admin_client):
    upload = SimpleUploadedFile("van-ban.pdf", ACTIVE_PDFS["javascript"](), "application/pdf")
    response = admin_client.post(
        "/admin/documents/multiple/add/", {"files[]": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert PDF_REFUSED in response.json()["error_message"]
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_wagtail_image_form_refuses_a_pdf_named_as_an_image(admin_client):
    upload = SimpleUploadedFile("anh.jpg", ACTIVE_PDFS["javascript"](), "image/jpeg")
    response = admin_client.post(
        "/admin/images/add/", {"title": "Ảnh", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert Image.objects.filter(title="Ảnh").count() == 0
