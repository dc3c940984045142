"""Every document download when PDF cannot be made: 503 with the Vietnamese reason, never 500.

The converter is pointed at a binary that is not there (``SOFFICE_BINARY``) or at one that fails
(``/bin/false``): the plan, the sub-plan, the unit's report and the consolidated report answer
alike, and the DOCX and XLSX of the same records still download.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from giamngheo.core.documents import DOCX_MIME

MISSING = "Chưa cài LibreOffice (gói libreoffice-writer-nogui) để xuất PDF."
FAILED = "Không chuyển được văn bản sang PDF"


@pytest.fixture
def downloads(rworld, start):
    submission = start("D1", actor_key="district_officer")
    subplan = rworld.activity.subplan
    period = {"dataset_pk": rworld.dataset.pk, "period_pk": rworld.period.pk}
    return {
        "plan": lambda fmt: reverse(f"planning_download_plan_{fmt}", args=[rworld.p.plan.pk]),
        "subplan": lambda fmt: reverse(f"planning_download_subplan_{fmt}", args=[subplan.pk]),
        "report": lambda fmt: reverse(
            f"reporting_download_report_{fmt}", kwargs={"submission_pk": submission.pk}
        ),
        "consolidated": lambda fmt: reverse(
            f"reporting_download_consolidated_{fmt}", kwargs=period
        ),
    }


@pytest.mark.parametrize(
    ("binary", "reason"), [("/nonexistent/soffice", MISSING), ("/bin/false", FAILED)]
)
@pytest.mark.parametrize("kind", ["plan", "subplan", "report", "consolidated"])
def test_pdf_download_without_libreoffice_answers_503(
    client, rworld, downloads, settings, kind, binary, reason
):
    settings.PDF_SERVER = ""  # no converter running: each PDF would start LibreOffice
    settings.SOFFICE_BINARY = binary
    client.force_login(rworld.users["province_admin"])
    response = client.get(downloads[kind]("pdf"))
    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    body = response.content.decode()
    assert reason in body
    assert "Chưa xuất được văn bản" in body
    assert re.search(r"<h1[^>]*>\s*(<[^>]+>\s*)*Chưa xuất được văn bản", body)  # the page's heading
    # The same record still downloads as DOCX: only the conversion is missing.
    docx = client.get(downloads[kind]("docx"))
    assert docx.status_code == 200
    assert docx["Content-Type"] == DOCX_MIME


def test_unavailable_pdf_still_checks_scope_first(client, rworld, downloads, settings):
    settings.PDF_SERVER = ""
    settings.SOFFICE_BINARY = "/nonexistent/soffice"
    client.force_login(rworld.users["other_district_officer"])
    assert client.get(downloads["subplan"]("pdf")).status_code == 404
    assert client.get(downloads["report"]("pdf")).status_code == 404
