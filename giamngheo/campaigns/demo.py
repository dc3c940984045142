"""Demo data (marked sample) telling the 2023 story of the demo news "Lan tỏa thông điệp giảm
nghèo trên mạng xã hội và nền tảng số" (16/08/2023): the Department's online campaign from
01/08 to 31/10/2023 in the communes of Tân Yên, Yên Thế and Lục Ngạn, on Facebook, Zalo,
TikTok, YouTube and the news sites; the communes' Youth Union members send 40 posts, reportages
and videos; the moderator ``kiemduyet.chiendich`` approves most, rejects five with their
reasons, one video is taken down at the request of the family filmed (seven hours after it), one
is still waiting; a few submitters declare their views with a screenshot.

Built through the services; the sample contacts are nobody's, so no code or notice is sent
(``deliver=False``, ``notify_moderators=False``, ``tell_submitter=False``). A second run adds
nothing. Needs the demo accounts (``with_users``) for the moderator.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.enums import Role, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.services import create_membership, create_staff_account
from giamngheo.planning import services as planning
from giamngheo.planning.demo import ISSUING_BODY_NAME, TITLE, YEAR
from giamngheo.planning.enums import ActivityStatus
from giamngheo.planning.models import Plan, SubPlan

from . import services
from .models import Campaign, Platform

SAMPLE = "[Dữ liệu mẫu]"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SLUG = "lan-toa-thong-diep-giam-ngheo-2023"
NAME = "Lan tỏa thông điệp giảm nghèo trên mạng xã hội và nền tảng số"
MODERATOR = ("kiemduyet.chiendich", "LanToa#Demo2023")
DISTRICTS = ("Huyện Tân Yên", "Huyện Yên Thế", "Huyện Lục Ngạn")
LEGACY_LAST_DAY = date(2025, 6, 30)
STARTS, ENDS = date(YEAR, 8, 1), date(YEAR, 10, 31)
CHECKS = {"opened": True, "on_topic": True, "lawful": True, "people_consent": True}

# (platform code, kind, title); cycled over the communes.
ITEMS = [
    ("tiktok", "video", "Hành trình thoát nghèo của gia đình chị Lan"),
    ("facebook", "post", "Hỏi – đáp: hộ cận nghèo được hỗ trợ những gì?"),
    ("tiktok", "video", "Mô hình nuôi gà đồi giúp bà con thoát nghèo"),
    ("youtube", "reportage", "Phóng sự: Con đường mới về thôn bản"),
    ("facebook", "photo", "Tranh cổ động “Không để ai bị bỏ lại phía sau”"),
    ("tiktok", "video", "60 giây về chuẩn nghèo đa chiều"),
    ("zalo", "post", "Thông báo vay vốn ưu đãi cho hộ nghèo tại xã"),
    ("facebook", "article", "Câu chuyện người thợ trẻ học nghề rồi lập nghiệp"),
    ("youtube", "video", "Nhà Đại đoàn kết về đích trước mùa mưa"),
    ("tiktok", "video", "Cảnh giác với dịch vụ “chạy hộ nghèo” thu phí"),
    ("bao-dien-tu", "article", "Xã vùng cao đổi thay nhờ chương trình giảm nghèo"),
    ("facebook", "post", "Lịch tiếp nhận hồ sơ hỗ trợ học nghề tháng 9"),
    ("tiktok", "reportage", "Một ngày cùng cán bộ giảm nghèo ở bản"),
]
# Indexes (in the order of creation) of the rejected items with their reasons, of the item taken
# down on request, and of the one still waiting.
REJECTED = {
    5: "Video đăng lại của người khác, không phải bài của bạn.",
    12: "Liên kết dẫn tới trang quảng cáo, không thuộc chủ đề chiến dịch.",
    19: "Ảnh có biển số xe và khuôn mặt trẻ em chưa được đồng ý.",
    26: "Nội dung trùng với bài đã gửi trước đó.",
    33: "Bài viết có thông tin sai về mức hỗ trợ vay vốn.",
}
TAKEN_DOWN = 8
WAITING = 39
TOTAL = 40
REACH = {0: (12_400, 310), 3: (5_200, 96), 9: (21_800, 1_045), 15: (3_100, 42)}


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=HCM)


def _card(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw  # noqa: PLC0415 (only the demo draws)

    image = Image.new("RGB", (360, 480), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((18, 18, 342, 462), outline=(255, 255, 255), width=5)
    draw.ellipse((140, 200, 220, 280), outline=(255, 255, 255), width=5)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


COLOURS = {
    "tiktok": (30, 30, 40),
    "facebook": (24, 85, 160),
    "youtube": (170, 30, 30),
    "zalo": (0, 104, 255),
    "bao-dien-tu": (0, 110, 80),
}


def _url(platform: str, n: int) -> str:
    return {
        "tiktok": f"https://www.tiktok.com/@doanthanhnien.mau{n:02d}/video/72{n:017d}",
        "facebook": f"https://www.facebook.com/doanthanhnien.mau/posts/{900000 + n}",
        "youtube": f"https://www.youtube.com/watch?v=mauDemo{n:04d}",
        "zalo": f"https://zalo.me/p/mau{n:04d}",
        "bao-dien-tu": f"https://baobacgiang.vn/xa-hoi/mau-giam-ngheo-{n}.html",
    }[platform]


def _moderator(body: Organisation):
    User = get_user_model()
    username, password = MODERATOR
    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_staff_account(
            username=username,
            password=password,
            first_name="Kiểm duyệt",
            last_name="chiến dịch",
            email="kiemduyet.chiendich@example.vn",
        )
    if not Membership.objects.filter(user=user, organisation=body).exists():
        create_membership(
            user=user,
            organisation=body,
            role=Role.EDITOR,
            position="Biên tập viên Cổng, kiểm duyệt bài chiến dịch truyền thông số",
            valid_from=date(YEAR, 1, 1),
        )
    return user


def _activity(plan: Plan, body: Organisation, actor):
    items = {i.code: i for i in plan.items.all()}
    title = f"{SAMPLE} Chiến dịch truyền thông về giảm nghèo trên mạng xã hội và nền tảng số"
    subplan = SubPlan.objects.filter(plan=plan, organisation=body).first()
    if subplan is None:
        subplan = planning.create_subplan(
            actor=actor,
            plan=plan,
            organisation=body,
            title=f"{SAMPLE} Kế hoạch truyền thông năm {YEAR} của {body.name}",
        )
    found = subplan.activities.filter(title=title).first()
    if found is not None:
        return found
    return planning.create_activity(
        actor=actor,
        subplan=subplan,
        title=title,
        form=items["2.6"],
        contents=[items["1.2"]],
        units=[body.unit],
        start_date=STARTS,
        end_date=ENDS,
        status=ActivityStatus.DONE,
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=30_000_000, spent=0
            )
        ],
    )


def _submit(campaign, *, n, platform, kind, title, commune, now):
    contact = f"0389{n:06d}"
    _row, code = services.issue_contact_code(
        campaign=campaign, channel="sms", contact=contact, now=now, deliver=False
    )
    return services.submit_entry(
        campaign=campaign,
        kind=kind,
        title=title,
        description=f"{SAMPLE} Bài của đoàn viên thanh niên {commune.name}, huyện "
        f"{commune.parent.name.removeprefix('Huyện ')}.",
        commune=commune,
        url=_url(platform, n),
        author_name=f"Chi đoàn {commune.name}",
        consent_show=True,
        consent_people=True,
        contact_channel="sms",
        contact=contact,
        code=code,
        now=now,
        notify_moderators=False,
    )


@transaction.atomic
def load_demo_campaigns(*, stdout=None, with_users: bool = False) -> list:
    say = stdout.write if stdout else (lambda _m: None)
    plan = Plan.objects.filter(year=YEAR, title=TITLE, issuing_body_name=ISSUING_BODY_NAME).first()
    body = (
        Organisation.objects.filter(is_lead=True, unit__level=UnitLevel.PROVINCE)
        .order_by("pk")
        .first()
    )
    if plan is None or body is None or not with_users:
        say("Chiến dịch số: cần kế hoạch năm 2023 và tài khoản mẫu, bỏ qua.\n")
        return []
    moderator = _moderator(body)
    account = [
        (MODERATOR[0], MODERATOR[1], "Người kiểm duyệt chiến dịch truyền thông số (Sở LĐTBXH)")
    ]
    if Campaign.objects.filter(slug=SLUG).exists():
        say("Chiến dịch số: đã có, không tạo lại.\n")
        return account
    admin = get_user_model().objects.filter(username="quantri.tinh").first() or moderator
    communes = list(
        AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE, parent__name__in=DISTRICTS, parent__valid_to=LEGACY_LAST_DAY
        )
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    activity = _activity(plan, body, admin)
    campaign = services.create_campaign(
        actor=admin,
        activity=activity,
        name=NAME,
        slug=SLUG,
        hashtags="#GiamNgheoBenVung #KhongDeAiBiBoLai #BacGiang",
        starts_on=STARTS,
        ends_on=ENDS,
        description=(
            f"{SAMPLE} Chiến dịch truyền thông trực tuyến về giảm nghèo: phóng sự ngắn, tranh cổ "
            "động, bài hỏi – đáp về chính sách, khuyến khích người dân cùng chia sẻ thông tin "
            "chính thống trên mạng xã hội và nền tảng số."
        ),
        rules=(
            "1. Đăng bài, ảnh, video về giảm nghèo ở địa phương trên Facebook, Zalo, TikTok, "
            "YouTube hoặc báo điện tử, kèm hashtag #GiamNgheoBenVung.\n"
            "2. Gửi liên kết bài đăng tại Cổng, xác minh bằng mã gửi qua tin nhắn.\n"
            "3. Bài được hiển thị sau khi ban tổ chức kiểm duyệt; người xuất hiện trong ảnh, "
            "video phải đồng ý.\n"
            "4. Không đăng thông tin cá nhân của hộ nghèo, không quảng cáo, không thu phí."
        ),
        platforms=list(Platform.objects.filter(is_active=True)),
        themes=[plan.items.get(code="1.2")],
        communes=communes,
        moderators=[moderator],
        is_sample=True,
    )
    thumbnails = {code: _card(colour) for code, colour in COLOURS.items()}
    made = []
    for n in range(TOTAL):
        platform, kind, title = ITEMS[n % len(ITEMS)]
        commune = communes[(n * 7) % len(communes)]
        sent = _at(STARTS + timedelta(days=4 + n * 2), 8 + n % 10, (n * 13) % 60)
        item = _submit(
            campaign, n=n, platform=platform, kind=kind, title=title, commune=commune, now=sent
        )
        decided = sent + timedelta(hours=20)
        if n == WAITING:
            pass
        elif n in REJECTED:
            item = services.reject_submission(
                actor=moderator, submission=item, reason=REJECTED[n], at=decided,
                tell_submitter=False,
            )  # fmt: skip
        else:
            item = services.approve_submission(
                actor=moderator,
                submission=item,
                checks=CHECKS,
                note="Đã mở liên kết, xem toàn bộ nội dung (mẫu)",
                thumbnail=SimpleUploadedFile("the.png", thumbnails[platform]),
                at=decided,
                tell_submitter=False,
            )
        made.append(item)
    down = made[TAKEN_DOWN]
    requested = _at(down.decided_at.astimezone(HCM).date() + timedelta(days=3), 8, 15)
    services.take_down_submission(
        actor=moderator,
        submission=down,
        requested_at=requested,
        reason="Gia đình xuất hiện trong video đề nghị gỡ vì lý do riêng (đơn gửi qua xã).",
        now=requested + timedelta(hours=7, minutes=25),
    )
    services.set_featured(actor=moderator, submission=made[0], featured=True)
    services.set_featured(actor=moderator, submission=made[3], featured=True)
    for n, (views, shares) in REACH.items():
        services.declare_reach(
            submission=made[n],
            declared_by="submitter",
            views=views,
            shares=shares,
            evidence=SimpleUploadedFile("so-lieu.png", thumbnails["facebook"]),
            on=ENDS,
        )
    approved = TOTAL - len(REJECTED) - 2
    say(
        f"Chiến dịch số: “{NAME}”, {TOTAL} bài ({approved} đã duyệt, {len(REJECTED)} không "
        "duyệt, 1 gỡ theo yêu cầu, 1 chờ kiểm duyệt).\n"
    )
    return account


DEMO_NEEDS = ("organisations", "planning", "reporting")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    return DemoLoad(accounts=load_demo_campaigns(stdout=stdout, with_users=with_users))
