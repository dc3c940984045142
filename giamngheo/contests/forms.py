"""Forms of the contests app: validation only (the services decide)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from giamngheo.core.antiabuse import sign_started
from giamngheo.core.numbers import MoneyField, QuantityField
from giamngheo.core.text import fold, slugify_vi
from giamngheo.organisations.models import Organisation

from .enums import FileRole, Medium
from .models import Contest
from .services import PRESS_KINDS, CriterionSpec

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
    # The signed start time: the form's single-use submission token (core.antiabuse).
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medium"].queryset = contest.media.all()
        self.fields["outlet"].queryset = outlets()
        if not self.is_bound:
            self.initial["started"] = sign_started()

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


# --- the set-up screens (admin) -------------------------------------------------------------

ADMIN_DATE = {"input_formats": DATE_FORMATS, "widget": AdminDateInput}
_BAD_DATE = _("Ngày không hợp lệ, ví dụ 15/11/2023.")


def _date(label, **kwargs):
    return forms.DateField(
        label=label, error_messages={"invalid": _BAD_DATE}, **ADMIN_DATE, **kwargs
    )


class ContestForm(forms.Form):
    """A contest's data: its activity, organiser, rules, windows, media and limits. On edit
    the activity, organiser and address stay as they were created."""

    activity = forms.ModelChoiceField(
        label=_("Hoạt động của kế hoạch (mục 2.2)"),
        queryset=None,
        empty_label=_("— Chọn hoạt động —"),
    )
    name = forms.CharField(label=_("Tên cuộc thi"), max_length=300)
    slug = forms.SlugField(
        label=_("Đường dẫn trên Cổng (để trống: tạo từ tên)"), max_length=80, required=False
    )
    organiser = forms.ModelChoiceField(
        label=_("Cơ quan tổ chức"), queryset=None, empty_label=_("— Chọn cơ quan —")
    )
    rules_text = forms.CharField(
        label=_("Thể lệ (tóm tắt)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    rules_file = forms.FileField(label=_("Thể lệ (văn bản PDF hoặc DOCX)"), required=False)
    entries_open = _date(_("Ngày bắt đầu nhận tác phẩm"))
    entries_close = _date(_("Hạn nhận tác phẩm"))
    published_from = _date(_("Tác phẩm đăng, phát từ ngày"))
    published_to = _date(_("Tác phẩm đăng, phát đến ngày"))
    media = forms.MultipleChoiceField(
        label=_("Loại hình dự thi"), choices=Medium.choices, widget=forms.CheckboxSelectMultiple
    )
    max_works_per_author = QuantityField(
        label=_("Số tác phẩm tối đa mỗi tác giả"), min_value=1, max_value=50, unit=_("tác phẩm")
    )
    max_words = QuantityField(
        label=_("Số chữ tối đa (báo in, điện tử; 0: không giới hạn)"),
        max_value=1_000_000,
        unit=_("chữ"),
    )
    max_minutes = QuantityField(
        label=_("Thời lượng tối đa (phút; 0: không giới hạn)"), max_value=600, unit=_("phút")
    )
    max_instalments = QuantityField(
        label=_("Số kỳ tối đa của loạt bài"), min_value=1, max_value=100, unit=_("kỳ")
    )
    secretariat = forms.ModelMultipleChoiceField(
        label=_("Tổ thư ký (biết danh tính tác giả)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký quyết định"), max_length=120, required=False
    )
    signer_name = forms.CharField(label=_("Người ký quyết định"), max_length=120, required=False)

    CREATE_ONLY = ("activity", "slug", "organiser")

    def __init__(
        self, *args, activities=None, organisers=None, secretaries=None, contest=None, **kwargs
    ):
        if contest is not None and not kwargs.get("data"):
            kwargs.setdefault("initial", contest_initial(contest))
        super().__init__(*args, **kwargs)
        self.contest = contest
        if contest is not None:
            for name in self.CREATE_ONLY:
                del self.fields[name]
        else:
            self.fields["activity"].queryset = activities
            self.fields["activity"].label_from_instance = lambda a: (
                f"{a.title} — {a.subplan.organisation.name}"
            )
            self.fields["organiser"].queryset = organisers
        self.fields["secretariat"].queryset = secretaries
        self.fields["secretariat"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.get_username()} ({u.get_username()})"
        )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify_vi(self.data.get("name", ""))
        if slug and Contest.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Đường dẫn này đã được một cuộc thi khác dùng."))
        return slug

    def clean(self):
        data = super().clean()
        if "slug" in self.fields and not data.get("slug") and not self.errors.get("slug"):
            self.add_error("slug", _("Vui lòng nhập đường dẫn (chữ không dấu, gạch ngang)."))
        return data

    def media_pairs(self) -> list[tuple[str, str]]:
        labels = dict(Medium.choices)
        return [(kind, str(labels[kind])) for kind in self.cleaned_data["media"]]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["media"] = self.media_pairs()
        data.pop("rules_file", None)
        return data


def contest_initial(contest) -> dict:
    return {
        "name": contest.name,
        "rules_text": contest.rules_text,
        "entries_open": contest.entries_open,
        "entries_close": contest.entries_close,
        "published_from": contest.published_from,
        "published_to": contest.published_to,
        "media": [m.kind for m in contest.media.all()],
        "max_works_per_author": contest.max_works_per_author,
        "max_words": contest.max_words,
        "max_minutes": contest.max_minutes,
        "max_instalments": contest.max_instalments,
        "secretariat": list(contest.secretariat.values_list("pk", flat=True)),
        "signer_title": contest.signer_title,
        "signer_name": contest.signer_name,
    }


class PrizeTierForm(forms.Form):
    medium = forms.ModelChoiceField(
        label=_("Loại hình"),
        queryset=None,
        required=False,
        empty_label=_("— Giải tập thể cho cơ quan báo chí —"),
    )
    name = forms.CharField(label=_("Tên giải (ví dụ: Giải A, Giải Nhất)"), max_length=80)
    quota = QuantityField(label=_("Số giải"), min_value=1, max_value=100, unit=_("giải"))
    amount = MoneyField(label=_("Tiền thưởng mỗi giải (đồng)"))
    position = QuantityField(label=_("Thứ bậc (0 là cao nhất)"), max_value=50, initial=0)

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medium"].queryset = contest.media.all()


class CriteriaField(forms.CharField):
    """Criteria typed one a line: ``name; maximum; weight`` and ``không bắt buộc`` after a
    fourth ``;`` when the criterion may be left blank. A weight may be written ``1,5``."""

    widget = forms.Textarea

    def to_python(self, value):
        text = super().to_python(value)
        specs, errors = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            name = parts[0]
            try:
                maximum = int(parts[1]) if len(parts) > 1 else 0
                weight = Decimal(parts[2].replace(",", ".")) if len(parts) > 2 and parts[2] else 1
            except (ValueError, ArithmeticError):
                maximum, weight = 0, Decimal(0)
            required = not (len(parts) > 3 and fold(parts[3]) == "khong bat buoc")
            if not name or not 1 <= maximum <= 100 or not Decimal(0) < weight <= 100:
                errors.append(
                    _(
                        "Dòng %(n)s: cần “tên tiêu chí; điểm tối đa (1–100); trọng số”, "
                        "ví dụ “Nội dung, tư tưởng; 40; 2”."
                    )
                    % {"n": number}
                )
                continue
            specs.append(CriterionSpec(name, maximum, Decimal(weight), required))
        if errors:
            raise forms.ValidationError(errors)
        if not specs and self.required:
            raise forms.ValidationError(_("Vòng chấm cần ít nhất một tiêu chí."))
        return specs

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(criterion_line(c) for c in value)
        return value


def criterion_line(c) -> str:
    weight = f"{Decimal(c.weight).normalize():f}".replace(".", ",")
    line = f"{c.name}; {c.maximum}; {weight}"
    return line if c.required else f"{line}; không bắt buộc"


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Tên vòng (ví dụ: Vòng sơ khảo)"), max_length=80)
    starts_on = _date(_("Bắt đầu chấm"))
    ends_on = _date(_("Kết thúc chấm"))
    media = forms.ModelMultipleChoiceField(
        label=_("Loại hình vòng này chấm"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    criteria = CriteriaField(
        label=_(
            "Tiêu chí chấm (mỗi dòng: tên; điểm tối đa; trọng số; thêm “; không bắt buộc” "
            "nếu được bỏ trống)"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    finalists_per_medium = QuantityField(
        label=_("Số tác phẩm vào vòng sau mỗi loại hình (0: vòng xét giải)"),
        max_value=1000,
        unit=_("tác phẩm"),
        initial=0,
    )
    awards_prizes = forms.BooleanField(label=_("Vòng xét giải"), required=False)
    spread_flag = forms.DecimalField(
        label=_("Độ lệch điểm giữa giám khảo cần xem lại"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=Decimal("15"),
        localize=True,
    )

    def __init__(self, *args, contest, round=None, **kwargs):
        if round is not None and not kwargs.get("data"):
            kwargs.setdefault(
                "initial",
                {
                    "name": round.name,
                    "starts_on": round.starts_on,
                    "ends_on": round.ends_on,
                    "media": list(round.media.values_list("pk", flat=True)),
                    "criteria": list(round.criteria.all()),
                    "finalists_per_medium": round.finalists_per_medium,
                    "awards_prizes": round.awards_prizes,
                    "spread_flag": round.spread_flag,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["media"].queryset = contest.media.all()


class JurorForm(forms.Form):
    account = forms.CharField(
        label=_("Tên đăng nhập hoặc thư điện tử của giám khảo"), max_length=254
    )
    employer = forms.ModelChoiceField(
        label=_("Cơ quan báo chí giám khảo đang công tác (tác phẩm của cơ quan này được loại ra)"),
        queryset=None,
        required=False,
        empty_label=_("— Không công tác ở cơ quan báo chí —"),
    )
    panel = forms.ModelChoiceField(
        label=_("Tiểu ban (chỉ chấm một loại hình; để trống: mọi loại hình của vòng)"),
        queryset=None,
        required=False,
        empty_label=_("— Mọi loại hình của vòng —"),
    )

    def __init__(self, *args, round, find_account, **kwargs):
        super().__init__(*args, **kwargs)
        self.find_account = find_account
        self.fields["employer"].queryset = outlets()
        self.fields["panel"].queryset = round.media.all()

    def clean_account(self):
        user = self.find_account(identifier=self.cleaned_data["account"])
        if user is None:
            raise forms.ValidationError(
                _(
                    "Không tìm thấy tài khoản này. Đề nghị quản trị hệ thống tạo tài khoản cho "
                    "giám khảo trước."
                )
            )
        return user


class RecordConflictForm(forms.Form):
    juror = forms.ModelChoiceField(
        label=_("Giám khảo"), queryset=None, empty_label=_("— Chọn giám khảo —")
    )
    entry = forms.ModelChoiceField(
        label=_("Tác phẩm (theo mã)"), queryset=None, empty_label=_("— Chọn tác phẩm —")
    )
    reason = forms.CharField(label=_("Lý do xung đột lợi ích"), max_length=300)

    def __init__(self, *args, round, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = round.jurors.select_related("user")
        self.fields["entry"].queryset = entries
        # The code only (or the number of an entry not yet coded): never the title's author.
        self.fields["entry"].label_from_instance = lambda e: f"{e} — {e.medium.name}"
