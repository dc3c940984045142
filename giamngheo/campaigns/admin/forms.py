"""Forms of the campaigns' set-up screens and of bulk moderation: validation only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from giamngheo.core.numbers import QuantityField
from giamngheo.core.text import slugify_vi

from ..enums import ModerationDecision
from ..forms import ApproveForm
from ..models import Campaign, Platform

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_BAD_DATE = _("Ngày không hợp lệ, ví dụ 15/11/2023.")


def _date(label):
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=AdminDateInput,
        error_messages={"invalid": _BAD_DATE},
    )


class CampaignForm(forms.Form):
    """A campaign's data; on edit its activity and address stay as created."""

    activity = forms.ModelChoiceField(
        label=_("Hoạt động của kế hoạch (mục 2.6)"),
        queryset=None,
        empty_label=_("— Chọn hoạt động —"),
    )
    name = forms.CharField(label=_("Tên chiến dịch"), max_length=200)
    slug = forms.SlugField(
        label=_("Đường dẫn trên Cổng (để trống: tạo từ tên)"), max_length=80, required=False
    )
    hashtags = forms.CharField(
        label=_("Hashtag (cách nhau bằng dấu cách, ví dụ: #GiamNgheoBenVung #KhongDeAiBiBoLai)"),
        max_length=300,
    )
    starts_on = _date(_("Ngày bắt đầu"))
    ends_on = _date(_("Ngày kết thúc"))
    platforms = forms.ModelMultipleChoiceField(
        label=_("Nền tảng mời tham gia"),
        queryset=Platform.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Nội dung tuyên truyền (mục 1.x của kế hoạch)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    communes = forms.ModelMultipleChoiceField(
        label=_("Địa bàn hướng tới (xã, phường; để trống: toàn địa bàn)"),
        queryset=None,
        required=False,
    )
    description = forms.CharField(
        label=_("Giới thiệu"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    rules = forms.CharField(
        label=_("Thể lệ, cách tham gia"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    report_threshold = QuantityField(
        label=_("Số lượt báo cáo để đưa bài lại kiểm duyệt"),
        min_value=1,
        max_value=100,
        unit=_("lượt"),
        initial=2,
    )

    CREATE_ONLY = ("activity", "slug")

    def __init__(self, *args, activities, themes, communes, campaign=None, **kwargs):
        if campaign is not None and not kwargs.get("data"):
            kwargs.setdefault(
                "initial",
                {
                    "name": campaign.name,
                    "hashtags": campaign.hashtags,
                    "starts_on": campaign.starts_on,
                    "ends_on": campaign.ends_on,
                    "platforms": list(campaign.platforms.values_list("pk", flat=True)),
                    "themes": list(campaign.themes.values_list("pk", flat=True)),
                    "communes": list(campaign.communes.values_list("pk", flat=True)),
                    "description": campaign.description,
                    "rules": campaign.rules,
                    "report_threshold": campaign.report_threshold,
                },
            )
        super().__init__(*args, **kwargs)
        active = Platform.objects.filter(is_active=True)
        if campaign is not None:
            for name in self.CREATE_ONLY:
                del self.fields[name]
            active = Platform.objects.filter(pk__in=active) | campaign.platforms.all()
        else:
            self.fields["activity"].queryset = activities
            self.fields["activity"].label_from_instance = lambda a: (
                f"{a.title} — {a.subplan.organisation.name}"
            )
        self.fields["platforms"].queryset = active.distinct().order_by("position", "name")
        self.fields["themes"].queryset = themes
        self.fields["themes"].label_from_instance = lambda item: f"{item.code}. {item.text[:90]}"
        self.fields["communes"].queryset = communes
        self.fields["communes"].label_from_instance = lambda unit: (
            f"{unit.name} ({unit.parent.name})" if unit.parent_id else unit.name
        )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify_vi(self.data.get("name", ""))
        if not slug:
            raise forms.ValidationError(_("Vui lòng nhập đường dẫn (chữ không dấu, gạch ngang)."))
        if Campaign.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Đường dẫn này đã được một chiến dịch khác dùng."))
        return slug

    def clean(self):
        data = super().clean()
        activity = data.get("activity")
        themes = data.get("themes")
        if activity is not None and themes:
            foreign = [t for t in themes if t.plan_id != activity.subplan.plan_id]
            if foreign:
                self.add_error(
                    "themes", _("Nội dung tuyên truyền phải thuộc kế hoạch của hoạt động.")
                )
        return data


class ModeratorForm(forms.Form):
    account = forms.CharField(
        label=_("Tên đăng nhập hoặc thư điện tử của người kiểm duyệt"), max_length=254
    )

    def __init__(self, *args, find_account, **kwargs):
        super().__init__(*args, **kwargs)
        self.find_account = find_account

    def clean_account(self):
        user = self.find_account(identifier=self.cleaned_data["account"])
        if user is None:
            raise forms.ValidationError(_("Không tìm thấy tài khoản này."))
        return user


class BulkModerationForm(forms.Form):
    """The queue's one form for several pending items: the decision, one reason for all and,
    to approve, the checks the moderator made on every item chosen."""

    items = forms.ModelMultipleChoiceField(
        label=_("Bài được chọn"),
        queryset=None,
        error_messages={
            "required": _("Vui lòng chọn ít nhất một bài."),
            "invalid_choice": _("Có bài được chọn không còn trong danh sách chờ kiểm duyệt."),
            "invalid_pk_value": _("Có bài được chọn không còn trong danh sách chờ kiểm duyệt."),
        },
    )
    decision = forms.ChoiceField(
        label=_("Quyết định"), choices=ModerationDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi không duyệt; người gửi được biết) hoặc ghi chú kiểm duyệt"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    opened = ApproveForm.base_fields["opened"]
    on_topic = ApproveForm.base_fields["on_topic"]
    lawful = ApproveForm.base_fields["lawful"]
    people_consent = ApproveForm.base_fields["people_consent"]

    CHECKS = ApproveForm.CHECKS

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items

    def checks(self) -> dict:
        return {name: bool(self.cleaned_data.get(name)) for name in self.CHECKS}
