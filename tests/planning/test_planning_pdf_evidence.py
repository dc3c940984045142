"""Issue 22 item 6: activity evidence refuses PDFs carrying active content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.planning import services
from giamngheo.planning.models import Evidence
from tests.pdfs import ACTIVE_PDFS, PDF_REFUSED, plain_pdf


@pytest.mark.parametrize("kind", sorted(ACTIVE_PDFS))
def test_active_pdf_evidence_is_refused(
    pworld, make_subplan, make_activity, settings, tmp_path, kind
):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(make_subplan("D1"))
    with pytest.raises(ValidationError) as exc:
        services.add_evidence_file(
            actor=pworld.users["district_officer"],
            activity=activity,
            title="Biên bản",
            upload=SimpleUploadedFile("bien-ban.pdf", ACTIVE_PDFS[kind]()),
        )
    assert exc.value.message_dict["file"][0].startswith(PDF_REFUSED)
    assert Evidence.objects.count() == 0
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_plain_pdf_evidence_is_kept(pworld, make_subplan, make_activity, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = make_activity(make_subplan("D1"))
    evidence = services.add_evidence_file(
        actor=pworld.users["district_officer"],
        activity=activity,
        title="Biên bản",
        upload=SimpleUploadedFile("bien-ban.pdf", plain_pdf()),
    )
    assert evidence.file_kind == "pdf"
