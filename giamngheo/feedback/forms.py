"""Forms of the public portal and of the handlers' screens. Validation only; writes are in
services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from giamngheo.core.antiabuse import AbuseCheck, check_started, sign_started
from giamngheo.core.forms import PhoneField
from giamngheo.core.uploads import validate_upload
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit

from .enums import FeedbackKind, IdentityMode
from .models import (
    DESCRIPTION_MAX,
    LAT_MAX,
    LAT_MIN,
    LONG_MAX,
    LONG_MIN,
    SUBJECT_MAX,
)
from .selectors import (
    ProvinceCommunes,
    active_categories,
    active_category_index,
    communes_today,
)

ATTACHMENT_KINDS = {"jpg", "png", "webp", "pdf", "docx"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class KnownChoiceField(forms.ModelChoiceField):
    """A choice of a row the form already holds (memoised reference data, see
    core.cache.memoised): the submitted id is resolved in ``known`` without a query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known: dict[str, object] = {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        row = self.known.get(str(getattr(value, "pk", value)))
        if row is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return row


class CommuneChoiceField(KnownChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=FeedbackKind.choices, widget=forms.RadioSelect
    )
    category = KnownChoiceField(
        label=_("Lĩnh vực"), queryset=active_categories(), empty_label=_("— Chọn lĩnh vực —")
    )
    subject = forms.CharField(label=_("Tiêu đề"), max_length=SUBJECT_MAX)
    description = forms.CharField(
        label=_("Nội dung"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Nêu rõ sự việc, thời gian, địa điểm; tối đa 4.000 ký tự."),
    )
    # Not required on their own: a map position (latitude and longitude) is enough — the
    # commune is then found from the point, or named by the lead department (triage).
    province = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    unit = CommuneChoiceField(
        label=_("Xã, phường, đặc khu"),
        queryset=None,
        required=False,
        empty_label=_("— Chọn xã, phường —"),
    )
    latitude = forms.DecimalField(
        label=_("Vĩ độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=LAT_MIN,
        max_value=LAT_MAX,
    )
    longitude = forms.DecimalField(
        label=_("Kinh độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=LONG_MIN,
        max_value=LONG_MAX,
    )
    identity_mode = forms.ChoiceField(
        label=_("Danh tính của bạn"),
        choices=IdentityMode.choices,
        widget=forms.RadioSelect,
        initial=IdentityMode.IDENTIFIED,
    )
    reporter_name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False)
    reporter_phone = PhoneField(label=_("Số điện thoại"), required=False)
    reporter_email = forms.EmailField(label=_("Thư điện tử"), required=False, max_length=254)
    consent_processing = forms.BooleanField(
        label=_(
            "Tôi đồng ý để cơ quan nhà nước xử lý thông tin cá nhân tôi cung cấp nhằm tiếp "
            "nhận, xử lý và trả lời phản ánh, kiến nghị này."
        ),
        required=False,
    )
    consent_publish = forms.BooleanField(
        label=_(
            "Tôi đồng ý công khai nội dung câu hỏi và câu trả lời trên Cổng thông tin "
            "(không kèm họ tên, số điện thoại, thư điện tử)."
        ),
        required=False,
    )
    attachments = MultipleFileField(
        label=_("Ảnh, tài liệu kèm theo"),
        required=False,
        help_text=_(
            "Tối đa 5 tệp: ảnh JPG, PNG, WEBP hoặc tài liệu PDF, DOCX; mỗi tệp tối đa 10 MB."
        ),
    )
    # Anti-abuse without a CAPTCHA: a field people never see and a signed start time.
    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_communes(communes_today())
        self.fields["category"].queryset = active_categories()
        self.fields["category"].known = active_category_index().by_id
        if not self.is_bound:
            self.initial.setdefault("started", sign_started())
            if len(self.groups) == 1:
                self.initial.setdefault("province", str(self.groups[0].province.pk))
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["reporter_phone"].widget.attrs.update(
            {"autocomplete": "tel", "inputmode": "tel"}
        )
        self.fields["reporter_email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["reporter_name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["attachments"].widget.attrs.update(
            {"accept": "image/jpeg,image/png,image/webp,application/pdf,.docx"}
        )

    def set_communes(self, groups: list[ProvinceCommunes]) -> None:
        """The communes this form offers, grouped by province (and nothing else is accepted)."""
        self.groups = groups
        known = {str(c.pk): c for g in groups for c in g.communes}
        self.fields["unit"].queryset = AdministrativeUnit.objects.filter(pk__in=list(known))
        self.fields["unit"].known = known
        self.fields["province"].choices = [("", _("— Chọn tỉnh, thành phố —"))] + [
            (str(g.province.pk), g.province.name) for g in groups
        ]

    def check_abuse(self) -> None:
        """Raises AbuseCheck; called by the view before anything else is looked at."""
        if self.data.get("website"):
            raise AbuseCheck(_("Không thể gửi biểu mẫu. Vui lòng tải lại trang và gửi lại."))
        check_started(self.data.get("started", ""))

    def commune_groups(self):
        """(province, [(id, name, selected)]) for the grouped select of the template, today's
        communes and the former ones that became them (``ProvinceCommunes.choices``)."""
        selected = str(self["unit"].value() or "")
        return [(g.province, g.choices(selected)) for g in self.groups]

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > settings.FEEDBACK_MAX_ATTACHMENTS:
            raise ValidationError(
                _("Chỉ được gửi tối đa %(n)s tệp."), params={"n": settings.FEEDBACK_MAX_ATTACHMENTS}
            )
        return [validate_upload(f, allowed=ATTACHMENT_KINDS) for f in files]

    def clean(self):
        data = super().clean()
        unit, province = data.get("unit"), data.get("province")
        if unit is not None and province:
            group = next((g for g in self.groups if str(g.province.pk) == province), None)
            if group is None or unit not in group.communes:
                self.add_error("unit", _("Xã, phường đã chọn không thuộc tỉnh, thành phố này."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error(
                "longitude", _("Vui lòng nhập đủ cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.")
            )
        elif unit is None and data.get("latitude") is None and "unit" not in self.errors:
            self.add_error(
                "unit", _("Vui lòng chọn xã, phường hoặc nhập vị trí chính xác trên bản đồ.")
            )
        mode = data.get("identity_mode")
        if mode == IdentityMode.ANONYMOUS:
            for name in ("reporter_name", "reporter_phone", "reporter_email"):
                data[name] = ""
        elif mode:
            if not data.get("reporter_name"):
                self.add_error("reporter_name", _("Vui lòng nhập họ và tên."))
            if not (data.get("reporter_phone") or data.get("reporter_email")):
                self.add_error(
                    "reporter_phone",
                    _("Vui lòng nhập số điện thoại hoặc thư điện tử để cơ quan liên hệ trả lời."),
                )
            if not data.get("consent_processing"):
                self.add_error(
                    "consent_processing",
                    _("Cần có sự đồng ý xử lý dữ liệu cá nhân khi cung cấp thông tin liên hệ."),
                )
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "category": d["category"],
            "subject": d["subject"],
            "description": d["description"],
            "unit": d["unit"],
            "identity_mode": d["identity_mode"],
            "reporter_name": d["reporter_name"],
            "reporter_phone": d["reporter_phone"],
            "reporter_email": d["reporter_email"],
            "consent_processing": d["consent_processing"],
            "consent_publish": d["consent_publish"],
            "latitude": d["latitude"],
            "longitude": d["longitude"],
            "files": d["attachments"],
        }


class LookupForm(forms.Form):
    ma = forms.CharField(label=_("Mã tra cứu"), max_length=20)


class QuestionSearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), max_length=200, required=False)


class SupplyInformationForm(forms.Form):
    text = forms.CharField(
        label=_("Thông tin bổ sung"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Bạn có hài lòng với câu trả lời?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, _("Rất hài lòng")),
            (4, _("Hài lòng")),
            (3, _("Bình thường")),
            (2, _("Chưa hài lòng")),
            (1, _("Không hài lòng")),
        ],
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút phản ánh"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SimilarCheckForm(forms.Form):
    category = forms.ModelChoiceField(queryset=None)
    unit = forms.ModelChoiceField(queryset=None)
    subject = forms.CharField(max_length=SUBJECT_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = active_categories()
        self.fields["unit"].queryset = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
