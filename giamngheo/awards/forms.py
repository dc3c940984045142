"""Validation only; every write is a service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from giamngheo.core.antiabuse import AbuseCheck, check_started, sign_started
from giamngheo.core.choices import preselect_single_choices
from giamngheo.core.numbers import QuantityField
from giamngheo.core.text import slugify_vi

from .enums import Choice, Subject
from .models import Round


class NominationForm(forms.Form):
    subject = forms.ChoiceField(label=_("Đối tượng"), choices=Subject.choices)
    form_code = forms.ChoiceField(label=_("Hình thức đề nghị"), choices=())
    nominating_organisation = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=None)
    commune = forms.ModelChoiceField(label=_("Xã"), queryset=None)
    name = forms.CharField(label=_("Tên tập thể, chủ hộ hoặc cá nhân"), max_length=200)
    household_members = forms.IntegerField(label=_("Số nhân khẩu"), required=False, min_value=1)
    village = forms.CharField(label=_("Thôn, bản"), required=False, max_length=120)
    position = forms.CharField(label=_("Chức vụ"), required=False, max_length=160)
    workplace = forms.CharField(label=_("Nơi công tác"), required=False, max_length=200)
    achievements = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea)
    dated_on = forms.DateField(label=_("Ngày tờ trình"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    citizen_id = forms.CharField(
        label=_("Số định danh cá nhân (chỉ khi hình thức yêu cầu)"), required=False, max_length=12
    )
    birth_date = forms.DateField(
        label=_("Ngày sinh (chỉ khi hình thức yêu cầu)"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
    )
    address = forms.CharField(label=_("Địa chỉ thường trú"), required=False, max_length=300)

    def __init__(self, *args, organisations, communes, form_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominating_organisation"].queryset = organisations
        self.fields["commune"].queryset = communes
        self.fields["form_code"].choices = form_choices

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        identity = {k: d[k] for k in ("citizen_id", "birth_date", "address") if d.get(k)}
        return {
            "subject": d["subject"],
            "form_code": d["form_code"],
            "nominating_organisation": d["nominating_organisation"],
            "commune": d["commune"],
            "name": d["name"],
            "household_members": d["household_members"],
            "village": d["village"],
            "position": d["position"],
            "workplace": d["workplace"],
            "achievements": d["achievements"],
            "dated_on": d["dated_on"],
            "identity": identity or None,
        }


class ComponentForm(forms.Form):
    component_code = forms.CharField(max_length=40)
    file = forms.FileField(label=_("Tệp (PDF hoặc DOCX)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea, max_length=2000)


class RevocationForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định hủy bỏ"), max_length=40)
    revoked_on = forms.DateField(label=_("Ngày hủy bỏ"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    # Not required here: the service says what is missing, in the register's own words.
    grounds = forms.CharField(
        label=_("Căn cứ, lý do hủy bỏ"), widget=forms.Textarea, max_length=4000, required=False
    )


class DayForm(forms.Form):
    day = forms.DateField(label=_("Ngày"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    chair_name = forms.CharField(label=_("Chủ trì"), max_length=120, required=False)
    secretary_name = forms.CharField(label=_("Thư ký"), max_length=120, required=False)


class BallotForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.IntegerField(label=_("Đồng ý"), min_value=0)
    disagree = forms.IntegerField(label=_("Không đồng ý"), min_value=0)
    invalid = forms.IntegerField(label=_("Không hợp lệ"), min_value=0, initial=0)
    written_agree = forms.IntegerField(label=_("Đồng ý bằng văn bản"), min_value=0, initial=0)
    written_disagree = forms.IntegerField(
        label=_("Không đồng ý bằng văn bản"), min_value=0, initial=0
    )


class VoteForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(label=_("Ý kiến"), choices=Choice.choices)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=40)
    signed_on = forms.DateField(label=_("Ngày ký"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    authority = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120)


class PublicCommentForm(forms.Form):
    author_name = forms.CharField(
        label=_("Họ và tên (không bắt buộc)"), required=False, max_length=120
    )
    text = forms.CharField(label=_("Nội dung góp ý"), widget=forms.Textarea, max_length=4000)
    is_objection = forms.BooleanField(label=_("Tôi không đồng ý với đề nghị này"), required=False)
    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("started", sign_started())
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def check_abuse(self) -> None:
        """Raises AbuseCheck; called by the view before anything else is looked at."""
        if self.data.get("website"):
            raise AbuseCheck(_("Không thể gửi biểu mẫu. Vui lòng tải lại trang và gửi lại."))
        check_started(self.data.get("started", ""))


def _day(label):
    return forms.DateField(
        label=label,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=AdminDateInput,
        error_messages={"invalid": _("Ngày không hợp lệ, ví dụ 15/11/2023.")},
    )


class RoundForm(forms.Form):
    """A round of commendation: the office's emulation activity, the movement, the period
    reviewed, the closing date of nominations, the office and the council, the forms offered
    (of the rules in force on that date) and the province's public-comment window."""

    activity = forms.ModelChoiceField(
        label=_("Hoạt động của kế hoạch (mục 2.3)"),
        queryset=None,
        empty_label=_("— Chọn hoạt động —"),
    )
    movement = forms.CharField(
        label=_("Phong trào thi đua"),
        max_length=300,
        initial="Vì người nghèo - Không để ai bị bỏ lại phía sau",
    )
    name = forms.CharField(label=_("Tên đợt xét"), max_length=300)
    slug = forms.SlugField(
        label=_("Đường dẫn (để trống: tạo từ tên)"), max_length=80, required=False
    )
    period_start = _day(_("Giai đoạn sơ kết từ ngày"))
    period_end = _day(_("Giai đoạn sơ kết đến ngày"))
    nominations_close = _day(_("Hạn nộp hồ sơ"))
    office = forms.ModelChoiceField(
        label=_("Cơ quan thường trực thi đua, khen thưởng"),
        queryset=None,
        empty_label=_("— Chọn cơ quan —"),
    )
    council = forms.ModelChoiceField(
        label=_("Hội đồng thi đua, khen thưởng"),
        queryset=None,
        empty_label=_("— Chọn hội đồng —"),
    )
    form_codes = forms.MultipleChoiceField(
        label=_("Hình thức khen thưởng của đợt"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
    )
    public_comment_days = QuantityField(
        label=_("Số ngày làm việc công khai theo quy chế của tỉnh (0: theo quy định chung)"),
        max_value=60,
        unit=_("ngày"),
        initial=0,
    )

    def __init__(self, *args, activities, offices, councils, form_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["office"].queryset = offices
        self.fields["council"].queryset = councils
        self.fields["form_codes"].choices = form_choices
        preselect_single_choices(self)  # the one office, council or activity comes chosen

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify_vi(self.data.get("name", ""))[:80]
        if not slug:
            raise forms.ValidationError(_("Vui lòng nhập đường dẫn (chữ không dấu, gạch ngang)."))
        if Round.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Đã có đợt xét dùng đường dẫn này."))
        return slug

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
