"""Issue 22 item 11: after erasure no table holds the person's e-mail, name or phone; the proof
of consent stays as a keyed hash with the purpose, the time and the notice version."""

import io
import json

import pytest
from django.core.management import call_command

from giamngheo.feedback import services
from giamngheo.feedback.enums import IdentityMode
from giamngheo.organisations.models import ConsentRecord
from giamngheo.organisations.services import consent_subject_hash

pytestmark = pytest.mark.django_db

EMAIL = "tran.thi.xoa@example.vn"
NAME = "Trần Thị Xoá Dữ Liệu"
PHONE = "0987654321"


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "--format", "json", stdout=out)
    return out.getvalue()


def _holds(dump: str, value: str) -> bool:
    return value in dump or json.dumps(value)[1:-1] in dump


def test_erasure_leaves_no_identifier_in_any_table_and_keeps_consent_proof(fb):
    for subject in ("Câu hỏi thứ nhất", "Câu hỏi thứ hai"):
        services.submit_feedback(
            kind="question",
            category=fb.categories["bhyt"],
            subject=subject,
            description="Nội dung.",
            unit=fb.units["N1a"],
            identity_mode=IdentityMode.IDENTIFIED,
            reporter_name=NAME,
            reporter_email=EMAIL,
            reporter_phone=PHONE,
            consent_processing=True,
            consent_publish=True,
            notify=False,
        )
    before = _dump()
    assert _holds(before, EMAIL) and _holds(before, NAME) and _holds(before, PHONE)
    assert ConsentRecord.objects.filter(subject_key=EMAIL).count() == 4

    call_command("personal_data", "erase", "--subject", EMAIL, "--yes")

    after = _dump()
    assert (_holds(after, EMAIL), _holds(after, NAME), _holds(after, PHONE)) == (
        False,
        False,
        False,
    )
    proofs = ConsentRecord.objects.filter(subject_hash=consent_subject_hash(EMAIL))
    assert proofs.count() == 4
    assert set(proofs.values_list("subject_key", flat=True)) == {""}
    assert sorted(p.purpose_code for p in proofs) == [
        "feedback-processing",
        "feedback-processing",
        "feedback-publish",
        "feedback-publish",
    ]
    assert all(p.given_at is not None and p.withdrawn_at is not None for p in proofs)
    # The subject is found again by the identifier: the proof can be shown to them.
    out = io.StringIO()
    call_command("personal_data", "export", "--subject", EMAIL, stdout=out)
    assert "organisations.consent" in out.getvalue()
