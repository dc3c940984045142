"""Forms of the handlers' screens in the admin: the actions on an item, the answer editor, the
statistics filter, an item entered by an officer, and a ban added by value. Validation only;
writes are in services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from giamngheo.core.forms import DateInput
from giamngheo.organisations.selectors import ProvinceCommunes, communes_in_force, units_for_user

from .. import services
from ..enums import REASON_REQUIRED, TRANSITIONS, Channel, FeedbackStatus, Redaction, StatsGroup
from ..forms import FeedbackForm
from ..models import AnswerTemplate, Ban, Category, Feedback
from ..rules import sees_all_feedback

# --- actions on an item -------------------------------------------------------------------------

HANDLER_ACTIONS = [
    (FeedbackStatus.ACCEPTED, _("Thụ lý")),
    (FeedbackStatus.REFUSED, _("Không thụ lý (nêu lý do)")),
    (FeedbackStatus.ASSIGNED, _("Chuyển cơ quan xử lý")),
    (FeedbackStatus.IN_PROGRESS, _("Bắt đầu xử lý")),
    (FeedbackStatus.INFO_REQUESTED, _("Đề nghị người gửi bổ sung thông tin")),
    (FeedbackStatus.RETURNED, _("Trả lại cơ quan đầu mối (nêu lý do)")),
    (FeedbackStatus.CLOSED, _("Kết thúc")),
]
TRANSFER_LABEL = _("Chuyển cơ quan khác xử lý (nêu lý do)")
REASSIGN_LABEL = _("Giao lại cơ quan xử lý")


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Thao tác"), choices=HANDLER_ACTIONS)
    reason = forms.CharField(
        label=_("Lý do, ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Chuyển đến cơ quan (khi chọn “Chuyển cơ quan xử lý”)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, feedback: Feedback, organisations, lead: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[feedback.status]
        if feedback.status == FeedbackStatus.ACCEPTED:
            assign_label = None
        elif lead or feedback.status == FeedbackStatus.RETURNED:
            assign_label = REASSIGN_LABEL
        else:
            assign_label = TRANSFER_LABEL
        self.fields["to"].choices = [
            (v, assign_label if v == FeedbackStatus.ASSIGNED and assign_label else lbl)
            for v, lbl in HANDLER_ACTIONS
            if v in allowed
        ]
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].initial = feedback.organisation_id

    def actions(self) -> list[dict]:
        """One short form per action that applies in the current state: its label, whether it
        asks a reason (required for a refusal, a request, a return) and a body (assigning)."""
        return [
            {
                "to": value,
                "label": label,
                "reason": value in REASON_REQUIRED or value == FeedbackStatus.ASSIGNED,
                "reason_required": value in REASON_REQUIRED,
                "organisation": value == FeedbackStatus.ASSIGNED,
            }
            for value, label in self.fields["to"].choices
        ]


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class LocateForm(forms.Form):
    """The triage queue: the lead department names the commune of an item filed without one."""

    unit = forms.ModelChoiceField(label=_("Xã, phường"), queryset=None)
    reason = forms.CharField(
        label=_("Căn cứ xác định (không bắt buộc)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes_in_force(on=timezone.localdate())


class AnswerForm(forms.Form):
    template = TemplateChoiceField(
        label=_("Mẫu trả lời đã dùng"),
        queryset=None,
        required=False,
        empty_label=_("— Không dùng mẫu —"),
    )
    body = forms.CharField(
        label=_("Nội dung trả lời"), max_length=20000, widget=forms.Textarea(attrs={"rows": 10})
    )
    propose_publication = forms.BooleanField(
        label=_("Đề nghị lãnh đạo duyệt công khai câu hỏi và trả lời lên mục Hỏi đáp"),
        required=False,
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = (
            templates if templates is not None else AnswerTemplate.objects.none()
        )


class TemplatePickForm(forms.Form):
    """GET form on the item screen: loads a template into the answer editor (no JavaScript)."""

    mau = TemplateChoiceField(
        label=_("Chọn mẫu trả lời"), queryset=None, empty_label=_("— Chọn mẫu —")
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mau"].queryset = templates


MODERATION_ACTIONS = [
    ("hide", _("Ẩn khỏi trang công khai")),
    ("unhide", _("Hiện lại trên trang công khai")),
    ("spam", _("Đánh dấu tin rác")),
    ("unspam", _("Bỏ đánh dấu tin rác")),
]


class ModerationForm(forms.Form):
    moderation = forms.ChoiceField(label=_("Kiểm duyệt"), choices=MODERATION_ACTIONS)
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, feedback: Feedback | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if feedback is not None:
            drop = {"unhide" if not feedback.is_hidden else "hide"}
            drop.add("unspam" if not feedback.is_spam else "spam")
            self.fields["moderation"].choices = [c for c in MODERATION_ACTIONS if c[0] not in drop]

    def service_kwargs(self) -> dict:
        action = self.cleaned_data["moderation"]
        kwargs = {"reason": self.cleaned_data["reason"]}
        if action in ("hide", "unhide"):
            kwargs["hidden"] = action == "hide"
        else:
            kwargs["spam"] = action == "spam"
        return kwargs


class BanReporterForm(forms.Form):
    ban_reason = forms.CharField(
        label=_("Lý do chặn người gửi"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    until = forms.DateField(
        label=_("Chặn đến hết ngày (để trống: không thời hạn)"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


class RedactionForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Cách xử lý trước khi công khai"),
        choices=Redaction.choices,
        widget=forms.RadioSelect,
    )
    boxes = forms.CharField(
        label=_("Vùng cần che (mỗi dòng: x1, y1, x2, y2 theo điểm ảnh)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: 10, 20, 120, 60 — góc trên trái (10, 20), góc dưới phải (120, 60)."),
    )

    def clean_boxes(self):
        boxes = []
        for number, line in enumerate(self.cleaned_data["boxes"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace(";", ",").split(",")]
            if len(parts) != 4 or not all(p.isdigit() and len(p) <= 5 for p in parts):
                raise ValidationError(
                    _("Dòng %(n)s: cần 4 số nguyên không âm cách nhau bởi dấu phẩy."),
                    params={"n": number},
                )
            boxes.append(tuple(int(p) for p in parts))
        if len(boxes) > 50:
            raise ValidationError(_("Tối đa 50 vùng che."))
        return boxes

    def clean(self):
        data = super().clean()
        if data.get("mode") == Redaction.BOXES and not data.get("boxes"):
            self.add_error("boxes", _("Vui lòng nhập ít nhất một vùng cần che."))
        return data


def _year_choices():
    this = timezone.localdate().year
    return [("", _("Mọi năm"))] + [(str(y), str(y)) for y in range(this, 2019, -1)]


class StatisticsFilterForm(forms.Form):
    nam = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    theo = forms.ChoiceField(label=_("Thống kê theo"), choices=StatsGroup.choices, required=False)
    linh_vuc = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=None, required=False, empty_label=_("Mọi lĩnh vực")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nam"].choices = _year_choices()
        self.fields["linh_vuc"].queryset = Category.objects.all()


class OfficerIntakeForm(FeedbackForm):
    """An officer enters an item that came by phone, letter or in person into the same register
    (QĐ 31/2021/QĐ-TTg): the same fields, the channel, no anti-robot checks, and only the
    communes of the officer's own reach (or every commune for the lead department)."""

    channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"),
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.LETTER, Channel.IN_PERSON)],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"], self.fields["started"]
        # The officer records what the citizen said: third person, not "you".
        self.fields["identity_mode"].label = _("Danh tính người gửi")
        self.fields["consent_processing"].label = _(
            "Người gửi đồng ý để cơ quan nhà nước xử lý thông tin cá nhân nhằm tiếp nhận, xử lý "
            "và trả lời phản ánh, kiến nghị này."
        )
        self.fields["consent_publish"].label = _(
            "Người gửi đồng ý công khai câu hỏi và câu trả lời (không kèm thông tin cá nhân)."
        )
        if not sees_all_feedback(user=user):
            reach = set(units_for_user(user=user).values_list("pk", flat=True))
            groups = [
                ProvinceCommunes(g.province, [c for c in g.communes if c.pk in reach])
                for g in self.groups
            ]
            self.set_communes([g for g in groups if g.communes])

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "channel": self.cleaned_data["channel"]}


class BanCreateForm(WagtailAdminModelForm):
    """Adds a ban by value; services.create_ban keeps only the keyed hash."""

    value = forms.CharField(label=_("Số điện thoại, thư điện tử hoặc địa chỉ IP"), max_length=254)

    class Meta:
        model = Ban
        fields = ["kind", "until", "reason", "is_active"]

    def save(self, commit=True):
        d = self.cleaned_data
        self.instance = services.create_ban(
            kind=d["kind"],
            value=d["value"],
            reason=d["reason"],
            until=d["until"],
            actor=self.for_user,
        )
        return self.instance

    def _post_clean(self):
        # The hash is computed by the service; skip the model's validation of an empty hash.
        pass


class BanEditForm(WagtailAdminModelForm):
    class Meta:
        model = Ban
        fields = ["until", "reason", "is_active"]
