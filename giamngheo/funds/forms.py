"""Forms of the fund: the public pledge and period, the treasurer's and the board's screens."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from giamngheo.core.numbers import format_number

from .enums import DonorKind, PaymentMethod, RecipientKind
from .money import MoneyField
from .statements import MAX_ROWS

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


class PledgeForm(forms.Form):
    donor_kind = forms.ChoiceField(label=_("Người ủng hộ là"), choices=DonorKind.choices)
    donor_name = forms.CharField(label=_("Họ tên hoặc tên cơ quan, doanh nghiệp"), max_length=200)
    is_anonymous = forms.BooleanField(
        label=_("Không công khai tên tôi trên bản sao kê (ghi “Nhà hảo tâm không nêu tên”)"),
        required=False,
    )
    amount = MoneyField(label=_("Số tiền ủng hộ (đồng)"), help_text=_("Ví dụ: 200.000"))
    # A field people never see (hidden by the stylesheet): robots fill it.
    website = forms.CharField(label=_("Để trống ô này"), required=False)


class PeriodForm(forms.Form):
    tu = forms.DateField(label=_("Từ ngày"), input_formats=DATE_INPUTS, required=False)
    den = forms.DateField(label=_("Đến ngày"), input_formats=DATE_INPUTS, required=False)

    def clean(self):
        data = super().clean()
        if data.get("tu") and data.get("den") and data["den"] < data["tu"]:
            raise forms.ValidationError(_("Ngày kết thúc trước ngày bắt đầu."))
        return data


class LookupForm(forms.Form):
    ma = forms.CharField(label=_("Mã ủng hộ"), max_length=20)


class CashReceiptForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Đợt vận động"), queryset=None)
    donor_kind = forms.ChoiceField(label=_("Người ủng hộ là"), choices=DonorKind.choices)
    donor_name = forms.CharField(label=_("Người, đơn vị nộp"), max_length=200)
    is_anonymous = forms.BooleanField(label=_("Không công khai tên"), required=False)
    amount = MoneyField(label=_("Số tiền (đồng)"))
    receipt_number = forms.CharField(label=_("Số biên lai"), max_length=40)
    received_on = forms.DateField(label=_("Ngày thu"), input_formats=DATE_INPUTS)

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns


class StatementImportForm(forms.Form):
    fund = forms.ModelChoiceField(label=_("Quỹ"), queryset=None)
    file = forms.FileField(
        label=_("Tệp sao kê (CSV hoặc Excel)"),
        # Translated when shown, not when the module is imported.
        help_text=lazy(
            lambda: _("Tối đa %(max)s giao dịch một lần.") % {"max": format_number(MAX_ROWS)}, str
        )(),
    )

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds


class DisbursementForm(forms.Form):
    fund = forms.ModelChoiceField(label=_("Quỹ"), queryset=None)
    campaign = forms.ModelChoiceField(label=_("Đợt vận động"), queryset=None, required=False)
    recipient_kind = forms.ChoiceField(label=_("Đối tượng hỗ trợ"), choices=RecipientKind.choices)
    purpose = forms.CharField(label=_("Nội dung chi (công khai)"), max_length=300)
    amount = MoneyField(label=_("Số tiền (đồng)"))
    commune = forms.ModelChoiceField(label=_("Xã"), queryset=None, required=False)
    target_fund = forms.ModelChoiceField(label=_("Quỹ nhận"), queryset=None, required=False)
    recipient_name = forms.CharField(
        label=_("Người nhận (không công khai)"), max_length=200, required=False
    )
    household_consent = forms.BooleanField(
        label=_("Hộ đã đồng ý cung cấp thông tin"), required=False
    )

    def __init__(self, *args, funds, campaigns, communes, all_funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds
        self.fields["campaign"].queryset = campaigns
        self.fields["commune"].queryset = communes
        self.fields["target_fund"].queryset = all_funds


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Ý kiến, lý do"), widget=forms.Textarea, required=False)
    publish_recipient = forms.BooleanField(
        label=_("Công khai tên người nhận (hộ đã đồng ý)"), required=False
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Ngày chi"), input_formats=DATE_INPUTS)
    method = forms.ChoiceField(label=_("Hình thức chi"), choices=PaymentMethod.choices)
    evidence = forms.FileField(label=_("Chứng từ chi (PDF, ảnh)"), required=False)
    evidence_note = forms.CharField(label=_("Số chứng từ, ghi chú"), max_length=255, required=False)
