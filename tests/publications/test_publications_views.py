"""The publications screens over HTTP: balances as of a date, dispatches awaiting confirmation,
confirming a receipt, sending copies; the public library and "where to get a printed copy"."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from giamngheo.publications import services
from giamngheo.publications.enums import DispatchStatus
from giamngheo.publications.forms import QuantityField
from giamngheo.publications.models import Dispatch, Movement

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(w, username):
    client = Client()
    client.force_login(w.users[username])
    return client


def _send(w, run, to, quantity, day=date(2023, 5, 15), sender="so", actor="kho"):
    return services.dispatch(
        actor=w.users[actor],
        print_run=run,
        sender=w.orgs[sender],
        recipient=w.orgs[to],
        quantity=quantity,
        dispatched_on=day,
    )


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1.234", 1234), ("1234", 1234), ("1 234", 1234), ("1\u00a0234", 1234), ("95", 95)],
)
def test_quantities_are_read_the_vietnamese_way(raw, value):
    assert QuantityField().clean(raw) == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1,5", "Vui lòng nhập số bản bằng chữ số, không có phần lẻ, ví dụ 1.234."),
        ("12.34", "Vui lòng nhập số bản bằng chữ số, không có phần lẻ, ví dụ 1.234."),
        ("-3", "Vui lòng nhập số bản bằng chữ số, không có phần lẻ, ví dụ 1.234."),
        ("0", "Số lượng phải là số nguyên dương."),
        ("5.000.001", "Số lượng vượt quá mức cho phép (5.000.000 bản)."),
    ],
)
def test_bad_quantities_are_refused_in_vietnamese(raw, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        QuantityField().clean(raw)
    assert info.value.messages == [message]


def test_commune_officer_confirms_95_of_100_with_a_reason(xworld):
    run = xworld.run(1000)
    to_d1 = _send(xworld, run, "D1", 300)
    services.confirm_receipt(
        actor=xworld.users["district_officer"],
        dispatch=to_d1,
        received_quantity=300,
        received_on=date(2023, 5, 16),
    )
    sent = _send(xworld, run, "C1a", 100, date(2023, 5, 18), sender="D1", actor="district_officer")
    client = _client(xworld, "commune_officer")
    url = reverse("publications_confirm", args=[sent.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="100"' in page.text
    refused = client.post(url, {"received_quantity": "95", "received_on": "2023-05-20"})
    assert refused.status_code == 400
    assert "Vui lòng ghi lý do nhận thiếu so với số giao." in refused.text
    response = client.post(
        url,
        {"received_quantity": "95", "received_on": "2023-05-20", "reason": "5 bản bị ướt"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("publications_awaiting")
    sent.refresh_from_db()
    assert (sent.status, sent.received_quantity, sent.discrepancy_reason) == (
        DispatchStatus.CONFIRMED,
        95,
        "5 bản bị ướt",
    )
    balances = client.get(reverse("publications_balances") + "?on=2023-05-20")
    assert balances.status_code == 200
    assert 'data-copies="95"' in balances.text
    assert "Ủy ban nhân dân huyện H1" not in balances.text  # the district is not the commune's
    public = Client().get(reverse("publications:library"))
    assert "Ủy ban nhân dân xã C1a" in public.text
    rows = public.text.split('id="where-to-get-table"')[1]
    assert "<td>Xã C1a</td>" in rows and "<td>95</td>" in rows


def test_another_commune_cannot_open_the_confirmation(xworld):
    sent = _send(xworld, xworld.run(1000), "C1a", 100)
    for user, status in (("other_commune_officer", 404), ("district_officer", 403)):
        response = _client(xworld, user).post(
            reverse("publications_confirm", args=[sent.pk]),
            {"received_quantity": "100", "received_on": "2023-05-20"},
        )
        assert response.status_code == status, user
    sent.refresh_from_db()
    assert sent.status == DispatchStatus.IN_TRANSIT


def test_awaiting_marks_overdue_after_five_working_days(xworld):
    run = xworld.run(1000)
    _send(xworld, run, "C1a", 10, date(2023, 5, 15))
    response = _client(xworld, "commune_officer").get(reverse("publications_awaiting"))
    assert response.status_code == 200
    assert "22/05/2023" in response.text  # Monday 15/05 + 5 working days
    assert "Quá hạn" in response.text
    assert reverse("publications_confirm", args=[Dispatch.objects.get().pk]) in response.text


def test_dispatch_screen_sends_copies(xworld):
    run = xworld.run(1000)
    client = _client(xworld, "kho")
    url = reverse("publications_dispatch", args=[run.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "sender": xworld.orgs["so"].pk,
            "recipient": xworld.orgs["D2"].pk,
            "quantity": "1.001",
            "dispatched_on": "2023-05-15",
        },
    )
    assert response.status_code == 400
    assert "không thể xuất 1.001 bản" in response.text
    response = client.post(
        url,
        {
            "sender": xworld.orgs["so"].pk,
            "recipient": xworld.orgs["D2"].pk,
            "quantity": "1 000",
            "dispatched_on": "2023-05-15",
        },
    )
    assert response.status_code == 302
    assert Dispatch.objects.get().quantity == 1000


def test_balance_screen_runs_constant_queries(xworld):
    """The same number of queries for 1 and for 3 holders with stock (both engines)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run = xworld.run(1000)
    client = _client(xworld, "province_admin")
    url = reverse("publications_balances") + "?on=2023-06-01"
    client.get(url)  # warm the session and memoised lookups
    counts = {}
    officers = {"D1": "district_officer", "D2": "other_district_officer", "C1a": "commune_officer"}
    for key in ("D1", "D2", "C1a"):
        sent = _send(xworld, run, key, 10)
        services.confirm_receipt(
            actor=xworld.users[officers[key]],
            dispatch=sent,
            received_quantity=10,
            received_on=date(2023, 5, 16),
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[key] = len(queries)
        assert response.text.count("data-copies=") == len(counts) + 1
    assert counts["D1"] == counts["C1a"], counts


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 30), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_library_shows_public_titles_with_licence_and_downloads(xworld):
    edition = services.add_edition(
        actor=xworld.users["kho"],
        title=xworld.title,
        language="nung",
        pdf=SimpleUploadedFile("to-gap.pdf", PDF),
        cover=SimpleUploadedFile("bia.png", _png()),
    )
    response = Client().get(reverse("publications:library"))
    assert response.status_code == 200
    text = response.text
    assert "Tờ gấp giảm nghèo" in text
    assert (
        "Giấy phép xuất bản số 125/GP-STTTT ngày 20/04/2023 của Sở Thông tin và Truyền thông."
        in text
    )
    assert "Tải bản Tiếng Nùng (PDF)" in text
    assert "<script" not in text.split("<main")[1] if "<main" in text else True
    assert 'style="' not in text
    download = Client().get(reverse("publications:download", args=[edition.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    cover = Client().get(reverse("publications:cover", args=[edition.pk]))
    assert cover.status_code == 200
    assert (
        Client().get(reverse("publications:download", args=[xworld.editions["vi"].pk])).status_code
        == 404
    )


def test_a_bad_upload_is_refused(xworld):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        services.add_edition(
            actor=xworld.users["kho"],
            title=xworld.title,
            language="dao",
            pdf=SimpleUploadedFile("to-gap.pdf", b"<html>not a pdf</html>"),
        )
    assert info.value.message_dict == {"file": ["Loại tệp không được chấp nhận. Chỉ nhận: pdf."]}


def test_internal_titles_stay_off_the_library(xworld):
    from giamngheo.publications.models import Title

    internal = services.create_title(
        actor=xworld.users["kho"],
        kind=xworld.title.kind,
        name="Sổ tay nghiệp vụ nội bộ",
        publisher=xworld.orgs["so"],
        audience="internal",
    )
    services.add_edition(
        actor=xworld.users["kho"],
        title=internal,
        language="vi",
        pdf=SimpleUploadedFile("a.pdf", PDF),
    )
    text = Client().get(reverse("publications:library")).text
    assert "Sổ tay nghiệp vụ nội bộ" not in text
    assert Title.objects.count() == 2
    edition = internal.editions.get()
    assert Client().get(reverse("publications:download", args=[edition.pk])).status_code == 404


def test_library_is_cached_and_purged_when_a_title_changes(xworld, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pubs"}
    }
    client = Client()
    first = client.get(reverse("publications:library")).text
    assert "Sổ tay hỏi – đáp" not in first
    services.create_title(
        actor=xworld.users["kho"],
        kind=xworld.title.kind,
        name="Sổ tay hỏi – đáp",
        publisher=xworld.orgs["so"],
    )
    title = xworld.title.__class__.objects.get(name="Sổ tay hỏi – đáp")
    services.add_edition(actor=xworld.users["kho"], title=title, language="vi")
    assert "Sổ tay hỏi – đáp" in client.get(reverse("publications:library")).text


def test_movements_have_no_admin_writes(xworld):
    """The generic admin only reads dispatches: their edit screen is refused."""
    sent = _send(xworld, xworld.run(1000), "D1", 10)
    response = _client(xworld, "province_admin").post(
        reverse("phieu-giao:edit", args=[sent.pk]), {"quantity": "5"}
    )
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.quantity == 10
    assert list(Movement.objects.order_by("pk").values_list("delta", flat=True)) == [1000, -10]


def test_officer_lists_hold_no_foreign_row(xworld):
    run = xworld.run(1000)
    sent = _send(xworld, run, "D1", 300)
    # Before any receipt the district holds nothing of the run: the list is refused (403).
    assert _client(xworld, "district_officer").get(reverse("dot-in:index")).status_code == 403
    services.confirm_receipt(
        actor=xworld.users["district_officer"],
        dispatch=sent,
        received_quantity=300,
        received_on=date(2023, 5, 16),
    )
    listing = _client(xworld, "district_officer").get(reverse("dot-in:index"))
    assert listing.status_code == 200
    assert "Công ty Cổ phần In Bắc Giang" in listing.text
    other = _client(xworld, "other_district_officer").get(reverse("phieu-giao:index"))
    assert other.status_code == 200
    assert "Ủy ban nhân dân huyện H1" not in other.text
