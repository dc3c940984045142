"""Forms of the campaigns app. Validation of the input's shape only; the rules are in services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.antiabuse import AbuseCheck, check_started, sign_started
from giamngheo.core.forms import DateInput, DateTimeInput
from giamngheo.core.numbers import QuantityField
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit

from .enums import ContactChannel, ReportReason, SubmissionKind
from .models import DESCRIPTION_MAX, MAX_REACH, TITLE_MAX, URL_MAX

__all__ = ["AbuseCheck", "SubmissionForm"]


class CommuneField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.parent.name})" if obj.parent_id else obj.name


class SubmissionForm(forms.Form):
    url = forms.CharField(
        label=_("Liên kết bài đăng của bạn"),
        max_length=URL_MAX,
        required=False,
        help_text=_("Ví dụ: https://www.tiktok.com/@tendangnhap/video/7251234567890123456"),
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    upload = forms.FileField(
        label=_("Hoặc tải lên ảnh, video của bạn"),
        required=False,
        help_text=_("Ảnh JPG, PNG, WEBP tối đa 5 MB; video MP4, WEBM tối đa 50 MB."),
    )
    kind = forms.ChoiceField(label=_("Loại bài"), choices=SubmissionKind.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Mô tả ngắn"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    commune = CommuneField(
        label=_("Xã, phường"),
        queryset=AdministrativeUnit.objects.none(),
        empty_label=_("— Chọn xã, phường —"),
    )
    author_name = forms.CharField(
        label=_("Tên hiển thị cùng bài (có thể để trống)"), max_length=120, required=False
    )
    contact_channel = forms.ChoiceField(
        label=_("Nhận mã xác minh qua"),
        choices=ContactChannel.choices,
        initial=ContactChannel.SMS,
        widget=forms.RadioSelect,
    )
    contact = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử"),
        max_length=254,
        help_text=_("Chỉ dùng để xác minh và báo kết quả kiểm duyệt; không hiển thị công khai."),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    code = forms.CharField(
        label=_("Mã xác minh"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    consent_show = forms.BooleanField(
        label=_(
            "Tôi đồng ý để bài của tôi (tiêu đề, mô tả, tên hiển thị, liên kết) được công khai "
            "trên Cổng thông tin sau khi được kiểm duyệt."
        ),
        required=False,
    )
    consent_people = forms.BooleanField(
        label=_("Những người xuất hiện trong ảnh, video đã đồng ý cho đăng tải."),
        required=False,
    )
    # Honeypot: hidden from people by the stylesheet; a robot fills it.
    website = forms.CharField(label=_("Trang web"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        communes = campaign.communes.all()
        if not communes.exists():
            # A campaign for the whole province: the communes in force when the form is filled.
            communes = AdministrativeUnit.objects.valid_on(timezone.localdate()).filter(
                level=UnitLevel.COMMUNE
            )
        self.fields["commune"].queryset = communes.select_related("parent").order_by(
            "parent__name", "name"
        )
        if not self.is_bound:
            self.initial["started"] = sign_started()

    def check_abuse(self) -> None:
        if self.data.get("website"):
            raise AbuseCheck(_("Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại."))
        check_started(self.data.get("started", ""))

    def clean(self):
        data = super().clean()
        if self.data.get("action") == "submit" and not (data.get("code") or "").strip():
            self.add_error("code", _("Vui lòng nhập mã xác minh đã nhận."))
        return data


class ContactCodeForm(forms.Form):
    """The contact part of the submission form, for the "send me a code" button."""

    contact_channel = forms.ChoiceField(choices=ContactChannel.choices)
    contact = forms.CharField(max_length=254)


class ApproveForm(forms.Form):
    opened = forms.BooleanField(
        label=_("Đã mở liên kết (hoặc tệp) và xem toàn bộ nội dung"), required=False
    )
    on_topic = forms.BooleanField(label=_("Nội dung đúng chủ đề chiến dịch"), required=False)
    lawful = forms.BooleanField(
        label=_("Không có nội dung vi phạm pháp luật, xúc phạm, lộ thông tin cá nhân"),
        required=False,
    )
    people_consent = forms.BooleanField(
        label=_("Người xuất hiện trong ảnh, video đã đồng ý (theo khai báo của người gửi)"),
        required=False,
    )
    note = forms.CharField(
        label=_("Ghi chú kiểm duyệt"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    thumbnail = forms.FileField(
        label=_("Ảnh đại diện cho thẻ trong thư viện (JPG, PNG, WEBP, tối đa 5 MB)"),
        required=False,
    )

    CHECKS = ("opened", "on_topic", "lawful", "people_consent")

    def checks(self) -> dict:
        return {name: bool(self.cleaned_data.get(name)) for name in self.CHECKS}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class TakedownForm(forms.Form):
    requested_at = forms.DateTimeField(
        label=_("Thời điểm nhận yêu cầu gỡ"),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=DateTimeInput(),
        error_messages={"invalid": _("Thời điểm không hợp lệ (ngày/tháng/năm giờ:phút).")},
    )
    reason = forms.CharField(
        label=_("Nội dung yêu cầu, người yêu cầu"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReachForm(forms.Form):
    # 12.000 typed the Vietnamese way is twelve thousand views (core.numbers), not 12.
    views = QuantityField(label=_("Lượt xem"), max_value=MAX_REACH, unit=_("lượt"))
    shares = QuantityField(label=_("Lượt chia sẻ"), max_value=MAX_REACH, unit=_("lượt"))
    on = forms.DateField(
        label=_("Ngày ghi nhận"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=DateInput(),
    )
    evidence = forms.FileField(label=_("Ảnh chụp màn hình số liệu (JPG, PNG, WEBP, tối đa 5 MB)"))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do báo cáo"), choices=ReportReason.choices, widget=forms.RadioSelect
    )


class BanForm(forms.Form):
    reason = forms.CharField(label=_("Lý do chặn"), widget=forms.Textarea(attrs={"rows": 2}))
    until = forms.DateField(
        label=_("Chặn đến hết ngày (để trống: không thời hạn)"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=DateInput(),
    )


class GalleryFilterForm(forms.Form):
    xa = forms.ModelChoiceField(
        label=_("Xã, phường"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    loai = forms.ChoiceField(
        label=_("Loại bài"), choices=[("", _("Tất cả")), *SubmissionKind.choices], required=False
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["xa"].queryset = communes

    def filters(self) -> dict:
        if not self.is_valid():
            return {"commune": None, "kind": ""}
        return {"commune": self.cleaned_data.get("xa"), "kind": self.cleaned_data.get("loai") or ""}


def validation_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)
