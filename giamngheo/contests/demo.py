"""Demo data (marked sample) telling the story of the two demo news stories: the Department's
journalism contest launched on 11/05/2023 ("Phát động cuộc thi tác phẩm báo chí…"), 30 entries
of the provincial newspaper and station across print, online, radio and television, checked by
the secretariat ``thuky.cuocthi``; round 1 (sơ khảo) by ``giamkhao.1`` … ``giamkhao.3``,
round 2 (chung khảo) by ``giamkhao.4`` and ``giamkhao.5``; the decision of 01/12/2023 before the
prize-giving of 06/12/2023 ("Trao giải cuộc thi…"). ``nhabao.demo`` is a journalist with entries.
Built through the services; needs the demo accounts (``with_users``). A second run adds nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import Membership, Organisation
from giamngheo.organisations.services import create_membership, create_staff_account
from giamngheo.planning import services as planning
from giamngheo.planning.demo import ISSUING_BODY_NAME, TITLE, YEAR
from giamngheo.planning.enums import ActivityStatus
from giamngheo.planning.models import Plan, SubPlan

from . import services
from .models import Contest, Review

SAMPLE = "[Dữ liệu mẫu]"
DEPARTMENT = "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"
OUTLETS = ("Báo Bắc Giang", "Đài Phát thanh và Truyền hình tỉnh Bắc Giang")
NAME = "Cuộc thi tác phẩm báo chí viết về công tác giảm nghèo năm 2023"
SECRETARY = ("thuky.cuocthi", "ThuKy#Demo2023")
JUROR_PASSWORD = "ChamThi#Demo2023"  # noqa: S105 (a demo account, printed by make run)
JOURNALIST = ("nhabao.demo", "TacPham#GiamNgheo2023", "Hoàng Thị Thu Trang", "Thu Trang")
MEDIA = (
    ("print", "Báo in"),
    ("online", "Báo điện tử"),
    ("radio", "Phát thanh"),
    ("tv", "Truyền hình"),
)
TOPICS = (
    "Bản làng đổi thay",
    "Con đường thoát nghèo",
    "Mùa cam ngọt",
    "Ánh sáng vùng cao",
    "Nghị lực người Dao",
    "Vốn vay chính sách",
    "Những mái nhà mới",
    "Lớp nghề trên núi",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Vũ", "Đỗ", "Ngô")
GIVEN = ("Minh Anh", "Quang Huy", "Thu Hà", "Đức Thắng", "Ngọc Lan")
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
MP3 = (b"\xff\xfb\x90\x00" + b"\x00" * 413) * 8
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def _files(kind: str) -> dict:
    pdf = SimpleUploadedFile("a.pdf", PDF)
    return {
        "print": {"work": pdf},
        "online": {"capture": pdf},
        "radio": {"work": SimpleUploadedFile("a.mp3", MP3), "script": pdf},
        "tv": {"work": SimpleUploadedFile("a.mp4", MP4), "script": pdf},
    }[kind]


def _user(username, password, first_name, last_name, email):
    user = get_user_model().objects.filter(username=username).first()
    return user or create_staff_account(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )


def _activity(plan, department, actor):
    items = {i.code: i for i in plan.items.all()}
    subplan = SubPlan.objects.filter(plan=plan, organisation=department).first()
    if subplan is None:
        subplan = planning.create_subplan(
            actor=actor,
            plan=plan,
            organisation=department,
            title=f"{SAMPLE} Kế hoạch truyền thông năm {YEAR} của {department.name}",
        )
    title = f"{SAMPLE} Tổ chức cuộc thi tác phẩm báo chí về giảm nghèo"
    return subplan.activities.filter(title=title).first() or planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=title,
        form=items["2.2"],
        contents=[items["1.3"]],
        units=[department.unit],
        start_date=date(YEAR, 5, 1),
        end_date=date(YEAR, 12, 31),
        status=ActivityStatus.DONE,
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"),
                planned=120_000_000,
                spent=98_000_000,
            )
        ],
    )


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@transaction.atomic
def load_demo_contests(*, stdout=None, with_users: bool = False) -> list:
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    department = Organisation.objects.filter(name=DEPARTMENT).order_by("pk").first()
    outlets = [Organisation.objects.filter(name=n).order_by("pk").first() for n in OUTLETS]
    if plan is None or department is None or None in outlets or not with_users:
        say("Cuộc thi báo chí: cần kế hoạch năm 2023, cơ quan báo chí và tài khoản mẫu, bỏ qua.\n")
        return []
    secretary = _user(SECRETARY[0], SECRETARY[1], "Thư ký", "cuộc thi", "thuky.cuocthi@example.vn")
    if not Membership.objects.filter(user=secretary, organisation=department).exists():
        create_membership(
            user=secretary,
            organisation=department,
            role=Role.UNIT_OFFICER,
            position="Tổ thư ký cuộc thi báo chí",
            valid_from=date(YEAR, 1, 1),
        )
    jurors = [
        _user(f"giamkhao.{i}", JUROR_PASSWORD, f"Giám khảo {i}", "", f"giamkhao.{i}@example.vn")
        for i in range(1, 6)
    ]
    accounts = [
        (
            SECRETARY[0],
            SECRETARY[1],
            "Tổ thư ký cuộc thi báo chí: thẩm định, cấp mã, biết danh tính tác giả",
        )
    ]
    accounts += [
        (
            f"giamkhao.{i}",
            JUROR_PASSWORD,
            f"Giám khảo vòng {'sơ khảo' if i <= 3 else 'chung khảo'} (khu vực chấm /cuoc-thi/giam-khao/, chỉ thấy mã tác phẩm)",
        )
        for i in range(1, 6)
    ]
    accounts.append((JOURNALIST[0], JOURNALIST[1], "Nhà báo dự thi (khu vực /cuoc-thi/cua-toi/)"))
    if Contest.objects.filter(name=NAME).exists():
        say("Cuộc thi báo chí: đã có, không tạo lại.\n")
        return accounts
    activity = _activity(plan, department, secretary)
    contest = services.create_contest(
        actor=secretary,
        activity=activity,
        name=NAME,
        slug="bao-chi-giam-ngheo-2023",
        organiser=department,
        entries_open=date(YEAR, 5, 11),
        entries_close=date(YEAR, 9, 30),
        published_from=date(YEAR, 1, 1),
        published_to=date(YEAR, 9, 30),
        media=MEDIA,
        secretariat=[secretary],
        max_works_per_author=3,
        max_words=3000,
        max_minutes=30,
        rules_text=(
            f"{SAMPLE} Đối tượng: phóng viên, biên tập viên, cộng tác viên các cơ quan báo "
            "chí. Mỗi tác giả hoặc nhóm tác giả gửi không quá ba tác phẩm đã đăng, phát "
            "trong năm 2023. Giải A, B, C và khuyến khích cho mỗi loại hình."
        ),
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn Mẫu",
        is_sample=True,
    )
    media = list(contest.media.all())
    for medium in media:
        for i, (label, amount) in enumerate(
            (
                ("Giải A", 5_000_000),
                ("Giải B", 3_000_000),
                ("Giải C", 2_000_000),
                ("Giải Khuyến khích", 1_000_000),
            )
        ):
            services.add_prize_tier(
                actor=secretary,
                contest=contest,
                medium=medium,
                name=label,
                quota=1,
                amount=amount,
                position=i,
            )
    collective = services.add_prize_tier(
        actor=secretary,
        contest=contest,
        medium=None,
        name="Giải tập thể",
        quota=1,
        amount=5_000_000,
    )
    services.open_contest(actor=secretary, contest=contest)
    contest.refresh_from_db()
    journalist = get_user_model().objects.filter(username=JOURNALIST[0]).first()
    entrants = [
        journalist.contest_entrant
        if journalist is not None
        else services.register_entrant(
            email="nhabao.demo@example.vn",
            password=JOURNALIST[1],
            full_name=JOURNALIST[2],
            pen_name=JOURNALIST[3],
            phone="0912300000",
            outlet=outlets[1],
            send=False,
            verified=True,
            username=JOURNALIST[0],
        )
    ]
    for i in range(1, 12):
        name = f"{FAMILY[i % 6]} {GIVEN[i % 5]}"
        entrants.append(
            services.register_entrant(
                email=f"nhabao.mau{i}@example.vn",
                password=JOURNALIST[1],
                full_name=name,
                phone=f"09123{i:05d}",
                outlet=outlets[i % 2],
                send=False,
                verified=True,
                username=f"mau.nhabao.{i}",
            )
        )
    entries = []
    for n in range(30):
        medium = media[n % 4]
        entrant = entrants[n % 12]
        outlet = outlets[0] if medium.kind in ("print", "online") else outlets[1]
        entry = services.submit_entry(
            entrant=entrant,
            contest=contest,
            medium=medium,
            title=f"{TOPICS[n % 8]} ({'kỳ' if n % 3 else 'phần'} {n // 8 + 1})",
            outlet=outlet,
            published_on=date(YEAR, 1 + n % 9, 5 + n % 20),
            placement=f"Số {100 + n}, trang 3" if medium.kind == "print" else "Thời sự 18 giờ",
            url=f"https://baobacgiang.vn/mau/{n}" if medium.kind == "online" else "",
            length=10,
            declarations={
                "not_awarded_elsewhere": True,
                "not_entered_elsewhere": True,
                "grants_rights": True,
            },
            files=_files(medium.kind),
            now=_at(date(YEAR, 6 + n % 4, 10)),
            is_sample=True,
        )
        if n in (7, 19):
            services.refuse_entry(
                actor=secretary,
                entry=entry,
                reason="Tác phẩm đăng năm 2022.",
                at=_at(date(YEAR, 10, 5)),
                tell=False,
            )
        else:
            entries.append(
                services.accept_entry(
                    actor=secretary, entry=entry, at=_at(date(YEAR, 10, 5)), tell=False
                )
            )
    services.start_judging(actor=secretary, contest=contest)
    contest.refresh_from_db()
    criteria = [
        services.CriterionSpec("Nội dung, tư tưởng", 40, Decimal("2")),
        services.CriterionSpec("Hình thức thể hiện", 30),
        services.CriterionSpec("Tính sáng tạo, hiệu quả", 30),
    ]
    rounds = [
        services.add_round(
            actor=secretary,
            contest=contest,
            number=1,
            name="Vòng sơ khảo",
            starts_on=date(YEAR, 10, 20),
            ends_on=date(YEAR, 11, 5),
            media=media,
            criteria=criteria,
            finalists_per_medium=5,
        ),
        services.add_round(
            actor=secretary,
            contest=contest,
            number=2,
            name="Vòng chung khảo",
            starts_on=date(YEAR, 11, 10),
            ends_on=date(YEAR, 11, 25),
            media=media,
            criteria=criteria,
            awards_prizes=True,
        ),
    ]
    for juror in jurors[:3]:
        services.add_juror(actor=secretary, round=rounds[0], user=juror)
    for juror in jurors[3:]:
        services.add_juror(actor=secretary, round=rounds[1], user=juror)
    for rnd in rounds:
        services.open_round(actor=secretary, round=rnd, notify_jurors=False)
        for k, review in enumerate(Review.objects.filter(round=rnd).select_related("juror__user")):
            base = 18 + (review.entry_id * 7 + k) % 22
            values = {
                c.pk: (min(c.maximum, base * c.maximum // 40), "") for c in rnd.criteria.all()
            }
            services.save_scores(actor=review.juror.user, review=review, values=values)
        services.close_round(actor=secretary, round=rnd)
        services.sign_minutes(actor=secretary, round=rnd)
    services.award_collective(
        actor=secretary,
        contest=contest,
        tier=collective,
        organisation=outlets[1],
        reason="Đơn vị có nhiều tác phẩm đoạt giải",
        on=date(YEAR, 12, 1),
    )
    services.issue_decision(
        actor=secretary,
        contest=contest,
        number="215/QĐ-SLĐTBXH",
        on=date(YEAR, 12, 1),
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn Mẫu",
    )
    say(
        f"Cuộc thi báo chí: {len(entries) + 2} tác phẩm, {len(entries)} hợp lệ, hai vòng chấm, "
        "quyết định trao giải 01/12/2023.\n"
    )
    return accounts


DEMO_NEEDS = ("organisations", "planning", "reporting")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_contests(stdout=stdout, with_users=with_users))
