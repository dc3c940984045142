"""Forms of the commune radio app: validation only (the services decide)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.forms import DateInput, DateTimeInput
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.planning.enums import FormKind, ItemKind
from giamngheo.planning.models import Activity, PlanItem

from .enums import Language, Priority
from .models import MAX_TIMES_PER_DAY


class BulletinForm(forms.Form):
    activity = forms.ModelChoiceField(
        label=_("Hoạt động (mục 2.1)"), queryset=Activity.objects.none()
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    text = forms.CharField(
        label=_("Nội dung (tiếng Việt)"), widget=forms.Textarea(attrs={"rows": 10})
    )
    priority = forms.ChoiceField(
        label=_("Mức ưu tiên"), choices=Priority.choices, initial=Priority.NORMAL
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Nội dung tuyên truyền (mục 1.x của kế hoạch)"),
        queryset=PlanItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    everywhere = forms.BooleanField(label=_("Tất cả các xã trong phạm vi quản lý"), required=False)
    district = forms.ModelChoiceField(
        label=_("Tất cả các xã của huyện"),
        queryset=AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT),
        required=False,
    )
    communes = forms.ModelMultipleChoiceField(
        label=_("Hoặc các xã"),
        queryset=AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    air_from = forms.DateField(label=_("Phát từ ngày"), widget=DateInput)
    air_to = forms.DateField(label=_("Phát đến ngày"), widget=DateInput)
    times_per_day = forms.IntegerField(
        label=_("Số lần phát mỗi ngày"), min_value=1, max_value=MAX_TIMES_PER_DAY, initial=1
    )
    valid_until = forms.DateField(label=_("Có giá trị đến ngày"), widget=DateInput)

    def __init__(self, *args, activities=None, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if activities is not None:
            self.fields["activity"].queryset = activities.filter(
                form__form_kind=FormKind.COMMUNE_RADIO
            )
            # The contents of the plans of those activities; the service checks the chosen
            # ones belong to the chosen activity's plan.
            self.fields["themes"].queryset = PlanItem.objects.filter(
                kind=ItemKind.CONTENT,
                plan__in=self.fields["activity"].queryset.values("subplan__plan"),
            ).order_by("plan__year", "position", "pk")
        if communes is not None:
            self.fields["communes"].queryset = communes
            self.fields["district"].queryset = AdministrativeUnit.objects.filter(
                level=UnitLevel.DISTRICT, pk__in=communes.values("parent")
            )


class AiredForm(forms.Form):
    aired_at = forms.DateTimeField(
        label=_("Thời điểm phát"),
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    times = forms.IntegerField(label=_("Số lần phát"), min_value=1, max_value=50, initial=1)
    evidence = forms.FileField(label=_("Minh chứng (nhật ký phát, ảnh chụp)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aired_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class NotAiredForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không phát"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    evidence = forms.FileField(label=_("Minh chứng"), required=False)


class RecordingForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Ngôn ngữ"), choices=Language.choices, initial=Language.VIETNAMESE
    )
    text = forms.CharField(
        label=_("Nội dung của bản ngôn ngữ"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    audio = forms.FileField(label=_("Tệp âm thanh (MP3, OGG, M4A)"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 3}))


class AcksForm(forms.Form):
    file = forms.FileField(label=_("Tệp xác nhận CAP 1.2 (XML)"))


class CoverageForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=DateInput, required=False)
    end = forms.DateField(label=_("Đến ngày"), widget=DateInput, required=False)
