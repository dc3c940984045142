"""Issue 13 item 8: on the item's screen a photo shows as a thumbnail (a small JPEG served
through the scoped item, like the file itself), and redaction boxes are drawn on the photo;
typing the coordinates stays the keyboard way."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from giamngheo.core.uploads import validate_upload
from giamngheo.feedback import services
from tests.browser import shot, sign_in
from tests.factories import PASSWORD
from tests.feedback.fb_world import at, make_png
from tests.pdfs import plain_pdf


def _submit(fb, files):
    return services.submit_feedback(
        kind="feedback",
        category=fb.categories["bhyt"],
        subject="Có ảnh",
        description="Ảnh hiện trường.",
        unit=fb.units["C1a"],
        identity_mode="anonymous",
        consent_processing=False,
        consent_publish=False,
        files=files,
        received_at=at(date(2023, 5, 11)),
        notify=False,
    )


def _photo(size):
    return validate_upload(SimpleUploadedFile("a.png", make_png(size)), allowed={"png"})


@pytest.mark.django_db
def test_item_screen_shows_a_thumbnail_of_each_photo_in_scope_only(client, fb):
    document = validate_upload(SimpleUploadedFile("d.pdf", plain_pdf()), allowed={"pdf"})
    item = _submit(fb, [_photo((1200, 900)), document])
    photo, pdf = item.attachments.order_by("pk")
    thumb = reverse("phan-anh:attachment", args=[photo.pk]) + "?ban=thu-nho"
    client.force_login(fb.users["commune_officer"])
    html = client.get(reverse("phan-anh:inspect", args=[item.pk])).content.decode()
    assert f'src="{thumb}"' in html
    assert "?ban=thu-nho" not in html.replace(thumb, "")  # none for the PDF
    response = client.get(thumb)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert {"private", "no-store"} <= {v.strip() for v in response["Cache-Control"].split(",")}
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("JPEG", (480, 360))
    assert image.getpixel((240, 180)) == pytest.approx((180, 40, 40), abs=3)
    pdf_thumb = reverse("phan-anh:attachment", args=[pdf.pk]) + "?ban=thu-nho"
    assert client.get(pdf_thumb).status_code == 404
    client.force_login(fb.users["other_commune_officer"])
    assert client.get(thumb).status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("django_db_serialized_rollback")
def test_officer_draws_a_redaction_box_on_the_photo(live_server, fb, new_page):
    item = _submit(fb, [_photo((400, 300))])
    photo = item.attachments.get()
    page = new_page(viewport={"width": 1366, "height": 900})
    sign_in(page, live_server.url, fb.users["commune_officer"].username, PASSWORD)
    page.goto(live_server.url + reverse("phan-anh:inspect", args=[item.pk]))
    expect(page.get_by_role("img", name="Ảnh 1 người gửi")).to_be_visible()
    page.get_by_text("Xử lý ảnh trước khi công khai (che vùng, làm mờ)").click()
    image = page.get_by_role("img", name="Ảnh cần xử lý: kéo trên ảnh để khoanh vùng cần che")
    expect(image).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth === 400", arg=image.element_handle()
    )
    image.scroll_into_view_if_needed()
    box = image.bounding_box()
    scale = box["width"] / 400  # the photo as shown; the boxes are in the original's pixels
    page.mouse.move(box["x"] + 40 * scale, box["y"] + 30 * scale)
    page.mouse.down()
    page.mouse.move(box["x"] + 100 * scale, box["y"] + 60 * scale, steps=5)
    page.mouse.move(box["x"] + 200 * scale, box["y"] + 150 * scale, steps=5)
    page.mouse.up()
    field = page.locator(f"#id_boxes_{photo.pk}")
    expect(field).to_have_value("40, 30, 200, 150")
    shot(page, "feedback-redaction-drawn")
    page.get_by_role("button", name="Tạo bản công khai").click()
    expect(page.get_by_text("bản công khai", exact=True)).to_be_visible()
    photo.refresh_from_db()
    assert photo.redaction == "boxes"
    with photo.public_file.open("rb") as handle:
        copy = Image.open(handle).convert("RGB")
        assert copy.getpixel((120, 90)) == (0, 0, 0)  # inside the drawn box
        assert copy.getpixel((300, 250)) == (180, 40, 40)  # outside it


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("django_db_serialized_rollback")
@pytest.mark.parametrize("width", [320, 375])
def test_the_officers_feedback_screens_fit_a_phone(live_server, fb, new_page, width):
    """Issue 13 item 14: the officer's screens of the two-way channel — the register, an item
    with its photo, actions and transfer list, the intake form and the statistics — do not
    scroll sideways on a phone."""
    item = _submit(fb, [_photo((1600, 1200))])
    page = new_page(viewport={"width": width, "height": 800})
    sign_in(page, live_server.url, fb.users["commune_officer"].username, PASSWORD)
    for name, args in (
        ("phan-anh:index", []),
        ("phan-anh:inspect", [item.pk]),
        ("phan-anh:intake", []),
        ("thong-ke-phan-anh:index", []),
    ):
        path = reverse(name, args=args)
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert (path, overflow) == (path, 0)
    page.goto(live_server.url + reverse("phan-anh:inspect", args=[item.pk]))
    page.get_by_text("Xử lý ảnh trước khi công khai (che vùng, làm mờ)").click()
    page.wait_for_load_state("load")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow == 0
    shot(page, f"feedback-item-phone-{width}")
