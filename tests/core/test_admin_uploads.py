import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", password="QuanTri-2023-demo!")
    client.force_login(user)
    return client


def _jpeg_with_exif() -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = "CameraMaker"
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), (10, 120, 10)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_wagtail_image_upload_is_reencoded_and_renamed(admin_client):
    upload = SimpleUploadedFile("../../anh ho ngheo.jpg", _jpeg_with_exif(), "image/jpeg")
    response = admin_client.post(
        "/admin/images/add/", {"title": "Ảnh hộ nghèo", "file": upload, "collection": 1}
    )
    assert response.status_code == 302
    image = Image.objects.get(title="Ảnh hộ nghèo")
    assert "anh" not in image.file.name and ".." not in image.file.name
    assert image.file.name.endswith(".jpg")
    assert (image.width, image.height) == (64, 48)
    with image.file.open("rb") as stored:
        data = stored.read()
    assert b"CameraMaker" not in data


def test_wagtail_image_upload_refuses_svg_in_vietnamese(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "SVG", "file": SimpleUploadedFile("a.png", svg, "image/png"), "collection": 1},
    )
    assert response.status_code == 200
    assert Image.objects.filter(title="SVG").count() == 0
