"""Forms of the project: the phone field and the date pickers every form uses, the admin
sign-in, and image and document forms that pass every new upload through core.uploads."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .text import validate_phone
from .uploads import DOCUMENT_KINDS, IMAGE_KINDS, MEDIA_KINDS, validate_upload


class PhoneField(forms.CharField):
    """A phone number by the one rule of every form and API (core.text.validate_phone),
    cleaned to its national form (0912345678)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return validate_phone(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages.get("invalid", _("Số điện thoại không hợp lệ.")),
                code="invalid",
            ) from None


class DateInput(forms.DateInput):
    """The browser's own date picker (shown in the reader's locale, 15/11/2023 in Vietnamese).
    Its value is always ISO (the HTML rule: any other value shows an empty box), while the field
    also accepts 15/11/2023 typed where the browser has no picker (DATE_INPUT_FORMATS)."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, its value in the HTML form (2023-11-15T14:30)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or "%Y-%m-%dT%H:%M")


class AdminLoginForm(LoginForm):
    """Wagtail's sign-in form gives its password field no label, so the page showed the field
    name ("Password") in English; the label is ours (``WAGTAILADMIN_USER_LOGIN_FORM``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mật khẩu")


class SafeImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            clean = validate_upload(upload, allowed=set(IMAGE_KINDS))
            upload.file = clean.content.file
            upload.size = clean.size
            upload.name = clean.content.name
        return upload


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            clean = validate_upload(upload, allowed=DOCUMENT_KINDS | MEDIA_KINDS)
            upload.file = clean.content.file
            upload.size = clean.size
            upload.name = clean.content.name
        return upload
