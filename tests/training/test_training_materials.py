"""A course's materials (issue #16: "materials (documents, public or for participants only)"):
checked by content on upload; the public ones listed on the portal's course page and served to
anyone; the participants' ones only through a participant's ticket."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter

from giamngheo.training import services
from giamngheo.training.enums import Audience
from giamngheo.training.models import Material


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def materials(tworld, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    course = tworld.course(title="Lớp có tài liệu")
    organiser = tworld.users["organiser"]
    public = services.add_material(
        actor=organiser,
        course=course,
        title="Chương trình lớp học",
        audience=Audience.PUBLIC,
        upload=SimpleUploadedFile("chuong-trinh.pdf", _pdf()),
    )
    private = services.add_material(
        actor=organiser,
        course=course,
        title="Bài giảng cho học viên",
        audience=Audience.PARTICIPANTS,
        upload=SimpleUploadedFile("bai-giang.pdf", _pdf()),
    )
    enrolment = tworld.name(tworld.allot(course), n=1)
    return course, public, private, enrolment


def test_public_materials_on_the_portal_and_the_others_only_by_ticket(materials):
    course, public, private, enrolment = materials
    page = Client().get(reverse("training:course", args=[course.pk])).content.decode()
    assert "Chương trình lớp học" in page
    assert reverse("training:material", args=[public.pk]) in page
    assert "Bài giảng cho học viên" not in page
    served = Client().get(reverse("training:material", args=[public.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
    assert Client().get(reverse("training:material", args=[private.pk])).status_code == 404
    by_ticket = Client().get(
        reverse("training:ticket_material", args=[enrolment.ticket, private.pk])
    )
    assert by_ticket.status_code == 200
    assert by_ticket["Cache-Control"] == "private, no-store"
    assert b"".join(by_ticket.streaming_content).startswith(b"%PDF-")
    # A ticket opens its own course's materials only.
    assert (
        Client()
        .get(reverse("training:ticket_material", args=["ZZZZZZZZZZ", private.pk]))
        .status_code
        == 404
    )


def test_a_hidden_course_serves_no_public_material(materials):
    course, public, _private, _enrolment = materials
    course.is_public = False
    course.save(update_fields=["is_public"])
    assert Client().get(reverse("training:material", args=[public.pk])).status_code == 404
    assert Client().get(reverse("training:course", args=[course.pk])).status_code == 404


def test_a_material_that_is_not_a_document_or_not_the_organisers_is_refused(
    tworld, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    course = tworld.course()
    with pytest.raises(ValidationError) as exc:
        services.add_material(
            actor=tworld.users["organiser"],
            course=course,
            title="Không phải tài liệu",
            audience=Audience.PUBLIC,
            upload=SimpleUploadedFile("tai-lieu.pdf", b"MZ\x90\x00 not a document" * 20),
        )
    assert exc.value.message_dict["file"] == [
        "Loại tệp không được chấp nhận. Chỉ nhận: docx, ods, odt, pdf, xlsx."
    ]
    tworld.allot(course, "D1")
    with pytest.raises(PermissionDenied):
        services.add_material(
            actor=tworld.users["district_officer"],
            course=course,
            title="Tài liệu của huyện",
            audience=Audience.PUBLIC,
            upload=SimpleUploadedFile("tai-lieu.pdf", _pdf()),
        )
    assert Material.objects.count() == 0
