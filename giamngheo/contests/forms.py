"""Forms of the contests app: validation only (the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.models import Organisation

from .enums import FileRole
from .services import PRESS_KINDS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def outlets():
    return Organisation.objects.filter(kind__in=PRESS_KINDS).order_by("name")


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    pen_name = forms.CharField(label=_("Bút danh"), max_length=120, required=False)
    outlet = forms.ModelChoiceField(
        label=_("Cơ quan báo chí công tác"), queryset=outlets(), required=False
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=20)
    email = forms.EmailField(label=_("Thư điện tử"))
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput)
    # The honeypot: a field no person sees (hidden by the stylesheet).
    website = forms.CharField(required=False, label=_("Để trống ô này"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlets()


class EntryForm(forms.Form):
    medium = forms.ModelChoiceField(label=_("Loại hình"), queryset=None)
    title = forms.CharField(label=_("Tên tác phẩm"), max_length=300)
    outlet = forms.ModelChoiceField(label=_("Cơ quan đăng, phát"), queryset=outlets())
    published_on = forms.DateField(label=_("Ngày đăng, phát"), input_formats=DATE_FORMATS)
    placement = forms.CharField(label=_("Số báo, trang / chương trình, giờ phát"), max_length=200)
    url = forms.URLField(
        label=_("Đường dẫn (báo điện tử)"), required=False, max_length=500, assume_scheme="https"
    )
    instalments = forms.IntegerField(label=_("Số kỳ"), min_value=1, max_value=50, initial=1)
    length = forms.IntegerField(
        label=_("Số chữ (báo in, điện tử) hoặc số phút (phát thanh, truyền hình)"),
        min_value=0,
        max_value=1_000_000,
        initial=0,
    )
    summary = forms.CharField(label=_("Tóm tắt"), widget=forms.Textarea, required=False)
    coauthors = forms.CharField(
        label=_("Đồng tác giả (mỗi người một dòng: họ tên; bút danh)"),
        widget=forms.Textarea,
        required=False,
    )
    work = forms.FileField(label=_("Tác phẩm (bản scan, âm thanh, video hoặc ảnh)"), required=False)
    script = forms.FileField(
        label=_("Kịch bản, bản in A4 (phát thanh, truyền hình)"), required=False
    )
    capture = forms.FileField(label=_("Bản chụp trang PDF (báo điện tử)"), required=False)
    not_awarded_elsewhere = forms.BooleanField(
        label=_("Tác phẩm chưa đoạt giải ở cuộc thi, giải báo chí khác"), required=False
    )
    not_entered_elsewhere = forms.BooleanField(
        label=_("Tác phẩm không đồng thời dự giải báo chí khác"), required=False
    )
    grants_rights = forms.BooleanField(
        label=_("Đồng ý cho Ban tổ chức sử dụng tác phẩm để tuyên truyền"), required=False
    )

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medium"].queryset = contest.media.all()
        self.fields["outlet"].queryset = outlets()

    def coauthor_list(self) -> list[tuple[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("coauthors") or "").splitlines():
            name, _sep, pen = line.partition(";")
            if name.strip():
                rows.append((name.strip(), pen.strip()))
        return rows

    def file_map(self) -> dict:
        return {
            role: self.cleaned_data[role]
            for role in (FileRole.WORK, FileRole.SCRIPT, FileRole.CAPTURE)
            if self.cleaned_data.get(role)
        }


class ScoreForm(forms.Form):
    abstain = forms.BooleanField(label=_("Không chấm (xin rút khỏi tác phẩm này)"), required=False)

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            current = scores.get(criterion.pk)
            self.fields[f"c{criterion.pk}"] = forms.CharField(
                label=_("%(name)s (tối đa %(max)s)")
                % {"name": criterion.name, "max": criterion.maximum},
                required=False,
                max_length=10,
                initial=current.value if current else "",
            )
            self.fields[f"n{criterion.pk}"] = forms.CharField(
                label=_("Nhận xét"),
                required=False,
                max_length=1000,
                initial=current.comment if current else "",
            )

    def values(self) -> dict:
        return {
            c.pk: (self.cleaned_data.get(f"c{c.pk}"), self.cleaned_data.get(f"n{c.pk}", ""))
            for c in self.criteria
        }

    def rows(self):
        return [(c, self[f"c{c.pk}"], self[f"n{c.pk}"]) for c in self.criteria]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea, max_length=2000)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Bản đã che tên tác giả, tên cơ quan"))


class ConflictForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xung đột lợi ích"), max_length=300)


class OverrideForm(forms.Form):
    selected = forms.BooleanField(label=_("Chọn (vào vòng sau hoặc đoạt giải)"), required=False)
    prize = forms.ModelChoiceField(label=_("Giải"), queryset=None, required=False)
    reason = forms.CharField(label=_("Lý do hội đồng điều chỉnh"), widget=forms.Textarea)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prize"].queryset = round.contest.prize_tiers.filter(medium__isnull=False)


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=40)
    on = forms.DateField(label=_("Ngày ký"), input_formats=DATE_FORMATS)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120)
    signer_name = forms.CharField(label=_("Họ tên người ký"), max_length=120)
