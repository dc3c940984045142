"""Admin download of a sub-plan as an official document (DOCX, PDF) or its annex (XLSX).

Thin: the scoped selector fetches the sub-plan (a foreign or unknown id is a 404), the renderer
builds the bytes, the response names the file. The lead adds to ``planning/wagtail_hooks.py``::

    from .document_views import subplan_urlpatterns
    ...  register_planning_urls returns [...] + subplan_urlpatterns
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.text import slugify

from . import documents, selectors

PLAN_FORMATS = ("docx", "pdf")
SUBPLAN_FORMATS = ("docx", "pdf", "xlsx")


def attachment(data: bytes, *, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.MIME_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_plan(request, pk: str, fmt: str):
    plan = selectors.get_plan_for_user(user=request.user, pk=pk)
    data = documents.RENDERERS[("plan", fmt)](plan)
    name = slugify(f"ke-hoach-{plan.year}-{plan.pk}") or "ke-hoach"
    return attachment(data, fmt=fmt, name=name)


def download_subplan(request, pk: str, fmt: str):
    subplan = selectors.get_subplan_for_user(user=request.user, pk=pk)
    renderer = documents.RENDERERS.get(("subplan", fmt))
    if renderer is None:
        raise Http404
    try:
        data = renderer(subplan)
    except documents.ConversionError as exc:
        messages.error(request, str(exc))
        return redirect("ke-hoach-cu-the:inspect", subplan.pk)
    name = slugify(f"ke-hoach-cu-the-{subplan.plan.year}-{subplan.pk}") or "ke-hoach-cu-the"
    return attachment(data, fmt=fmt, name=name)


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
