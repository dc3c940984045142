"""Download responses for official documents, shared by every app's download views.

The app's view fetches the record through its scoped selector (a foreign id is a 404), then
returns ``document_response``: the registry's renderer for (kind, format), the bytes as an
attachment. When LibreOffice is missing or a conversion fails, the answer is 503 (Service
Unavailable: the server cannot make that format now, the document itself is fine) with the
Vietnamese reason, never a 500.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .layout import DOCX_MIME
from .pdf import PDF_MIME, ConversionError
from .registry import get_renderer
from .xlsx import XLSX_MIME

MIME_TYPES = {"docx": DOCX_MIME, "pdf": PDF_MIME, "xlsx": XLSX_MIME}


def attachment(data: bytes, *, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=MIME_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def unavailable(request: HttpRequest, *, message: str) -> HttpResponse:
    response = TemplateResponse(
        request, "core/document_unavailable.html", {"message": message}, status=503
    )
    response["Retry-After"] = "3600"
    return response


def document_response(
    request: HttpRequest, *, kind: str, fmt: str, record: object, name: str
) -> HttpResponse:
    renderer = get_renderer(kind, fmt)
    if renderer is None:
        raise Http404
    try:
        data = renderer(record)
    except ConversionError as exc:
        return unavailable(request, message=str(exc))
    return attachment(data, fmt=fmt, name=name)
