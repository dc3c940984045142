"""Public results pages (served through ResultsIndexPage's routes) and the open data endpoints.

Anonymous GET responses, the files and the JSON included, are cached whole by
core.cache.AnonymousPageCacheMiddleware and purged when the data change (services).
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_safe

from . import charts, exports, selectors
from .enums import COLUMNS, EXPORT_FORMATS, Structure
from .forms import NOT_FOUND, FilterForm
from .models import ResultsIndexPage
from .openapi import openapi_document

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _results_page() -> ResultsIndexPage | None:
    return ResultsIndexPage.objects.live().select_related("unit").first()


def _errors(form) -> list[dict]:
    return [
        {"field": name.replace("_", "-"), "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]


def _query(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


# --- pages -----------------------------------------------------------------------------------


def overview(request, *, page: ResultsIndexPage):
    years = selectors.province_by_year(unit=page.unit)
    communication = selectors.communication_results(plan=page.plan) if page.plan_id else None
    context = page.get_context(request)
    latest = years[-1] if years else None
    previous = years[-2] if len(years) > 1 else None
    context.update(
        years=years,
        years_newest_first=list(reversed(years)),
        latest=latest,
        previous=previous,
        is_sample_data=any(s.is_sample for y in years for s in y.sources),
        trend_chart=charts.trend_chart(rows=years, chart_id="xu-huong"),
        communication=communication,
        communication_tables=(
            [
                (
                    _("Theo hình thức truyền thông"),
                    "hinh-thuc",
                    communication.forms,
                    _("Hình thức"),
                ),
                (
                    _("Theo nội dung truyền thông"),
                    "noi-dung",
                    communication.contents,
                    _("Nội dung"),
                ),
                (_("Theo nguồn kinh phí"), "nguon-kinh-phi", communication.funding, _("Nguồn")),
            ]
            if communication
            else []
        ),
        feedback=selectors.feedback_statistics(),
        breakdown_url=page.url + page.reverse_subpage("breakdown"),
        downloads=[
            (fmt, reverse("results:years", args=[fmt]) + "?" + _query(**{"don-vi": page.unit_id}))
            for fmt in EXPORT_FORMATS
        ],
    )
    return TemplateResponse(request, "results/results_index_page.html", context)


def breakdown(request, *, page: ResultsIndexPage):
    form = FilterForm(request.GET, root=page.unit)
    context = page.get_context(request)
    context.update(form=form, overview_url=page.url, columns=COLUMNS)
    if not form.is_valid():
        context["years"] = selectors.years_for(unit=page.unit)
        return TemplateResponse(request, "results/breakdown.html", context, status=400)
    years = selectors.years_for(unit=page.unit)
    year = form.cleaned_data["nam"] or (years[0] if years else None)
    unit = form.cleaned_data["don_vi"]
    structure = form.cleaned_data["cau_truc"]
    sort = form.cleaned_data["sap_xep"]
    context.update(years=years, year=year, unit=unit, structure=structure, sort=sort)
    if year is None:
        return TemplateResponse(request, "results/breakdown.html", context)
    data = selectors.breakdown(unit=unit, year=year, structure=structure, sort=sort)
    base = {"nam": year, "don-vi": unit.pk, "cau-truc": structure}
    context.update(
        data=data,
        units=selectors.filter_units(root=page.unit, year=year, within=unit),
        structures=Structure.choices,
        is_sample_data=any(s.is_sample for s in data.sources),
        headers=_sort_headers(base=base, sort=sort),
        chart=charts.bar_chart(
            rows=data.rows,
            chart_id="ty-le-ngheo",
            caption=_("Tỷ lệ hộ nghèo năm %(year)s — %(unit)s") % {"year": year, "unit": unit.name},
        ),
        downloads=[
            (
                fmt,
                reverse("results:reviews", args=[fmt]) + "?" + _query(**base, **{"sap-xep": sort}),
            )
            for fmt in EXPORT_FORMATS
        ],
    )
    return TemplateResponse(request, "results/breakdown.html", context)


def _sort_headers(*, base: dict, sort: str) -> list[dict]:
    """Column headings as links that sort by the column (again: the other direction)."""
    headers = []
    for key, label in [("ten", _("Đơn vị")), *COLUMNS]:
        current = sort.lstrip("-") == key
        descending = sort.startswith("-")
        next_sort = "-" + key if current and not descending else key
        headers.append(
            {
                "key": key,
                "label": label,
                "url": "?" + _query(**base, **{"sap-xep": next_sort}),
                "aria_sort": ("descending" if descending else "ascending") if current else "none",
            }
        )
    return headers


# --- open data -------------------------------------------------------------------------------
#
# Read-only and public: GET and HEAD alone, answered before the CSRF check (``_read_only``), so
# another method (POST, QUERY, …) is a 405 with ``Allow``, not the CSRF page's 403. Every error is
# ``{"errors": [{field, message}]}`` in JSON, whatever format was asked for: 400 for a parameter
# that is not valid, 404 for one that names nothing (no such unit, no data, no such format).


OPEN_DATA_PARAMETERS = ("nam", "don-vi", "cau-truc", "sap-xep")


def _read_only(view):
    return csrf_exempt(require_safe(view))


def _json(payload: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _refused(form):
    status = 404 if form.has_error("don_vi", code=NOT_FOUND) else 400
    return _json({"errors": _errors(form)}, status=status)


def _not_found(field: str, message: str):
    return _json({"errors": [{"field": field, "message": message}]}, status=404)


def _unknown_format():
    return _not_found("fmt", _("Định dạng không được hỗ trợ (json, csv hoặc xlsx)."))


def _file(content: bytes, *, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _root_form(request):
    page = _results_page()
    form = FilterForm(request.GET, root=None)
    for name in OPEN_DATA_PARAMETERS:
        # Given empty, a parameter is refused, not read as "the default": a client leaves it out.
        if name in request.GET and not request.GET[name].strip():
            field = name.replace("-", "_")
            form.errors.pop(field, None)  # one message: the field's own "not valid" says less
            form.add_error(
                field,
                _("Tham số %(name)s không được để trống.") % {"name": name},
            )
    if form.is_valid() and form.cleaned_data["don_vi"] is None:
        if page is None:
            # No results page names the default unit: there is no default data set to give.
            form.add_error(
                "don_vi",
                ValidationError(_("Hãy chọn đơn vị (tham số don-vi)."), code=NOT_FOUND),
            )
        else:
            form.cleaned_data["don_vi"] = page.unit
    return form


@_read_only
def reviews_dataset(request, fmt: str):
    """The breakdown table of one year under one unit."""
    if fmt not in EXPORT_FORMATS:
        return _unknown_format()
    form = _root_form(request)
    if not form.is_valid():
        return _refused(form)
    unit = form.cleaned_data["don_vi"]
    year = form.cleaned_data["nam"]
    if year is None:
        years = selectors.years_for(unit=unit)
        if not years:
            return _not_found("nam", _("Đơn vị này chưa có số liệu."))
        year = years[0]
    data = selectors.breakdown(
        unit=unit,
        year=year,
        structure=form.cleaned_data["cau_truc"],
        sort=form.cleaned_data["sap_xep"],
    )
    if fmt == "json":
        return _json(exports.breakdown_json(data))
    headers, rows = exports.breakdown_table(data)
    name = f"ra-soat-ho-ngheo-{year}-{unit.code}-{data.structure}"
    if fmt == "csv":
        return _file(exports.to_csv(headers, rows), fmt=fmt, filename=name)
    return _file(exports.to_xlsx(headers, rows, title=str(year)), fmt=fmt, filename=name)


@_read_only
def years_dataset(request, fmt: str):
    """Totals by year under one unit (the units of each year)."""
    if fmt not in EXPORT_FORMATS:
        return _unknown_format()
    form = _root_form(request)
    if not form.is_valid():
        return _refused(form)
    unit = form.cleaned_data["don_vi"]
    rows = selectors.province_by_year(unit=unit)
    if fmt == "json":
        return _json(exports.years_json(unit=unit, rows=rows))
    headers, table = exports.years_table(unit=unit, rows=rows)
    name = f"tong-hop-theo-nam-{unit.code}"
    if fmt == "csv":
        return _file(exports.to_csv(headers, table), fmt=fmt, filename=name)
    return _file(exports.to_xlsx(headers, table, title=unit.code), fmt=fmt, filename=name)


@_read_only
def units_dataset(request):
    """Units in force in a year under the results page's province (ids for ``don-vi``)."""
    form = _root_form(request)
    if not form.is_valid():
        return _refused(form)
    root = form.cleaned_data["don_vi"]
    year = form.cleaned_data["nam"]
    if year is None:
        years = selectors.years_for(unit=root)
        year = years[0] if years else None
    units = selectors.units_in_year(root=root, year=year) if year else [root]
    return _json(
        {
            "year": year,
            "units": [
                {
                    "id": u.pk,
                    "code": u.code,
                    "name": u.name,
                    "level": u.level,
                    "parent_id": u.parent_id,
                }
                for u in units
            ],
        }
    )


@_read_only
def openapi(request):
    response = HttpResponse(
        json.dumps(openapi_document(request), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def open_data(request):
    page = _results_page()
    years = selectors.years_for(unit=page.unit) if page else []
    example = _query(**{"nam": years[0] if years else "", "don-vi": page.unit_id if page else ""})
    return TemplateResponse(
        request,
        "results/open_data.html",
        {
            "results_page": page,
            "years": years,
            "example_query": example,
            "formats": EXPORT_FORMATS,
        },
    )
