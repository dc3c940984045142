"""Done means (issue #14), through the real screens: a journalist signs up on the portal,
confirms the e-mail, sends a radio entry with its audio and A4 script; the secretariat accepts
it in the admin; two jurors score it in round 1 in the jury's area; the organiser closes the
round and signs its minutes; it passes to round 2, is scored, the minutes signed; the decision
is issued; the public results page shows it with its author. (The rounds, criteria and jurors
are set up through the services: their set-up screens are not built.) Screenshots at 375 and
1366 px go to the artefacts."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect, sync_playwright

from giamngheo.contests import services
from giamngheo.contests.models import Entry
from tests.browser import CHROMIUM, shot, sign_in
from tests.contests.conftest import build, mp3_bytes, pdf_bytes
from tests.factories import PASSWORD
from tests.organisations.conftest import world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
NAME = "Mai Xuân Trường"


def _admin(page, base, username):
    sign_in(page, base, username, PASSWORD)


def _portal(page, base, username, password=PASSWORD):
    page.context.clear_cookies()
    page.goto(f"{base}/cuoc-thi/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#btn-login")


def _score(page, base, username, values, name=""):
    _portal(page, base, username)
    page.wait_for_url(re.compile(r"/cuoc-thi/giam-khao/$"))
    page.click("#reviews a")
    for field, value in zip(
        page.locator("#score-form input[type=text]").all()[::2], values, strict=True
    ):
        field.fill(str(value))
    if name:
        shot(page, name)
    page.click("#btn-save")
    expect(page.locator("#messages")).to_contain_text("Đã lưu điểm tác phẩm PT-001")


def _round_action(page, base, rnd, button):
    page.goto(f"{base}/admin/cuoc-thi/vong/{rnd.pk}/")
    page.click(button)
    page.wait_for_load_state()


def test_journalist_to_public_results(live_server, world, tmp_path, settings, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    cw = build(world)
    for user in cw.users.values():
        if user.username in ("secretary", "organiser", "juror1", "juror2"):
            user.set_password(PASSWORD)
            user.save()
    base = live_server.url
    audio = tmp_path / "phong-su.mp3"
    audio.write_bytes(mp3_bytes(NAME))
    script = tmp_path / "kich-ban.pdf"
    script.write_bytes(pdf_bytes(NAME))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        phone = browser.new_context(locale="vi-VN", viewport=PHONE).new_page()
        desk = browser.new_context(locale="vi-VN", viewport=DESKTOP).new_page()
        for page in (phone, desk):
            page.set_default_timeout(20_000)

        # The journalist, on a phone: the contest, sign-up, the e-mailed link, the entry.
        phone.goto(f"{base}/cuoc-thi/{cw.contest.slug}/")
        expect(phone.locator("h1")).to_have_text(cw.contest.name)
        shot(phone, "contests-detail-375")
        phone.goto(f"{base}/cuoc-thi/dang-ky/")
        shot(phone, "contests-signup-empty-375")
        phone.fill("#id_full_name", NAME)
        phone.fill("#id_pen_name", "Xuân Trường")
        phone.select_option("#id_outlet", label="Đài Phát thanh Mẫu")
        phone.fill("#id_phone", "0977 111 222")
        phone.fill("#id_email", "truong@example.vn")
        phone.fill("#id_password", "TacPham#GiamNgheo2023")
        shot(phone, "contests-signup-375")
        phone.click("#btn-signup")
        expect(phone.locator("#sent")).to_contain_text("truong@example.vn")
        link = re.search(r"http\S+/cuoc-thi/xac-nhan/\S+/", mail.outbox[-1].body).group(0)
        phone.goto(base + "/" + link.split("://", 1)[1].split("/", 1)[1])
        _portal(phone, base, "truong@example.vn", "TacPham#GiamNgheo2023")
        phone.wait_for_url(re.compile(r"/cuoc-thi/cua-toi/$"))
        phone.click(f"#btn-submit-{cw.contest.pk}")
        phone.select_option("#id_medium", label="Phát thanh")
        phone.fill("#id_title", "Tiếng loa bản Mông")
        phone.select_option("#id_outlet", label="Đài Phát thanh Mẫu")
        phone.fill("#id_published_on", "15/06/2023")
        phone.fill("#id_placement", "Chương trình Thời sự 18 giờ")
        phone.fill("#id_length", "12")
        phone.set_input_files("#id_work", str(audio))
        phone.set_input_files("#id_script", str(script))
        for box in ("not_awarded_elsewhere", "not_entered_elsewhere", "grants_rights"):
            phone.check(f"#id_{box}")
        phone.click("#btn-send")
        expect(phone.locator("#my-entries")).to_contain_text("Tiếng loa bản Mông")
        expect(phone.locator("#my-entries")).to_contain_text("Đã gửi, chờ thẩm định")
        shot(phone, "contests-mine-375")
        entry = Entry.objects.get(title="Tiếng loa bản Mông")
        assert NAME.encode() not in b"".join(f.file.read() for f in entry.files.all())

        # The secretariat accepts it; the organiser moves the contest to judging.
        _admin(desk, base, "secretary")
        desk.goto(f"{base}/admin/cuoc-thi/tac-pham/{entry.pk}/")
        expect(desk.locator("#identity")).to_contain_text(NAME)
        shot(desk, "contests-admin-entry-1366")
        desk.click("#btn-accept")
        expect(desk.locator("#entry-summary")).to_contain_text("Hợp lệ, đã cấp mã")
        _admin(desk, base, "organiser")
        desk.goto(f"{base}/admin/cuoc-thi/{cw.contest.pk}/trang/")
        desk.click("#btn-judging")
        expect(desk.locator("#contest-summary")).to_contain_text("Đang chấm")
        from decimal import Decimal

        rounds = []
        for number, name, start, end, prizes in (
            (1, "Vòng sơ khảo", "2023-11-01", "2023-11-10", False),
            (2, "Vòng chung khảo", "2023-11-15", "2023-11-25", True),
        ):
            from datetime import date

            rnd = services.add_round(
                actor=cw.users["organiser"],
                contest=cw.contest,
                number=number,
                name=name,
                starts_on=date.fromisoformat(start),
                ends_on=date.fromisoformat(end),
                media=[cw.radio],
                finalists_per_medium=1,
                awards_prizes=prizes,
                criteria=[
                    services.CriterionSpec("Nội dung", 60, Decimal("1")),
                    services.CriterionSpec("Hình thức", 40, Decimal("1")),
                ],
            )
            for i in (1, 2):
                services.add_juror(
                    actor=cw.users["organiser"], round=rnd, user=cw.users[f"juror{i}"]
                )
            rounds.append(rnd)

        for index, rnd in enumerate(rounds):
            _round_action(desk, base, rnd, "#btn-round-open")
            _score(
                phone,
                base,
                "juror1",
                (50, 30) if index == 0 else (55, 35),
                "contests-score-375" if index == 0 else "",
            )
            if index == 0:
                phone.goto(f"{base}/cuoc-thi/giam-khao/")
                shot(phone, "contests-jury-375")
            _score(
                desk,
                base,
                "juror2",
                (40, 30) if index == 0 else (50, 36),
                "contests-score-1366" if index == 0 else "",
            )
            _admin(desk, base, "organiser")
            _round_action(desk, base, rnd, "#btn-round-close")
            expect(desk.locator("#ranking")).to_contain_text("PT-001")
            if index == 0:
                expect(desk.locator("#ranking")).to_contain_text(
                    "75,00"
                )  # (80 + 70) / 2, in the Vietnamese format
                shot(desk, "contests-ranking-1366")
            desk.click("#btn-round-sign")
            expect(desk.locator("main")).to_contain_text("Đã ký biên bản")

        desk.goto(f"{base}/admin/cuoc-thi/{cw.contest.pk}/trang/")
        desk.fill("#id_number", "125/QĐ-SLĐTBXH")
        desk.fill("#id_on", "01/12/2023")
        desk.fill("#id_signer_title", "Giám đốc")
        desk.fill("#id_signer_name", "Nguyễn Văn Ký")
        desk.click("#btn-decide")
        expect(desk.locator("#contest-summary")).to_contain_text("Đã quyết định trao giải")

        # The public results: the work with its author and outlet, now revealed.
        for page, name in ((desk, "contests-results-1366"), (phone, "contests-results-375")):
            page.context.clear_cookies()
            page.goto(f"{base}/cuoc-thi/{cw.contest.slug}/")
            expect(page.locator("#awards")).to_contain_text("Tiếng loa bản Mông")
            expect(page.locator("#awards")).to_contain_text(f"{NAME} (Xuân Trường)")
            expect(page.locator("#awards")).to_contain_text("Đài Phát thanh Mẫu")
            expect(page.locator("#awards")).to_contain_text("Phát thanh — Giải A")
            shot(page, name)
        browser.close()
