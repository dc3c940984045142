"""Demo data (marked sample) telling the 2023 story of the demo news "Yên Dũng mở chuyên mục
'Gương sáng giảm nghèo' trên loa truyền thanh xã": a weekly bulletin of the Department in that
series for six communes of Yên Thế and Tân Sỏi (the unit data no longer holds Yên Dũng as a
district), all 2023, confirmed by the stations with gaps
(a power cut, a broken loudspeaker, weeks with no report); generated Vietnamese audio for the
three latest only (speech takes a second each: ``load_demo`` stays fast); one emergency
bulletin (storm warning, September) that Tân Sỏi acknowledged late.

Built through the services. Accounts when ``with_users``: ``bientap.truyenthanh`` writes and
sends bulletins (editor of the Department), ``truyenthanh.tansoi`` operates the Tân Sỏi station
(no membership: scoped by the station). Approval is by a sample leader who cannot sign in. A
second run adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
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
from .audio import generate_audio
from .enums import Priority, StationKind
from .models import Bulletin, Station

SAMPLE = "[Dữ liệu mẫu]"
EDITOR_USER = ("bientap.truyenthanh", "BienTap#Loa2023")
OPERATOR_USER = ("truyenthanh.tansoi", "TanSoi#Loa2023")
DEPARTMENT = "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
LEGACY_LAST_DAY = date(2025, 6, 30)
SERIES = "Gương sáng giảm nghèo"
ACTIVITY_TITLE = f"{SAMPLE} Chuyên mục “{SERIES}” trên loa truyền thanh xã năm 2023"
STORIES = (
    ("gia đình anh Nguyễn Văn Thoát", "vay 50.000.000 đồng vốn NHCSXH nuôi bò sinh sản"),
    ("chị Hoàng Thị Lan", "trồng 2 ha vải thiều theo tiêu chuẩn VietGAP"),
    ("ông Vi Văn Hùng", "hiến 300 m2 đất làm đường liên thôn"),
    ("tổ hợp tác may tre đan thôn Đồng", "tạo việc làm cho 25 lao động nữ"),
)
GAPS = {3: "Mất điện cả buổi chiều", 7: "Loa cụm thôn 3 hỏng, đang chờ sửa"}


def _local(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _users(department, *, with_users: bool):
    User = get_user_model()
    editor = User.objects.filter(username=EDITOR_USER[0]).first()
    if editor is None:
        if with_users:
            editor = create_staff_account(
                username=EDITOR_USER[0],
                password=EDITOR_USER[1],
                first_name="Biên tập",
                last_name="truyền thanh",
            )
        else:
            editor = User.objects.create_user(EDITOR_USER[0])  # cannot sign in
    leader = User.objects.filter(
        username="lanhdao.truyenthanh.mau"
    ).first() or User.objects.create_user(
        "lanhdao.truyenthanh.mau", first_name="Lãnh đạo", last_name="Sở (mẫu)"
    )
    for user, role, position in (
        (editor, Role.EDITOR, "Biên tập viên chuyên mục truyền thanh cơ sở"),
        (leader, Role.APPROVER, "Phó Giám đốc Sở"),
    ):
        if not Membership.objects.filter(user=user, organisation=department, role=role).exists():
            create_membership(
                user=user,
                organisation=department,
                role=role,
                position=position,
                valid_from=date(YEAR, 1, 1),
            )
    operator = User.objects.filter(username=OPERATOR_USER[0]).first()
    if operator is None:
        operator = User.objects.create_user(
            OPERATOR_USER[0], first_name="Đài truyền thanh", last_name="xã Tân Sỏi"
        )
        if with_users:
            operator.set_password(OPERATOR_USER[1])
            operator.save(update_fields=["password"])
    return editor, leader, operator


def _commune_body(unit: AdministrativeUnit) -> Organisation:
    name = f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"
    found = Organisation.objects.filter(name=name, unit=unit).first()
    return found or create_organisation(
        name=name, kind=OrganisationKind.PEOPLES_COMMITTEE, unit=unit, valid_to=LEGACY_LAST_DAY
    )


def _stations(communes, *, operator, tan_soi):
    stations = []
    for index, commune in enumerate(communes):
        station = Station.objects.filter(commune=commune).first() or services.create_station(
            actor=None,
            name=f"Đài truyền thanh {commune.name[:1].lower()}{commune.name[1:]}",
            commune=commune,
            kind=(StationKind.IP, StationKind.WIRED, StationKind.FM)[index % 3],
            operator_organisation=_commune_body(commune),
            contact_name="Công chức Văn hóa - Xã hội (mẫu)",
            valid_to=LEGACY_LAST_DAY,
            operators=[operator] if commune == tan_soi else [],
        )
        stations.append(station)
    return stations


def _activity(plan, department, actor):
    items = {i.code: i for i in plan.items.all()}
    subplan = SubPlan.objects.filter(
        plan=plan, organisation=department
    ).first() or planning.create_subplan(
        actor=actor,
        plan=plan,
        organisation=department,
        title=f"{SAMPLE} Kế hoạch truyền thông năm {YEAR} của Sở",
    )
    found = subplan.activities.filter(title=ACTIVITY_TITLE).first()
    return found or planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=ACTIVITY_TITLE,
        form=items["2.1"],
        contents=[items["1.1"]],
        units=[department.unit],
        start_date=date(YEAR, 1, 1),
        end_date=date(YEAR, 12, 31),
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.order_by("code").first(),
                planned=24_000_000,
                spent=20_800_000,
            )
        ],
    )


def load_demo_broadcasts(*, stdout=None, with_users: bool = False) -> list:
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    department = Organisation.objects.filter(name=DEPARTMENT).order_by("pk").first()
    mid = date(YEAR, 6, 1)
    tan_soi = AdministrativeUnit.objects.filter(
        source_key="legacy:tinhbacgiang_huyenyenthe_xatansoi"
    ).first()
    # The bundled unit data ends with Yên Dũng already merged into Bắc Giang city (2025), so
    # the news's weekly series runs here in Yên Thế, the district of Tân Sỏi.
    district = tan_soi.parent if tan_soi is not None else None
    missing = [
        name
        for name, found in (
            ("kế hoạch năm 2023", plan),
            ("Sở LĐTBXH", department),
            ("huyện Yên Thế", district),
            ("xã Tân Sỏi", tan_soi),
        )
        if found is None
    ]
    if missing:
        say(f"Truyền thanh cơ sở: thiếu {', '.join(missing)}, bỏ qua.\n")
        return []
    editor, leader, operator = _users(department, with_users=with_users)
    accounts = []
    if with_users:
        accounts = [
            (
                EDITOR_USER[0],
                EDITOR_USER[1],
                "Biên tập viên truyền thanh cơ sở (Sở LĐTBXH): soạn, gửi bản tin",
            ),
            (
                OPERATOR_USER[0],
                OPERATOR_USER[1],
                "Đài truyền thanh xã Tân Sỏi: nhận bản tin, xác nhận phát sóng",
            ),
        ]
    if Bulletin.objects.filter(activity__title=ACTIVITY_TITLE).exists():
        say("Truyền thanh cơ sở: đã có, không tạo lại.\n")
        return accounts
    in_district = AdministrativeUnit.objects.valid_on(mid).filter(
        level=UnitLevel.COMMUNE, parent=district
    )
    communes = [*in_district.exclude(pk=tan_soi.pk).order_by("path")[:6], tan_soi]
    _stations(communes, operator=operator, tan_soi=tan_soi)
    activity = _activity(plan, department, leader)
    monday = date(YEAR, 1, 2)
    airings = 0
    bulletins = []
    for week in range(52):
        start = monday + timedelta(weeks=week)
        who, what = STORIES[week % len(STORIES)]
        bulletin = services.create_bulletin(
            actor=editor,
            activity=activity,
            title=f"{SERIES} số {week + 1}/{YEAR}: {who}",
            text=(
                f"Chuyên mục {SERIES}. Ngày {start:%d/%m/%Y}, UBND xã giới thiệu {who}, "
                f"{what}. Năm {YEAR}, toàn huyện phấn đấu giảm 1,5% tỷ lệ hộ nghèo. "
                "Mọi thắc mắc về chính sách xin liên hệ công chức Lao động - Thương binh và Xã hội xã."
            ),
            communes=communes,
            air_from=start,
            air_to=start + timedelta(days=6),
            valid_until=start + timedelta(days=6),
            times_per_day=2,
            is_sample=True,
        )
        services.approve_bulletin(actor=leader, bulletin=bulletin, generate_audio=False)
        sent_at = _local(start, time(7, 0))
        services.send_bulletin(actor=editor, bulletin=bulletin, at=sent_at, tell=False)
        version = bulletin.versions.get()
        version.duration_seconds = 150.0  # the announcer's reading, until audio is generated
        version.save(update_fields=["duration_seconds"])
        for index, delivery in enumerate(
            bulletin.deliveries.select_related("station").order_by("commune__path")
        ):
            user = operator if delivery.commune_id == tan_soi.pk else None
            if (week + index) % 9 == 0:
                continue  # a week with no report: the gap shows in coverage
            if (week + index) % 11 in GAPS:
                services.record_not_aired(
                    actor=user or _sample_operator(delivery.station),
                    delivery=delivery,
                    reason=GAPS[(week + index) % 11],
                    at=sent_at + timedelta(days=1),
                )
                continue
            _confirm(delivery, user=user, sent_at=sent_at)
            airings += 1
        bulletins.append(bulletin)
    emergency = services.create_bulletin(
        actor=editor,
        activity=activity,
        title="Khẩn cấp: chủ động phòng, chống bão số 3 và mưa lũ",
        text=(
            "UBND tỉnh yêu cầu các hộ nghèo, hộ cận nghèo ở vùng trũng thấp chủ động gia cố nhà cửa, "
            "di chuyển tài sản trước 17h00 ngày 08/09/2023. Số điện thoại trực ban: 0204 3854 123."
        ),
        communes=communes,
        priority=Priority.EMERGENCY,
        air_from=date(YEAR, 9, 8),
        air_to=date(YEAR, 9, 9),
        valid_until=date(YEAR, 9, 9),
        times_per_day=4,
        is_sample=True,
    )
    services.approve_bulletin(actor=leader, bulletin=emergency, generate_audio=False)
    alarm = _local(date(YEAR, 9, 8), time(9, 0))
    services.send_bulletin(actor=editor, bulletin=emergency, at=alarm, tell=False)
    for delivery in emergency.deliveries.select_related("station"):
        late = delivery.commune_id == tan_soi.pk
        services.acknowledge(
            actor=operator if late else _sample_operator(delivery.station),
            delivery=delivery,
            at=alarm + timedelta(minutes=75 if late else 12),
        )
    for bulletin in bulletins[-3:]:
        generate_audio(version=bulletin.versions.get())
    say(
        f"Truyền thanh cơ sở: {len(bulletins)} bản tin “{SERIES}” cho {len(communes)} xã, {airings} lượt "
        "xác nhận phát, 1 bản tin khẩn cấp (Tân Sỏi xác nhận muộn).\n"
    )
    return accounts


def _sample_operator(station):
    User = get_user_model()
    username = f"dai.mau.{station.pk}"
    user = User.objects.filter(username=username).first() or User.objects.create_user(username)
    station.operators.add(user)
    return user


def _confirm(delivery, *, user, sent_at):
    actor = user or _sample_operator(delivery.station)
    services.confirm_airing(
        actor=actor,
        delivery=delivery,
        aired_at=sent_at + timedelta(hours=10),
        times=2,
        at=sent_at + timedelta(days=1),
    )


# Before reporting: the demo's Project 6 monitoring report is pre-filled from these airings.
DEMO_NEEDS = ("organisations", "planning")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_broadcasts(stdout=stdout, with_users=with_users))
