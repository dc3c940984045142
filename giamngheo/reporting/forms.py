"""Forms of the reporting admin screens. The value grid of a report is not a Django form: its
fields are the data set's indicators × categories, read by ``entry_from_post``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations import selectors as org_selectors

from . import selectors
from .models import Period


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.dataset.name} — {obj.name}"


class StartSubmissionForm(forms.Form):
    period = PeriodChoiceField(
        label=_("Biểu và kỳ báo cáo"),
        queryset=Period.objects.none(),
        empty_label=_("— Chọn biểu, kỳ báo cáo —"),
        error_messages={"invalid_choice": _("Kỳ báo cáo không hợp lệ.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Cơ quan, đơn vị báo cáo"),
        queryset=org_selectors.Organisation.objects.none(),
        empty_label=_("— Chọn cơ quan, đơn vị —"),
        error_messages={"invalid_choice": _("Cơ quan, đơn vị nằm ngoài phạm vi của bạn.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        datasets = selectors.datasets_for_user(user=user).values("pk")
        self.fields["period"].queryset = (
            Period.objects.filter(dataset__in=datasets)
            .select_related("dataset")
            .order_by("dataset__code", "-start")
        )
        self.fields["organisation"].queryset = (
            org_selectors.organisations_for_user(user=user)
            .filter(reporting_datasets__in=datasets)
            .distinct()
            .order_by("name")
        )


class EvidenceForm(forms.Form):
    evidence_title = forms.CharField(label=_("Tên minh chứng"), max_length=255)
    evidence_file = forms.FileField(
        label=_("Tệp minh chứng"),
        help_text=_("PDF, DOCX, XLSX, ODT, ODS, ảnh JPG, PNG, WEBP; tối đa 10 MB."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), max_length=1000, widget=forms.Textarea)


def entry_from_post(*, rows, data) -> tuple[dict, dict]:
    """``({(code, category): raw value}, {(code, category): reason})`` from a POST of the
    value grid; only the rows of the data set are read, anything else in the POST is ignored."""
    values, reasons = {}, {}
    for row in rows:
        name = f"value-{row.key}"
        if name in data:
            values[(row.indicator.code, row.category)] = data.get(name, "")
            reasons[(row.indicator.code, row.category)] = data.get(f"reason-{row.key}", "")
    return values, reasons
