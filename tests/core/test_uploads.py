import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from giamngheo.core.uploads import validate_upload


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {2: (21.0, 16.0, 0.0)}  # GPSInfo: latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_image_is_reencoded_without_exif_and_renamed():
    data = _jpeg_with_gps()
    assert b"CameraMaker" in data
    clean = validate_upload(
        SimpleUploadedFile("../../etc/passwd.jpg", data), allowed={"jpg", "png"}
    )
    assert clean.kind == "jpg"
    assert clean.content.name.endswith(".jpg")
    assert "/" not in clean.content.name and "passwd" not in clean.content.name
    body = clean.content.read()
    assert b"CameraMaker" not in body
    assert Image.open(io.BytesIO(body)).getexif() == {}


def test_svg_is_refused_even_with_image_name():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as err:
        validate_upload(SimpleUploadedFile("anh.png", svg), allowed={"jpg", "png"})
    assert err.value.code == "bad_type"
    assert "Loại tệp không được chấp nhận" in err.value.messages[0]


def test_fake_image_is_refused():
    with pytest.raises(ValidationError) as err:
        validate_upload(
            SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0 not a jpeg at all"), allowed={"jpg"}
        )
    assert err.value.code == "bad_image"


def test_oversize_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as err:
        validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 2000), allowed={"pdf"})
    assert err.value.code == "too_large"


def test_too_many_pixels_is_refused(settings):
    settings.UPLOAD_MAX_PIXELS = 10_000
    out = io.BytesIO()
    Image.new("L", (200, 200)).save(out, format="PNG")
    with pytest.raises(ValidationError) as err:
        validate_upload(SimpleUploadedFile("a.png", out.getvalue()), allowed={"png"})
    assert err.value.code == "too_many_pixels"


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def test_docx_is_accepted_by_content():
    clean = validate_upload(SimpleUploadedFile("bao-cao.bin", _docx()), allowed={"docx", "pdf"})
    assert clean.kind == "docx"


def test_docx_with_macros_is_refused():
    with pytest.raises(ValidationError) as err:
        validate_upload(
            SimpleUploadedFile("a.docx", _docx({"word/vbaProject.bin": b"x" * 10})),
            allowed={"docx"},
        )
    assert err.value.code == "macro"


def test_zip_bomb_is_refused():
    bomb = _docx({"word/media/big.bin": b"\0" * 5_000_000})
    with pytest.raises(ValidationError) as err:
        validate_upload(SimpleUploadedFile("a.docx", bomb), allowed={"docx"})
    assert err.value.code == "zip_bomb"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as err:
        validate_upload(SimpleUploadedFile("a.pdf", b""), allowed={"pdf"})
    assert err.value.code == "empty"
