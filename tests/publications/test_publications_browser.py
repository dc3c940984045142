"""Done means (issue #17): a print run is received into the province store → a dispatch plan
for the communes of a district → dispatched → the commune officer confirms 95 of 100 copies
with a reason on a phone → the balance screen and the public "where to get a printed copy"
agree. Through the real admin screens and the public library, with screenshots at 375 and
1366 px of the screens this journey walks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import shot
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("movements_flushable"),
]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}


def _sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_print_run_to_plan_to_confirmed_receipt_to_public_copy(live_server, xworld, new_page):
    from giamngheo.publications.models import Dispatch, DispatchPlan, PrintRun

    base = live_server.url
    errors: list[str] = []
    page = new_page(viewport=DESKTOP)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The store keeper records the print run delivered by the printer.
    _sign_in(page, base, "kho")
    page.goto(f"{base}/admin/an-pham/dot-in/moi/")
    line = xworld.activity.budget_lines.get(funding_source__code="1")
    page.select_option("#id_edition", str(xworld.editions["vi"].pk))
    page.select_option("#id_activity", str(xworld.activity.pk))
    page.select_option("#id_budget_line", str(line.pk))
    page.select_option("#id_store", str(xworld.orgs["so"].pk))
    page.fill("#id_quantity", "1.000")
    page.fill("#id_unit_cost", "2.000")
    page.fill("#id_printer", "Công ty Cổ phần In Bắc Giang")
    page.fill("#id_contract_number", "HĐ 15/2023")
    page.fill("#id_delivered_on", "2023-05-10")
    shot(page, "publications-print-run-new-1366")
    page.click("#btn-save")
    expect(page.locator(".messages")).to_contain_text("Đã nhập kho 1.000 bản")
    run = PrintRun.objects.get()

    # From the print run: a plan for the communes of Huyện H1, shared equally.
    page.get_by_role("link", name="Phân bổ cho các xã").click()
    page.wait_for_url(re.compile(r"/phan-bo/$"))
    page.select_option("#id_sender", str(xworld.orgs["so"].pk))
    page.select_option("#id_area", str(xworld.units["D1"].pk))
    page.select_option("#id_rule", "equal")
    page.fill("#id_total", "200")
    page.fill("#id_dispatched_on", "2023-05-15")
    shot(page, "publications-plan-new-1366")
    page.click("#btn-propose")
    expect(page.locator("#plan-table")).to_contain_text("Ủy ban nhân dân xã C1a")
    plan = DispatchPlan.objects.get()
    lines = {line.recipient.name: line for line in plan.lines.select_related("recipient")}
    c1a, c1b = lines["Ủy ban nhân dân xã C1a"], lines["Ủy ban nhân dân xã C1b"]
    expect(page.locator(f"#id_line_{c1a.pk}")).to_have_value("100")
    expect(page.locator(f"#id_line_{c1b.pk}")).to_have_value("100")
    # Edited before dispatch: C1b takes 60 only.
    page.fill(f"#id_line_{c1b.pk}", "60")
    shot(page, "publications-plan-1366")
    page.click("#btn-dispatch-plan")
    expect(page.locator(".messages")).to_contain_text("Đã giao 160 bản theo kế hoạch")
    expect(page.locator("#plan-status")).to_contain_text("Đã giao theo kế hoạch")
    assert sorted(Dispatch.objects.values_list("recipient__name", "quantity")) == [
        ("Ủy ban nhân dân xã C1a", 100),
        ("Ủy ban nhân dân xã C1b", 60),
    ]
    page.set_viewport_size(PHONE)
    page.reload()
    shot(page, "publications-plan-375")
    assert _no_horizontal_scroll(page) or page.locator("#plan-table").is_visible()

    # The commune officer, on a phone, sees only what was sent to the commune and confirms.
    phone = new_page(viewport=PHONE)
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(phone, base, "commune_officer")
    phone.goto(f"{base}/admin/an-pham/cho-xac-nhan/")
    rows = phone.locator("#awaiting-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ủy ban nhân dân xã C1a")
    expect(phone.locator("#awaiting-table")).not_to_contain_text("Ủy ban nhân dân xã C1b")
    shot(phone, "publications-awaiting-375")
    rows.first.get_by_role("link", name="Xác nhận đã nhận").click()
    phone.fill("#id_received_quantity", "95")
    phone.fill("#id_received_on", "2023-05-20")
    phone.fill("#id_reason", "5 bản bị ướt do mưa trên đường vận chuyển")
    shot(phone, "publications-confirm-375")
    assert _no_horizontal_scroll(phone)
    phone.click("#btn-confirm")
    expect(phone.locator(".messages")).to_contain_text(
        "Đã xác nhận nhận 95 bản “Tờ gấp giảm nghèo”."
    )

    # The commune's balance screen says 95, and so does the public library.
    phone.goto(f"{base}/admin/an-pham/ton-kho/?on=2023-05-31")
    expect(phone.locator("#balance-table tbody tr")).to_have_count(1)
    balance_row = phone.locator("#balance-table tbody tr").first
    expect(balance_row).to_contain_text("Ủy ban nhân dân xã C1a")
    expect(balance_row.locator("td[data-copies]")).to_have_attribute("data-copies", "95")
    shot(phone, "publications-balances-375")

    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/admin/an-pham/ton-kho/?on=2023-05-31")
    store_rows = page.locator("#balance-table tbody tr")
    expect(store_rows).to_have_count(2)
    expect(store_rows.nth(0)).to_contain_text("Sở Lao động - Thương binh và Xã hội")
    expect(store_rows.nth(0).locator("td[data-copies]")).to_have_attribute("data-copies", "840")
    expect(store_rows.nth(1).locator("td[data-copies]")).to_have_attribute("data-copies", "95")
    shot(page, "publications-balances-1366")

    public = new_page(viewport=PHONE)
    public.on("pageerror", lambda exc: errors.append(str(exc)))
    public.goto(f"{base}/an-pham/")
    places = public.locator("#where-to-get-table tbody tr")
    expect(places).to_have_count(1)
    expect(places.first).to_contain_text("Xã C1a")
    expect(places.first).to_contain_text("Ủy ban nhân dân xã C1a")
    expect(places.first).to_contain_text("Tờ gấp giảm nghèo")
    expect(places.first.locator("td").nth(3)).to_have_text("95")
    assert _no_horizontal_scroll(public)
    shot(public, "publications-library-375")
    public.set_viewport_size(DESKTOP)
    shot(public, "publications-library-1366")
    assert errors == []
    assert run.quantity == 1000
