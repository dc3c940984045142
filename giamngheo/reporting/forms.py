"""Forms of the reporting admin screens. The value grid of a report is not a Django form: its
fields are the data set's indicators × categories, read by ``entry_from_post``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.core.choices import preselect_single_choices
from giamngheo.organisations import selectors as org_selectors
from giamngheo.planning.selectors import plans_for_user

from . import selectors
from .enums import PeriodType
from .models import Indicator, Period
from .services import ElementSpec


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
        # One period or one organisation to report for: it comes chosen (issue 13 item 13).
        preselect_single_choices(self)


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


# --- configuration by the lead department: indicators, data sets, periods ----------------------


class IndicatorForm(forms.ModelForm):
    """All the fields of an indicator; the model's ``clean`` holds the rules (Vietnamese)."""

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "description",
            "measure",
            "unit_label",
            "aggregation",
            "disaggregation",
            "prefill_source",
            "prefill_key",
            "max_value",
            "legal_basis",
        ]
        error_messages = {
            "code": {"unique": _("Đã có chỉ tiêu với mã này.")},
        }


class DataSetForm(forms.Form):
    """A data set with its indicators (one per line, in order: ``MÃ`` or ``MÃ | phần``) and its
    reporting organisations. Saved by ``services.create_dataset`` / ``update_dataset``."""

    code = forms.CharField(
        label=_("Mã biểu"), max_length=40, help_text=_("Ví dụ: KQ-TT-2024; không sửa được sau.")
    )
    name = forms.CharField(label=_("Tên biểu báo cáo"), max_length=300)
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea)
    plan = forms.ModelChoiceField(
        label=_("Kế hoạch"),
        queryset=None,
        required=False,
        empty_label=_("— Không gắn kế hoạch —"),
        error_messages={"invalid_choice": _("Kế hoạch không hợp lệ.")},
    )
    period_type = forms.ChoiceField(label=_("Kỳ báo cáo"))
    due_day = forms.IntegerField(
        label=_("Ngày hạn báo cáo"), required=False, min_value=1, max_value=31
    )
    due_month = forms.IntegerField(
        label=_("Tháng hạn báo cáo"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_(
            "Hạn cố định hằng năm, ví dụ ngày 15 tháng 11; để trống cả hai để dùng số ngày sau khi hết kỳ."
        ),
    )
    due_days_after_end = forms.IntegerField(
        label=_("Số ngày sau khi hết kỳ"), initial=15, min_value=0, max_value=366
    )
    timely_days = forms.IntegerField(
        label=_("Số ngày ân hạn"), initial=0, min_value=0, max_value=366
    )
    expiry_days = forms.IntegerField(
        label=_("Khóa nhập sau (ngày)"),
        initial=0,
        min_value=0,
        max_value=3660,
        help_text=_("0 là không khóa."),
    )
    reminder_working_days = forms.IntegerField(
        label=_("Nhắc trước hạn (ngày làm việc)"),
        initial=5,
        min_value=0,
        max_value=60,
        help_text=_("0 là không nhắc tự động."),
    )
    elements = forms.CharField(
        label=_("Chỉ tiêu của biểu"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Mỗi dòng một chỉ tiêu theo thứ tự trên biểu: mã chỉ tiêu, có thể thêm dấu | và tên "
            "phần, ví dụ: TT.TIN | I. Truyền thông."
        ),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Cơ quan, đơn vị báo cáo"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Cơ quan, đơn vị không hợp lệ.")},
    )

    def __init__(self, *args, user, dataset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dataset = dataset
        self.fields["plan"].queryset = plans_for_user(user=user).order_by("pk")
        self.fields["period_type"].choices = PeriodType.choices
        self.fields["organisations"].queryset = org_selectors.organisations_for_user(
            user=user
        ).order_by("name")
        if dataset is not None:
            del self.fields["code"]

    def clean_elements(self):
        lines = []
        for raw in self.cleaned_data["elements"].splitlines():
            code, _sep, section = raw.partition("|")
            code, section = code.strip(), " ".join(section.split())
            if code:
                lines.append((code, section))
        if not lines:
            raise forms.ValidationError(_("Hãy nhập ít nhất một chỉ tiêu."))
        codes = [code for code, _section in lines]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise forms.ValidationError(
                _("Chỉ tiêu bị lặp: %(codes)s.") % {"codes": ", ".join(duplicates)}
            )
        found = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("Không có chỉ tiêu với mã: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        for _code, section in lines:
            if len(section) > 160:
                raise forms.ValidationError(_("Tên phần dài quá 160 ký tự."))
        return [ElementSpec(indicator=found[code], section=section) for code, section in lines]

    @staticmethod
    def initial_for(dataset) -> dict:
        lines = [
            f"{e.indicator.code} | {e.section}" if e.section else e.indicator.code
            for e in dataset.elements.select_related("indicator").order_by("position", "pk")
        ]
        return {
            "name": dataset.name,
            "description": dataset.description,
            "plan": dataset.plan_id,
            "period_type": dataset.period_type,
            "due_day": dataset.due_day,
            "due_month": dataset.due_month,
            "due_days_after_end": dataset.due_days_after_end,
            "timely_days": dataset.timely_days,
            "expiry_days": dataset.expiry_days,
            "reminder_working_days": dataset.reminder_working_days,
            "elements": "\n".join(lines),
            "organisations": list(dataset.organisations.values_list("pk", flat=True)),
        }


DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("Tên kỳ"), max_length=80, help_text=_("Ví dụ: Năm 2024."))
    start = forms.DateField(
        label=_("Từ ngày"), input_formats=DATE_FORMATS, help_text=_("Ví dụ: 01/01/2024.")
    )
    end = forms.DateField(label=_("Đến hết ngày"), input_formats=DATE_FORMATS)
    due_date = forms.DateField(
        label=_("Hạn báo cáo"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("Để trống để tính theo quy định hạn của biểu."),
    )
