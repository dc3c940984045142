"""Import of the poverty review file: every kind of error listed in Vietnamese with its row and
column, nothing written unless the whole file is clean; the admin screen, the template and the
management command."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from giamngheo.results.models import PovertyReview
from giamngheo.results.services import import_poverty_reviews

from .conftest import ORGANISATION, SOURCE

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Năm",
    "Tổng số hộ",
    "Số hộ nghèo",
    "Số hộ cận nghèo",
    "Số hộ thoát nghèo",
    "Số hộ nghèo phát sinh",
    "Tỷ lệ hộ nghèo (%)",
    "Tỷ lệ hộ cận nghèo (%)",
    "Nguồn số liệu",
    "Cơ quan công bố",
    "Số liệu tính đến ngày",
]


def _row(
    code="07201",
    name="Xã C1a",
    year=2023,
    total=1000,
    poor=100,
    near=50,
    escaped=20,
    newly=5,
    poor_rate=None,
    near_rate=None,
    source=SOURCE,
    org=ORGANISATION,
    as_of=None,
):
    if as_of is None:
        as_of = datetime(year if isinstance(year, int) and year > 2000 else 2023, 12, 31)
    return [
        code,
        name,
        year,
        total,
        poor,
        near,
        escaped,
        newly,
        poor_rate,
        near_rate,
        source,
        org,
        as_of,
    ]


def _xlsx(rows, headings=HEADINGS) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("so-lieu.xlsx", out.getvalue())


def test_a_clean_file_is_imported_and_a_second_import_replaces_the_rows(units):
    result = import_poverty_reviews(
        upload=_xlsx(
            [
                _row(poor_rate=10, near_rate="5,00"),
                _row(
                    code=7202,
                    name="C1b",
                    total="2.000",
                    poor=50,
                    near=100,
                    escaped=10,
                    newly=2,
                    as_of="05/01/2024",
                ),
                _row(
                    code="07301",
                    name=None,
                    total=None,
                    poor=None,
                    near=None,
                    escaped=None,
                    newly=None,
                ),
            ]
        )
    )
    assert (result.errors, result.created, result.updated, result.skipped) == ([], 2, 0, 1)
    rows = list(
        PovertyReview.objects.order_by("unit__code").values_list(
            "unit__code",
            "year",
            "total_households",
            "poor",
            "near_poor",
            "escaped",
            "newly_poor",
            "source",
            "source_organisation",
            "as_of",
            "is_sample",
        )
    )
    assert rows == [
        ("07201", 2023, 1000, 100, 50, 20, 5, SOURCE, ORGANISATION, date(2023, 12, 31), False),
        ("07202", 2023, 2000, 50, 100, 10, 2, SOURCE, ORGANISATION, date(2024, 1, 5), False),
    ]
    again = import_poverty_reviews(upload=_xlsx([_row(poor=90)]), is_sample=True)
    assert (again.created, again.updated) == (0, 1)
    review = PovertyReview.objects.get(unit=units["C1a"], year=2023)
    assert (review.poor, review.is_sample) == (90, True)


def test_a_file_with_every_kind_of_error_lists_them_all_and_imports_nothing(units):
    upload = _xlsx(
        [
            _row(),  # 2: clean, but must not be imported with the others
            _row(code="99999", name=None),  # 3
            _row(code="07202", name="Xã C1b", poor=-5),  # 4
            _row(code="07301", name="Xã C2a", poor_rate=120),  # 5
            _row(code="07302", name="Xã C2b", total=100, poor=150, near=10),  # 6
            _row(year=2024, total=100, poor=60, near=50, escaped=1, newly=1),  # 7
            _row(code="07202", name=None, year=2024, total="nhiều"),  # 8
            _row(code="07301", name=None, year=2024, source=""),  # 9
            _row(code="07302", name=None, year=2026, as_of=datetime(2026, 12, 31)),  # 10
            _row(),  # 11: duplicate of row 2
            _row(code="07202", name=None, year=2022, total=2000, poor=50, poor_rate="5"),  # 12
            _row(code="07301", name=None, year=2022, as_of="32/13/2022"),  # 13
            _row(code="07302", name=None, year=2022, as_of="31/12/2021"),  # 14
            _row(name="Xã Khác", year=2022),  # 15
            _row(code=7201, name=None, year=2021),  # 16: clean (Excel dropped the zero)
            _row(code="07202", name=None, year=2021, newly=10.5),  # 17
            _row(code="07301", name=None, year=1999),  # 18
            _row(code="07302", name=None, year=2021, escaped=2000, total=1000),  # 19
        ]
    )
    result = import_poverty_reviews(upload=upload)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "Mã đơn vị", "Không có đơn vị cấp xã mang mã 99999."),
        (4, "Số hộ nghèo", "Số hộ không được âm."),
        (5, "Tỷ lệ hộ nghèo (%)", "Tỷ lệ không được vượt quá 100 %."),
        (6, "Số hộ nghèo", "Số hộ nghèo lớn hơn tổng số hộ."),
        (7, "Số hộ cận nghèo", "Tổng số hộ nghèo và cận nghèo vượt quá tổng số hộ."),
        (8, "Tổng số hộ", "Không phải là số nguyên."),
        (9, "Nguồn số liệu", "Chưa nhập giá trị."),
        (10, "Mã đơn vị", "Đơn vị mã 07302 không có hiệu lực trong năm 2026."),
        (11, "Mã đơn vị", "Trùng đơn vị và năm với dòng 2."),
        (
            12,
            "Tỷ lệ hộ nghèo (%)",
            "Tỷ lệ ghi trong tệp (5 %) không khớp với tỷ lệ tính từ số hộ (2,50 %).",
        ),
        (
            13,
            "Số liệu tính đến ngày",
            "Ngày không hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 31/12/2023).",
        ),
        (14, "Số liệu tính đến ngày", "Ngày tính số liệu trước năm rà soát."),
        (15, "Tên đơn vị", "Tên đơn vị không khớp với mã 07201 (Xã C1a)."),
        (17, "Số hộ nghèo phát sinh", "Số hộ phải là số nguyên."),
        (18, "Năm", "Năm phải từ 2000 đến 2100."),
        (19, "Số hộ thoát nghèo", "Số hộ thoát nghèo lớn hơn tổng số hộ."),
    ]
    assert PovertyReview.objects.count() == 0


def test_missing_columns_are_listed_before_any_row_is_read(units):
    result = import_poverty_reviews(upload=_xlsx([_row()], headings=HEADINGS[:3]))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (1, heading, "Thiếu cột bắt buộc.")
        for heading in [
            "Tổng số hộ",
            "Số hộ nghèo",
            "Số hộ cận nghèo",
            "Số hộ thoát nghèo",
            "Số hộ nghèo phát sinh",
            "Nguồn số liệu",
            "Cơ quan công bố",
            "Số liệu tính đến ngày",
        ]
    ]


def test_headings_match_without_diacritics_or_case(units):
    headings = [h.upper() for h in HEADINGS]
    headings[3] = "tong so ho"
    result = import_poverty_reviews(upload=_xlsx([_row()], headings=headings))
    assert (result.errors, result.created) == ([], 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Ma don vi;Nam\n07201;2023\n", "Loại tệp không được chấp nhận. Chỉ nhận: xlsx."),
        (b"", "Tệp rỗng."),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused(units, content, message):
    result = import_poverty_reviews(upload=SimpleUploadedFile("so-lieu.xlsx", content))
    assert [(e.row, e.message) for e in result.errors] == [(0, message)]


def test_a_file_with_only_headings_says_so(units):
    result = import_poverty_reviews(upload=_xlsx([]))
    assert [e.message for e in result.errors] == ["Tệp không có dòng số liệu nào."]


# --- admin screen ----------------------------------------------------------------------------


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_province_admin_opens_the_import_screen(cast):
    response = _client(cast["admin"]).get(reverse("results_import"))
    assert response.status_code == 200
    assert "Nhập số liệu rà soát hộ nghèo" in response.content.decode()


@pytest.mark.parametrize("who", ["officer", "outsider"])
def test_others_cannot_reach_the_import_screen_or_template(cast, who):
    client = _client(cast[who])
    assert client.get(reverse("results_import")).status_code in {302, 403, 404}
    assert client.get(reverse("results_import_template") + "?nam=2023").status_code in {
        302,
        403,
        404,
    }
    assert client.post(reverse("results_import"), {"file": _xlsx([_row()])}).status_code in {
        302,
        403,
        404,
    }
    assert PovertyReview.objects.count() == 0


def test_anonymous_is_sent_to_sign_in(units):
    response = _client().get(reverse("results_import"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_upload_with_errors_shows_each_row_and_imports_nothing(cast):
    response = _client(cast["admin"]).post(
        reverse("results_import"), {"file": _xlsx([_row(), _row(code="99999", poor=-1)])}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp có 2 lỗi. Chưa có dòng nào được nhập" in html
    assert html.count('class="import-error"') == 2
    assert "Không có đơn vị cấp xã mang mã 99999." in html
    assert "Số hộ không được âm." in html
    assert PovertyReview.objects.count() == 0


def test_clean_upload_is_imported_and_reported(cast):
    client = _client(cast["admin"])
    response = client.post(reverse("results_import"), {"file": _xlsx([_row()]), "is_sample": "on"})
    assert response.status_code == 302
    review = PovertyReview.objects.get()
    assert (review.unit.code, review.poor, review.is_sample) == ("07201", 100, True)
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhập số liệu: 1 dòng mới, 0 dòng cập nhật, 0 dòng bỏ qua (chưa có số liệu)." in page


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            2023,
            [("07201", "Xã C1a"), ("07202", "Xã C1b"), ("07301", "Xã C2a"), ("07302", "Xã C2b")],
        ),
        (2026, [("09011", "Xã Mới 1"), ("09021", "Xã Mới 2")]),
    ],
)
def test_template_lists_the_communes_in_force_in_the_year(cast, year, expected):
    response = _client(cast["admin"]).get(reverse("results_import_template") + f"?nam={year}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="mau-ra-soat-ho-ngheo-{year}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    assert [(r[0], r[1]) for r in rows[1:]] == expected
    assert {r[2] for r in rows[1:]} == {year}


def test_template_filled_in_is_imported_as_it_is(cast):
    client = _client(cast["admin"])
    content = client.get(reverse("results_import_template") + "?nam=2023").content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    for column, value in zip(
        "DEFGHKLM", [800, 40, 30, 4, 1, SOURCE, ORGANISATION, "31/12/2023"], strict=True
    ):
        sheet[f"{column}2"] = value
    out = io.BytesIO()
    workbook.save(out)
    result = import_poverty_reviews(upload=SimpleUploadedFile("mau.xlsx", out.getvalue()))
    assert (result.errors, result.created, result.skipped) == ([], 1, 3)


def test_template_with_a_bad_year_answers_400(cast):
    response = _client(cast["admin"]).get(reverse("results_import_template") + "?nam=abc")
    assert response.status_code == 400
    assert response.content.decode() == "Năm không hợp lệ."


# --- management command ----------------------------------------------------------------------


def test_command_imports_a_clean_file(units, tmp_path, capsys):
    path = tmp_path / "so-lieu.xlsx"
    path.write_bytes(_xlsx([_row()]).read())
    out = io.StringIO()
    call_command("import_poverty_review", str(path), "--sample", stdout=out)
    assert out.getvalue().strip() == "Đã nhập: 1 dòng mới, 0 dòng cập nhật, 0 dòng bỏ qua."
    assert PovertyReview.objects.get().is_sample is True


def test_command_lists_errors_and_fails(units, tmp_path):
    path = tmp_path / "so-lieu.xlsx"
    path.write_bytes(_xlsx([_row(), _row(poor=2000)]).read())
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"Tệp có 2 lỗi; chưa nhập dòng nào\."):
        call_command("import_poverty_review", str(path), stderr=err)
    assert err.getvalue().splitlines() == [
        "Dòng 3, cột “Số hộ nghèo”: Số hộ nghèo lớn hơn tổng số hộ.",
        "Dòng 3, cột “Mã đơn vị”: Trùng đơn vị và năm với dòng 2.",
    ]
    assert PovertyReview.objects.count() == 0


def test_command_refuses_a_missing_file(db):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_poverty_review", "/khong/co/tep.xlsx")


def test_import_screen_summarises_rows_per_year(cast):
    from giamngheo.results.services import save_poverty_reviews

    from .conftest import review_inputs

    save_poverty_reviews(reviews=review_inputs(cast_units(), is_sample=True))
    save_poverty_reviews(reviews=review_inputs(cast_units(), year=2024, labels={"C1a"}))
    html = " ".join(_client(cast["admin"]).get(reverse("results_import")).content.decode().split())
    assert html.count('class="year-row"') == 2
    assert (
        '<tr class="year-row"> <td>2024</td> <td>1</td> <td>0</td> <td>31/12/2024</td> </tr> '
        '<tr class="year-row"> <td>2023</td> <td>4</td> <td>4</td> <td>31/12/2023</td> </tr>'
    ) in html


def cast_units():
    from giamngheo.organisations.models import AdministrativeUnit

    return {u.name.removeprefix("Xã "): u for u in AdministrativeUnit.objects.all()}


def test_province_admin_deletes_only_sample_rows(cast, django_capture_on_commit_callbacks):
    from giamngheo.results.services import save_poverty_reviews

    from .conftest import review_inputs

    save_poverty_reviews(reviews=review_inputs(cast_units(), is_sample=True))
    save_poverty_reviews(reviews=review_inputs(cast_units(), year=2024, labels={"C1a"}))
    client = _client(cast["admin"])
    assert client.get(reverse("results_delete_samples")).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("results_delete_samples"))
    assert response.status_code == 302
    assert list(PovertyReview.objects.values_list("year", "is_sample")) == [(2024, False)]
    assert "Đã xóa 4 dòng số liệu mẫu." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("who", ["officer", "outsider"])
def test_others_cannot_delete_sample_rows(cast, who):
    from giamngheo.results.services import save_poverty_reviews

    from .conftest import review_inputs

    save_poverty_reviews(reviews=review_inputs(cast_units(), is_sample=True))
    response = _client(cast[who]).post(reverse("results_delete_samples"))
    assert response.status_code in {302, 403, 404}
    assert PovertyReview.objects.count() == 4
