"""The demo story of item 2.4 (marked sample): Sơn Động's two-day course of the demo news —
60 participants of its communes, checked in each morning, evaluated, certified — and the
Department's course still to come, its places allotted, Lục Ngạn's for canbo.lucngan to name;
idempotent."""

from __future__ import annotations

import io
from datetime import date

import pytest


@pytest.fixture
def demo(db):
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting
    from giamngheo.training.demo import load_demo_training

    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_reporting()
    out = io.StringIO()
    accounts = load_demo_training(stdout=out, with_users=True)
    return out.getvalue(), accounts


def test_demo_tells_the_son_dong_story(demo):
    from django.contrib.auth import get_user_model

    from giamngheo.planning import registry
    from giamngheo.planning.models import Activity
    from giamngheo.training import selectors, services
    from giamngheo.training.demo import SON_DONG_TITLE, UPCOMING_TITLE, load_demo_training
    from giamngheo.training.models import Course

    text, accounts = demo
    assert accounts == [
        (
            "taphuan.tinh",
            "TapHuan#Demo2023",
            "Tổ chức lớp tập huấn (Sở LĐTBXH): tạo lớp, phân bổ chỉ tiêu, điểm danh, cấp giấy "
            "chứng nhận",
        )
    ]
    son_dong = Course.objects.get(title=SON_DONG_TITLE)
    assert text == (
        "Tập huấn: lớp Sơn Động 06/02/2023 – 07/02/2023 (60 học viên, 46 phiếu đánh giá); lớp "
        "của Sở 23/10/2023 – 24/10/2023 (3 đơn vị được phân bổ).\n"
    )
    assert son_dong.programme.startswith("[Dữ liệu mẫu]")
    assert son_dong.activity.title.startswith("[Dữ liệu mẫu]")
    figures = selectors.course_figures(course=son_dong)
    assert (figures.summoned, figures.attended, figures.absent, figures.certificates) == (
        60,
        57,
        3,
        54,
    )
    assert figures.trainee_days == 57 + 55 - 1
    totals = registry.totals(
        activities=Activity.objects.filter(pk=son_dong.activity_id),
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        codes=["training.trainees", "training.persons", "training.trainee_days"],
    )
    assert totals == {
        "training.trainees": 57,
        "training.persons": 57,
        "training.trainee_days": 111,
    }
    responses, questions = selectors.evaluation_summary(course=son_dong)
    assert responses == 46
    assert len(questions) == 6

    # Lục Ngạn's places wait for canbo.lucngan, who sees the Department's course.
    officer = get_user_model().objects.get(username="canbo.lucngan")
    upcoming = Course.objects.get(title=UPCOMING_TITLE)
    assert list(selectors.courses_for_user(user=officer)) == [upcoming]
    allotment = selectors.allotments_for_user(user=officer).get(course=upcoming)
    assert (allotment.organisation.name, allotment.places) == ("Ủy ban nhân dân huyện Lục Ngạn", 15)
    enrolment = services.name_participant(
        actor=officer,
        allotment=allotment,
        full_name="Vi Thị Mẫu",
        organisation=allotment.organisation,
        phone="0388000999",
        sex="female",
        ethnicity="tay",
        notify_participant=False,
    )
    assert enrolment.status == "invited"

    again = io.StringIO()
    load_demo_training(stdout=again, with_users=True)
    assert again.getvalue() == "Tập huấn: đã có, không tạo lại.\n"
    assert Course.objects.count() == 2


def test_demo_needs_users(db):
    from giamngheo.training.demo import load_demo_training

    out = io.StringIO()
    assert load_demo_training(stdout=out, with_users=False) == []
    assert out.getvalue() == "Tập huấn: cần kế hoạch năm 2023 và tài khoản mẫu, bỏ qua.\n"
