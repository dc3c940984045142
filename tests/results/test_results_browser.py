"""A visitor opens the results page, filters by a 2023 district, reads its figures and downloads
the table as CSV; desktop and a 375 px phone."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser import shot

from .conftest import ORGANISATION, SOURCE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("django_db_serialized_rollback"),
]


@pytest.fixture
def site(live_server, results_page, reviews):
    return live_server


@pytest.mark.parametrize(
    ("viewport", "name"),
    [({"width": 1280, "height": 900}, "desktop"), ({"width": 375, "height": 812}, "mobile")],
)
def test_visitor_filters_by_a_2023_district_and_downloads_the_csv(site, new_page, viewport, name):
    page = new_page(viewport=viewport, accept_downloads=True)
    page.goto(site.url + "/ket-qua/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả thực hiện chương trình")
    expect(page.locator(".kpi-value").first).to_have_text("7,92 %")
    expect(page.get_by_role("img", name="Tỷ lệ hộ nghèo và hộ cận nghèo theo năm")).to_be_visible()
    shot(page, f"results-overview-{name}")

    page.get_by_role("link", name="Xem số liệu theo huyện, xã").click()
    expect(page).to_have_url(re.compile(r"/ket-qua/don-vi/$"))
    page.get_by_label("Năm", exact=True).select_option("2023")
    page.get_by_label("Đơn vị (địa giới của năm số liệu)").select_option(label="— Huyện Miền Núi")
    page.get_by_role("button", name="Xem số liệu").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("Huyện Miền Núi"))).to_have_text(
        re.compile(r"Huyện Miền Núi\s+—\s+năm 2023")
    )
    expect(page.locator(".kpi-value").first).to_have_text("5,00 %")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Xã C1a")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("10,00")
    expect(page.get_by_role("img", name=re.compile("Tỷ lệ hộ nghèo năm 2023"))).to_be_visible()
    shot(page, f"results-district-{name}")

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = info.value
    assert download.suggested_filename == "ra-soat-ho-ngheo-2023-213-nam.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        table = list(csv.reader(io.StringIO(handle.read())))
    assert [r[:7] for r in table[1:]] == [
        ["07201", "Xã C1a", "Huyện Miền Núi", "2023", "1000", "100", "10.00"],
        ["07202", "Xã C1b", "Huyện Miền Núi", "2023", "2000", "50", "2.50"],
    ]
    assert {r[12] for r in table[1:]} == {f"{SOURCE} — {ORGANISATION} (31/12/2023)"}


def test_sorting_by_a_column_heading_works_with_the_keyboard(site, new_page):
    page = new_page()
    page.goto(site.url + "/ket-qua/don-vi/?nam=2023")
    link = page.get_by_role("link", name=re.compile(r"^Tỷ lệ hộ nghèo"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("table tbody tr th").first).to_have_text("Huyện Đồng Bằng")
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Tỷ lệ hộ nghèo")


@pytest.mark.parametrize("width", [320, 375])
def test_the_trend_chart_shows_its_last_year_and_legend_on_a_phone(site, new_page, width):
    """Issue 13 item 14: on a phone the chart kept a 512 px minimum width in a scrolling box, so
    its last year and its legend were off the screen. Now all of it is on the screen, at a
    readable size, and the box has nothing to scroll."""
    page = new_page(viewport={"width": width, "height": 800})
    page.goto(site.url + "/ket-qua/")
    chart = page.get_by_role("img", name="Tỷ lệ hộ nghèo và hộ cận nghèo theo năm")
    expect(chart).to_be_visible()
    assert page.locator(".chart-scroll").first.evaluate("e => e.scrollWidth <= e.clientWidth")
    for label in ("2023", "2024", "Tỷ lệ hộ nghèo", "Tỷ lệ hộ cận nghèo"):
        text = chart.locator("text").filter(has_text=re.compile(f"^{label}$"))
        expect(text).to_have_count(1)
        box = text.bounding_box()
        assert box is not None, label
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, (label, box)
        assert box["height"] >= 10, (label, box)  # not shrunk below a readable size
    shot(page, f"results-trend-chart-{width}")
