"""Optional open registration with approval (issue #16): the organiser opens a course to
self-registration; an officer registers on the portal (honeypot and signed start time of
core.antiabuse); the organiser approves (summoned, the invitation with the ticket sent to the
contacts typed) or declines; a declined registration gives no one a place. The portal's clock
is set to 01/05/2023, before the course of 15–16/05/2023 (the clock is outside our code)."""

from __future__ import annotations

import time
from datetime import date, datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from giamngheo.core.antiabuse import sign_started
from giamngheo.training import services
from giamngheo.training.enums import EnrolmentStatus
from giamngheo.training.models import Course, Enrolment, Trainee
from tests.factories import HCM

BEFORE = datetime(2023, 5, 1, 9, 0, tzinfo=HCM)


@pytest.fixture
def clock():
    with mock.patch("django.utils.timezone.now", lambda: BEFORE):
        yield BEFORE


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _form(tworld, **overrides):
    return {
        "full_name": "Lò Văn Tự Đăng Ký",
        "position": "Trưởng thôn",
        "organisation": tworld.orgs["C2a"].pk,
        "sex": "male",
        "ethnicity": "tay",
        "phone": "0987 654 321",
        "email": "lovantu@example.vn",
        "website": "",
        "started": sign_started(time.time() - 60),
        **overrides,
    }


def test_course_form_opens_registration_and_states_the_retention(tworld):
    client = _client(tworld.users["organiser"])
    response = client.post(
        reverse("training_course_add"),
        {
            "activity": tworld.activity.pk,
            "title": "Lớp mở đăng ký",
            "organiser": tworld.orgs["so"].pk,
            "venue_unit": tworld.units["P"].pk,
            "venue_address": "Hội trường",
            "capacity": "30",
            "sessions": "15/05/2023 07:30-11:30",
            "min_sessions": "0",
            "is_public": "on",
            "open_registration": "on",
            "retention_years": "3",
            "signer_title": "Giám đốc",
            "signer_name": "Nguyễn Văn Ký",
        },
    )
    assert response.status_code == 302
    course = Course.objects.get(title="Lớp mở đăng ký")
    assert (course.open_registration, course.retention_years) == (True, 3)


def test_registration_waits_for_approval_then_the_invitation_is_sent(
    tworld, clock, django_capture_on_commit_callbacks
):
    course = tworld.course(open_registration=True)
    page = _client().get(reverse("training:course", args=[course.pk])).content.decode()
    register_url = reverse("training:register", args=[course.pk])
    assert f'href="{register_url}"' in page
    assert _client().get(register_url).status_code == 200

    response = _client().post(register_url, _form(tworld))
    assert response.status_code == 302
    assert response["Location"] == reverse("training:registered", args=[course.pk])
    enrolment = Enrolment.objects.select_related("trainee").get(course=course)
    assert (enrolment.status, enrolment.allotment_id, enrolment.position) == (
        EnrolmentStatus.APPLIED,
        None,
        "Trưởng thôn",
    )
    assert (enrolment.trainee.full_name, enrolment.trainee.phone) == (
        "Lò Văn Tự Đăng Ký",
        "0987654321",
    )
    assert mail.outbox == []
    thanks = _client().get(response["Location"]).content.decode()
    assert enrolment.ticket not in thanks
    assert "Đăng ký đang chờ đơn vị tổ chức duyệt" in thanks

    organiser = _client(tworld.users["organiser"])
    course_page = organiser.get(reverse("training_course", args=[course.pk])).content.decode()
    assert 'id="pending"' in course_page
    assert "Lò Văn Tự Đăng Ký, Trưởng thôn — Ủy ban nhân dân xã C2a — 0987654321" in course_page
    assert f'id="decline-{enrolment.pk}"' in course_page
    with django_capture_on_commit_callbacks(execute=True):
        approved = organiser.post(reverse("training_approve", args=[enrolment.pk]))
    assert approved.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.INVITED
    [invitation] = mail.outbox
    assert invitation.to == ["lovantu@example.vn"]
    assert invitation.subject == f"Giấy triệu tập lớp tập huấn: {course.title}"
    assert reverse("training:ticket", args=[enrolment.ticket]) in invitation.body


def test_registration_bad_input_is_refused_in_vietnamese_and_writes_nothing(tworld, clock):
    course = tworld.course(open_registration=True)
    url = reverse("training:register", args=[course.pk])
    no_contact = _client().post(url, _form(tworld, phone="", email=""))
    assert no_contact.status_code == 400
    assert (
        "Vui lòng nhập số điện thoại hoặc thư điện tử của học viên." in no_contact.content.decode()
    )
    no_sex = _client().post(url, _form(tworld, sex=""))
    assert no_sex.status_code == 400
    assert "Lớp này thống kê giới tính: vui lòng chọn giới tính." in no_sex.content.decode()
    robot = _client().post(url, _form(tworld, website="http://spam.example"))
    assert robot.status_code == 400
    assert "Không thể gửi biểu mẫu. Vui lòng tải lại trang và gửi lại." in robot.content.decode()
    forged = _client().post(url, _form(tworld, started="gia-mao"))
    assert forged.status_code == 400
    assert "Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại." in forged.content.decode()
    assert Enrolment.objects.count() == 0
    assert Trainee.objects.count() == 0
    # The same form posted twice (a double click) registers once.
    started = sign_started(time.time() - 60)
    assert _client().post(url, _form(tworld, started=started)).status_code == 302
    assert _client().post(url, _form(tworld, started=started)).status_code == 302
    assert Enrolment.objects.count() == 1
    # The same person again with a new form: told so, nothing written.
    again = _client().post(url, _form(tworld))
    assert again.status_code == 400
    assert "Anh/chị đã đăng ký lớp này." in again.content.decode()
    assert Enrolment.objects.count() == 1


def test_a_course_closed_to_registration_or_already_started_takes_none(tworld, clock):
    closed = tworld.course()
    assert _client().get(reverse("training:register", args=[closed.pk])).status_code == 404
    page = _client().get(reverse("training:course", args=[closed.pk])).content.decode()
    assert reverse("training:register", args=[closed.pk]) not in page
    hidden = tworld.course(open_registration=True, is_public=False)
    assert _client().get(reverse("training:register", args=[hidden.pk])).status_code == 404
    course = tworld.course(open_registration=True)
    with pytest.raises(ValidationError) as exc:
        services.register_openly(
            course=course,
            full_name="Đăng Ký Muộn",
            organisation=tworld.orgs["C2a"],
            phone="0987000111",
            sex="female",
            ethnicity="kinh",
            today=date(2023, 5, 16),
        )
    assert exc.value.messages == ["Lớp đã khai giảng (ngày 15/05/2023): không nhận đăng ký thêm."]
    with pytest.raises(ValidationError) as exc:
        services.register_openly(
            course=closed,
            full_name="Đăng Ký Lớp Đóng",
            organisation=tworld.orgs["C2a"],
            phone="0987000112",
            sex="female",
            ethnicity="kinh",
            today=date(2023, 5, 1),
        )
    assert exc.value.messages == ["Lớp này không nhận đăng ký trực tuyến."]
    assert Enrolment.objects.count() == 0


def _register(tworld, course, n):
    return services.register_openly(
        course=course,
        full_name=f"Người Tự Đăng Ký {n}",
        organisation=tworld.orgs["C2a"],
        phone=f"098700{n:04d}",
        sex="female",
        ethnicity="kinh",
        today=date(2023, 5, 1),
    )


def test_declining_a_registration_gives_no_one_a_place(tworld):
    organiser = tworld.users["organiser"]
    course = tworld.course(capacity=1, open_registration=True)
    first = services.approve_registration(actor=organiser, enrolment=_register(tworld, course, 1))
    second = services.approve_registration(actor=organiser, enrolment=_register(tworld, course, 2))
    third = _register(tworld, course, 3)
    assert (first.status, second.status, third.status) == ("invited", "waitlisted", "applied")
    response = _client(organiser).post(
        reverse("training_withdraw", args=[third.pk]), {"reason": "Không thuộc đối tượng"}
    )
    assert response.status_code == 302
    statuses = dict(Enrolment.objects.filter(course=course).values_list("pk", "status"))
    assert statuses == {first.pk: "invited", second.pk: "waitlisted", third.pk: "withdrawn"}
    # Striking someone off the waiting list frees no place either.
    services.withdraw(actor=organiser, enrolment=second, reason="Xin thôi")
    first.refresh_from_db()
    assert first.status == "invited"


def test_registrations_are_approved_only_by_the_organiser(tworld):
    course = tworld.course(open_registration=True)
    tworld.allot(course, "D1")
    applied = _register(tworld, course, 1)
    for role in ("district_officer", "other_district_officer"):
        response = _client(tworld.users[role]).post(reverse("training_approve", args=[applied.pk]))
        assert response.status_code == 404, role
    # Neither the outsider nor the public enters the admin.
    for client in (_client(tworld.users["outsider"]), _client()):
        response = client.post(reverse("training_approve", args=[applied.pk]))
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    applied.refresh_from_db()
    assert applied.status == EnrolmentStatus.APPLIED
