"""Public results pages and open data: exact figures, filters, sorting, errors as JSON 400 and
404 in every format, 405 for other methods, files, JSON and OpenAPI, the page cache purged by an
import, constant queries."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from giamngheo.results.services import ReviewInput, save_poverty_reviews

from .conftest import ORGANISATION, SOURCE, review_inputs

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(results_page, reviews):
    return results_page


def _get(url, **params):
    return Client().get(url, params)


def test_overview_shows_the_latest_year_the_trend_and_sources(site):
    response = _get("/ket-qua/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Kết quả thực hiện chương trình</h1>" in html
    assert "Tỷ lệ hộ nghèo năm 2024" in html
    assert '<span class="kpi-value">7,92 %</span>' in html
    assert "năm 2023: 3,60 %" in html
    assert "<td>5.000</td>" in html and "<td>3,60</td>" in html and "<td>4,10</td>" in html
    assert f"{SOURCE} — {ORGANISATION}, tính đến 31/12/2023" in html
    assert 'role="img"' in html and '<title id="xu-huong-title">' in html
    assert "Số liệu mẫu minh họa" not in html


def test_overview_labels_sample_data(results_page, units):
    save_poverty_reviews(reviews=review_inputs(units, is_sample=True))
    html = _get("/ket-qua/").content.decode()
    assert "Số liệu mẫu minh họa, không phải số liệu chính thức" in html


def test_overview_without_data_says_so(results_page):
    html = _get("/ket-qua/").content.decode()
    assert "Chưa có số liệu rà soát hộ nghèo được công bố." in html


def test_breakdown_defaults_to_the_latest_year_of_the_province(site):
    html = _get("/ket-qua/don-vi/").content.decode()
    assert '<option value="2024" selected>2024</option>' in html
    assert "Tỉnh Thử Nghiệm — năm 2024" in " ".join(html.split())


def test_breakdown_filtered_by_a_2023_district_lists_its_communes(site):
    response = _get(
        "/ket-qua/don-vi/", nam=2023, **{"don-vi": site.unit.children.get(code="213").pk}
    )
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "Huyện Miền Núi — năm 2023" in html
    assert '<span class="kpi-value">5,00 %</span>' in html
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert "Xã C1a" in body and "Xã C1b" in body and "Xã C2a" not in body
    assert "<td>1.000</td> <td>100</td> <td>10,00</td>" in html
    assert "<td>2.000</td> <td>50</td> <td>2,50</td>" in html


def test_breakdown_in_todays_structure_shows_the_new_communes(site):
    html = _get("/ket-qua/don-vi/", nam=2023, **{"cau-truc": "hien-nay"}).content.decode()
    html = " ".join(html.split())
    assert 'Xã Mới 1 <span class="meta">(Tỉnh Hợp Nhất)</span>' in html
    assert "<td>3.000</td> <td>150</td> <td>5,00</td>" in html
    assert "theo địa giới có hiệu lực từ ngày 01/07/2025." in html


def test_breakdown_sort_links_toggle_the_direction(site):
    html = _get("/ket-qua/don-vi/", nam=2023, **{"sap-xep": "ty-le-ngheo"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert "sap-xep=-ty-le-ngheo" in html
    assert html.index("Huyện Đồng Bằng</a>") < html.index("Huyện Miền Núi</a>")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"nam": "abc"}, "Năm không hợp lệ."),
        ({"nam": "1800"}, "Năm không hợp lệ."),
        ({"don-vi": "x1"}, "Đơn vị không hợp lệ."),
        ({"don-vi": "999999"}, "Không có đơn vị này."),
        ({"cau-truc": "khac"}, "Cách trình bày không hợp lệ."),
        ({"sap-xep": "mat-khau"}, "Cách sắp xếp không hợp lệ."),
    ],
)
def test_bad_filters_answer_400_in_vietnamese(site, params, message):
    response = _get("/ket-qua/don-vi/", **params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_unit_outside_the_page_province_is_refused(site):
    response = _get("/ket-qua/don-vi/", **{"don-vi": site.unit.pk + 1})  # Tỉnh Hợp Nhất
    assert response.status_code == 400
    assert "Không có đơn vị này." in response.content.decode()


# --- open data -------------------------------------------------------------------------------


def test_csv_of_a_district_has_its_communes_with_sources(site):
    district = site.unit.children.get(code="213")
    response = _get("/du-lieu-mo/ra-soat-ho-ngheo.csv", nam=2023, **{"don-vi": district.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="ra-soat-ho-ngheo-2023-213-nam.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:11] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Thuộc",
        "Năm",
        "Tổng số hộ",
        "Số hộ nghèo",
        "Tỷ lệ hộ nghèo (%)",
        "Số hộ cận nghèo",
        "Tỷ lệ hộ cận nghèo (%)",
        "Số hộ thoát nghèo",
        "Số hộ nghèo phát sinh",
    ]
    assert rows[1:] == [
        [
            "07201",
            "Xã C1a",
            "Huyện Miền Núi",
            "2023",
            "1000",
            "100",
            "10.00",
            "50",
            "5.00",
            "20",
            "5",
            "31/12/2023",
            f"{SOURCE} — {ORGANISATION} (31/12/2023)",
            "",
        ],
        [
            "07202",
            "Xã C1b",
            "Huyện Miền Núi",
            "2023",
            "2000",
            "50",
            "2.50",
            "100",
            "5.00",
            "10",
            "2",
            "31/12/2023",
            f"{SOURCE} — {ORGANISATION} (31/12/2023)",
            "",
        ],
    ]


def test_csv_cells_that_look_like_formulas_are_neutralised(results_page, units):
    item = review_inputs(units, labels={"C1a"})[0]
    item.source = '=HYPERLINK("http://x")'
    save_poverty_reviews(reviews=[item])
    response = _get("/du-lieu-mo/ra-soat-ho-ngheo.csv", nam=2023)
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def test_xlsx_has_the_same_rows_as_numbers(site):
    response = _get("/du-lieu-mo/ra-soat-ho-ngheo.xlsx", nam=2023)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[:7] for r in rows[1:]] == [
        ("213", "Huyện Miền Núi", "Tỉnh Thử Nghiệm", 2023, 3000, 150, 5),
        ("214", "Huyện Đồng Bằng", "Tỉnh Thử Nghiệm", 2023, 2000, 30, 1.5),
    ]


def test_json_api_returns_rows_totals_and_sources(site):
    response = _get("/du-lieu-mo/ra-soat-ho-ngheo.json", nam=2023, **{"cau-truc": "hien-nay"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert (data["dataset"], data["year"], data["structure"], data["as_of"]) == (
        "ra-soat-ho-ngheo",
        2023,
        "hien-nay",
        "2023-12-31",
    )
    assert data["unit"]["name"] == "Tỉnh Thử Nghiệm"
    assert data["total"] == {
        "total_households": 5000,
        "poor": 180,
        "poor_rate": 3.6,
        "near_poor": 205,
        "near_poor_rate": 4.1,
        "escaped": 36,
        "newly_poor": 8,
        "reporting_units": 4,
    }
    assert [(r["unit"]["code"], r["parent"], r["poor"]) for r in data["rows"]] == [
        ("09011", "Tỉnh Hợp Nhất", 150),
        ("09021", "Tỉnh Hợp Nhất", 30),
    ]
    assert data["sources"] == [
        {"source": SOURCE, "organisation": ORGANISATION, "as_of": "2023-12-31", "is_sample": False}
    ]


def test_years_dataset_in_json_and_csv(site):
    data = _get("/du-lieu-mo/tong-hop-theo-nam.json").json()
    assert [(r["year"], r["poor"], r["poor_rate"]) for r in data["rows"]] == [
        (2023, 180, 3.6),
        (2024, 80, 7.92),
    ]
    rows = list(
        csv.reader(
            io.StringIO(_get("/du-lieu-mo/tong-hop-theo-nam.csv").content.decode("utf-8-sig"))
        )
    )
    assert [r[:4] for r in rows[1:]] == [
        ["Tỉnh Thử Nghiệm", "2023", "5000", "180"],
        ["Tỉnh Thử Nghiệm", "2024", "1010", "80"],
    ]


def test_units_list_for_a_year(site):
    data = _get("/du-lieu-mo/don-vi.json", nam=2023).json()
    assert [u["code"] for u in data["units"]] == [
        "24",
        "213",
        "07201",
        "07202",
        "214",
        "07301",
        "07302",
    ]


@pytest.mark.parametrize(
    ("url", "params", "errors"),
    [
        (
            "/du-lieu-mo/ra-soat-ho-ngheo.json",
            {"nam": "x"},
            [{"field": "nam", "message": "Năm không hợp lệ."}],
        ),
        (
            "/du-lieu-mo/tong-hop-theo-nam.json",
            {"don-vi": "1e9"},
            [{"field": "don-vi", "message": "Đơn vị không hợp lệ."}],
        ),
        (
            "/du-lieu-mo/ra-soat-ho-ngheo.csv",
            {"nam": "x"},
            [{"field": "nam", "message": "Năm không hợp lệ."}],
        ),
        (
            "/du-lieu-mo/tong-hop-theo-nam.xlsx",
            {"don-vi": "-3"},
            [{"field": "don-vi", "message": "Đơn vị không hợp lệ."}],
        ),
        (
            "/du-lieu-mo/ra-soat-ho-ngheo.json",
            {"nam": 2023, "sap-xep": ""},
            [{"field": "sap-xep", "message": "Tham số sap-xep không được để trống."}],
        ),
        (
            "/du-lieu-mo/don-vi.json",
            {"nam": " "},
            [{"field": "nam", "message": "Tham số nam không được để trống."}],
        ),
    ],
)
def test_api_errors_are_json_400_in_every_format(site, url, params, errors):
    response = _get(url, **params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": errors}


@pytest.mark.parametrize(
    "url",
    [
        "/du-lieu-mo/ra-soat-ho-ngheo.json",
        "/du-lieu-mo/ra-soat-ho-ngheo.csv",
        "/du-lieu-mo/tong-hop-theo-nam.xlsx",
        "/du-lieu-mo/don-vi.json",
    ],
)
def test_an_unknown_unit_is_404_with_a_json_problem(site, url):
    response = _get(url, **{"don-vi": "999999"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"errors": [{"field": "don-vi", "message": "Không có đơn vị này."}]}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_unit_without_data_is_404_with_a_json_problem(site, units, fmt):
    response = _get(f"/du-lieu-mo/ra-soat-ho-ngheo.{fmt}", **{"don-vi": units["P2025"].pk})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [{"field": "nam", "message": "Đơn vị này chưa có số liệu."}]
    }


def test_without_a_results_page_the_default_unit_is_404(units, reviews):
    response = _get("/du-lieu-mo/tong-hop-theo-nam.csv")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [{"field": "don-vi", "message": "Hãy chọn đơn vị (tham số don-vi)."}]
    }
    # Named explicitly, the unit is served without a results page.
    named = _get("/du-lieu-mo/tong-hop-theo-nam.json", **{"don-vi": units["P"].pk})
    assert named.status_code == 200 and named.json()["rows"][0]["year"] == 2023


def test_unknown_format_is_404_with_a_json_problem(site):
    response = _get("/du-lieu-mo/ra-soat-ho-ngheo.pdf")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {"field": "fmt", "message": "Định dạng không được hỗ trợ (json, csv hoặc xlsx)."}
        ]
    }


@pytest.mark.parametrize(
    "url",
    [
        "/du-lieu-mo/ra-soat-ho-ngheo.json",
        "/du-lieu-mo/tong-hop-theo-nam.csv",
        "/du-lieu-mo/don-vi.json",
        "/du-lieu-mo/api/openapi.json",
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "QUERY"])
def test_other_methods_are_405_with_allow_before_the_csrf_check(site, url, method):
    # A client that enforces CSRF like the real middleware: no token is sent.
    response = Client(enforce_csrf_checks=True).generic(method, url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_head_is_answered_like_get_without_a_body(site):
    response = Client().head("/du-lieu-mo/tong-hop-theo-nam.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b""


def test_openapi_declares_the_json_problem_for_400_and_404(site):
    doc = _get("/du-lieu-mo/api/openapi.json").json()
    for path, item in doc["paths"].items():
        responses = item["get"]["responses"]
        for status in ("400", "404"):
            schema = responses[status]["content"]["application/json"]["schema"]
            assert list(responses[status]["content"]) == ["application/json"], (path, status)
            assert schema["required"] == ["errors"], (path, status)
    unit = next(
        p
        for p in doc["paths"]["/du-lieu-mo/don-vi.json"]["get"]["parameters"]
        if p["name"] == "don-vi"
    )
    assert unit["schema"] == {"type": "integer", "minimum": 1, "maximum": 999_999_999_999}


def test_openapi_describes_every_endpoint(site):
    response = _get("/du-lieu-mo/api/openapi.json")
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert doc["openapi"] == "3.1.0"
    assert sorted(doc["paths"]) == [
        "/du-lieu-mo/don-vi.json",
        "/du-lieu-mo/ra-soat-ho-ngheo.{fmt}",
        "/du-lieu-mo/tong-hop-theo-nam.{fmt}",
    ]
    params = [
        p["name"] for p in doc["paths"]["/du-lieu-mo/ra-soat-ho-ngheo.{fmt}"]["get"]["parameters"]
    ]
    assert params == ["fmt", "nam", "don-vi", "cau-truc", "sap-xep"]


def test_open_data_page_documents_the_api(site):
    html = _get("/du-lieu-mo/").content.decode()
    assert "Dữ liệu mở về kết quả giảm nghèo" in html
    assert 'href="/du-lieu-mo/api/openapi.json"' in html


def test_cached_pages_and_api_are_purged_by_an_import(
    site, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    url = "/du-lieu-mo/tong-hop-theo-nam.json"
    assert _get(url).json()["rows"][0]["poor"] == 180
    assert _get("/ket-qua/").status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert _get(url).json()["rows"][0]["poor"] == 180
    assert len(cached.captured_queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        save_poverty_reviews(
            reviews=[
                ReviewInput(
                    unit=site.unit.children.get(code="213").children.get(code="07201"),
                    year=2023,
                    total_households=1000,
                    poor=99,
                    near_poor=50,
                    escaped=20,
                    newly_poor=5,
                    source=SOURCE,
                    source_organisation=ORGANISATION,
                    as_of=date(2023, 12, 31),
                )
            ]
        )
    assert _get(url).json()["rows"][0]["poor"] == 179
    assert "<td>179</td>" in _get("/ket-qua/").content.decode()


# --- query counts ----------------------------------------------------------------------------


def _queries(url, **params) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/ket-qua/", {}),
        ("/ket-qua/don-vi/", {"nam": 2023}),
        ("/ket-qua/don-vi/", {"nam": 2023, "cau-truc": "hien-nay"}),
        ("/du-lieu-mo/ra-soat-ho-ngheo.csv", {"nam": 2023}),
        ("/du-lieu-mo/ra-soat-ho-ngheo.xlsx", {"nam": 2023}),
        ("/du-lieu-mo/ra-soat-ho-ngheo.json", {"nam": 2023, "cau-truc": "hien-nay"}),
        ("/du-lieu-mo/tong-hop-theo-nam.json", {}),
        ("/du-lieu-mo/tong-hop-theo-nam.xlsx", {}),
        ("/du-lieu-mo/don-vi.json", {"nam": 2023}),
    ],
)
def test_queries_are_the_same_for_one_and_three_communes(
    results_page, units, url, params, django_capture_on_commit_callbacks
):
    Client().get(url, params)  # warm the per-process caches (site, settings, content types)
    # The page cache is purged on commit: run the purge, so the second read is not a cache hit.
    with django_capture_on_commit_callbacks(execute=True):
        save_poverty_reviews(reviews=review_inputs(units, labels={"C1a"}))
    one = _queries(url, **params)
    with django_capture_on_commit_callbacks(execute=True):
        save_poverty_reviews(reviews=review_inputs(units, labels={"C1b", "C2a"}))
    three = _queries(url, **params)
    assert one == three
    assert 0 < three <= 25
