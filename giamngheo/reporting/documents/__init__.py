"""Reports as official documents (Nghị định 30/2020/NĐ-CP) and their XLSX annexes.

- A unit's report (*báo cáo của đơn vị*): one ``Submission``, issued by the reporting body to the
  lead department: its figures, its explanation.
- The consolidated report (*báo cáo tổng hợp*) of the lead department to the Provincial People's
  Committee for one ``Period`` of a data set (a period belongs to one data set, so its id names
  both): I. results by form 2.1–2.6 and budget by funding source, the figures the units
  reported; II. completeness and timeliness; III. recommendations. Its XLSX annex holds the
  tables by organisation, by unit, by indicator and by funding source.

The layout is the kit's (``giamngheo.core.documents``); every figure comes from the
reporting selectors, each in a constant number of queries, so the documents of a province with
thousands of activities are built in the same few queries as those of a test case.
Document wording is Vietnamese whatever the interface language (an official document is issued
in Vietnamese).

Modules: ``common`` (formats and phrases), ``report`` (the unit's report and annex),
``consolidated`` (its figures and document), ``annex`` (its XLSX annex). The kinds ``report`` and
``consolidated`` are registered here, at import (the kit's registry imports this module before
every lookup).
"""

from __future__ import annotations

from giamngheo.core.documents import DocumentKind, record_loader, register_kind

from ..models import Period, Submission
from .annex import build_consolidated_documents, build_consolidated_xlsx
from .common import cell_number, number_text, percent_text, report_summary, short_label
from .consolidated import Consolidated, build_consolidated_docx, build_consolidated_pdf
from .report import build_report_docx, build_report_pdf, build_report_xlsx, report_document

__all__ = [
    "Consolidated",
    "build_consolidated_documents",
    "build_consolidated_docx",
    "build_consolidated_pdf",
    "build_consolidated_xlsx",
    "build_report_docx",
    "build_report_pdf",
    "build_report_xlsx",
    "cell_number",
    "number_text",
    "percent_text",
    "report_document",
    "report_summary",
    "short_label",
]

REPORT = register_kind(
    DocumentKind(
        code="report",
        label="Báo cáo của đơn vị",
        records=lambda: (
            (str(s.pk), s.title)
            for s in Submission.objects.select_related(
                "dataset", "period", "organisation"
            ).order_by("pk")
        ),
        load=record_loader(Submission, ("dataset", "period", "organisation")),
        renderers={"docx": build_report_docx, "pdf": build_report_pdf, "xlsx": build_report_xlsx},
    )
)
CONSOLIDATED = register_kind(
    DocumentKind(
        code="consolidated",
        label="Báo cáo tổng hợp (mã = mã kỳ báo cáo)",
        records=lambda: (
            (str(p.pk), f"{p.dataset.name} — {p.name}")
            for p in Period.objects.select_related("dataset").order_by("pk")
        ),
        load=record_loader(Period, ("dataset",)),
        renderers={
            "docx": build_consolidated_docx,
            "pdf": build_consolidated_pdf,
            "xlsx": build_consolidated_xlsx,
        },
        id_help="mã kỳ báo cáo (một kỳ thuộc một biểu báo cáo)",
    )
)
