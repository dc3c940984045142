"""The filters of the results pages and the open data (GET), and the import upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.models import AdministrativeUnit

from .enums import SORT_KEYS, Structure
from .models import MAX_YEAR, MIN_YEAR

# The error code of a parameter naming nothing (no such unit, no data): answered 404.
NOT_FOUND = "not_found"


class FilterForm(forms.Form):
    """``nam`` (year), ``don-vi`` (unit id), ``cau-truc`` (structure), ``sap-xep`` (sort)."""

    nam = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "invalid": _("Năm không hợp lệ."),
            "min_value": _("Năm không hợp lệ."),
            "max_value": _("Năm không hợp lệ."),
        },
    )
    don_vi = forms.CharField(label=_("Đơn vị"), required=False, max_length=12)
    cau_truc = forms.ChoiceField(
        label=_("Cách trình bày địa giới"),
        required=False,
        choices=Structure.choices,
        error_messages={"invalid_choice": _("Cách trình bày không hợp lệ.")},
    )
    sap_xep = forms.CharField(label=_("Sắp xếp"), required=False, max_length=24)

    def __init__(self, data=None, *, root: AdministrativeUnit | None = None):
        # GET names use hyphens (don-vi, cau-truc, sap-xep), which are not Python identifiers.
        if data is not None:
            data = {key.replace("-", "_"): data.get(key) for key in data}
        super().__init__(data)
        self.root = root

    def clean_don_vi(self) -> AdministrativeUnit | None:
        raw = (self.cleaned_data.get("don_vi") or "").strip()
        if not raw:
            return self.root
        if not raw.isdigit():
            raise forms.ValidationError(_("Đơn vị không hợp lệ."))
        queryset = AdministrativeUnit.objects.filter(pk=int(raw))
        if self.root is not None:
            queryset = queryset.filter(path__startswith=self.root.path)
        unit = queryset.first()
        if unit is None:
            # A well-formed id of no unit: the open data answers 404, not 400 (views.NOT_FOUND).
            raise forms.ValidationError(_("Không có đơn vị này."), code=NOT_FOUND)
        return unit

    def clean_cau_truc(self) -> str:
        return self.cleaned_data.get("cau_truc") or Structure.AS_OF

    def clean_sap_xep(self) -> str:
        value = (self.cleaned_data.get("sap_xep") or "").strip()
        if value and value.lstrip("-") not in SORT_KEYS:
            raise forms.ValidationError(_("Cách sắp xếp không hợp lệ."))
        return value


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp số liệu (XLSX)"),
        help_text=_("Dùng đúng tệp mẫu; hệ thống chỉ nhập khi mọi dòng đều hợp lệ."),
    )
    is_sample = forms.BooleanField(
        label=_("Đây là số liệu mẫu minh họa (không phải số liệu chính thức)"), required=False
    )


class TemplateForm(forms.Form):
    nam = forms.IntegerField(
        label=_("Năm rà soát"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": _("Hãy nhập năm."),
            "invalid": _("Năm không hợp lệ."),
            "min_value": _("Năm không hợp lệ."),
            "max_value": _("Năm không hợp lệ."),
        },
    )
