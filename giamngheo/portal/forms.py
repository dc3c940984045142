from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets.slug import SlugInput

from giamngheo.core.text import VI_SLUG_FORMATTERS

from .enums import SearchType, Topic
from .models import page_slug


class PortalPageForm(WagtailAdminPageForm):
    """The page editor's form: the slug is the portal's (``models.page_slug``) before Wagtail
    checks that no sibling has it, so "Tiêu đề trùng" next to a page of the same title is an
    error on the slug field — the editor's work stays in the form — instead of a clash raised
    later by the page's own save (an HTTP 500, the work lost)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Left empty (the admin's script had not filled it yet), it is made from the title.
            self.fields["slug"].required = False
            # The browser folds Vietnamese letters the way the server does (issue 13 item 10).
            self.fields["slug"].widget = SlugInput(
                attrs={"maxlength": self.fields["slug"].widget.attrs.get("maxlength", 255)},
                formatters=VI_SLUG_FORMATTERS,
            )

    def clean(self):
        if "slug" in self.cleaned_data:
            title = self.cleaned_data.get("title") or ""
            self.cleaned_data["slug"] = page_slug(title, self.cleaned_data["slug"]) or ""
        return super().clean()


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khóa"),
        max_length=settings.SEARCH_QUERY_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Từ khóa quá dài (tối đa %(limit_value)d ký tự).")},
    )
    loai = forms.ChoiceField(
        label=_("Loại nội dung"),
        required=False,
        choices=[("", _("Tất cả")), *SearchType.choices],
        error_messages={"invalid_choice": _("Loại nội dung không hợp lệ.")},
    )
    chu_de = forms.ChoiceField(
        label=_("Nội dung tuyên truyền"),
        required=False,
        choices=[("", _("Tất cả")), *Topic.choices],
        error_messages={"invalid_choice": _("Chủ đề không hợp lệ.")},
    )
    tu_ngay = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        error_messages={"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm.")},
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        error_messages={"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm.")},
    )
    sap_xep = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[("", _("Phù hợp nhất")), ("ngay", _("Mới nhất"))],
        error_messages={"invalid_choice": _("Cách sắp xếp không hợp lệ.")},
    )
    trang = forms.IntegerField(
        label=_("Trang"),
        required=False,
        min_value=1,
        max_value=10,
        error_messages={
            "invalid": _("Số trang không hợp lệ."),
            "min_value": _("Số trang không hợp lệ."),
            "max_value": _("Chỉ hiển thị tối đa 10 trang kết quả; hãy thu hẹp từ khóa."),
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and end < start:
            raise ValidationError(_("“Đến ngày” phải sau “Từ ngày”."))
        return data
