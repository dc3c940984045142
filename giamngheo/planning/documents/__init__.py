"""The planning app's official documents: the plan (DOCX, PDF) and a sub-plan (DOCX, PDF and its
XLSX annex), in the layout of Nghị định 30/2020/NĐ-CP from the kit (``giamngheo.core.documents``).

- ``plan`` — ``build_plan_docx``, ``build_plan_pdf``.
- ``subplan`` — ``build_subplan_docx``, ``build_subplan_pdf``, ``build_subplan_xlsx``.
- ``bodies`` — how an organisation appears on what it issues (place name, symbol, signature),
  for every app whose documents are issued by an organisation of the plan.

The kinds ``plan`` and ``subplan`` are registered here, at import; the kit's registry imports this
module (``autodiscover_modules("documents")``) before every lookup, so the download views and
``manage.py render_document`` find them, and the kinds every other app registers in its own
``documents`` module, the same way. The kit's names are re-exported for the callers of old.
"""

from __future__ import annotations

from giamngheo.core.documents import (
    DOCX_MIME,
    MIME_TYPES,
    PDF_MIME,
    XLSX_MIME,
    XLSX_NUMBER_FORMAT,
    ConversionError,
    DocumentKind,
    document_kinds,
    docx_to_pdf,
    format_date,
    format_dong,
    format_number,
    place_and_date,
    record_loader,
    register_kind,
    soffice_path,
)

from ..models import Plan, SubPlan
from .bodies import body_abbreviation, parent_line, place_name, plan_reference, signer_for
from .plan import build_plan_docx, build_plan_pdf
from .subplan import build_subplan_docx, build_subplan_pdf, build_subplan_xlsx, subplan_document

__all__ = [
    "DOCX_MIME",
    "MIME_TYPES",
    "PDF_MIME",
    "XLSX_MIME",
    "XLSX_NUMBER_FORMAT",
    "ConversionError",
    "body_abbreviation",
    "build_plan_docx",
    "build_plan_pdf",
    "build_subplan_docx",
    "build_subplan_pdf",
    "build_subplan_xlsx",
    "document_kinds",
    "docx_to_pdf",
    "format_date",
    "format_dong",
    "format_number",
    "parent_line",
    "place_and_date",
    "place_name",
    "plan_reference",
    "signer_for",
    "soffice_path",
    "subplan_document",
]

PLAN = register_kind(
    DocumentKind(
        code="plan",
        label="Kế hoạch",
        records=lambda: ((str(p.pk), str(p)) for p in Plan.objects.order_by("pk")),
        load=record_loader(Plan),
        renderers={"docx": build_plan_docx, "pdf": build_plan_pdf},
    )
)
SUBPLAN = register_kind(
    DocumentKind(
        code="subplan",
        label="Kế hoạch cụ thể",
        records=lambda: (
            (str(s.pk), f"{s.organisation.name} — {s.title}")
            for s in SubPlan.objects.select_related("organisation").order_by("pk")
        ),
        load=record_loader(SubPlan),
        renderers={
            "docx": build_subplan_docx,
            "pdf": build_subplan_pdf,
            "xlsx": build_subplan_xlsx,
        },
    )
)
