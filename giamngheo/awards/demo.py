"""Demo data (marked sample): the 2023 sơ kết of the movement "Vì người nghèo - Không để ai bị bỏ
lại phía sau" in Bắc Giang. Lục Ngạn (filed by ``canbo.lucngan``), Yên Thế and Sơn Động (filed
by sample officers who cannot sign in) nominate collectives, households and individuals; one
dossier is returned at appraisal; the list is published for 5 working days and receives two
comments; the council of seven (``hoidong.1`` … ``hoidong.7``) meets with two members absent
in writing and the province's chairman signs the decision. ``vanphong.thidua`` is the emulation
office. Built through the services; a second run adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.enums import OrganisationKind, Role
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.services import (
    create_membership,
    create_organisation,
    create_staff_account,
)
from giamngheo.planning import services as planning
from giamngheo.planning.demo import ISSUING_BODY_NAME, TITLE, YEAR
from giamngheo.planning.models import Plan, SubPlan

from . import services
from .enums import Attendance
from .models import Round

SAMPLE = "[Dữ liệu mẫu]"
DEPARTMENT = "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
ROUND_SLUG = "so-ket-2023-vi-nguoi-ngheo"
OFFICE = ("vanphong.thidua", "ThiDua#Demo2023")
COUNCIL_LOGIN = "HoiDong#Demo2023-%s"
LEGACY_LAST_DAY = date(2025, 6, 30)
MINI_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _user(username, *, password, first_name, last_name):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        if password:
            user = create_staff_account(
                username=username, password=password, first_name=first_name, last_name=last_name
            )
        else:
            user = User.objects.create_user(username, first_name=first_name, last_name=last_name)
    return user


def _member(user, organisation, role, position):
    if not Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        create_membership(
            user=user,
            organisation=organisation,
            role=role,
            position=position,
            valid_from=date(YEAR, 1, 1),
        )


def _body(name, *, unit, kind):
    found = Organisation.objects.filter(name=name).order_by("pk").first()
    return found or create_organisation(name=name, kind=kind, unit=unit, valid_to=LEGACY_LAST_DAY)


def _communes(district: Organisation, count=2):
    return list(AdministrativeUnit.objects.filter(parent=district.unit).order_by("name")[:count])


def _dossier(actor, nomination):
    for component in nomination.form.components.all():
        services.attach_component(
            actor=actor,
            nomination=nomination,
            component_code=component.code,
            upload=SimpleUploadedFile(f"{component.code}.pdf", MINI_PDF),
        )


def _story(*, office_user, council_users, filers, round_):
    office = office_user
    specs = [
        ("Lục Ngạn", "collective", "Chi hội Nông dân thôn Kép", "bang_khen_tinh", {}),
        (
            "Lục Ngạn",
            "household",
            "Hộ ông Hoàng Văn Thắng",
            "giay_khen_huyen",
            {"household_members": 5, "village": "Thôn Khuôn Thần"},
        ),
        (
            "Yên Thế",
            "individual",
            "Bà Nguyễn Thị Hòa",
            "giay_khen_huyen",
            {"position": "Trưởng thôn", "workplace": "Thôn Đồng Vương"},
        ),
        (
            "Yên Thế",
            "household",
            "Hộ bà Lý Thị Mai",
            "giay_khen_huyen",
            {"household_members": 4, "village": "Bản Ven"},
        ),
        (
            "Sơn Động",
            "household",
            "Hộ ông Chu Văn Sáng",
            "giay_khen_huyen",
            {"household_members": 6, "village": "Thôn Nà Hin"},
        ),
    ]
    made = []
    for district, subject, name, form_code, extra in specs:
        org, actor = filers[district]
        commune = _communes(org, 1)[0]
        n = services.create_nomination(
            actor=actor,
            round=round_,
            nominating_organisation=org,
            subject=subject,
            name=f"{name} {SAMPLE}",
            commune=commune,
            achievements=f"{SAMPLE} Có thành tích xuất sắc trong giúp đỡ hộ nghèo, thoát nghèo "
            "bền vững giai đoạn 2021–2023.",
            form_code=form_code,
            dated_on=date(YEAR, 10, 16),
            is_sample=True,
            **extra,
        )
        _dossier(actor, n)
        services.submit_nomination(actor=actor, nomination=n)
        made.append(n)
    returned = made[3]
    services.return_nomination(
        actor=office,
        nomination=returned,
        reason="Báo cáo thành tích chưa có xác nhận của Ủy ban nhân dân xã.",
    )
    passed = [n for n in made if n.pk != returned.pk]
    for n in passed:
        services.pass_appraisal(actor=office, nomination=n)
        services.publish_nomination(actor=office, nomination=n, today=date(YEAR, 11, 1))
    for n, text, objection in (
        (passed[1], "Gia đình ông Thắng chăm chỉ, giúp nhiều hộ trong thôn làm vườn vải.", False),
        (passed[2], "Đề nghị hội đồng xem lại số hộ được bà Hòa giúp đỡ.", True),
    ):
        n.refresh_from_db()
        services.add_public_comment(
            nomination=n,
            text=f"{SAMPLE} {text}",
            author_name="Người dân (mẫu)",
            is_objection=objection,
            at=timezone.make_aware(datetime.combine(date(YEAR, 11, 3), time(9, 0))),
        )
    for n in passed:
        n.refresh_from_db()
        services.send_to_council(actor=office, nomination=n, today=date(YEAR, 11, 9))
    meeting = services.create_meeting(
        actor=office,
        round=round_,
        held_on=date(YEAR, 11, 20),
        place="Phòng họp số 2, Ủy ban nhân dân tỉnh",
        chair_name="Chủ tịch Hội đồng (mẫu)",
        secretary_name="Thư ký Hội đồng (mẫu)",
    )
    seats = {
        s.membership.user.username: s.pk for s in meeting.seats.select_related("membership__user")
    }
    services.set_attendance(
        actor=office,
        meeting=meeting,
        attendance={
            seats["hoidong.6"]: Attendance.ABSENT_WRITTEN,
            seats["hoidong.7"]: Attendance.ABSENT_WRITTEN,
        },
    )
    services.open_meeting(actor=office, meeting=meeting)
    for n, (agree, disagree, w_agree) in zip(
        passed, [(5, 0, 2), (5, 0, 2), (2, 3, 0), (4, 1, 1)], strict=True
    ):
        services.record_ballot(
            actor=office,
            meeting=meeting,
            nomination=n,
            agree=agree,
            disagree=disagree,
            written_agree=w_agree,
            written_disagree=2 - w_agree,
        )
    services.close_meeting(actor=office, meeting=meeting)
    return services.decide_round(
        actor=office,
        round=round_,
        number="1850/QĐ-UBND",
        signed_on=date(YEAR, 12, 5),
        authority="ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        signer_title="Chủ tịch",
        signer_name="Chủ tịch UBND tỉnh (mẫu)",
    )


@transaction.atomic
def load_demo_awards(*, stdout=None, with_users: bool = False) -> list:
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    department = Organisation.objects.filter(name=DEPARTMENT).order_by("pk").first()
    filer = get_user_model().objects.filter(username="canbo.lucngan").first()
    if plan is None or department is None or not with_users or filer is None:
        say("Thi đua, khen thưởng: cần kế hoạch năm 2023 và tài khoản mẫu, bỏ qua.\n")
        return []
    province = department.unit
    office_body = _body(
        "Ban Thi đua - Khen thưởng tỉnh Bắc Giang", unit=province, kind=OrganisationKind.DEPARTMENT
    )
    council_body = _body(
        "Hội đồng Thi đua - Khen thưởng tỉnh Bắc Giang", unit=province, kind=OrganisationKind.OTHER
    )
    office = _user(OFFICE[0], password=OFFICE[1], first_name="Văn phòng", last_name="thi đua")
    _member(office, office_body, Role.UNIT_OFFICER, "Chuyên viên Ban Thi đua - Khen thưởng")
    accounts = [
        (
            OFFICE[0],
            OFFICE[1],
            "Cơ quan thường trực thi đua, khen thưởng: thẩm định, "
            "công khai, điều hành họp hội đồng, quyết định",
        )
    ]
    council_users = []
    for i in range(1, 8):
        username, password = f"hoidong.{i}", COUNCIL_LOGIN % i
        user = _user(
            username, password=password, first_name="Thành viên hội đồng", last_name=str(i)
        )
        _member(user, council_body, Role.JUROR, "Thành viên Hội đồng Thi đua - Khen thưởng")
        council_users.append(user)
        accounts.append(
            (
                username,
                password,
                "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh: "
                "xem hồ sơ trình hội đồng, bỏ phiếu kín",
            )
        )
    if Round.objects.filter(slug=ROUND_SLUG).exists():
        say("Thi đua, khen thưởng: đã có, không tạo lại.\n")
        return accounts
    filers = {"Lục Ngạn": (Organisation.objects.get(name="Ủy ban nhân dân huyện Lục Ngạn"), filer)}
    for district in ("Yên Thế", "Sơn Động"):
        org = Organisation.objects.filter(name=f"Ủy ban nhân dân huyện {district}").first()
        if org is None:
            continue
        sample = _user(
            f"mau.thidua.{org.unit.code}",
            password=None,
            first_name="Cán bộ thi đua (mẫu)",
            last_name=f"huyện {district}",
        )
        _member(sample, org, Role.UNIT_OFFICER, f"{SAMPLE} Chuyên viên Phòng Nội vụ")
        filers[district] = (org, sample)
    items = {i.code: i for i in plan.items.all()}
    admin = (
        Membership.objects.filter(role=Role.PROVINCE_ADMIN, organisation=department)
        .select_related("user")
        .first()
    )
    if "2.3" not in items or admin is None:
        say("Thi đua, khen thưởng: kế hoạch chưa có mục 2.3, bỏ qua.\n")
        return accounts
    subplan = SubPlan.objects.filter(plan=plan, organisation=department).first()
    if subplan is None:
        subplan = planning.create_subplan(
            actor=admin.user,
            plan=plan,
            organisation=department,
            title=f"{SAMPLE} Kế hoạch truyền thông năm {YEAR} của {department.name}",
        )
    activity = planning.create_activity(
        actor=admin.user,
        subplan=subplan,
        title=f"{SAMPLE} Sơ kết phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”",
        form=items["2.3"],
        contents=[items["1.3"]] if "1.3" in items else [items["1.1"]],
        units=[province],
        start_date=date(YEAR, 9, 1),
        end_date=date(YEAR, 12, 31),
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=60_000_000, spent=0
            )
        ],
    )
    round_ = services.create_round(
        actor=office,
        activity=activity,
        movement="Vì người nghèo - Không để ai bị bỏ lại phía sau",
        name=f"Sơ kết phong trào năm {YEAR}",
        slug=ROUND_SLUG,
        period_start=date(2021, 1, 1),
        period_end=date(YEAR, 12, 31),
        nominations_close=date(YEAR, 10, 31),
        office=office_body,
        council=council_body,
        form_codes=["bang_khen_tinh", "giay_khen_huyen"],
        public_comment_days=5,
        is_sample=True,
    )
    if len(filers) < 3:
        say("Thi đua, khen thưởng: thiếu huyện mẫu, chỉ tạo đợt xét.\n")
        return accounts
    decision = _story(office_user=office, council_users=council_users, filers=filers, round_=round_)
    say(
        f"Thi đua, khen thưởng: đợt {round_.name}, {round_.nominations.count()} hồ sơ, quyết "
        f"định {decision.number} khen {decision.nominations.filter(status='commended').count()}.\n"
    )
    return accounts


DEMO_NEEDS = ("organisations", "planning", "reporting")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_awards(stdout=stdout, with_users=with_users))
