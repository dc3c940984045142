"""Done means (issue #15), through the real screens: a district officer files a household with
its dossier; the emulation office appraises it and publishes the list; a citizen comments on a
375 px phone; after the window the office sends it to the council; the council of seven meets
with two members absent in writing, the paper ballot's counts are entered, the threshold is met
and the meeting closed; the decision is issued and its DOCX annex lists the household; the
public honour roll shows it without personal data, at 375 and 1366 px.

The public window is counted in working days from today: the server's clock
(``django.utils.timezone.now``, outside our code) is moved a month on once the citizen has
commented, as the window passes. Screenshots at 375 and 1366 px go to the artefacts."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect, sync_playwright

from giamngheo.awards.models import CouncilSeat, Nomination
from tests.browser import CHROMIUM, shot, sign_in
from tests.factories import PASSWORD

from .conftest import PDF, aworld  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
NAME = "Hộ ông Hoàng Văn Vượt Khó"
VILLAGE = "Thôn Đồng Mới"  # personal data: on the dossier, never on the honour roll


def _page(browser, viewport):
    page = browser.new_context(locale="vi-VN", viewport=viewport).new_page()
    page.set_default_timeout(20_000)
    return page


def _no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_household_from_nomination_to_honour_roll(
    live_server,
    aworld,  # noqa: F811
    tmp_path,
    settings,
    monkeypatch,
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    base = live_server.url
    w = aworld
    round_url = f"{base}/admin/thi-dua/{w.round.pk}/trang/"
    real_now = timezone.now
    clock = {"offset": timedelta(0)}
    with (
        mock.patch("django.utils.timezone.now", lambda: real_now() + clock["offset"]),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        desk = _page(browser, DESKTOP)

        # The district officer files a household with its dossier and submits it.
        sign_in(desk, base, "district_officer", PASSWORD)
        desk.goto(round_url)
        desk.click("#btn-nominate")
        desk.select_option("#id_subject", "household")
        desk.select_option("#id_form_code", "giay_khen_huyen")
        desk.select_option("#id_nominating_organisation", str(w.orgs["D1"].pk))
        desk.select_option("#id_commune", str(w.units["C1a"].pk))
        desk.fill("#id_name", NAME)
        desk.fill("#id_household_members", "5")
        desk.fill("#id_village", VILLAGE)
        desk.fill("#id_achievements", "Tự vươn lên thoát nghèo bền vững nhờ trồng vải thiều.")
        desk.fill("#id_dated_on", "16/10/2023")
        shot(desk, "awards-nomination-form-1366")
        desk.click("#btn-submit")
        if desk.locator("#status").count() == 0:
            shot(desk, "awards-nomination-refused-1366")
        expect(desk.locator("#status")).to_have_text("Đang soạn hồ sơ")
        n = Nomination.objects.get(name=NAME)
        assert (n.village, n.household_members) == (VILLAGE, 5)  # what the roll must not show
        for component in n.form.components.all():
            path = tmp_path / f"{component.code}.pdf"
            path.write_bytes(PDF)
            desk.set_input_files(f"#file-{component.code}", str(path))
            desk.click(f"#btn-attach-{component.code}")
            expect(desk.locator(".messages")).to_contain_text("Đã đính kèm thành phần hồ sơ.")
        expect(desk.locator("#components strong")).to_have_count(0)
        desk.click("#btn-submit")
        expect(desk.locator("#status")).to_have_text("Đã trình, chờ thẩm định")
        shot(desk, "awards-nomination-officer-1366")

        # The office appraises it and publishes the list on the portal.
        sign_in(desk, base, "office", PASSWORD)
        desk.goto(f"{base}/admin/thi-dua/ho-so/{n.pk}/")
        desk.click("#btn-pass")
        expect(desk.locator("#status")).to_have_text("Đã thẩm định, đủ điều kiện")
        desk.click("#btn-publish")
        expect(desk.locator("#status")).to_have_text("Đang lấy ý kiến công khai")

        # A citizen comments on a phone.
        phone = _page(browser, PHONE)
        phone.goto(f"{base}/thi-dua/lay-y-kien/")
        expect(phone.locator("#published")).to_contain_text(NAME)
        _no_sideways_scroll(phone, 375)
        shot(phone, "awards-comment-list-375")
        phone.locator("#published li", has_text=NAME).get_by_role("link").click()
        phone.fill("#id_author_name", "Lò Văn Dân")
        phone.fill("#id_text", "Gia đình chăm chỉ, giúp đỡ bà con trong thôn, xứng đáng.")
        shot(phone, "awards-comment-375")
        _no_sideways_scroll(phone, 375)
        phone.click("#btn-comment")
        expect(phone.locator("body")).to_contain_text("Cảm ơn anh/chị")
        assert list(n.comments.values_list("author_name", flat=True)) == ["Lò Văn Dân"]

        # The window passes: the office sends it to the council, and convenes it.
        clock["offset"] = timedelta(days=30)
        meeting_day = timezone.localdate()
        sign_in(desk, base, "office", PASSWORD)  # a month on, yesterday's session has expired
        desk.goto(f"{base}/admin/thi-dua/ho-so/{n.pk}/")
        expect(desk.locator("#comments")).to_contain_text("Lò Văn Dân")
        desk.click("#btn-council")
        expect(desk.locator("#status")).to_have_text("Trình hội đồng")
        desk.goto(round_url)
        desk.click("#btn-meeting")
        desk.fill("#id_held_on", f"{meeting_day:%d/%m/%Y}")
        desk.fill("#id_place", "Phòng họp số 2, UBND tỉnh")
        desk.fill("#id_chair_name", "Nguyễn Văn Chủ Trì")
        desk.fill("#id_secretary_name", "Trần Thị Thư Ký")
        desk.click("#btn-submit")
        expect(desk.locator("#meeting-status")).to_have_text("Đã triệu tập")
        seats = {
            s.membership.user.username: s.pk
            for s in CouncilSeat.objects.select_related("membership__user")
        }
        assert len(seats) == 7
        for member in ("hoidong6", "hoidong7"):
            desk.select_option(f"#seat-{seats[member]}", "absent_written")
        desk.click("#btn-attendance")
        expect(desk.locator("#quorum")).to_contain_text("Dự họp 5/7 thành viên")
        expect(desk.locator("#quorum")).to_contain_text(": đủ.")
        desk.click("#btn-open")
        expect(desk.locator("#meeting-status")).to_have_text("Đang họp, bỏ phiếu")

        # The paper ballot's counts: 5 present agree, the 2 absent agree in writing.
        desk.fill(f"#agree-{n.pk}", "5")
        desk.fill(f"#disagree-{n.pk}", "0")
        desk.fill(f"#wagree-{n.pk}", "2")
        desk.click(f"#btn-ballot-{n.pk}")
        expect(desk.locator("#ballots")).to_contain_text(
            "Đồng ý 5/5 số thành viên dự họp = 100 %; cần trên 50 % (ít nhất 3 phiếu): đạt."
        )
        shot(desk, "awards-council-1366")
        desk.click("#btn-close")
        expect(desk.locator("#meeting-status")).to_have_text("Đã kết thúc, đã kiểm phiếu")

        # The decision, its DOCX annex listing the household.
        desk.goto(round_url)
        desk.click("#btn-decide")
        desk.fill("#id_number", "1850/QĐ-UBND")
        desk.fill("#id_signed_on", f"{meeting_day + timedelta(days=2):%d/%m/%Y}")
        desk.fill("#id_authority", "ỦY BAN NHÂN DÂN TỈNH T")
        desk.fill("#id_signer_title", "CHỦ TỊCH")
        desk.fill("#id_signer_name", "Lê Ánh Dương")
        desk.click("#btn-submit")
        expect(desk.locator("#decisions")).to_contain_text("1850/QĐ-UBND")
        with desk.expect_download() as info:
            desk.locator("#decisions a", has_text="DOCX").click()
        target = tmp_path / "quyet-dinh.docx"
        info.value.save_as(target)
        document = Document(io.BytesIO(target.read_bytes()))
        annex = [[c.text for c in row.cells] for row in document.tables[-1].rows][1:]
        assert annex == [
            ["1", NAME, "Hộ gia đình", "Xã C1a", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện"]
        ]
        n.refresh_from_db()
        assert n.status == "commended"
        shot(desk, "awards-round-office-1366")

        # The honour roll shows it, without personal data, on a phone and a desktop.
        for page, width in ((phone, 375), (_page(browser, DESKTOP), 1366)):
            page.goto(f"{base}/thi-dua/vinh-danh/")
            row = page.locator("#honour-roll tbody tr", has_text=NAME)
            expect(row).to_contain_text("Xã C1a")
            expect(row).to_contain_text("1850/QĐ-UBND")
            body = page.content()
            assert VILLAGE not in body and "nhân khẩu" not in body
            _no_sideways_scroll(page, width)
            shot(page, f"awards-honour-roll-{width}")
        browser.close()
