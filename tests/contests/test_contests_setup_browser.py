"""The contest set-up screens in a browser, at 375 and 1366 px: the secretary creates a contest
on the 2.2 activity, adds a prize, a round with its criteria, a juror and a conflict.
Screenshots go to test-artifacts/ (looked at: Vietnamese labels, dates 15/11/2023, money
5.000.000, no sideways scroll)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from giamngheo.contests.models import Conflict, Contest, Juror, PrizeTier, Round
from tests.browser import CHROMIUM, shot, sign_in
from tests.contests.conftest import to_judging
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = ((375, {"width": 375, "height": 812}), (1366, {"width": 1366, "height": 900}))


@pytest.fixture
def chromium(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()
        from django.db import connections

        connections.close_all()


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_secretary_sets_up_contest_round_jury_and_conflict(live_server, chromium, cw):
    base = live_server.url
    to_judging(cw)
    rnd = cw.rounds[0]
    for width, viewport in SIZES:
        context = chromium.new_context(viewport=viewport, locale="vi-VN")
        page = context.new_page()
        sign_in(page, base, "secretary", PASSWORD)
        page.goto(f"{base}/admin/cuoc-thi/moi/")
        _fits(page, width)
        shot(page, f"contests-setup-new-{width}")
        if width == 1366:
            page.select_option("#id_activity", str(cw.contest.activity_id))
            page.fill("#id_name", "Cuộc thi báo chí về giảm nghèo năm 2024")
            page.select_option("#id_organiser", str(cw.orgs["so"].pk))
            page.fill("#id_entries_open", "15/11/2023")
            page.fill("#id_entries_close", "31/03/2024")
            page.fill("#id_published_from", "01/01/2023")
            page.fill("#id_published_to", "15/03/2024")
            page.get_by_label("Phát thanh").check()
            page.get_by_label("Truyền hình").check()
            page.fill("#id_max_works_per_author", "2")
            page.fill("#id_max_words", "3.000")
            page.fill("#id_max_minutes", "30")
            page.fill("#id_max_instalments", "5")
            page.locator("input[name=secretariat]").first.check()
            page.click("#btn-submit")
            expect(page.get_by_text("Đã tạo cuộc thi")).to_be_visible()
            contest = Contest.objects.get(name="Cuộc thi báo chí về giảm nghèo năm 2024")
            expect(page.locator("#contest-summary")).to_contain_text("15/11/2023 – 31/03/2024")
            page.click("#btn-prize-add")
            page.fill("#id_name", "Giải A")
            page.fill("#id_quota", "1")
            page.fill("#id_amount", "5.000.000")
            page.click("#btn-submit")
            expect(page.locator("#prize-tiers")).to_contain_text("5.000.000")
            assert PrizeTier.objects.get(contest=contest).amount == 5_000_000
            page.click("#btn-round-add")
            page.fill("#id_name", "Vòng sơ khảo")
            page.fill("#id_starts_on", "01/04/2024")
            page.fill("#id_ends_on", "15/04/2024")
            page.locator("input[name=media]").first.check()
            page.fill("#id_criteria", "Nội dung, tư tưởng; 40; 2\nHình thức thể hiện; 30; 1,5")
            page.click("#btn-submit")
            expect(page.get_by_text("Đã thêm vòng chấm")).to_be_visible()
            new_round = Round.objects.get(contest=contest)
            page.click("#btn-juror-add")
            page.fill("#id_account", "juror1")
            page.click("#btn-submit")
            expect(page.locator("#jurors")).to_contain_text("Giám khảo 1")
            assert Juror.objects.filter(round=new_round).count() == 1
        page.goto(f"{base}/admin/cuoc-thi/{cw.contest.pk}/trang/")
        _fits(page, width)
        shot(page, f"contests-setup-contest-{width}")
        page.goto(f"{base}/admin/cuoc-thi/{cw.contest.pk}/sua/")
        _fits(page, width)
        shot(page, f"contests-setup-edit-{width}")
        page.goto(f"{base}/admin/cuoc-thi/vong/{rnd.pk}/sua/")
        _fits(page, width)
        shot(page, f"contests-setup-round-edit-{width}")
        page.goto(f"{base}/admin/cuoc-thi/vong/{rnd.pk}/xung-dot/moi/")
        _fits(page, width)
        shot(page, f"contests-setup-conflict-{width}")
        if width == 1366:
            page.select_option("#id_juror", str(cw.jurors[1].pk))
            page.select_option("#id_entry", str(cw.entries[0].pk))
            page.fill("#id_reason", "Người thân của tác giả")
            page.click("#btn-submit")
            expect(page.locator("#conflicts")).to_contain_text("Người thân của tác giả")
            assert Conflict.objects.filter(juror=cw.jurors[1], entry=cw.entries[0]).exists()
        page.goto(f"{base}/admin/cuoc-thi/vong/{rnd.pk}/")
        _fits(page, width)
        shot(page, f"contests-setup-round-{width}")
        context.close()
