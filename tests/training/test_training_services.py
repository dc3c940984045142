"""Services of the training app: courses, places, naming, check-in, outcome, certificates,
evaluation; refused inputs write nothing and say why in Vietnamese."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from giamngheo.core.models import StatusEvent
from giamngheo.training import services
from giamngheo.training.enums import (
    ENROLMENT_WORKFLOW,
    AttendanceSource,
    AttendanceStatus,
    CertificateStatus,
    EnrolmentStatus,
)
from giamngheo.training.models import Attendance, Certificate, Course, Enrolment, Response, Trainee

from .conftest import DAY1, DAY2, local


def _messages(exc) -> list[str]:
    return exc.value.messages


def test_create_course_keeps_sessions_and_dates(tworld):
    course = tworld.course()
    assert [str(s) for s in course.sessions.all()] == [
        "15/05/2023 (07:30–16:30)",
        "16/05/2023 (07:30–16:30)",
    ]
    assert (course.starts_on, course.ends_on, course.dates_text) == (
        DAY1,
        DAY2,
        "15/05/2023 – 16/05/2023",
    )
    assert course.questions.count() == 6


def test_create_course_refuses_session_outside_activity(tworld):
    with pytest.raises(ValidationError) as exc:
        tworld.course(days=(date(2023, 7, 1),))
    assert _messages(exc) == [
        "Buổi học ngày 01/07/2023 nằm ngoài thời gian của hoạt động (từ 01/05/2023 đến 30/06/2023)."
    ]
    assert Course.objects.count() == 0


def test_create_course_refused_to_another_unit(tworld):
    with pytest.raises(PermissionDenied):
        tworld.course(actor=tworld.users["district_officer"])
    assert Course.objects.count() == 0


def test_allotments_never_exceed_capacity(tworld):
    course = tworld.course(capacity=10)
    tworld.allot(course, "D1", 6)
    with pytest.raises(ValidationError) as exc:
        tworld.allot(course, "D2", 5)
    assert _messages(exc) == ["Vượt số học viên tối đa của lớp: đã phân bổ 6, còn lại 4 chỉ tiêu."]
    assert course.allotments.count() == 1
    assert tworld.allot(course, "D2", 4).places == 4


def test_naming_summons_and_mails_the_invitation(
    tworld, mailoutbox, django_capture_on_commit_callbacks
):
    course = tworld.course()
    allotment = tworld.allot(course)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = tworld.name(allotment, n=1)
    assert enrolment.status == EnrolmentStatus.INVITED
    assert enrolment.trainee.phone == "0912000001"
    assert len(enrolment.ticket) == 10
    assert [m.subject for m in mailoutbox] == [f"Giấy triệu tập lớp tập huấn: {course.title}"]
    assert f"/tap-huan/ve/{enrolment.ticket}/" in mailoutbox[0].body
    assert StatusEvent.objects.filter(object_id=enrolment.pk, from_status="").count() == 1


def test_naming_over_the_allotment_is_refused(tworld):
    course = tworld.course()
    allotment = tworld.allot(course, places=2)
    tworld.name(allotment, n=1)
    tworld.name(allotment, n=2)
    with pytest.raises(ValidationError) as exc:
        tworld.name(allotment, n=3)
    assert _messages(exc) == [
        "Ủy ban nhân dân huyện T1 đã cử đủ 2 học viên theo chỉ tiêu được phân bổ."
    ]
    assert Enrolment.objects.count() == 2
    assert Trainee.objects.count() == 2


def test_participant_outside_the_units_scope_is_refused(tworld):
    course = tworld.course()
    allotment = tworld.allot(course)
    with pytest.raises(ValidationError) as exc:
        tworld.name(allotment, org="C2a", n=1)
    assert exc.value.message_dict == {
        "organisation": [
            "Học viên phải công tác tại Ủy ban nhân dân huyện T1 hoặc đơn vị trực thuộc trong "
            "phạm vi của bạn."
        ]
    }
    assert Enrolment.objects.count() == 0
    assert Trainee.objects.count() == 0


def test_another_unit_may_not_name_on_these_places(tworld):
    course = tworld.course()
    allotment = tworld.allot(course)
    with pytest.raises(PermissionDenied):
        tworld.name(allotment, who="other_district_officer", org="D2", n=1)
    assert Enrolment.objects.count() == 0


def test_sex_and_ethnicity_required_when_reported(tworld):
    course = tworld.course()
    allotment = tworld.allot(course)
    with pytest.raises(ValidationError) as exc:
        tworld.name(allotment, n=1, sex="", ethnicity="", phone="12", email="")
    assert exc.value.message_dict == {
        "phone": ["Số điện thoại không đúng (ví dụ 0912 345 678)."],
        "sex": ["Lớp này thống kê giới tính: vui lòng chọn giới tính."],
        "ethnicity": ["Lớp này thống kê dân tộc: vui lòng chọn dân tộc."],
    }
    assert Enrolment.objects.count() == 0


def test_check_in_once_a_day_present_or_late(tworld):
    course = tworld.course()
    allotment = tworld.allot(course)
    first, second = tworld.name(allotment, n=1), tworld.name(allotment, n=2)
    day1 = course.sessions.get(day=DAY1)
    organiser = tworld.users["organiser"]
    on_time = services.check_in(
        actor=organiser, session=day1, code=first.ticket, at=local(DAY1, 7, 40)
    )
    late = services.check_in(
        actor=organiser,
        session=day1,
        code=f"  {second.ticket.lower()[:5]}-{second.ticket[5:]} ",
        source=AttendanceSource.TYPED,
        at=local(DAY1, 7, 46),
    )
    assert (on_time.status, late.status, late.source) == ("present", "late", "typed")
    with pytest.raises(ValidationError) as exc:
        services.check_in(actor=organiser, session=day1, code=first.ticket, at=local(DAY1, 9))
    assert _messages(exc) == ["Nguyễn Thị Học Viên 1 đã được điểm danh buổi này lúc 07:40."]
    assert Attendance.objects.count() == 2


def test_check_in_outside_the_sessions_day_is_refused(tworld):
    course = tworld.course()
    enrolment = tworld.name(tworld.allot(course), n=1)
    day2 = course.sessions.get(day=DAY2)
    with pytest.raises(ValidationError) as exc:
        services.check_in(
            actor=tworld.users["organiser"], session=day2, code=enrolment.ticket, at=local(DAY1, 8)
        )
    assert _messages(exc) == [
        "Chỉ điểm danh buổi học ngày 16/05/2023 trong chính ngày đó (hôm nay là 15/05/2023)."
    ]
    assert Attendance.objects.count() == 0


def test_check_in_refuses_unknown_ticket_and_foreign_staff(tworld):
    course = tworld.course()
    enrolment = tworld.name(tworld.allot(course), n=1)
    day1 = course.sessions.get(day=DAY1)
    with pytest.raises(ValidationError) as exc:
        services.check_in(
            actor=tworld.users["organiser"], session=day1, code="ABCDEFGHJK", at=local(DAY1)
        )
    assert _messages(exc) == ["Mã vé “ABCDEFGHJK” không đúng hoặc không thuộc lớp này."]
    with pytest.raises(PermissionDenied):
        services.check_in(
            actor=tworld.users["district_officer"],
            session=day1,
            code=enrolment.ticket,
            at=local(DAY1),
        )
    assert Attendance.objects.count() == 0


def _run_course(tworld, *, min_sessions=0):
    course = tworld.course(min_sessions=min_sessions)
    allotment = tworld.allot(course)
    people = [tworld.name(allotment, n=i) for i in range(1, 4)]
    organiser = tworld.users["organiser"]
    day1, day2 = course.sessions.all()
    for person in people[:2]:
        services.check_in(actor=organiser, session=day1, code=person.ticket, at=local(DAY1, 7, 35))
    for person in people:
        services.check_in(actor=organiser, session=day2, code=person.ticket, at=local(DAY2, 7, 35))
    return course, people


def test_certificates_only_for_those_meeting_the_rule(tworld):
    course, _people = _run_course(tworld)
    organiser = tworld.users["organiser"]
    with pytest.raises(ValidationError) as exc:
        services.issue_certificates(actor=organiser, course=course)
    assert _messages(exc) == ["Vui lòng chốt điểm danh trước khi cấp giấy chứng nhận."]
    counts = services.close_attendance(actor=organiser, course=course, today=DAY2)
    assert counts == {"attended": 3, "absent": 0, "excused": 0}
    course.refresh_from_db()
    progress = []
    made = services.issue_certificates(
        actor=organiser, course=course, progress=lambda d, t: progress.append((d, t))
    )
    assert sorted(c.holder_name for c in made) == ["Nguyễn Thị Học Viên 1", "Nguyễn Thị Học Viên 2"]
    assert progress == [(1, 2), (2, 2)]
    assert [c.number for c in Certificate.objects.order_by("number")] == [1, 2]
    assert services.issue_certificates(actor=organiser, course=course) == []
    assert len(made[0].code) == 12


def test_one_session_rule_certifies_all_three(tworld):
    course, _people = _run_course(tworld, min_sessions=1)
    services.close_attendance(actor=tworld.users["organiser"], course=course, today=DAY2)
    course.refresh_from_db()
    assert len(services.issue_certificates(actor=tworld.users["organiser"], course=course)) == 3


def test_correction_needs_a_reason_and_is_in_the_history(tworld):
    _course, people = _run_course(tworld)
    mark = Attendance.objects.get(enrolment=people[0], session__day=DAY1)
    with pytest.raises(ValidationError) as exc:
        services.correct_attendance(
            actor=tworld.users["organiser"], attendance=mark, status="excused", reason=" "
        )
    assert exc.value.message_dict == {"reason": ["Vui lòng ghi lý do sửa điểm danh."]}
    fixed = services.correct_attendance(
        actor=tworld.users["organiser"],
        attendance=mark,
        status=AttendanceStatus.EXCUSED,
        reason="Quét nhầm vé của người khác",
    )
    assert fixed.status == "excused"
    event = StatusEvent.objects.filter(object_id=mark.pk, to_status="excused").get()
    assert (event.from_status, event.reason) == ("present", "Quét nhầm vé của người khác")


def test_paper_sheet_marks_only_the_unmarked(tworld):
    course, people = _run_course(tworld)
    day1 = course.sessions.get(day=DAY1)
    created = services.record_paper_attendance(
        actor=tworld.users["organiser"],
        session=day1,
        marks={people[2].pk: AttendanceStatus.EXCUSED},
        today=DAY2,
    )
    assert [(m.enrolment_id, m.status, m.source) for m in created] == [
        (people[2].pk, "excused", "paper")
    ]
    with pytest.raises(ValidationError) as exc:
        services.record_paper_attendance(
            actor=tworld.users["organiser"],
            session=course.sessions.get(day=DAY2),
            marks={people[0].pk: "present"},
            today=DAY1,
        )
    assert _messages(exc) == ["Buổi học ngày 16/05/2023 chưa diễn ra: chưa nhập được điểm danh."]


def test_revoked_certificate_and_reason(tworld):
    course, _people = _run_course(tworld)
    services.close_attendance(actor=tworld.users["organiser"], course=course, today=DAY2)
    course.refresh_from_db()
    certificate = services.issue_certificates(actor=tworld.users["organiser"], course=course)[0]
    with pytest.raises(ValidationError):
        services.revoke_certificate(
            actor=tworld.users["organiser"], certificate=certificate, reason=""
        )
    revoked = services.revoke_certificate(
        actor=tworld.users["organiser"], certificate=certificate, reason="Cấp nhầm người"
    )
    assert (revoked.status, revoked.revoke_reason) == (CertificateStatus.REVOKED, "Cấp nhầm người")
    assert revoked.revoked_at is not None
    with pytest.raises(ValidationError) as exc:
        services.revoke_certificate(
            actor=tworld.users["organiser"], certificate=revoked, reason="Lần hai"
        )
    assert _messages(exc) == ["Không thể chuyển giấy chứng nhận từ “Đã thu hồi” sang “Đã thu hồi”."]


def test_evaluation_is_anonymous_and_once(tworld):
    course, people = _run_course(tworld)
    questions = list(course.questions.all())
    answers = {q.pk: (4 if q.kind == "scale" else "Rất bổ ích") for q in questions}
    response = services.submit_evaluation(enrolment=people[0], answers=answers)
    assert {f.name for f in Response._meta.get_fields()} == {"id", "course", "answers"}
    assert response.answers.count() == 6
    with pytest.raises(ValidationError) as exc:
        services.submit_evaluation(enrolment=people[0], answers=answers)
    assert _messages(exc) == [
        "Anh/chị đã gửi phiếu đánh giá lớp này; mỗi học viên chỉ đánh giá một lần."
    ]
    assert Response.objects.count() == 1
    bad = {**answers, questions[0].pk: 7}
    with pytest.raises(ValidationError) as exc:
        services.submit_evaluation(enrolment=people[1], answers=bad)
    assert exc.value.message_dict == {f"q{questions[0].pk}": ["Vui lòng chọn một mức từ 1 đến 5."]}
    assert Response.objects.count() == 1


def test_withdrawal_frees_the_place_for_the_waiting_list(tworld):
    course = tworld.course(capacity=1, open_registration=True)
    allotment = tworld.allot(course, places=1)
    first = tworld.name(allotment, n=1)
    applied = services.register_openly(
        course=course,
        full_name="Lò Văn Tự Đăng Ký",
        organisation=tworld.orgs["C2a"],
        phone="0987654321",
        sex="male",
        ethnicity="kinh",
        today=date(2023, 5, 1),
    )
    waiting = services.approve_registration(actor=tworld.users["organiser"], enrolment=applied)
    assert waiting.status == EnrolmentStatus.WAITLISTED
    services.withdraw(actor=tworld.users["district_officer"], enrolment=first, reason="Đi công tác")
    applied.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, applied.status) == ("withdrawn", "invited")


@pytest.mark.parametrize(("start", "end"), ENROLMENT_WORKFLOW.pairs_outside()[:12])
def test_refused_enrolment_transitions(tworld, start, end):
    from giamngheo.core.workflow import transition

    course = tworld.course()
    enrolment = tworld.name(tworld.allot(course), n=1)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=start)
    with pytest.raises(ValidationError):
        transition(enrolment, workflow=ENROLMENT_WORKFLOW, to=end, actor=None)
    enrolment.refresh_from_db()
    assert enrolment.status == start


def test_same_person_is_one_trainee_across_courses(tworld):
    first = tworld.course()
    second = tworld.course(days=(date(2023, 6, 1),))
    a = tworld.name(tworld.allot(first), n=5)
    b = tworld.name(tworld.allot(second), n=5, full_name="Nguyễn Thị Học Viên Năm")
    assert a.trainee_id == b.trainee_id
    assert Trainee.objects.count() == 1


def test_erasure_after_retention(tworld):
    _course, people = _run_course(tworld)
    assert services.erase_expired_trainees(today=date(2028, 5, 16)) == 0
    assert services.erase_expired_trainees(today=date(2028, 5, 17)) == 3
    trainee = Trainee.objects.get(pk=people[0].trainee_id)
    assert (trainee.full_name, trainee.phone, trainee.email) == ("(Đã xóa theo yêu cầu)", "", "")


def test_retention_erasure_is_a_daily_scheduled_job(tworld):
    """The erasure runs by itself: ``training_purge`` is in the scheduler's one list, and the
    command (through its task) erases the participants past every course's retention, once."""
    import io

    from django.core.management import CommandError, call_command

    from giamngheo.core.schedule import JOBS
    from giamngheo.training.tasks import erase_expired_trainees

    (job,) = [j for j in JOBS if j.command == "training_purge"]
    assert (job.cron, job.args) == ("15 2 * * *", ())
    _course, people = _run_course(tworld)
    assert erase_expired_trainees.call("2028-05-16") == 0
    out = io.StringIO()
    call_command("training_purge", "--today", "2028-05-17", stdout=out)
    assert out.getvalue() == "Đã xóa thông tin cá nhân của 3 học viên quá thời hạn lưu trữ.\n"
    erased = Trainee.objects.filter(pk__in=[p.trainee_id for p in people])
    assert (
        sorted(erased.values_list("full_name", "phone", "email"))
        == [("(Đã xóa theo yêu cầu)", "", "")] * 3
    )
    assert all(t.erased_at is not None for t in erased)
    out = io.StringIO()
    call_command("training_purge", stdout=out)  # today: nothing left to erase
    assert out.getvalue() == "Đã xóa thông tin cá nhân của 0 học viên quá thời hạn lưu trữ.\n"
    with pytest.raises(CommandError):
        call_command("training_purge", "--today", "17/05/2028")
