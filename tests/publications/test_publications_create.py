"""The admin create screens: a title, its language editions, a print run whose cost is checked
against the activity's budget line for its funding source; Vietnamese errors, nothing written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from giamngheo.publications.models import Edition, Movement, PrintRun, PublicationKind, Title

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(w, username="kho"):
    client = Client()
    client.force_login(w.users[username])
    return client


def _run_data(w, **overrides):
    line = w.activity.budget_lines.get(funding_source__code="1")
    return {
        "edition": w.editions["vi"].pk,
        "activity": w.activity.pk,
        "budget_line": line.pk,
        "store": w.orgs["so"].pk,
        "quantity": "1.000",
        "unit_cost": "2.000",
        "printer": "Công ty Cổ phần In Bắc Giang",
        "contract_number": "HĐ 15/2023",
        "delivered_on": "2023-05-10",
        **overrides,
    }


def test_a_title_then_an_edition_are_created(xworld):
    client = _client(xworld)
    assert client.get(reverse("publications_title_new")).status_code == 200
    response = client.post(
        reverse("publications_title_new"),
        {
            "kind": PublicationKind.objects.get(name="Sổ tay").pk,
            "name": "  Sổ tay hỏi – đáp về giảm nghèo  ",
            "publisher": xworld.orgs["so"].pk,
            "audience": "public",
            "themes": [xworld.plan.items.get(code="1.1").pk],
            "licence_number": "130/GP-STTTT",
            "licence_date": "2023-04-25",
            "licence_issuer": "Sở Thông tin và Truyền thông",
        },
    )
    title = Title.objects.get(name="Sổ tay hỏi – đáp về giảm nghèo")
    assert response.status_code == 302
    assert response["Location"] == reverse("publications_edition_new", args=[title.pk])
    assert list(title.themes.values_list("code", flat=True)) == ["1.1"]
    response = client.post(
        response["Location"],
        {"language": "nung", "pdf": SimpleUploadedFile("so-tay.pdf", PDF, "application/pdf")},
    )
    edition = Edition.objects.get(title=title)
    assert response.status_code == 302
    assert (edition.language, edition.file_size) == ("nung", len(PDF))
    assert response["Location"] == (
        reverse("publications_print_run_new") + f"?edition={edition.pk}"
    )


def test_a_title_without_a_whole_licence_is_refused(xworld):
    response = _client(xworld).post(
        reverse("publications_title_new"),
        {
            "kind": PublicationKind.objects.get(name="Tờ gấp").pk,
            "name": "Tờ gấp mới",
            "publisher": xworld.orgs["so"].pk,
            "audience": "public",
            "licence_number": "131/GP-STTTT",
        },
    )
    assert response.status_code == 400
    assert "Giấy phép xuất bản cần đủ cả số và ngày cấp." in response.content.decode()
    assert not Title.objects.filter(name="Tờ gấp mới").exists()


def test_a_print_run_is_recorded_with_its_receipt_into_the_store(xworld):
    client = _client(xworld)
    page = client.get(
        reverse("publications_print_run_new") + f"?edition={xworld.editions['vi'].pk}"
    )
    assert page.status_code == 200
    response = client.post(reverse("publications_print_run_new"), _run_data(xworld))
    run = PrintRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dot-in:inspect", args=[run.pk])
    assert (run.quantity, run.unit_cost, run.cost) == (1000, 2000, 2_000_000)
    assert list(Movement.objects.values_list("holder__name", "delta")) == [
        ("Sở Lao động - Thương binh và Xã hội", 1000)
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # 3.000 × 2.000 = 6.000.000 đ against 5.000.000 đ planned on source 1.
        (
            {"quantity": "3.000"},
            "Chi phí in 6.000.000 đồng vượt kinh phí còn lại của nguồn",
        ),
        ({"quantity": "-5"}, "Vui lòng nhập số bản bằng chữ số, không có phần lẻ, ví dụ 1.234."),
        ({"quantity": "5.000.001"}, "5.000.000 bản"),
        ({"unit_cost": "10.000.001"}, "Đơn giá vượt quá mức cho phép (10.000.000 đồng/bản)."),
        ({"delivered_on": "2999-01-01"}, "Ngày không được sau ngày hôm nay."),
    ],
)
def test_bad_print_runs_are_refused_in_vietnamese(xworld, overrides, message):
    response = _client(xworld).post(
        reverse("publications_print_run_new"), _run_data(xworld, **overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PrintRun.objects.count() == 0
    assert Movement.objects.count() == 0


def test_the_budget_line_counts_earlier_print_runs(xworld):
    xworld.run(2000, unit_cost=2000)  # 4.000.000 of the 5.000.000 đ
    response = _client(xworld).post(reverse("publications_print_run_new"), _run_data(xworld))
    assert response.status_code == 400
    assert "Chi phí in 2.000.000 đồng vượt kinh phí còn lại của nguồn" in response.content.decode()
    assert "(1.000.000 đồng)" in response.content.decode()
    assert PrintRun.objects.count() == 1


@pytest.mark.parametrize("username", ["outsider", "commune_officer"])
def test_others_cannot_record_a_print_run_for_the_store(xworld, username):
    response = _client(xworld, username).post(
        reverse("publications_print_run_new"), _run_data(xworld)
    )
    assert response.status_code in (302, 400, 403)
    assert PrintRun.objects.count() == 0
