"""The training screens over HTTP: the public verification page, the calendar feed, the ticket
and the evaluation; the officers' forms with bad input (Vietnamese errors, nothing written);
constant queries on the course page and the lists."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.training import services
from giamngheo.training.models import Attendance, Enrolment, Response

from .conftest import DAY1, DAY2, local


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def held(tworld):
    """A course of 15–16/05/2023: three named, two present both days, one the second only;
    attendance closed; certificates for the two."""
    course = tworld.course(title="Lớp tập huấn kỹ năng truyền thông giảm nghèo")
    allotment = tworld.allot(course, places=4)
    people = [tworld.name(allotment, n=i, full_name=f"Học viên Số {i}") for i in (1, 2, 3)]
    organiser = tworld.users["organiser"]
    day1, day2 = course.sessions.all()
    for person in people[:2]:
        services.check_in(actor=organiser, session=day1, code=person.ticket, at=local(DAY1, 7, 40))
    for person in people:
        services.check_in(actor=organiser, session=day2, code=person.ticket, at=local(DAY2, 7, 40))
    services.close_attendance(actor=organiser, course=course, today=DAY2)
    course.refresh_from_db()
    certificates = services.issue_certificates(actor=organiser, course=course)
    return course, people, certificates, allotment


def test_verification_page_confirms_a_code_and_shows_nothing_else(held):
    _course, people, certificates, _allotment = held
    certificate = next(c for c in certificates if c.enrolment_id == people[0].pk)
    response = _client().get(reverse("training:verify", args=[certificate.code]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Giấy chứng nhận hợp lệ." in text
    shown = dict(re.findall(r'<dd id="verify-(\w+)">\s*(.*?)\s*</dd>', text, re.S))
    assert shown == {
        "name": "Học viên Số 1",
        "course": "Lớp tập huấn kỹ năng truyền thông giảm nghèo",
        "dates": "15/05/2023 – 16/05/2023",
        "issuer": "Sở Lao động - Thương binh và Xã hội",
    }
    for private in (
        "0912000001",
        "hocvien1@example.vn",
        "Ủy ban nhân dân xã C1a",
        people[0].ticket,
    ):
        assert private not in text
    lower = _client().get(reverse("training:verify", args=[certificate.code.lower()]))
    assert lower.status_code == 200


def test_forged_and_revoked_codes_are_refused(held, tworld):
    _course, _people, certificates, _allotment = held
    forged = _client().get(reverse("training:verify", args=["ABCD2345EFGH"]))
    assert forged.status_code == 404
    assert (
        "Không tìm thấy giấy chứng nhận nào có mã ABCD2345EFGH. Giấy chứng nhận có thể bị làm "
        "giả: vui lòng liên hệ đơn vị tổ chức lớp."
    ) in forged.content.decode()
    assert "Học viên" not in forged.content.decode()
    services.revoke_certificate(
        actor=tworld.users["organiser"], certificate=certificates[0], reason="Cấp nhầm"
    )
    revoked = _client().get(reverse("training:verify", args=[certificates[0].code]))
    assert revoked.status_code == 404
    text = revoked.content.decode()
    assert f"Giấy chứng nhận mã {certificates[0].code} đã bị thu hồi và không còn giá trị." in text
    assert certificates[0].holder_name not in text
    assert _client().get(reverse("training:verify", args=["x" * 300])).status_code == 404
    by_query = _client().get(reverse("training:verify_form") + "?ma=%00%EF%BF%BF")
    assert by_query.status_code in (400, 404)


def test_calendar_feed_lists_public_sessions(held):
    course, _people, _certificates, _allotment = held
    response = _client().get(reverse("training:calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20230515T003000Z" in body  # 07:30 in Hà Nội
    assert "DTEND:20230516T093000Z" in body
    assert f"UID:training-session-{course.sessions.first().pk}@testserver" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_public_pages_list_the_course_and_tickets_are_private(held):
    course, people, _certificates, _allotment = held
    listing = _client().get(reverse("training:courses"))
    assert course.title in listing.content.decode()
    ticket = _client().get(reverse("training:ticket", args=[people[0].ticket]))
    assert ticket.status_code == 200
    assert ticket["Cache-Control"] == "private, no-store"
    assert re.search(rf'id="ticket-code">\s*{people[0].ticket}\s*<', ticket.content.decode())
    assert _client().get(reverse("training:ticket", args=["ZZZZZZZZZZ"])).status_code == 404


def test_portal_menu_and_footer_link_the_public_training_pages(portal):
    """Every portal page leads to the public courses (main menu) and to the certificate
    verification (footer); the courses page marks its own menu entry as current."""
    home = " ".join(_client().get("/").content.decode().split())
    courses, verify = reverse("training:courses"), reverse("training:verify_form")
    assert (courses, verify) == ("/tap-huan/", "/tap-huan/xac-minh/")
    menu = home[home.index('id="main-menu"') : home.index("</nav>", home.index('id="main-menu"'))]
    assert f'<a href="{courses}" >Tập huấn, bồi dưỡng</a>' in menu
    footer = home[home.index('class="site-footer"') :]
    assert f'<a href="{verify}">Xác minh giấy chứng nhận tập huấn</a>' in footer
    listing = " ".join(_client().get(courses).content.decode().split())
    assert f'<a href="{courses}" aria-current="page">Tập huấn, bồi dưỡng</a>' in listing
    assert _client().get(verify).status_code == 200


def test_evaluation_over_http_once(held):
    course, people, _certificates, _allotment = held
    url = reverse("training:evaluate", args=[people[0].ticket])
    data = {f"q{q.pk}": "4" if q.kind == "scale" else "Tốt" for q in course.questions.all()}
    assert _client().post(url, data).status_code == 302
    again = _client().post(url, data)
    assert again.status_code == 400
    assert (
        "Anh/chị đã gửi phiếu đánh giá lớp này; mỗi học viên chỉ đánh giá một lần."
        in again.content.decode()
    )
    missing = _client().post(reverse("training:evaluate", args=[people[1].ticket]), {})
    assert missing.status_code == 400
    assert "Vui lòng chọn một mức từ 1 đến 5." in missing.content.decode()
    assert Response.objects.count() == 1


def test_naming_form_refuses_outside_scope_and_over_allotment(held, tworld):
    _course, _people, _certificates, allotment = held
    client = _client(tworld.users["district_officer"])
    url = reverse("training_name", args=[allotment.pk])
    form = {
        "full_name": "Người Ngoài Phạm Vi",
        "organisation": tworld.orgs["C2a"].pk,
        "phone": "0912999999",
        "sex": "male",
        "ethnicity": "kinh",
    }
    outside = client.post(url, form)
    assert outside.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ." in outside.content.decode()  # C2a is not offered
    ok = client.post(url, {**form, "organisation": tworld.orgs["C1b"].pk})
    assert ok.status_code == 302
    full = client.post(url, {**form, "organisation": tworld.orgs["C1b"].pk, "phone": "0912888888"})
    assert full.status_code == 400
    assert (
        "Ủy ban nhân dân huyện T1 đã cử đủ 4 học viên theo chỉ tiêu được phân bổ."
        in full.content.decode()
    )
    assert Enrolment.objects.count() == 4


def test_allot_form_refuses_over_capacity(held, tworld):
    course, *_rest = held
    client = _client(tworld.users["organiser"])
    response = client.post(
        reverse("training_allot", args=[course.pk]),
        {"organisation": tworld.orgs["D2"].pk, "places": "27"},
    )
    assert response.status_code == 400
    assert (
        "Vượt số học viên tối đa của lớp: đã phân bổ 4, còn lại 26 chỉ tiêu."
        in response.content.decode()
    )
    absurd = client.post(
        reverse("training_allot", args=[course.pk]),
        {"organisation": tworld.orgs["D2"].pk, "places": "9" * 300},
    )
    assert absurd.status_code == 400
    assert course.allotments.count() == 1


def test_checkin_form_refuses_wrong_day_and_bad_code(held, tworld):
    course, people, _certificates, _allotment = held
    client = _client(tworld.users["organiser"])
    day2 = course.sessions.get(day=DAY2)
    url = reverse("training_checkin", args=[day2.pk])
    response = client.post(url, {"code": people[0].ticket})
    assert response.status_code == 400
    assert "Chỉ điểm danh buổi học ngày 16/05/2023 trong chính ngày đó" in response.content.decode()
    assert Attendance.objects.count() == 5


def test_checkin_by_script_answers_json_without_a_page(held, tworld):
    """The phone's script sends a scan with ``Accept: application/json``: one small answer
    (the message, the new count), no redirect to the admin page; refusals the same way (400),
    nothing written."""
    from unittest import mock

    from django.utils import timezone

    course, people, _certificates, _allotment = held
    client = _client(tworld.users["organiser"])
    day1 = course.sessions.get(day=DAY1)
    url = reverse("training_checkin", args=[day1.pk])
    json = {"HTTP_ACCEPT": "application/json"}
    with mock.patch("django.utils.timezone.now", lambda: local(DAY1, 7, 40)):
        response = client.post(url, {"code": people[2].ticket, "scanned": "True"}, **json)
        again = client.post(url, {"code": people[2].ticket.lower()}, **json)
        forged = client.post(url, {"code": "ZZZZZZZZZZ"}, **json)
        empty = client.post(url, {"code": ""}, **json)
    assert (response.status_code, response["Content-Type"]) == (200, "application/json")
    assert "no-store" in response["Cache-Control"]
    name = people[2].trainee.full_name
    assert response.json() == {
        "ok": True,
        "message": f"{name}: Có mặt lúc 07:40.",
        "count": "Đã điểm danh 3/3 học viên.",
    }
    mark = Attendance.objects.get(session=day1, enrolment=people[2])
    assert (mark.source, timezone.localtime(mark.checked_in_at).time()) == (
        "qr",
        local(DAY1, 7, 40).time(),
    )
    assert again.status_code == forged.status_code == empty.status_code == 400
    assert again.json() == {
        "ok": False,
        "message": f"{name} đã được điểm danh buổi này lúc 07:40.",
        "count": "",
    }
    assert forged.json()["message"] == "Mã vé “ZZZZZZZZZZ” không đúng hoặc không thuộc lớp này."
    assert empty.json()["ok"] is False and empty.json()["message"]
    assert Attendance.objects.count() == 6
    # Another unit's officer reaches no session of the course: refused as for the page.
    other = _client(tworld.users["other_district_officer"])
    assert other.post(url, {"code": people[0].ticket}, **json).status_code in (403, 404)


def test_create_course_form_parses_sessions(tworld):
    client = _client(tworld.users["organiser"])
    url = reverse("training_course_add")
    form = {
        "activity": tworld.activity.pk,
        "title": "Lớp tập huấn thử qua biểu mẫu",
        "organiser": tworld.orgs["so"].pk,
        "venue_unit": tworld.units["P"].pk,
        "venue_address": "Hội trường",
        "capacity": "1.000",
        "sessions": "15/05/2023 07:30-11:30\n16/05/2023 13h30–17h00",
        "min_sessions": "0",
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn Ký",
    }
    bad = client.post(url, {**form, "sessions": "ngày mai buổi sáng"})
    assert bad.status_code == 400
    assert (
        "Dòng 1 “ngày mai buổi sáng” không đúng mẫu ngày và giờ, ví dụ 06/02/2023 07:30-11:30."
        in bad.content.decode()
    )
    ok = client.post(url, form)
    assert ok.status_code == 302
    from giamngheo.training.models import Course

    course = Course.objects.get(title="Lớp tập huấn thử qua biểu mẫu")
    assert course.capacity == 1000
    assert [str(s) for s in course.sessions.all()] == [
        "15/05/2023 (07:30–11:30)",
        "16/05/2023 (13:30–17:00)",
    ]


def _count(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _three_day_course(tworld, *, size: int, n0: int, issue: bool = True):
    """A course of ``size`` participants × 3 sessions: everyone in on days 1 and 3, one in two
    on day 2; attendance closed; certificates (unless ``issue`` is false) for those present
    every day."""
    organiser = tworld.users["organiser"]
    days = (date(2023, 5, 22), date(2023, 5, 23), date(2023, 5, 24))
    course = tworld.course(days=days, capacity=size)
    allotment = tworld.allot(course, places=size)
    people = [tworld.name(allotment, n=n0 + i) for i in range(size)]
    for index, session in enumerate(course.sessions.all()):
        for i, person in enumerate(people):
            if index != 1 or i % 2 == 0:
                services.check_in(
                    actor=organiser,
                    session=session,
                    code=person.ticket,
                    at=local(session.day, 7, 40),
                )
    services.close_attendance(actor=organiser, course=course, today=days[-1])
    course.refresh_from_db()
    if issue:
        services.issue_certificates(actor=organiser, course=course)
    return course


def test_course_page_queries_do_not_grow(tworld):
    """The attendance screen at 3 and at 30 participants × 3 sessions: the same queries, every
    participant shown with their three marks and certificate."""
    organiser = tworld.users["organiser"]
    counts, pages = [], []
    for size, n0 in ((3, 300), (30, 400)):
        course = _three_day_course(tworld, size=size, n0=n0)
        client = _client(organiser)
        url = reverse("training_course", args=[course.pk])
        client.get(url)  # warm the per-user caches
        counts.append(_count(client, url, None))
        pages.append(client.get(url).content.decode())
    assert counts[0] == counts[1]
    for size, text in zip((3, 30), pages, strict=True):
        grid = text[
            text.index('id="attendance"') : text.index("</table>", text.index('id="attendance"'))
        ]
        assert grid.count("<tr>") == 1 + size  # the head and one row each
        assert grid.count(">Có mặt</span>") == 2 * size + (size + 1) // 2
        assert grid.count('">PDF</a>') == (size + 1) // 2  # present all three days
        assert "attendance-pages" not in text


def test_course_page_pages_the_participants(tworld, monkeypatch):
    """Past ``ATTENDANCE_PAGE`` participants the grid is paged: each page its own rows,
    numbered on from the previous page, and the same queries on every page."""
    from giamngheo.training import selectors

    monkeypatch.setattr(selectors, "ATTENDANCE_PAGE", 2)
    course = tworld.course()
    allotment = tworld.allot(course, places=5)
    for i, name in enumerate(["An", "Bình", "Cường", "Dung", "Em"]):
        tworld.name(allotment, n=500 + i, full_name=f"Học viên {name}")
    client = _client(tworld.users["organiser"])
    url = reverse("training_course", args=[course.pk])
    client.get(url)
    seen, counts = [], []
    for page in (1, 2, 3):
        counts.append(_count(client, f"{url}?trang={page}", None))
        text = client.get(f"{url}?trang={page}").content.decode()
        seen.append(re.findall(r"<td>(\d+)</td>\s*<td>Học viên (\w+)</td>", text))
        assert f"Trang {page}/3 (5 học viên)" in " ".join(text.split())
        # Every page counts the unit's named participants, not the page's rows.
        assert re.search(r"<td>5</td>\s*<td>5</td>", text)
    assert seen == [
        [("1", "An"), ("2", "Bình")],
        [("3", "Cường"), ("4", "Dung")],
        [("5", "Em")],
    ]
    assert counts[0] == counts[1] == counts[2]


def test_issuing_certificates_runs_the_task_and_shows_its_progress(tworld):
    from giamngheo.training.models import Certificate

    organiser = tworld.users["organiser"]
    course = _three_day_course(tworld, size=3, n0=600, issue=False)
    client = _client(organiser)
    url = reverse("training_course", args=[course.pk])
    response = client.post(reverse("training_issue", args=[course.pk]), follow=True)
    assert "Đã cấp 2 giấy chứng nhận." in response.content.decode()
    assert Certificate.objects.filter(enrolment__course=course).count() == 2
    page = " ".join(client.get(url).content.decode().split())
    assert '<p id="certificate-progress"> Lần cấp gần nhất: đã cấp 2 giấy chứng nhận. </p>' in page
    # Again: none twice.
    response = client.post(reverse("training_issue", args=[course.pk]), follow=True)
    assert "Đã cấp 0 giấy chứng nhận." in response.content.decode()
    assert Certificate.objects.filter(enrolment__course=course).count() == 2


def test_issuing_certificates_before_closing_is_refused_before_any_task(tworld):
    from giamngheo.training import tasks

    course = tworld.course()
    client = _client(tworld.users["organiser"])
    response = client.post(reverse("training_issue", args=[course.pk]), follow=True)
    assert "Vui lòng chốt điểm danh trước khi cấp giấy chứng nhận." in response.content.decode()
    assert tasks.certificate_progress(course.pk) is None


def test_issue_progress_reaches_the_page_through_the_database_queue(tworld, settings):
    """As ``make run`` runs it: the database task queue, the worker apart, and a cache each
    process has its own of (cleared here between the worker and the page): the page says the
    request waits, then the batch the worker issued."""
    from django.core.cache import cache
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from giamngheo.training import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    organiser = tworld.users["organiser"]
    course = _three_day_course(tworld, size=3, n0=700, issue=False)
    client = _client(organiser)
    response = client.post(reverse("training_issue", args=[course.pk]), follow=True)
    assert "Đang cấp giấy chứng nhận; tiến độ hiện trên trang lớp tập huấn." in (
        response.content.decode()
    )
    url = reverse("training_course", args=[course.pk])
    page = " ".join(client.get(url).content.decode().split())
    assert (
        '<p id="certificate-progress"> Đang cấp giấy chứng nhận; tải lại trang sau ít giây để xem'
        " kết quả. </p>" in page
    )
    # What db_worker does with the queued row (the command itself closes the test's
    # connection): run the task with its stored arguments, mark the row done.
    queued = DBTaskResult.objects.get(task_path=tasks.issue_certificates.module_path)
    assert queued.status == TaskResultStatus.READY
    assert tasks.issue_certificates.call(*queued.args_kwargs["args"]) == 2
    DBTaskResult.objects.filter(pk=queued.pk).update(status=TaskResultStatus.SUCCESSFUL)
    cache.clear()  # the worker's count stays in its own process
    page = " ".join(client.get(url).content.decode().split())
    assert '<p id="certificate-progress"> Lần cấp gần nhất: đã cấp 2 giấy chứng nhận. </p>' in page
