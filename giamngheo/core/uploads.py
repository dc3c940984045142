"""Upload validation shared by every app.

Files are judged by their content (magic bytes), never by the name or the Content-Type the
client sent; images are decoded, capped in pixels and re-encoded, which drops EXIF/GPS and any
payload appended to the file; PDFs are parsed and refused when they carry JavaScript, an action
that launches or submits something, or embedded files; every stored file gets a generated name.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

IMAGE_KINDS = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}
DOCUMENT_KINDS = {"pdf", "docx", "xlsx", "odt", "ods"}
MEDIA_KINDS = {"mp4", "webm", "mp3", "m4a", "ogg"}
_ZIP_DOCUMENT_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
    "ods": "content.xml",
}
_MAX_ZIP_RATIO = 100
_MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
# PDF names that run code, act on the reader's machine or carry files inside the PDF.
_PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/RichMedia", "/XFA"}
_PDF_ACTIVE_TYPES = {"/EmbeddedFile", "/RichMedia", "/RichMediaExecute"}
_PDF_ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToE",
    "/RichMediaExecute",
}
_PDF_MAX_OBJECTS = 500_000


@dataclass(frozen=True)
class CleanFile:
    content: ContentFile
    kind: str
    size: int


def _read(upload, limit: int) -> bytes:
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("Tệp quá lớn: dung lượng tối đa là %(mb)s MB."),
            code="too_large",
            params={"mb": limit // (1024 * 1024)},
        )
    if not data:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    return data


def _detect(data: bytes) -> str | None:
    kind = filetype.guess(data)
    if kind is None:
        if data.lstrip().startswith((b"<svg", b"<?xml")):
            return "svg"
        return None
    extension = kind.extension
    if extension in {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "jar"}:
        # Office files are zip archives: look inside (macros, bombs) whatever filetype guessed.
        return _detect_zip_document(data)
    return extension


def _detect_zip_document(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        infos = archive.infolist()
    except zipfile.BadZipFile:
        return None
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if total > _MAX_ZIP_UNCOMPRESSED or total / compressed > _MAX_ZIP_RATIO:
        raise ValidationError(_("Tệp nén bất thường, không được chấp nhận."), code="zip_bomb")
    if any(name.endswith("vbaProject.bin") for name in names):
        raise ValidationError(_("Tệp có chứa macro, không được chấp nhận."), code="macro")
    for kind, marker in _ZIP_DOCUMENT_MARKERS.items():
        if marker in names:
            if kind in {"odt", "ods"}:
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
                if kind.encode() not in mimetype.split(b".")[-1]:
                    continue
            return kind
    return None


def _reencode_image(data: bytes, kind: str) -> bytes:
    max_pixels = settings.UPLOAD_MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("Ảnh quá lớn: tối đa %(mp)s triệu điểm ảnh."),
                    code="too_many_pixels",
                    params={"mp": max_pixels // 1_000_000},
                )
            image = ImageOps.exif_transpose(probe)
            image.load()
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("Ảnh bị hỏng hoặc không đọc được."), code="bad_image") from None
    fmt = IMAGE_KINDS[kind]
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    # A fresh encode writes no EXIF/XMP/ICC text chunks: GPS and camera data are gone.
    image.save(out, format=fmt, quality=85) if fmt != "PNG" else image.save(out, format=fmt)
    return out.getvalue()


def image_thumbnail(handle, *, longest: int = 480) -> bytes:
    """A small JPEG of a stored image (one already checked by ``validate_upload``) for a list
    or a preview: at most ``longest`` pixels on its longer side, upright, no metadata."""
    with Image.open(handle) as image:
        image.draft("RGB", (longest, longest))  # JPEG: decode at a reduced scale
        small = ImageOps.exif_transpose(image).convert("RGB")
    small.thumbnail((longest, longest))
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _pdf_refused(reason: str) -> ValidationError:
    messages = {
        "active": _(
            "Tệp PDF có chứa mã JavaScript, lệnh tự chạy hoặc tệp đính kèm bên trong, "
            "không được chấp nhận. Vui lòng in lại thành PDF thông thường rồi gửi lại."
        ),
        "encrypted": _("Tệp PDF được mã hoá, không kiểm tra được nên không được chấp nhận."),
        "broken": _("Tệp PDF bị hỏng hoặc không đọc được."),
    }
    return ValidationError(messages[reason], code=f"pdf_{reason}")


_PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)")


def _pdf_names(data: bytes) -> set[str]:
    """Every name written in the file's bytes, ``#4A``-style escapes decoded (``/J#53`` is /JS)."""
    names = set()
    for match in _PDF_NAME.finditer(data):
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        names.add("/" + raw.decode("latin-1"))
    return names


def _check_pdf(data: bytes) -> None:
    """Refuse a PDF holding JavaScript, a launch/submit/import action, additional actions
    (``/AA``), XFA forms or embedded files.

    Two looks, both must pass: the names written in the file's bytes (escapes decoded), and every
    object reachable from the trailer as pypdf reads it (object streams decompressed, so nothing
    hides in a compressed stream). A file pypdf cannot read is judged by its bytes alone, and
    refused if it keeps objects in compressed object streams that could not be looked into.
    """
    names = _pdf_names(data)
    if names & (_PDF_ACTIVE_KEYS | _PDF_ACTIVE_TYPES | _PDF_ACTIVE_ACTIONS):
        raise _pdf_refused("active")
    import pypdf  # noqa: PLC0415 (heavy module, loaded only when used)
    from pypdf.generic import (  # noqa: PLC0415 (heavy module, loaded only when used)
        ArrayObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
    )

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        trailer = reader.trailer
    except Exception:  # pypdf raises many kinds on a malformed file
        if "/ObjStm" in names:
            raise _pdf_refused("broken") from None
        return
    try:
        if reader.is_encrypted and not reader.decrypt(""):
            raise _pdf_refused("encrypted")
        stack = [trailer]
        seen: set[tuple[int, int]] = set()
        visited = 0
        while stack:
            node = stack.pop()
            if isinstance(node, IndirectObject):
                ref = (node.idnum, node.generation)
                if ref in seen:
                    continue
                seen.add(ref)
                node = node.get_object()
            visited += 1
            if visited > _PDF_MAX_OBJECTS:
                raise _pdf_refused("broken")
            if isinstance(node, DictionaryObject):
                for key, value in node.items():
                    if key in _PDF_ACTIVE_KEYS:
                        raise _pdf_refused("active")
                    if key == "/S" and isinstance(value, NameObject):
                        if value in _PDF_ACTIVE_ACTIONS:
                            raise _pdf_refused("active")
                    if key in {"/Type", "/Subtype"} and value in _PDF_ACTIVE_TYPES:
                        raise _pdf_refused("active")
                    if key not in {"/Parent", "/P"}:  # back links: reached from above anyway
                        stack.append(value)
            elif isinstance(node, ArrayObject):
                stack.extend(node)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds on a malformed file
        raise _pdf_refused("broken") from None


def validate_upload(upload, *, allowed: set[str], max_bytes: int | None = None) -> CleanFile:
    """Check an uploaded file by content and return a safe copy with a generated name.

    ``allowed`` holds extensions (``{"jpg", "png", "pdf"}``); raises ValidationError with a
    Vietnamese message for anything else, including SVG, macros and zip bombs.
    """
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    data = _read(upload, limit)
    kind = _detect(data)
    if kind == "jpeg":
        kind = "jpg"
    if kind is None or kind not in allowed:
        raise ValidationError(
            _("Loại tệp không được chấp nhận. Chỉ nhận: %(kinds)s."),
            code="bad_type",
            params={"kinds": ", ".join(sorted(allowed))},
        )
    if kind in IMAGE_KINDS:
        data = _reencode_image(data, kind)
    elif kind == "pdf":
        _check_pdf(data)
    name = f"{uuid.uuid4().hex}.{kind}"
    return CleanFile(content=ContentFile(data, name=name), kind=kind, size=len(data))
