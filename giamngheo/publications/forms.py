"""Forms of the publications screens. Quantities are whole numbers written the Vietnamese way:
``1.234``, ``1234`` and ``1 234`` are the same number (the dot groups thousands, never a
decimal point)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core import numbers
from giamngheo.core.forms import DateInput

from .enums import AllocationRule, Audience, Language
from .models import MAX_COPIES, MAX_UNIT_COST, PublicationKind

_NOT_COPIES = _("Vui lòng nhập số bản bằng chữ số, không có phần lẻ, ví dụ 1.234.")


class QuantityField(numbers.QuantityField):
    """A number of copies, read by ``core.numbers`` and worded for copies."""

    def __init__(self, *, min_value: int = 1, **kwargs):
        kwargs.setdefault("max_value", MAX_COPIES)
        kwargs.setdefault("unit", _("bản"))
        messages = {"invalid": _NOT_COPIES, "fraction": _NOT_COPIES, "negative": _NOT_COPIES}
        messages["min_value"] = _("Số lượng phải là số nguyên dương.")
        messages.update(kwargs.pop("error_messages", None) or {})
        super().__init__(min_value=min_value, error_messages=messages, **kwargs)


class ConfirmReceiptForm(forms.Form):
    received_quantity = QuantityField(label=_("Số bản thực nhận"), min_value=0)
    received_on = forms.DateField(
        label=_("Ngày nhận"), widget=DateInput(), initial=timezone.localdate
    )
    reason = forms.CharField(
        label=_("Lý do chênh lệch (nếu nhận thiếu)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, dispatch=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dispatch is not None and not self.is_bound:
            self.initial.setdefault("received_quantity", dispatch.quantity)


class DispatchForm(forms.Form):
    """Send copies of one print run from a holder to another."""

    sender = forms.ModelChoiceField(label=_("Đơn vị giao"), queryset=None)
    recipient = forms.ModelChoiceField(label=_("Đơn vị nhận"), queryset=None)
    quantity = QuantityField(label=_("Số bản giao"))
    dispatched_on = forms.DateField(
        label=_("Ngày giao"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, senders=None, recipients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"].queryset = senders
        self.fields["recipient"].queryset = recipients


class AsOfForm(forms.Form):
    on = forms.DateField(label=_("Tính đến ngày"), widget=DateInput(), required=False)


class UnitCostField(numbers.MoneyField):
    """Đơn giá in đồng per copy (``2.000``), bounded like the model's field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_UNIT_COST)
        kwargs.setdefault(
            "error_messages",
            {"max_value": _("Đơn giá vượt quá mức cho phép (10.000.000 đồng/bản).")},
        )
        super().__init__(**kwargs)


class TitleForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Loại ấn phẩm"), queryset=PublicationKind.objects.all())
    name = forms.CharField(label=_("Tên ấn phẩm"), max_length=300)
    summary = forms.CharField(
        label=_("Tóm tắt nội dung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Nội dung tuyên truyền (mục 1.x của kế hoạch)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publisher = forms.ModelChoiceField(label=_("Cơ quan phát hành"), queryset=None)
    audience = forms.ChoiceField(label=_("Phạm vi sử dụng"), choices=Audience.choices)
    licence_number = forms.CharField(
        label=_("Số giấy phép xuất bản"), max_length=80, required=False
    )
    licence_date = forms.DateField(
        label=_("Ngày cấp giấy phép"), widget=DateInput(), required=False
    )
    licence_issuer = forms.CharField(
        label=_("Cơ quan cấp giấy phép"), max_length=200, required=False
    )

    def __init__(self, *args, publishers=None, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publisher"].queryset = publishers
        self.fields["themes"].queryset = themes


class EditionForm(forms.Form):
    language = forms.ChoiceField(label=_("Ngôn ngữ"), choices=Language.choices)
    pdf = forms.FileField(label=_("Tệp PDF"), required=False)
    cover = forms.FileField(label=_("Ảnh bìa (JPG, PNG, WebP)"), required=False)


class PrintRunForm(forms.Form):
    edition = forms.ModelChoiceField(label=_("Bản ngôn ngữ"), queryset=None)
    activity = forms.ModelChoiceField(label=_("Hoạt động"), queryset=None)
    budget_line = forms.ModelChoiceField(label=_("Dòng kinh phí (nguồn)"), queryset=None)
    store = forms.ModelChoiceField(label=_("Kho nhận"), queryset=None)
    quantity = QuantityField(label=_("Số lượng in (bản)"))
    unit_cost = UnitCostField(label=_("Đơn giá (đồng/bản)"), min_value=0)
    printer = forms.CharField(label=_("Cơ sở in"), max_length=200)
    contract_number = forms.CharField(label=_("Số hợp đồng, hóa đơn"), max_length=80)
    delivered_on = forms.DateField(
        label=_("Ngày nhập kho"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, editions=None, activities=None, budget_lines=None, stores=None, **kw):
        super().__init__(*args, **kw)
        self.fields["edition"].queryset = editions
        self.fields["activity"].queryset = activities
        self.fields["budget_line"].queryset = budget_lines
        self.fields["budget_line"].label_from_instance = lambda line: (
            f"{line.activity.title} — {line.funding_source.name}"
        )
        self.fields["store"].queryset = stores


class PlanProposeForm(forms.Form):
    """A dispatch plan for the communes of one district: the rule and the copies to share."""

    sender = forms.ModelChoiceField(label=_("Đơn vị giao"), queryset=None)
    area = forms.ModelChoiceField(label=_("Huyện nhận (giao cho các xã)"), queryset=None)
    rule = forms.ChoiceField(label=_("Cách phân bổ"), choices=AllocationRule.choices)
    total = QuantityField(label=_("Tổng số bản phân bổ"))
    dispatched_on = forms.DateField(
        label=_("Ngày dự kiến giao"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, senders=None, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"].queryset = senders
        self.fields["area"].queryset = areas


class PlanLinesForm(forms.Form):
    """The copies of each commune of a draft plan (editable), and the day they are sent."""

    dispatched_on = forms.DateField(
        label=_("Ngày giao"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = QuantityField(
                label=line.recipient.name, min_value=0, initial=line.quantity
            )

    def quantities(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[f"line_{line.pk}"] for line in self.lines}

    def line_fields(self):
        return [(line, self[f"line_{line.pk}"]) for line in self.lines]
