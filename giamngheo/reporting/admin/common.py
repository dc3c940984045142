"""What the reporting screens share: rendering with the admin header, the document links."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from .. import document_views


def document_links(**kwargs) -> list[tuple[str, str]]:
    """Links to the documents the ``document_views`` module offers for these arguments
    (``dataset_pk`` + ``period_pk``, or ``submission_pk``): every named pattern that reverses."""
    labels = getattr(document_views, "DOCUMENT_LABELS", {})
    links = []
    for pattern in getattr(document_views, "admin_urlpatterns", []):
        name = getattr(pattern, "name", None)
        if not name:
            continue
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        links.append((str(labels.get(name, name)), url))
    return links


def render(request, template, context, status=200):
    context.setdefault("header_title", context.get("page_title", ""))
    return TemplateResponse(request, template, context, status=status)
