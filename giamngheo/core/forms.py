"""Wagtail forms of the project: the admin sign-in, and image and document forms that pass every
new upload through core.uploads."""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import DOCUMENT_KINDS, IMAGE_KINDS, MEDIA_KINDS, validate_upload


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
