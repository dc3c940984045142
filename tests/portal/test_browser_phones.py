"""Phones (issue 13, item 14): no public page reachable from the menu or the footer scrolls
sideways at 320 or 375 px, and the menu folds behind a button (a script from static files; the
whole menu shows without JavaScript)."""

import io
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from giamngheo.organisations.demo import load_demo_organisations
from giamngheo.portal.demo import load_portal_demo
from tests.browser import shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("django_db_serialized_rollback"),
]

# Pages reached from the menu and the footer, and these besides: a results list, a document
# and an article (the widest things the portal shows: select boxes, tables, long numbers).
EXTRA = ("/tim-kiem/?q=giam+ngheo&loai=policy", "/tim-kiem/")
MUST_VISIT = {
    "/",
    "/tin-tuc/",
    "/van-ban/",
    "/guong-dien-hinh/",
    "/gioi-thieu/",
    "/lien-he/",
    "/phan-anh/gui/",
    "/hoi-dap/",
    "/tu-danh-gia-ho-ngheo/",
    "/bao-ve-du-lieu-ca-nhan/",
    "/kha-nang-tiep-can/",
}


@pytest.fixture
def site(live_server):
    out = io.StringIO()
    load_demo_organisations(stdout=out, with_users=False)
    load_portal_demo(stdout=out)
    return live_server


def reachable(page, base: str) -> list[str]:
    """Same-site pages linked from the menu and the footer, then the first item of each list."""
    page.goto(base + "/")
    hrefs = page.eval_on_selector_all(".main-nav a, .site-footer a", "els => els.map(e => e.href)")
    paths = []
    for href in hrefs:
        url = urlparse(href)
        if url.netloc == urlparse(base).netloc and not url.path.endswith(".xml"):
            paths.append(url.path + (f"?{url.query}" if url.query else ""))
    for listing, item in (
        ("/van-ban/", ".data-table tbody a"),
        ("/tin-tuc/", ".cards a"),
        ("/guong-dien-hinh/", ".cards a"),
    ):
        page.goto(base + listing)
        paths.append(urlparse(page.locator(item).first.get_attribute("href")).path)
    return list(dict.fromkeys([*paths, *EXTRA]))


def test_no_public_page_scrolls_sideways_on_a_phone(site, new_page):
    desktop = new_page(viewport={"width": 1366, "height": 900})
    paths = reachable(desktop, site.url)
    assert MUST_VISIT <= set(paths), MUST_VISIT - set(paths)
    assert len(paths) >= 16
    too_wide = []
    for width in (320, 375):
        page = new_page(viewport={"width": width, "height": 740})
        for path in paths:
            response = page.goto(site.url + path)
            if "text/html" not in response.headers["content-type"]:
                continue  # a feed
            assert response.status == 200, path
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                too_wide.append((width, path, scroll))
        shot(page, f"portal-phone-{width}-last")
    assert too_wide == []


def test_the_menu_folds_on_a_phone_and_stays_whole_without_script(site, new_page):
    phone = new_page(viewport={"width": 375, "height": 740})
    phone.goto(site.url + "/")
    toggle = phone.get_by_role("button", name="Danh mục")
    menu = phone.locator("#main-menu")
    news = menu.get_by_role("link", name="Tin tức")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(news).to_be_hidden()
    # The first screen holds the page itself, not twelve links.
    assert phone.locator("main h1").bounding_box()["y"] < 400
    shot(phone, "portal-phone-menu-closed")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(news).to_be_visible()
    expect(menu.get_by_role("link", name="Tự đánh giá hộ nghèo")).to_be_visible()
    shot(phone, "portal-phone-menu-open")
    phone.keyboard.press("Escape")
    expect(news).to_be_hidden()
    expect(toggle).to_be_focused()
    toggle.press("Enter")
    news.click()
    expect(phone).to_have_url(site.url + "/tin-tuc/")
    # No inline script on the page: the menu's is a static file.
    scripts = phone.eval_on_selector_all("script", "els => els.map(e => e.src)")
    assert scripts and all(src.startswith(site.url + "/static/") for src in scripts)

    desktop = new_page(viewport={"width": 1366, "height": 900})
    desktop.goto(site.url + "/")
    expect(desktop.get_by_role("button", name="Danh mục")).to_be_hidden()
    expect(desktop.locator("#main-menu").get_by_role("link", name="Tin tức")).to_be_visible()

    no_script = new_page(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    no_script.goto(site.url + "/")
    expect(no_script.locator(".menu-toggle")).to_be_hidden()
    expect(no_script.locator("#main-menu").get_by_role("link", name="Tin tức")).to_be_visible()
    shot(no_script, "portal-phone-menu-no-script")
