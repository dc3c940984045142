"""Spreadsheet safety shared by every CSV/XLSX export, and the scoped admin list they come from."""

from __future__ import annotations

from wagtail.admin.views import generic

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

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_cell(super().preprocess_field_value(field, value, export_format))

    def get_base_queryset(self):
        return type(self).scoped_list(user=self.request.user)
