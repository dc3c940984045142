"""Admin downloads of the plan (DOCX, PDF) and of a sub-plan (DOCX, PDF, XLSX annex).

Thin: the scoped selector fetches the record (a foreign or unknown id is a 404), the kit's
``document_response`` renders it through the one document registry and names the file; a missing
LibreOffice or a failed conversion answers 503 with the Vietnamese reason, never a 500.
``planning/wagtail_hooks.py`` registers ``plan_urlpatterns`` and ``subplan_urlpatterns``.
"""

from __future__ import annotations

from django.urls import path
from django.utils.text import slugify

from giamngheo.core.documents import document_response

from . import selectors

PLAN_FORMATS = ("docx", "pdf")
SUBPLAN_FORMATS = ("docx", "pdf", "xlsx")


def download_plan(request, pk: str, fmt: str):
    plan = selectors.get_plan_for_user(user=request.user, pk=pk)
    name = slugify(f"ke-hoach-{plan.year}-{plan.pk}") or "ke-hoach"
    return document_response(request, kind="plan", fmt=fmt, record=plan, name=name)


def download_subplan(request, pk: str, fmt: str):
    subplan = selectors.get_subplan_for_user(user=request.user, pk=pk)
    name = slugify(f"ke-hoach-cu-the-{subplan.plan.year}-{subplan.pk}") or "ke-hoach-cu-the"
    return document_response(request, kind="subplan", fmt=fmt, record=subplan, name=name)


plan_urlpatterns = [
    path(
        f"ke-hoach/ke-hoach/<str:pk>/tai-ve.{fmt}",
        download_plan,
        {"fmt": fmt},
        name=f"planning_download_plan_{fmt}",
    )
    for fmt in PLAN_FORMATS
]

subplan_urlpatterns = [
    path(
        f"ke-hoach/ke-hoach-cu-the/<str:pk>/tai-ve.{fmt}",
        download_subplan,
        {"fmt": fmt},
        name=f"planning_download_subplan_{fmt}",
    )
    for fmt in SUBPLAN_FORMATS
]
