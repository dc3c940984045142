"""Admin download views for the reporting documents (unit report, consolidated report, annex).

``admin_urlpatterns`` is included by the reporting admin hook; ``DOCUMENT_LABELS`` names each
pattern for the links the completeness and report screens show (``views.document_links``
reverses every pattern with ``submission_pk`` or with ``dataset_pk`` and ``period_pk``).

Thin views: the scoped selectors fetch the record (a foreign or unknown id is a 404), the
consolidated report is the lead department's only (``can_review``), the renderer builds the
bytes through the kit's one registry. A missing LibreOffice or a failed conversion answers 503
with the Vietnamese reason, never a 500.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from giamngheo.core.documents import document_response

from . import selectors

FORMATS = ("docx", "pdf", "xlsx")
FORMAT_LABELS = {
    "docx": _("văn bản DOCX"),
    "pdf": _("văn bản PDF"),
    "xlsx": _("phụ lục XLSX"),
}


def download_report(request, submission_pk: str, fmt: str):
    submission = selectors.get_submission_for_user(user=request.user, pk=submission_pk)
    name = slugify(f"bao-cao-{submission.period.end.year}-{submission.pk}") or "bao-cao"
    return document_response(request, kind="report", fmt=fmt, record=submission, name=name)


def download_consolidated(request, dataset_pk: str, period_pk: str, fmt: str):
    dataset = selectors.get_dataset_for_user(user=request.user, pk=dataset_pk)
    if not request.user.has_perm("reporting.review_dataset", dataset):
        raise Http404
    period = selectors.get_period_for_user(user=request.user, dataset=dataset, pk=period_pk)
    name = slugify(f"bao-cao-tong-hop-{period.end.year}-{period.pk}") or "bao-cao-tong-hop"
    return document_response(request, kind="consolidated", fmt=fmt, record=period, name=name)


admin_urlpatterns = [
    *[
        path(
            f"bao-cao/bao-cao-don-vi/<str:submission_pk>/tai-ve.{fmt}",
            download_report,
            {"fmt": fmt},
            name=f"reporting_download_report_{fmt}",
        )
        for fmt in FORMATS
    ],
    *[
        path(
            f"bao-cao/bieu-bao-cao/<str:dataset_pk>/ky/<str:period_pk>/bao-cao-tong-hop.{fmt}",
            download_consolidated,
            {"fmt": fmt},
            name=f"reporting_download_consolidated_{fmt}",
        )
        for fmt in FORMATS
    ],
]


def _label(kind: str, fmt: str) -> str:
    template = (
        gettext("Báo cáo của đơn vị (%(format)s)")
        if kind == "report"
        else gettext("Báo cáo tổng hợp (%(format)s)")
    )
    return template % {"format": FORMAT_LABELS[fmt]}


# Translated when shown, in the language of the request, not when this module is imported.
_lazy_label = lazy(_label, str)
DOCUMENT_LABELS = {
    f"reporting_download_{kind}_{fmt}": _lazy_label(kind, fmt)
    for kind in ("report", "consolidated")
    for fmt in FORMATS
}
