"""Demo data (marked sample) telling the 2023 story of the demo news "Sơn Động tập huấn nghiệp
vụ truyền thông cho cán bộ làm công tác giảm nghèo" (08/02/2023): a two-day course of the
district's Phòng LĐTBXH on 06–07/02/2023 for 60 commune officers, village heads and commune
radio staff of its communes, checked in by QR code each morning; the outcome closed, the
evaluations answered and the certificates issued to those present both days. And one course of
the Department still to come in the story (23–24/10/2023), its places allotted to three
districts: Yên Thế has named its participants, Lục Ngạn's are for ``canbo.lucngan`` to name.

Built through the services; needs the demo accounts (``with_users``): ``taphuan.tinh`` runs the
Department's course; the Sơn Động course is recorded by a sample officer of the district (an
account that cannot sign in). A second run adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from giamngheo.core.demo import DemoLoad
from giamngheo.core.text import fold
from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.services import (
    create_membership,
    create_organisation,
    create_staff_account,
)
from giamngheo.planning import services as planning
from giamngheo.planning.demo import ISSUING_BODY_NAME, TITLE, YEAR
from giamngheo.planning.enums import ActivityStatus
from giamngheo.planning.models import Plan, SubPlan

from . import services
from .enums import AttendanceSource, AttendanceStatus, Ethnicity, Sex
from .models import Course, TargetGroup

SAMPLE = "[Dữ liệu mẫu]"
ORGANISER_USER = ("taphuan.tinh", "TapHuan#Demo2023")
DEPARTMENT = "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
SON_DONG = "Ủy ban nhân dân huyện Sơn Động"
LEGACY_LAST_DAY = date(2025, 6, 30)
SON_DONG_DAYS = (date(YEAR, 2, 6), date(YEAR, 2, 7))
UPCOMING_DAYS = (date(YEAR, 10, 23), date(YEAR, 10, 24))
SON_DONG_TITLE = "Lớp tập huấn nghiệp vụ truyền thông về giảm nghèo huyện Sơn Động năm 2023"
UPCOMING_TITLE = "Lớp bồi dưỡng kỹ năng truyền thông chính sách giảm nghèo cho cán bộ huyện, xã"
PARTICIPANTS = 60

FAMILY = ("Nguyễn", "Hoàng", "Nông", "Lường", "Vi", "Triệu", "Hà", "Đặng", "Lý", "Trần")
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang")
MIDDLE_FEMALE = ("Thị", "Thu", "Thanh", "Ngọc")
GIVEN_MALE = ("Hùng", "Dũng", "Thắng", "Tuấn", "Long", "Sơn", "Hải", "Phúc")
GIVEN_FEMALE = ("Hoa", "Lan", "Hương", "Mai", "Thảo", "Hằng", "Nhung", "Yến")
ETHNICITIES = (
    Ethnicity.TAY,
    Ethnicity.NUNG,
    Ethnicity.KINH,
    Ethnicity.DAO,
    Ethnicity.SAN_CHAY,
    Ethnicity.TAY,
    Ethnicity.NUNG,
    Ethnicity.KINH,
)
ROLES = (
    ("Cán bộ làm công tác giảm nghèo cấp xã", "Công chức Lao động - Thương binh và Xã hội"),
    ("Trưởng thôn, bản, tổ dân phố", "Trưởng thôn"),
    ("Cán bộ văn hóa - thông tin, truyền thanh cơ sở", "Công chức Văn hóa - Xã hội"),
)
COMMENTS = (
    "Phần thực hành viết tin cho loa truyền thanh rất bổ ích.",
    "Đề nghị tổ chức thêm lớp cho trưởng thôn ở các thôn đặc biệt khó khăn.",
    "Tài liệu nên có bản tiếng Nùng, tiếng Dao.",
    "Thời gian thực hành nhóm còn ngắn.",
)


def _local(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _account(username: str, *, password: str | None, organisation, position: str, **names):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        if password:
            user = create_staff_account(username=username, password=password, **names)
        else:
            user = User.objects.create_user(username, **names)  # cannot sign in
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        create_membership(
            user=user,
            organisation=organisation,
            role=Role.UNIT_OFFICER,
            position=position,
            valid_from=date(YEAR, 1, 1),
        )
    return user


def _commune_body(unit: AdministrativeUnit) -> Organisation:
    name = f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    found = Organisation.objects.filter(name_folded=fold(name), unit=unit).first()
    return found or create_organisation(
        name=name,
        kind=OrganisationKind.PEOPLES_COMMITTEE,
        unit=unit,
        short_name=f"UBND {unit.name[:1].lower()}{unit.name[1:]}",
        valid_to=LEGACY_LAST_DAY,
    )


def _activity(plan: Plan, organisation: Organisation, actor, *, title, start, end, planned):
    items = {i.code: i for i in plan.items.all()}
    subplan = SubPlan.objects.filter(plan=plan, organisation=organisation).first()
    if subplan is None:
        subplan = planning.create_subplan(
            actor=actor,
            plan=plan,
            organisation=organisation,
            title=f"{SAMPLE} Kế hoạch truyền thông năm {YEAR} của {organisation.name}",
        )
    found = subplan.activities.filter(title=title).first()
    if found is not None:
        return found
    return planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=title,
        form=items["2.4"],
        contents=[items["1.1"], items["1.2"]],
        units=[organisation.unit],
        start_date=start,
        end_date=end,
        status=ActivityStatus.DONE if end < date(YEAR, 6, 1) else ActivityStatus.IN_PROGRESS,
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"),
                planned=planned,
                spent=planned * 9 // 10 if end < date(YEAR, 6, 1) else 0,
            )
        ],
    )


def _person(index: int) -> dict:
    female = index % 5 in (1, 3)
    family = FAMILY[index % len(FAMILY)]
    middle = (MIDDLE_FEMALE if female else MIDDLE_MALE)[index // 10 % 4]
    given = (GIVEN_FEMALE if female else GIVEN_MALE)[(index * 3) % 8]
    return {
        "full_name": f"{family} {middle} {given}",
        "sex": Sex.FEMALE if female else Sex.MALE,
        "ethnicity": ETHNICITIES[index % len(ETHNICITIES)],
        "phone": f"0389{index:06d}",
    }


def _son_dong(plan, groups) -> Course | None:
    body = Organisation.objects.filter(name=SON_DONG).order_by("pk").first()
    if body is None:
        return None
    officer = _account(
        f"mau.taphuan.{body.unit.code}",
        password=None,
        organisation=body,
        position=f"{SAMPLE} Chuyên viên Phòng Lao động - Thương binh và Xã hội",
        first_name="Cán bộ tập huấn (mẫu)",
        last_name="huyện Sơn Động",
    )
    activity = _activity(
        plan,
        body,
        officer,
        title=f"{SAMPLE} Tập huấn nghiệp vụ truyền thông cho cán bộ làm công tác giảm nghèo",
        start=date(YEAR, 2, 1),
        end=date(YEAR, 2, 28),
        planned=45_000_000,
    )
    course = services.create_course(
        actor=officer,
        activity=activity,
        title=SON_DONG_TITLE,
        organiser=body,
        venue_unit=body.unit,
        venue_address="Hội trường Ủy ban nhân dân huyện Sơn Động, thị trấn An Châu",
        capacity=PARTICIPANTS,
        sessions=[services.SessionSpec(d, time(7, 30), time(16, 30)) for d in SON_DONG_DAYS],
        target_groups=[groups[name] for name, _position in ROLES],
        programme=(
            f"{SAMPLE} Những điểm mới của Chương trình mục tiêu quốc gia giảm nghèo bền vững "
            "giai đoạn 2021–2025; quy trình rà soát hộ nghèo, hộ cận nghèo; kỹ năng viết tin "
            "cho loa truyền thanh; tổ chức sinh hoạt cộng đồng; thực hành theo nhóm."
        ),
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Mẫu",
    )
    allotment = services.allot_places(
        actor=officer, course=course, organisation=body, places=PARTICIPANTS
    )
    communes = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, parent=body.unit).order_by(
            "name"
        )[:20]
    )
    enrolments = []
    for index in range(PARTICIPANTS):
        group, position = ROLES[index % len(ROLES)]
        commune = _commune_body(communes[index % len(communes)])
        enrolments.append(
            services.name_participant(
                actor=officer,
                allotment=allotment,
                organisation=commune,
                position=position,
                target_group=groups[group],
                notify_participant=False,
                **_person(index),
            )
        )
    sessions = list(course.sessions.all())
    for index, enrolment in enumerate(enrolments):
        for day_index, session in enumerate(sessions):
            if index % 20 == 19 or (day_index == 1 and index % 30 == 7):
                continue  # absent that day (three never came, two missed the second day)
            if index == 13 and day_index == 0:
                continue  # excused on the first day (below)
            late = index % 12 == 5
            services.check_in(
                actor=officer,
                session=session,
                code=enrolment.ticket,
                source=AttendanceSource.QR if index % 9 else AttendanceSource.TYPED,
                at=_local(session.day, time(7, 50) if late else time(7, 10 + index % 15)),
            )
    services.record_paper_attendance(
        actor=officer,
        session=sessions[0],
        marks={enrolments[13].pk: AttendanceStatus.EXCUSED},
        today=SON_DONG_DAYS[-1],
    )
    services.close_attendance(actor=officer, course=course, today=SON_DONG_DAYS[-1])
    course.refresh_from_db()
    services.issue_certificates(actor=officer, course=course)
    for index, enrolment in enumerate(enrolments[:48]):
        if enrolment.attendances.filter(status__in=("present", "late")).exists():
            answers = {}
            for question in course.questions.all():
                if question.kind == "scale":
                    answers[question.pk] = 5 - (index + question.position) % 3
                else:
                    answers[question.pk] = COMMENTS[index % 4] if index % 6 == 0 else ""
            services.submit_evaluation(enrolment=enrolment, answers=answers)
    return course


def _upcoming(plan, groups, organiser) -> Course:
    department = Organisation.objects.filter(name=DEPARTMENT).order_by("pk").first()
    activity = _activity(
        plan,
        department,
        organiser,
        title=f"{SAMPLE} Bồi dưỡng kỹ năng truyền thông chính sách giảm nghèo cho cán bộ cơ sở",
        start=date(YEAR, 10, 1),
        end=date(YEAR, 10, 31),
        planned=120_000_000,
    )
    course = services.create_course(
        actor=organiser,
        activity=activity,
        title=UPCOMING_TITLE,
        organiser=department,
        venue_unit=department.unit,
        venue_address="Trường Chính trị tỉnh Bắc Giang, thành phố Bắc Giang",
        capacity=90,
        sessions=[services.SessionSpec(d, time(8, 0), time(16, 30)) for d in UPCOMING_DAYS],
        target_groups=[groups["Cán bộ làm công tác giảm nghèo cấp huyện"]]
        + [groups[name] for name, _position in ROLES[:1]],
        programme=f"{SAMPLE} Kỹ năng truyền thông chính sách; làm việc với báo chí; truyền "
        "thông trên nền tảng số.",
        signer_title="Phó Giám đốc",
        signer_name="Trần Thị Mẫu",
    )
    for district, places in (("Yên Thế", 15), ("Lục Ngạn", 15), ("Sơn Động", 15)):
        body = Organisation.objects.filter(name=f"Ủy ban nhân dân huyện {district}").first()
        if body is None:
            continue
        allotment = services.allot_places(
            actor=organiser, course=course, organisation=body, places=places
        )
        if district == "Yên Thế":
            for index in range(3):
                services.name_participant(
                    actor=organiser,
                    allotment=allotment,
                    organisation=body,
                    position="Chuyên viên Phòng Lao động - Thương binh và Xã hội",
                    target_group=groups["Cán bộ làm công tác giảm nghèo cấp huyện"],
                    notify_participant=False,
                    **_person(100 + index),
                )
    return course


@transaction.atomic
def load_demo_training(*, stdout=None, with_users: bool = False) -> list:
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    department = Organisation.objects.filter(name=DEPARTMENT).order_by("pk").first()
    if plan is None or department is None or not with_users:
        say("Tập huấn: cần kế hoạch năm 2023 và tài khoản mẫu, bỏ qua.\n")
        return []
    organiser = _account(
        ORGANISER_USER[0],
        password=ORGANISER_USER[1],
        organisation=department,
        position="Chuyên viên phụ trách tập huấn",
        first_name="Tổ chức",
        last_name="tập huấn",
    )
    account = [
        (
            ORGANISER_USER[0],
            ORGANISER_USER[1],
            "Tổ chức lớp tập huấn (Sở LĐTBXH): tạo lớp, phân bổ chỉ tiêu, điểm danh, cấp giấy "
            "chứng nhận",
        )
    ]
    if Course.objects.filter(title__in=(SON_DONG_TITLE, UPCOMING_TITLE)).exists():
        say("Tập huấn: đã có, không tạo lại.\n")
        return account
    groups = {g.name: g for g in TargetGroup.objects.all()}
    son_dong = _son_dong(plan, groups)
    upcoming = _upcoming(plan, groups, organiser)
    if son_dong is not None:
        say(
            f"Tập huấn: lớp Sơn Động {son_dong.dates_text} ({son_dong.enrolments.count()} học "
            f"viên, {son_dong.responses.count()} phiếu đánh giá); lớp của Sở "
            f"{upcoming.dates_text} ({upcoming.allotments.count()} đơn vị được phân bổ).\n"
        )
    return account


DEMO_NEEDS = ("organisations", "planning", "reporting")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_training(stdout=stdout, with_users=with_users))
