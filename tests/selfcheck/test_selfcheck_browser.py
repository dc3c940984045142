"""Done means: a visitor takes the self-check for a rural household lacking 3 indicators, under
the income line, and is told "hộ nghèo" — with the disclaimer, the lacking indicators and the
links onwards. Keyboard-usable, no script needed; desktop and 375 px screenshots."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser import shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # First, so that Wagtail's root page is restored before the portal fixture builds on it.
    pytest.mark.usefixtures("django_db_serialized_rollback"),
]


def _take_selfcheck(page, base: str, *, name: str) -> None:
    page.goto(f"{base}/tu-danh-gia-ho-ngheo/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tự đánh giá hộ nghèo theo chuẩn nghèo đa chiều"
    )
    shot(page, f"selfcheck-questionnaire-{name}")
    page.get_by_role("group", name="Hộ của bạn sống ở đâu?").get_by_label("Nông thôn").check()
    page.get_by_label("Thu nhập bình quân của mỗi người trong hộ, mỗi tháng (đồng)").fill(
        "1.400.000"
    )
    for code in range(1, 13):
        answer = "Có" if code in (1, 4, 7) else "Không"
        page.locator(f"input[name=i{code}][value={'co' if answer == 'Có' else 'khong'}]").check()
    page.get_by_role("button", name="Xem kết quả").click()


def test_rural_household_lacking_three_under_line_is_poor(
    live_server, new_page, portal, on_day, settings
):
    from giamngheo.selfcheck.demo import load_demo_standards

    load_demo_standards()
    on_day(date(2025, 11, 15))
    page = new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _take_selfcheck(page, live_server.url, name="desktop")

    verdict = page.locator("#sc-verdict")
    expect(verdict).to_contain_text("có thể thuộc diện")
    expect(verdict.locator("strong")).to_have_text("hộ nghèo")
    expect(page.locator(".sc-why")).to_contain_text(
        "Thu nhập bình quân 1.400.000 đồng/người/tháng, không vượt chuẩn thu nhập 1.500.000 đồng"
    )
    expect(page.locator(".sc-why")).to_contain_text("Hộ thiếu hụt 3 chỉ số")
    expect(page.locator(".sc-lacking li strong")).to_have_text(
        ["Việc làm", "Bảo hiểm y tế", "Chất lượng nhà ở"]
    )
    expect(page.locator(".sc-policies")).to_contain_text("Trợ giúp pháp lý miễn phí")
    expect(page.locator(".sc-disclaimer")).to_contain_text(
        "việc xác định hộ nghèo, hộ cận nghèo do Ban chỉ đạo rà soát cấp xã quyết định"
    )
    expect(
        page.get_by_role("link", name="Tra cứu văn bản chính sách giảm nghèo trên Cổng")
    ).to_have_attribute("href", "/van-ban/")
    expect(
        page.get_by_role("link", name="Hỏi, phản ánh, kiến nghị về chính sách giảm nghèo")
    ).to_have_attribute("href", "/phan-anh/gui/")
    shot(page, "selfcheck-result-desktop")
    assert errors == []

    phone = new_page(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    _take_selfcheck(phone, live_server.url, name="375")
    expect(phone.locator("#sc-verdict strong")).to_have_text("hộ nghèo")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"horizontal scroll at 375 px: {width}"
    shot(phone, "selfcheck-result-375")

    from giamngheo.selfcheck.models import ContactRequest

    assert ContactRequest.objects.count() == 0


def test_missing_answer_is_reported_and_focusable(live_server, new_page, portal, on_day):
    on_day(date(2025, 11, 15))
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/tu-danh-gia-ho-ngheo/")
    page.get_by_role("button", name="Xem kết quả").click()
    summary = page.locator("#sc-errors")
    expect(summary).to_be_visible()
    expect(summary.locator("li")).to_have_count(14)
    summary.get_by_role("link").nth(1).click()
    expect(page.locator("#id_income")).to_be_focused()
    shot(page, "selfcheck-errors-desktop")
