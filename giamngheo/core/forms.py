"""Wagtail image and document forms that pass every new upload through core.uploads."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import DOCUMENT_KINDS, IMAGE_KINDS, MEDIA_KINDS, validate_upload


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
