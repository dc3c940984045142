"""The contest cast, on the organisations world: the Department (``so``) organises; ``organiser``
is its officer (runs the contest, sees codes only), ``secretary`` its officer on the secretariat
(sees identities); three jurors with no staff role, ``juror3`` employed by the newspaper (its
entries are excluded from them); two journalists; an outsider. ``flow`` builds the contest up to
any stage of the story."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from giamngheo.organisations.enums import OrganisationKind, Role
from giamngheo.planning.enums import FormKind
from tests.factories import MembershipFactory, OrganisationFactory, PlanFactory, UserFactory
from tests.organisations.conftest import World, world  # noqa: F401

AUTHOR = "Phạm Thị Ngọc Ánh"
PEN = "Ngọc Sương"
COAUTHOR = "Lục Văn Quýnh"
AUTHOR2 = "Đinh Công Bằng"
EMAIL = "anh.pham@baomau.vn"
PHONE = "0987 654 321"
PAPER = "Báo Miền Núi Mẫu"
STATION = "Đài Phát thanh Mẫu"
SECRET_WORDS = (AUTHOR, PEN, COAUTHOR, AUTHOR2, EMAIL, "0987654321", PAPER, STATION)


def pdf_bytes(author: str = AUTHOR) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"3 0 obj\n<< /Author (" + author.encode("utf-8") + b") /Creator (Word) >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R /Info 3 0 R >>\n%%EOF\n"
    )


def mp3_bytes(artist: str = AUTHOR) -> bytes:
    text = artist.encode("utf-8")
    frame = b"TPE1" + len(text).to_bytes(4, "big") + b"\x00\x00" + text
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + syncsafe + frame + (b"\xff\xfb\x90\x00" + b"\x00" * 413) * 20


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@dataclass
class ContestWorld:
    base: World
    orgs: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    contest: object = None
    radio: object = None
    tv: object = None
    entrants: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    jurors: dict = field(default_factory=dict)

    def radio_files(self):
        return {
            "work": upload(f"{AUTHOR}.mp3", mp3_bytes()),
            "script": upload(f"kich-ban-{AUTHOR}.pdf", pdf_bytes()),
        }

    def submit(self, entrant=None, *, title, medium=None, outlet=None, **overrides):
        from giamngheo.contests import services

        medium = medium or self.radio
        kwargs = {
            "entrant": entrant or self.entrants[0],
            "contest": self.contest,
            "medium": medium,
            "title": title,
            "outlet": outlet or self.orgs["station"],
            "published_on": date(2023, 6, 1),
            "placement": "Chương trình Thời sự 18 giờ",
            "length": 10,
            "declarations": {
                "not_awarded_elsewhere": True,
                "not_entered_elsewhere": True,
                "grants_rights": True,
            },
            "coauthors": [(COAUTHOR, "")],
            "files": self.radio_files(),
        }
        kwargs.update(overrides)
        return services.submit_entry(**kwargs)


def build(w: World) -> ContestWorld:
    from giamngheo.contests import services
    from giamngheo.planning import services as planning
    from giamngheo.planning.services import ItemSpec

    cw = ContestWorld(base=w)
    so = w.orgs["so"]
    cw.orgs["so"] = so
    cw.orgs["paper"] = OrganisationFactory(name=PAPER, kind=OrganisationKind.PRESS, unit=so.unit)
    cw.orgs["station"] = OrganisationFactory(
        name=STATION, kind=OrganisationKind.BROADCASTER, unit=so.unit
    )
    for name in ("organiser", "secretary"):
        cw.users[name] = MembershipFactory(
            user__username=name, organisation=so, role=Role.UNIT_OFFICER
        ).user
    for name in ("province_admin", "outsider", "district_officer"):
        cw.users[name] = w.users[name]
    for i in (1, 2, 3):
        cw.users[f"juror{i}"] = UserFactory(
            username=f"juror{i}", first_name=f"Giám khảo {i}", email=f"gk{i}@example.vn"
        )
    plan = PlanFactory(
        orgs=w.orgs,
        year=2023,
        title="Kế hoạch truyền thông giảm nghèo năm 2023 (cuộc thi)",
        forms=[ItemSpec(code="2.2", text="Cuộc thi báo chí.", form_kind=FormKind.CONTEST)],
    )
    items = {i.code: i for i in plan.items.all()}
    subplan = planning.create_subplan(
        actor=w.users["province_admin"], plan=plan, organisation=so, title="Kế hoạch của Sở"
    )
    activity = planning.create_activity(
        actor=w.users["province_admin"],
        subplan=subplan,
        title="Cuộc thi tác phẩm báo chí về giảm nghèo",
        form=items["2.2"],
        contents=[items["1.1"]],
        units=[so.unit],
        start_date=date(2023, 5, 1),
        end_date=date(2023, 12, 31),
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=50_000_000, spent=0
            )
        ],
    )
    today = timezone.localdate()
    cw.contest = services.create_contest(
        actor=cw.users["organiser"],
        activity=activity,
        name="Cuộc thi tác phẩm báo chí về giảm nghèo năm 2023",
        slug="bao-chi-giam-ngheo-2023",
        organiser=so,
        entries_open=today - timedelta(days=10),
        entries_close=today + timedelta(days=10),
        published_from=date(2023, 1, 1),
        published_to=date(2023, 10, 31),
        media=[("radio", "Phát thanh"), ("tv", "Truyền hình")],
        secretariat=[cw.users["secretary"]],
        max_works_per_author=2,
        max_minutes=30,
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn Ký",
        rules_text="Thể lệ mẫu.",
    )
    cw.radio, cw.tv = list(cw.contest.media.all())
    for i, name in enumerate(("A", "B", "KK")):
        services.add_prize_tier(
            actor=cw.users["organiser"],
            contest=cw.contest,
            medium=cw.radio,
            name=f"Giải {name}",
            quota=1,
            amount=(5 - i) * 1_000_000,
            position=i,
        )
    cw.collective = services.add_prize_tier(
        actor=cw.users["organiser"],
        contest=cw.contest,
        medium=None,
        name="Giải tập thể",
        quota=1,
        amount=3_000_000,
    )
    services.open_contest(actor=cw.users["organiser"], contest=cw.contest)
    cw.contest.refresh_from_db()
    for username, full_name, pen, email, phone in (
        ("nb1", AUTHOR, PEN, EMAIL, PHONE),
        ("nb2", AUTHOR2, "", "bang@example.vn", "0912000111"),
    ):
        entrant = services.register_entrant(
            email=email,
            password="NhaBao#Demo2023",
            full_name=full_name,
            pen_name=pen,
            phone=phone,
            outlet=cw.orgs["station"],
            send=False,
            verified=True,
            username=username,
        )
        cw.entrants.append(entrant)
        cw.users[username] = entrant.user
    return cw


def to_judging(cw: ContestWorld, *, n: int = 3) -> None:
    """Entries sent and accepted; round 1 (3 jurors, juror3 at the paper) and round 2 set up."""
    from giamngheo.contests import services

    sec = cw.users["secretary"]
    titles = ["Bản làng đổi thay", "Con đường thoát nghèo", "Mùa cam Lục Ngạn", "Ánh sáng vùng cao"]
    for i in range(n):
        entrant = cw.entrants[i % 2]
        outlet = cw.orgs["paper"] if i == 2 else cw.orgs["station"]
        entry = cw.submit(entrant, title=titles[i], outlet=outlet)
        cw.entries.append(services.accept_entry(actor=sec, entry=entry, tell=False))
    org = cw.users["organiser"]
    services.start_judging(actor=org, contest=cw.contest)
    cw.contest.refresh_from_db()
    for number, name, dates, finalists, prizes in (
        (1, "Vòng sơ khảo", (date(2023, 11, 1), date(2023, 11, 10)), 2, False),
        (2, "Vòng chung khảo", (date(2023, 11, 15), date(2023, 11, 25)), 0, True),
    ):
        rnd = services.add_round(
            actor=org,
            contest=cw.contest,
            number=number,
            name=name,
            starts_on=dates[0],
            ends_on=dates[1],
            media=[cw.radio, cw.tv],
            finalists_per_medium=finalists,
            awards_prizes=prizes,
            criteria=[
                services.CriterionSpec("Nội dung, tư tưởng", 40, Decimal("2")),
                services.CriterionSpec("Hình thức thể hiện", 30),
                services.CriterionSpec("Tính sáng tạo", 30, required=False),
            ],
        )
        cw.rounds.append(rnd)
    for i in (1, 2, 3):
        employer = cw.orgs["paper"] if i == 3 else None
        cw.jurors[i] = services.add_juror(
            actor=org, round=cw.rounds[0], user=cw.users[f"juror{i}"], employer=employer
        )
    for i in (1, 2):
        services.add_juror(actor=org, round=cw.rounds[1], user=cw.users[f"juror{i}"])


def score(cw, juror_no: int, entry, values, *, round_index: int = 0, abstain=False):
    from giamngheo.contests import services
    from giamngheo.contests.models import Review

    review = Review.objects.get(
        round=cw.rounds[round_index], juror__user=cw.users[f"juror{juror_no}"], entry=entry
    )
    criteria = list(cw.rounds[round_index].criteria.all())
    return services.save_scores(
        actor=cw.users[f"juror{juror_no}"],
        review=review,
        values={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
        abstain=abstain,
    )


@pytest.fixture
def cw(world):  # noqa: F811
    return build(world)
