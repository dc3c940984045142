"""Done means (issue #18), through the real screens: the editor writes a bulletin for three
communes, the approver approves it and its Vietnamese audio is generated and plays in the page,
the editor sends it; on a phone-sized viewport one operator confirms two airings, another one,
the third records "not aired" with a reason; the coverage report shows 2/3; the podcast feed
parses with feedparser and its enclosure is reachable."""

from __future__ import annotations

import feedparser
import pytest
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from tests.browser import CHROMIUM, shot, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--autoplay-policy=no-user-gesture-required",
]
PHONE = {"width": 375, "height": 740}


def _operator(page, base, username, title):
    page.context.clear_cookies()
    page.goto(f"{base}/truyen-thanh/tram/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#btn-login")
    page.get_by_role("link", name=title).click()


def _aired(page, count):
    page.fill("#id_aired_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_times", "1")
    page.click("#btn-aired")
    errors = page.locator(".radio-errors").all_inner_texts()
    assert not errors, errors
    expect(page.locator("#airings li")).to_have_count(count)
    expect(page.locator("#airings")).to_contain_text("Đã phát lúc")


def test_bulletin_from_draft_to_coverage_and_podcast(
    live_server, radio, monkeypatch, settings, tmp_path
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.MEDIA_ROOT = str(tmp_path)
    base = live_server.url
    today = timezone.localdate()
    title = "Gương sáng giảm nghèo: chị Hoàng Thị Lan"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        desk = browser.new_context(
            locale="vi-VN", viewport={"width": 1366, "height": 900}
        ).new_page()
        sign_in(desk, base, "editor", PASSWORD)
        desk.goto(f"{base}/admin/truyen-thanh/soan/")
        desk.select_option("#id_activity", label="Bản tin giảm nghèo trên loa xã")
        desk.fill("#id_title", title)
        desk.fill(
            "#id_text",
            "Ngày 15/11/2023, UBND xã hỗ trợ chị Lan 1.500.000 đồng trồng 2 ha vải thiều.",
        )
        for commune in ("Xã C1a", "Xã C1b", "Xã C2a"):
            desk.get_by_label(commune, exact=True).check()
        for field in ("#id_air_from", "#id_air_to", "#id_valid_until"):
            desk.fill(field, today.isoformat())
        desk.fill("#id_times_per_day", "2")
        desk.click("#btn-save")
        expect(desk.locator("body")).to_contain_text("Dự thảo")
        inspect_url = desk.url

        sign_in(desk, base, "approver", PASSWORD)
        desk.goto(inspect_url)
        desk.click("#btn-approve")
        audio = desk.locator("#bulletin-audio")
        expect(audio).to_be_visible()
        expect(desk.locator("#audio-measures")).to_contain_text("LUFS")
        duration = desk.evaluate(
            """async () => { const a = document.querySelector('#bulletin-audio');
            await a.play(); await new Promise(r => setTimeout(r, 500)); a.pause();
            return [a.duration, a.currentTime]; }"""
        )
        assert duration[0] > 3 and duration[1] > 0, duration

        sign_in(desk, base, "editor", PASSWORD)
        desk.goto(inspect_url)
        desk.click("#btn-send")
        expect(desk.locator("body")).to_contain_text("Đã gửi bản tin đến các đài xã.")

        phone = browser.new_context(locale="vi-VN", viewport=PHONE).new_page()
        _operator(phone, base, "operator_c1a", title)
        _aired(phone, 1)
        _aired(phone, 2)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(phone, "broadcasts-operator-375")
        _operator(phone, base, "operator_c1b", title)
        _aired(phone, 1)
        _operator(phone, base, "operator_c2a", title)
        phone.fill("#id_reason", "Mất điện cả ngày")
        phone.click("#btn-not-aired")
        expect(phone.locator("#airings")).to_contain_text("Không phát: Mất điện cả ngày")

        sign_in(desk, base, "province_admin", PASSWORD)
        desk.goto(f"{base}/admin/truyen-thanh/do-phu/")
        expect(desk.locator("#coverage-summary")).to_contain_text("2/3 xã đã phát sóng")
        shot(desk, "broadcasts-coverage-1366")

        feed_response = desk.request.get(f"{base}/truyen-thanh/podcast.xml")
        feed = feedparser.parse(feed_response.body())
        assert feed.bozo == 0
        [entry] = feed.entries
        assert entry.title == title
        enclosure = entry.enclosures[0]
        assert enclosure.type == "audio/mpeg"
        audio_response = desk.request.get(enclosure.href)
        assert audio_response.status == 200
        assert len(audio_response.body()) == int(enclosure.length)
        browser.close()
