"""Forms of the training screens: validation only. Numbers are whole and written the Vietnamese
way (``core.numbers``); sessions are typed one a line, ``06/02/2023 07:30-11:30``."""

from __future__ import annotations

import re
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from giamngheo.core.antiabuse import AbuseCheck, check_started, sign_started
from giamngheo.core.numbers import QuantityField

from .enums import AttendanceStatus, Audience, Ethnicity, QuestionKind, Sex
from .models import MAX_CAPACITY, MAX_SESSIONS, TargetGroup
from .services import SessionSpec

_SESSION_LINE = re.compile(
    r"^(?P<day>\d{1,2}/\d{1,2}/\d{4})\s+(?P<start>\d{1,2}[:h]\d{2})\s*[-–—]\s*(?P<end>\d{1,2}[:h]\d{2})$"
)


def _time(text: str) -> time:
    hours, minutes = re.split("[:h]", text)
    return time(int(hours), int(minutes))


def parse_sessions(raw: str) -> list[SessionSpec]:
    lines = [line.strip() for line in (raw or "").splitlines() if line.strip()]
    if not lines:
        raise ValidationError(_("Vui lòng nhập ít nhất một buổi học."), code="required")
    if len(lines) > MAX_SESSIONS:
        raise ValidationError(_("Một lớp có tối đa 20 buổi học."), code="too_many")
    out = []
    for number, line in enumerate(lines, start=1):
        match = _SESSION_LINE.match(line)
        try:
            if match is None:
                raise ValueError
            day = datetime.strptime(match["day"], "%d/%m/%Y").date()
            out.append(
                SessionSpec(day=day, starts_at=_time(match["start"]), ends_at=_time(match["end"]))
            )
        except ValueError:
            raise ValidationError(
                _(
                    "Dòng %(number)s “%(line)s” không đúng mẫu ngày và giờ, ví dụ "
                    "06/02/2023 07:30-11:30."
                ),
                code="invalid",
                params={"number": number, "line": line[:60]},
            ) from None
    return out


class CourseForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Thuộc hoạt động (mục 2.4)"), queryset=None)
    title = forms.CharField(label=_("Tên lớp tập huấn"), max_length=300)
    organiser = forms.ModelChoiceField(label=_("Đơn vị tổ chức"), queryset=None)
    venue_unit = forms.ModelChoiceField(label=_("Địa bàn tổ chức"), queryset=None)
    venue_address = forms.CharField(label=_("Địa điểm"), max_length=300)
    capacity = QuantityField(
        label=_("Số học viên tối đa"), min_value=1, max_value=MAX_CAPACITY, unit=_("học viên")
    )
    sessions = forms.CharField(
        label=_("Các buổi học (mỗi ngày một dòng: ngày giờ bắt đầu-giờ kết thúc)"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "06/02/2023 07:30-16:30"}),
        max_length=2000,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Đối tượng tập huấn"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    programme = forms.CharField(
        label=_("Chương trình, nội dung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    min_sessions = QuantityField(
        label=_("Số buổi tối thiểu để được cấp giấy chứng nhận (0: dự đủ tất cả các buổi)"),
        min_value=0,
        max_value=MAX_SESSIONS,
        unit=_("buổi"),
        initial=0,
    )
    reports_sex_ethnicity = forms.BooleanField(
        label=_("Thống kê giới tính, dân tộc của học viên"), required=False, initial=True
    )
    is_public = forms.BooleanField(
        label=_("Công bố trên cổng thông tin"), required=False, initial=True
    )
    open_registration = forms.BooleanField(
        label=_(
            "Cho phép cán bộ tự đăng ký trên cổng thông tin (đơn vị tổ chức duyệt từng đăng ký)"
        ),
        required=False,
        initial=False,
    )
    retention_years = QuantityField(
        label=_("Thời hạn lưu thông tin học viên sau khi lớp kết thúc"),
        min_value=1,
        max_value=20,
        unit=_("năm"),
        initial=5,
        required=False,
        help_text=_("Để trống: 5 năm. Hết thời hạn, họ tên và liên hệ của học viên được xóa."),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=120, initial=_("Giám đốc")
    )
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120)

    def __init__(self, *args, activities=None, organisations=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["organiser"].queryset = organisations
        self.fields["venue_unit"].queryset = units

    def clean_sessions(self):
        return parse_sessions(self.cleaned_data["sessions"])


class AllotmentForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Đơn vị được phân bổ"), queryset=None)
    places = QuantityField(
        label=_("Số chỉ tiêu"), min_value=1, max_value=MAX_CAPACITY, unit=_("chỉ tiêu")
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PersonFields(forms.Form):
    """A participant's particulars, the same whether a unit names them or they register."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    position = forms.CharField(label=_("Chức vụ"), max_length=160, required=False)
    organisation = forms.ModelChoiceField(label=_("Cơ quan, đơn vị công tác"), queryset=None)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=[("", "—"), *Sex.choices], required=False)
    ethnicity = forms.ChoiceField(
        label=_("Dân tộc"), choices=[("", "—"), *Ethnicity.choices], required=False
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)


class ParticipantForm(PersonFields):
    target_group = forms.ModelChoiceField(
        label=_("Nhóm đối tượng"), queryset=TargetGroup.objects.all(), required=False
    )
    field_order = ["full_name", "position", "organisation", "target_group"]

    def __init__(self, *args, organisations=None, target_groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if target_groups is not None:
            self.fields["target_group"].queryset = target_groups


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Mã vé (quét mã QR hoặc gõ mã)"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )
    scanned = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CorrectionForm(forms.Form):
    status = forms.ChoiceField(label=_("Sửa thành"), choices=AttendanceStatus.choices)
    reason = forms.CharField(
        label=_("Lý do sửa"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PaperAttendanceForm(forms.Form):
    """One choice per participant not yet marked at the session, typed from the signed sheet."""

    def __init__(self, *args, enrolments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = list(enrolments)
        for enrolment in self.enrolments:
            self.fields[f"e{enrolment.pk}"] = forms.ChoiceField(
                label=f"{enrolment.trainee.full_name} — {enrolment.organisation.name}",
                choices=[("", _("(chưa nhập)")), *AttendanceStatus.choices],
                required=False,
            )

    def marks(self) -> dict[int, str]:
        return {
            e.pk: self.cleaned_data[f"e{e.pk}"]
            for e in self.enrolments
            if self.cleaned_data.get(f"e{e.pk}")
        }


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=300)
    audience = forms.ChoiceField(label=_("Phạm vi"), choices=Audience.choices)
    file = forms.FileField(label=_("Tệp (PDF, DOCX, XLSX, ODT, ODS)"))


class EvaluationForm(forms.Form):
    """The anonymous evaluation: one field per question of the course."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            if question.kind == QuestionKind.SCALE:
                self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(i, str(i)) for i in range(1, 6)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Vui lòng chọn một mức từ 1 đến 5.")},
                )
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Mã xác minh"), max_length=40)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Câu hỏi"),
        max_length=300,
        error_messages={"required": _("Vui lòng nhập câu hỏi.")},
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=QuestionKind.choices)
    position = QuantityField(
        label=_("Thứ tự (để trống: cuối phiếu)"), min_value=0, max_value=999, required=False
    )


class RegistrationForm(PersonFields):
    """An officer's own registration on a course that takes them (the organiser approves it).
    The honeypot and the signed start time of ``core.antiabuse``."""

    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"  # their own number
        if not self.is_bound:
            self.initial.setdefault("started", sign_started())
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def check_abuse(self) -> None:
        """Raises AbuseCheck; the view calls it before anything else is looked at."""
        if self.data.get("website"):
            raise AbuseCheck(_("Không thể gửi biểu mẫu. Vui lòng tải lại trang và gửi lại."))
        check_started(self.data.get("started", ""))
