"""Spreadsheet safety shared by every CSV/XLSX export, a CSV/XLSX table download, and the scoped
admin list exports come from."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views import generic

from .numbers import is_grouped_field

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """Prefix a would-be formula with ' so the spreadsheet shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class ScopedIndexView(generic.IndexView):
    """An admin list whose rows come from a scoped selector ``scoped_list(user=…)``.

    Its CSV/XLSX exports hold exactly the same rows, every text cell neutralised.
    """

    scoped_list = None

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        # A money or count field named in ``list_display`` is written 140.000.000, not 140000000.
        if column_class is Column and is_grouped_field(self.model, field_name):
            column_class = NumberColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_cell(super().preprocess_field_value(field, value, export_format))

    def get_base_queryset(self):
        return type(self).scoped_list(user=self.request.user)

    def stream_csv(self, queryset):
        # A BOM first: Excel reads UTF-8 Vietnamese correctly only with one (as table_response).
        yield CSV_BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_MIME
        return response


CSV_MIME = "text/csv; charset=utf-8"
CSV_BOM = "\ufeff"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(rows, *, fmt: str, filename: str, sheet_title: str = "") -> HttpResponse:
    """Rows (the first one the header) as a CSV or XLSX download, every cell neutralised.

    The CSV opens with a BOM: Excel reads UTF-8 Vietnamese correctly only with one.
    """
    safe = [[neutralise_cell(c) for c in row] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        out.write(CSV_BOM)
        csv.writer(out).writerows(safe)
        response = HttpResponse(out.getvalue(), content_type=CSV_MIME)
    elif fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        if sheet_title:
            sheet.title = sheet_title[:31]
        for row in safe:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX_MIME)
    else:
        raise ValueError(fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
