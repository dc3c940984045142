from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=20,
        strip=True,
        help_text=_("Nhập mã 6 chữ số trên ứng dụng xác thực, hoặc một mã dự phòng."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class AsOfForm(forms.Form):
    ngay = forms.DateField(
        label=_("Theo địa giới ngày"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
