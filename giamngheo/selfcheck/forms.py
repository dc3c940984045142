"""The questionnaire and the request to be contacted. Validation only; nothing is written here."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from giamngheo.core import numbers
from giamngheo.core.antiabuse import AbuseCheck, check_started, sign_started
from giamngheo.core.forms import PhoneField
from giamngheo.organisations import selectors as org_selectors
from giamngheo.organisations.models import AdministrativeUnit

from . import selectors
from .enums import Area
from .models import MAX_AMOUNT, PovertyStandard

YES, NO = "co", "khong"
ANSWERS = [(YES, _("Có")), (NO, _("Không"))]

_NOT_MONEY = _("Vui lòng nhập số tiền bằng chữ số, tính theo đồng, ví dụ 1.500.000.")


class AmountField(numbers.MoneyField):
    """One person's monthly income in whole đồng, read by ``core.numbers`` ("1500000",
    "1.500.000", "1 500 000", "1,500,000"), refused in this form's own words."""

    max_chars = 30

    def __init__(self, **kwargs):
        messages = {
            "negative": _("Thu nhập không thể là số âm."),
            "invalid": _NOT_MONEY,
            "fraction": _NOT_MONEY,
            "max_value": _(
                "Số tiền quá lớn so với thu nhập của một người trong một tháng; vui lòng "
                "kiểm tra lại."
            ),
            **(kwargs.pop("error_messages", None) or {}),
        }
        super().__init__(max_value=MAX_AMOUNT, error_messages=messages, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > self.max_chars:
            raise ValidationError(self.error_messages["max_length"], code="max_length")
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": self.max_chars}


class SelfCheckForm(forms.Form):
    """Area, income and one yes/no question per indicator of ``standard``."""

    area = forms.ChoiceField(
        label=_("Hộ của bạn sống ở đâu?"),
        choices=Area.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn nơi hộ sinh sống.")},
    )
    income = AmountField(
        label=_("Thu nhập bình quân của mỗi người trong hộ, mỗi tháng (đồng)"),
        help_text=_(
            "Cộng thu nhập của cả hộ trong 12 tháng qua (đã trừ chi phí sản xuất), chia cho 12 "
            "tháng rồi chia cho số người trong hộ. Ví dụ: 1.400.000"
        ),
        error_messages={
            "required": _("Vui lòng nhập thu nhập bình quân đầu người mỗi tháng."),
            "max_length": _("Số tiền quá dài; vui lòng kiểm tra lại."),
        },
    )

    def __init__(self, *args, standard: PovertyStandard, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard = standard
        self.groups = []
        self.indicator_names: list[str] = []
        for dimension in standard.dimensions.all():
            names = []
            for indicator in dimension.indicators.all():
                name = f"i{indicator.code}"
                self.fields[name] = forms.ChoiceField(
                    label=indicator.question,
                    choices=ANSWERS,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Vui lòng trả lời câu hỏi này.")},
                )
                self.fields[name].indicator = indicator
                names.append(name)
                self.indicator_names.append(name)
            self.groups.append((dimension, names))

    def dimension_groups(self):
        """[(dimension, [(indicator, bound field), ...]), ...] for the template."""
        return [
            (dimension, [(self.fields[n].indicator, self[n]) for n in names])
            for dimension, names in self.groups
        ]

    def lacking_codes(self) -> set[int]:
        return {
            self.fields[name].indicator.code
            for name in self.indicator_names
            if self.cleaned_data.get(name) == YES
        }

    def lacking_indicators(self) -> list:
        codes = self.lacking_codes()
        return [i for i in selectors.indicators_of(self.standard) if i.code in codes]

    def hidden_answers(self) -> list[tuple[str, str]]:
        """The answers as (name, value) pairs, carried by the contact form so that the result
        is computed again on the server rather than trusted from the browser."""
        data = self.cleaned_data
        pairs = [("area", data["area"]), ("income", str(data["income"]))]
        pairs += [(n, data[n]) for n in self.indicator_names]
        return pairs


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Họ và tên chủ hộ hoặc người liên hệ"),
        max_length=120,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
    )
    phone = PhoneField(
        label=_("Số điện thoại"),
        error_messages={
            "invalid": _("Số điện thoại không hợp lệ."),
            "required": _("Vui lòng nhập số điện thoại để cán bộ liên hệ."),
        },
    )
    commune = CommuneChoiceField(
        label=_("Xã, phường, đặc khu nơi hộ sinh sống"),
        queryset=None,
        empty_label=_("— Chọn xã, phường —"),
        error_messages={
            "required": _("Vui lòng chọn xã, phường."),
            "invalid_choice": _("Xã, phường đã chọn không hợp lệ."),
        },
    )
    note = forms.CharField(
        label=_("Lời nhắn (không bắt buộc)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Ủy ban nhân dân xã, phường sử dụng họ tên, số điện thoại và kết quả "
            "tự đánh giá này để liên hệ, hướng dẫn hộ tôi về việc rà soát hộ nghèo, hộ cận "
            "nghèo."
        ),
        error_messages={
            "required": _("Cần có sự đồng ý xử lý dữ liệu cá nhân để cán bộ liên hệ với bạn.")
        },
    )
    # Anti-abuse without a CAPTCHA, as on the feedback form.
    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, on, **kwargs):
        super().__init__(*args, **kwargs)

        self.groups = org_selectors.communes_by_province(on=on)
        ids = [c.pk for g in self.groups for c in g.communes]
        self.fields["commune"].queryset = AdministrativeUnit.objects.filter(pk__in=ids)
        if not self.is_bound:
            self.initial.setdefault("started", sign_started())
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})

    def check_abuse(self) -> None:
        if self.data.get(self.add_prefix("website")):
            raise AbuseCheck(_("Không thể gửi biểu mẫu. Vui lòng tải lại trang và gửi lại."))
        check_started(self.data.get(self.add_prefix("started"), ""))

    def commune_groups(self):
        """(province, [(id, name, selected)]) for the grouped select of the template, today's
        communes and the former ones that became them (``ProvinceCommunes.choices``)."""
        selected = str(self["commune"].value() or "")
        return [(g.province, g.choices(selected)) for g in self.groups]
