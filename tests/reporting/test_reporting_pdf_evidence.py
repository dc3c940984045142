"""Issue 22 item 6: report evidence refuses PDFs carrying active content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.reporting import services
from giamngheo.reporting.models import SubmissionEvidence
from tests.pdfs import ACTIVE_PDFS, PDF_REFUSED, plain_pdf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", sorted(ACTIVE_PDFS))
def test_active_pdf_evidence_is_refused(rworld, start, kind):
    submission = start("D1", actor_key="district_officer")
    with pytest.raises(ValidationError) as exc:
        services.add_evidence(
            submission=submission,
            actor=rworld.users["district_officer"],
            title="Biên bản nghiệm thu",
            upload=SimpleUploadedFile("bien-ban.pdf", ACTIVE_PDFS[kind]()),
        )
    assert exc.value.message_dict["evidence_file"][0].startswith(PDF_REFUSED)
    assert SubmissionEvidence.objects.count() == 0


def test_plain_pdf_evidence_is_kept(rworld, start):
    submission = start("D1", actor_key="district_officer")
    evidence = services.add_evidence(
        submission=submission,
        actor=rworld.users["district_officer"],
        title="Biên bản nghiệm thu",
        upload=SimpleUploadedFile("bien-ban.pdf", plain_pdf()),
    )
    assert evidence.file_kind == "pdf"
