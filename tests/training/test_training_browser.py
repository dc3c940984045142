"""Done means (issue #16), through the real screens: the organiser creates a two-day course and
allots places; a district officer names three participants; on day 1 two are checked in by QR
code on a phone-sized viewport (the phone's camera is Chromium's fake camera playing the QR of
each ticket), on day 2 all three; certificates issue to those who meet the rule (every session);
the public verification page confirms a code and refuses a forged one; the attendance list
DOCX/PDF/XLSX lists them with sign columns. Screenshots at 375 and 1366 px go to the artefacts.

Day 2 is tomorrow: the server's clock (``django.utils.timezone.now``, outside our code) is moved
one day on for the second half, as the night passes."""

from __future__ import annotations

import io
import os
from datetime import date, datetime, time, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from giamngheo.organisations.enums import Role
from tests.browser import ARTIFACTS, CHROMIUM, shot, sign_in
from tests.factories import HCM, PASSWORD, MembershipFactory
from tests.organisations.conftest import world  # noqa: F401

from .conftest import training_activity, training_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
NAMES = ("Hoàng Văn Quét", "Lường Thị Mã", "Vi Văn Vắng")


def _y4m(text: str, path: str) -> str:
    """A short video of the QR code of ``text`` (what the phone's camera sees), in the
    YUV4MPEG2 format Chromium's fake camera plays."""
    import qrcode

    width, height = 640, 480
    code = qrcode.make(text, box_size=10, border=4).convert("L").resize((400, 400))
    frame = Image.new("L", (width, height), 255)
    frame.paste(code, ((width - 400) // 2, (height - 400) // 2))
    chroma = bytes([128]) * (width * height // 4)
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _i in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)
    return path


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HCM)


def _sign_in(page, base, username):
    sign_in(page, base, username, PASSWORD)


def _new_page(browser, viewport, **kwargs):
    context = browser.new_context(locale="vi-VN", viewport=viewport, **kwargs)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _scan(playwright, base, *, session_url, ticket, tmp_path, name, screenshot=None):
    """The organiser's phone: sign in, open the session's check-in page, turn the camera on
    (it sees the ticket's QR code); the page sends the code it read."""
    video = _y4m(ticket, str(tmp_path / f"{ticket}.y4m"))
    phone = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            *ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        page = _new_page(phone, PHONE, is_mobile=True, has_touch=True, permissions=["camera"])
        _sign_in(page, base, "organiser")
        page.goto(session_url)
        page.click("#btn-camera")
        expect(page.locator(".messages")).to_contain_text(name, timeout=30_000)
        if screenshot:
            shot(page, screenshot)
    finally:
        phone.close()


@pytest.fixture
def scene(live_server, world):  # noqa: F811
    today = timezone.localdate()
    if (today + timedelta(days=1)).year != today.year:
        pytest.skip("the two days must fall in one plan year")
    MembershipFactory(
        user__username="organiser", organisation=world.orgs["so"], role=Role.UNIT_OFFICER
    )
    plan = training_plan(world.orgs, year=today.year)
    training_activity(
        actor=world.users["province_admin"],
        plan=plan,
        organisation=world.orgs["so"],
        start=date(today.year, 1, 1),
        end=date(today.year, 12, 31),
        title="Tập huấn nghiệp vụ truyền thông giảm nghèo",
    )
    return {"base": live_server.url, "today": today, "world": world}


def test_course_from_summons_to_verified_certificate(scene, tmp_path):
    base, today = scene["base"], scene["today"]
    tomorrow = today + timedelta(days=1)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # The server's clock: day 1 at 07:35 in Hà Nội, running on from there (whatever the hour
    # of the run); moved a day on for day 2.
    real_now = timezone.now
    clock = {"offset": _at(today, 7, 35) - real_now()}
    with (
        mock.patch("django.utils.timezone.now", lambda: real_now() + clock["offset"]),
        sync_playwright() as playwright,
    ):
        desktop = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = _new_page(desktop, DESKTOP)

        # The organiser creates a two-day course and allots places to district T1.
        _sign_in(page, base, "organiser")
        page.goto(f"{base}/admin/tap-huan/tao-lop/")
        page.select_option("#id_activity", label="Tập huấn nghiệp vụ truyền thông giảm nghèo")
        page.fill("#id_title", "Lớp tập huấn nghiệp vụ truyền thông cho cán bộ xã")
        page.select_option("#id_organiser", label="Sở Lao động - Thương binh và Xã hội")
        page.select_option("#id_venue_unit", label="Tỉnh T Bắc Giang")
        page.fill("#id_venue_address", "Hội trường Sở, số 1 đường Thử")
        page.fill("#id_capacity", "40")
        page.fill(
            "#id_sessions",
            f"{today:%d/%m/%Y} 07:30-16:30\n{tomorrow:%d/%m/%Y} 07:30-16:30",
        )
        page.fill("#id_signer_name", "Nguyễn Văn Ký")
        page.click("#btn-submit")
        expect(page.locator(".messages")).to_contain_text("Đã tạo lớp")
        course_url = page.url
        page.click("#btn-allot")
        page.select_option("#id_organisation", label="Ủy ban nhân dân huyện T1")
        page.fill("#id_places", "5")
        page.click("#btn-submit")
        expect(page.locator(".messages")).to_contain_text(
            "Đã phân bổ 5 chỉ tiêu cho Ủy ban nhân dân huyện T1."
        )

        # The district officer names three participants of its communes.
        _sign_in(page, base, "district_officer")
        page.goto(course_url)
        for index, name in enumerate(NAMES):
            page.locator("#allotments a", has_text="Cử học viên").click()
            page.fill("#id_full_name", name)
            page.fill("#id_position", "Công chức Văn hóa - Xã hội")
            page.select_option("#id_organisation", label="Ủy ban nhân dân xã C1a")
            page.select_option("#id_sex", label="Nữ" if index == 1 else "Nam")
            page.select_option("#id_ethnicity", label="Tày")
            page.fill("#id_phone", f"09123450{index:02d}")
            page.click("#btn-submit")
            expect(page.locator(".messages")).to_contain_text(f"Đã cử {name}")
        shot(page, "training-course-officer-1366")
        expect(page.locator("#attendance tbody tr")).to_have_count(3)

        from giamngheo.training.models import Course, Enrolment

        course = Course.objects.get()
        tickets = {
            e.trainee.full_name: e.ticket for e in Enrolment.objects.select_related("trainee")
        }
        day1, day2 = course.sessions.order_by("day")
        checkin = f"{base}/admin/tap-huan/buoi/{{}}/diem-danh/"

        # Day 1: two are checked in by QR code on the organiser's phone.
        for index, name in enumerate(NAMES[:2]):
            _scan(
                playwright,
                base,
                session_url=checkin.format(day1.pk),
                ticket=tickets[name],
                tmp_path=tmp_path,
                name=name,
                screenshot="training-checkin-375" if index == 0 else None,
            )
        assert sorted(
            a.enrolment.trainee.full_name
            for a in day1.attendances.select_related("enrolment__trainee")
        ) == sorted(NAMES[:2])
        assert set(day1.attendances.values_list("source", flat=True)) == {"qr"}

        # Day 2 (the server's clock a day on): all three.
        clock["offset"] += timedelta(days=1)
        for name in NAMES:
            _scan(
                playwright,
                base,
                session_url=checkin.format(day2.pk),
                ticket=tickets[name],
                tmp_path=tmp_path,
                name=name,
            )
        assert day2.attendances.count() == 3

        # The organiser closes attendance and issues certificates: every session is the rule.
        _sign_in(page, base, "organiser")
        page.goto(course_url)
        page.click("#btn-close")
        expect(page.locator(".messages")).to_contain_text(
            "Đã chốt điểm danh: 3 tham dự, 0 vắng, 0 vắng có lý do."
        )
        page.click("#btn-issue")
        expect(page.locator(".messages")).to_contain_text("Đã cấp 2 giấy chứng nhận.")
        shot(page, "training-course-organiser-1366")

        # The attendance list, DOCX / PDF / XLSX, lists them with sign columns.
        files = {}
        for fmt in ("docx", "pdf", "xlsx"):
            with page.expect_download() as info:
                page.click(f"#list-{fmt}")
            target = tmp_path / f"list.{fmt}"
            info.value.save_as(target)
            files[fmt] = target.read_bytes()
        table = Document(io.BytesIO(files["docx"])).tables[1]
        header = [c.text for c in table.rows[0].cells]
        assert header[-2:] == [f"Ký ngày {today:%d/%m}", f"Ký ngày {tomorrow:%d/%m}"]
        assert sorted(row.cells[1].text for row in table.rows[1:]) == sorted(NAMES)
        assert files["pdf"].startswith(b"%PDF-")
        sheet = load_workbook(io.BytesIO(files["xlsx"])).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][-4:] == (
            f"Điểm danh {today:%d/%m/%Y}",
            f"Ký nhận {today:%d/%m/%Y}",
            f"Điểm danh {tomorrow:%d/%m/%Y}",
            f"Ký nhận {tomorrow:%d/%m/%Y}",
        )
        assert sorted((r[1], r[7], r[9]) for r in rows[1:]) == sorted(
            [
                (NAMES[0], "Có mặt", "Có mặt"),
                (NAMES[1], "Có mặt", "Có mặt"),
                (NAMES[2], None, "Có mặt"),
            ]
        )

        # Certificates went to the two present both days.
        from giamngheo.training.models import Certificate

        holders = {c.holder_name: c.code for c in Certificate.objects.all()}
        assert sorted(holders) == sorted(NAMES[:2])

        # The public verification page confirms a code and refuses a forged one.
        for viewport, suffix in ((PHONE, "375"), (DESKTOP, "1366")):
            public = _new_page(desktop, viewport)
            public.goto(f"{base}/tap-huan/xac-minh/{holders[NAMES[0]]}/")
            expect(public.locator("#verify-result")).to_contain_text("Giấy chứng nhận hợp lệ.")
            expect(public.locator("#verify-name")).to_have_text(NAMES[0])
            shot(public, f"training-verify-{suffix}")
            public.goto(f"{base}/tap-huan/")
            expect(public.locator("#past, #upcoming")).to_have_count(2)
            shot(public, f"training-courses-{suffix}")
            public.goto(f"{base}/tap-huan/ve/{tickets[NAMES[0]]}/")
            expect(public.locator("#ticket-name")).to_have_text(NAMES[0])
            shot(public, f"training-ticket-{suffix}")
            public.context.close()
        forged = _new_page(desktop, PHONE)
        response = forged.goto(f"{base}/tap-huan/xac-minh/ABCD2345EFGH/")
        assert response.status == 404
        expect(forged.locator("#verify-result")).to_contain_text(
            "Không tìm thấy giấy chứng nhận nào có mã ABCD2345EFGH."
        )
        shot(forged, "training-verify-forged-375")
        desktop.close()
    assert os.path.exists(os.path.join(ARTIFACTS, "training-checkin-375.png"))
