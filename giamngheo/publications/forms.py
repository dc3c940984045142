"""Forms of the publications screens. Quantities are whole numbers written the Vietnamese way:
``1.234``, ``1234`` and ``1 234`` are the same number (the dot groups thousands, never a
decimal point)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_COPIES

# Groups of three digits after the first, separated all by dots or all by (any) spaces.
_GROUPED = re.compile(r"^\d{1,3}(?:(?P<sep>[.\s\u00a0\u202f])\d{3})?(?:(?P=sep)\d{3})*$")


def parse_quantity(raw: str) -> int:
    text = (raw or "").strip()
    if not (text.isdigit() or _GROUPED.match(text)):
        raise ValidationError(
            _("Vui lòng nhập số bản bằng chữ số, không có phần lẻ, ví dụ 1.234."), code="invalid"
        )
    return int(re.sub(r"\D", "", text))


class QuantityField(forms.Field):
    widget = forms.TextInput
    max_chars = 12

    def __init__(self, *, min_value: int = 1, **kwargs):
        self.min_value = min_value
        super().__init__(**kwargs)

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            number = value
        else:
            if len(value) > self.max_chars:
                raise ValidationError(
                    _("Số lượng vượt quá mức cho phép (5.000.000 bản)."), code="max_value"
                )
            number = parse_quantity(value)
        if number < self.min_value:
            raise ValidationError(_("Số lượng phải là số nguyên dương."), code="min_value")
        if number > MAX_COPIES:
            raise ValidationError(
                _("Số lượng vượt quá mức cho phép (5.000.000 bản)."), code="max_value"
            )
        return number

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": self.max_chars})
        return attrs


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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
