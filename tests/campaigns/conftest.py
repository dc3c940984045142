"""The campaigns cast, on the organisations cast (``world``): a plan whose item 2.6 is the
digital-communication form; the sub-plan of district D1's committee holds the activity of the
campaign, so D1's officer (``district_officer``) is its owner; ``moderator`` (a portal editor of
the department) is assigned to moderate it; the other commune's officer (C2a, another district)
is another unit. The campaign is open from 30 days ago to 30 days ahead, in C1a and C1b, and
invites every platform; a second campaign (``other``) of the same activity has no moderator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from giamngheo.core import channels
from giamngheo.organisations.enums import Role
from giamngheo.planning.enums import FormKind
from tests.factories import MembershipFactory, PlanFactory, _items
from tests.organisations.conftest import world

TIKTOK = "https://www.tiktok.com/@doanxa.c1a/video/7251234567890123456"
PHONE = "0912 345 678"


@dataclass
class CampaignsWorld:
    base: object
    plan: object
    activity: object
    campaign: object
    other: object

    @property
    def users(self):
        return self.base.users

    @property
    def units(self):
        return self.base.units

    def code_for(self, contact: str = PHONE, *, campaign=None, channel="sms", now=None) -> str:
        """Send a code and read it back from the in-memory outbox."""
        from giamngheo.campaigns import services

        channels.outbox.clear()
        mail.outbox.clear()
        services.send_contact_code(
            campaign=campaign or self.campaign, channel=channel, contact=contact, now=now
        )
        if channel == "email":
            return re.search(r"^(\d{6})$", mail.outbox[-1].body, re.M).group(1)
        return re.search(r": (\d{6}) ", channels.outbox[-1].text).group(1)

    def submit(self, *, campaign=None, contact=PHONE, now=None, **overrides):
        from giamngheo.campaigns import services

        campaign = campaign or self.campaign
        kwargs = {
            "campaign": campaign,
            "kind": "video",
            "title": "Hành trình thoát nghèo của gia đình chị Lan",
            "description": "Phóng sự ngắn của Đoàn Thanh niên xã.",
            "commune": self.units["C1a"],
            "url": TIKTOK,
            "consent_show": True,
            "consent_people": True,
            "contact_channel": "sms",
            "contact": contact,
            "client": "203.0.113.5",
            "now": now,
        }
        kwargs.update(overrides)
        if "code" not in kwargs:
            kwargs["code"] = self.code_for(
                contact, campaign=campaign, channel=kwargs["contact_channel"], now=now
            )
        return services.submit_entry(**kwargs)


def make_activity(base, plan, *, title="Chiến dịch truyền thông trên nền tảng số", day=None):
    from giamngheo.planning import services as planning

    items = {i.code: i for i in plan.items.all()}
    subplan = plan.subplans.filter(organisation=base.orgs["D1"]).first() or (
        planning.create_subplan(
            actor=base.users["province_admin"],
            plan=plan,
            organisation=base.orgs["D1"],
            title="Kế hoạch cụ thể của huyện T1",
        )
    )
    return planning.create_activity(
        actor=base.users["province_admin"],
        subplan=subplan,
        title=title,
        form=items["2.6"],
        contents=[items["1.2"]],
        units=[base.orgs["D1"].unit],
        start_date=day or date(2023, 4, 1),
        end_date=day or date(2023, 12, 31),
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=10_000_000, spent=0
            )
        ],
    )


def make_campaign(base, activity, *, slug, start, end, moderators=(), **kwargs):
    from giamngheo.campaigns import services
    from giamngheo.campaigns.models import Platform

    return services.create_campaign(
        actor=base.users["province_admin"],
        activity=activity,
        name=kwargs.pop("name", "Lan tỏa thông điệp giảm nghèo trên nền tảng số"),
        slug=slug,
        hashtags="#GiamNgheoBenVung #KhongDeAiBiBoLai",
        starts_on=start,
        ends_on=end,
        description="Chia sẻ câu chuyện vươn lên thoát nghèo ở địa phương.",
        rules="Đăng bài kèm hashtag, gửi liên kết tại Cổng.",
        platforms=kwargs.pop("platforms", None) or list(Platform.objects.all()),
        communes=kwargs.pop("communes", ()),
        moderators=moderators,
        themes=[activity.contents.first()],
        **kwargs,
    )


def build_plan(base):
    from giamngheo.planning.services import ItemSpec

    return PlanFactory(
        title="Kế hoạch thử chiến dịch số năm 2023",
        orgs=base.orgs,
        forms=[
            *_items(("2.1", "Truyền thông đại chúng.")),
            ItemSpec(code="2.6", text="Truyền thông trên Internet.", form_kind=FormKind.DIGITAL),
        ],
    )


@pytest.fixture
def cworld(world):
    channels.outbox.clear()
    moderator = MembershipFactory(
        user__username="moderator",
        user__email="kiemduyet@example.vn",
        organisation=world.orgs["so"],
        role=Role.EDITOR,
    ).user
    world.users["moderator"] = moderator
    plan = build_plan(world)
    activity = make_activity(world, plan)
    today = timezone.localdate()
    campaign = make_campaign(
        world,
        activity,
        slug="lan-toa-thong-diep",
        start=today - timedelta(days=30),
        end=today + timedelta(days=30),
        moderators=[moderator],
        communes=[world.units["C1a"], world.units["C1b"]],
    )
    other = make_campaign(
        world,
        activity,
        slug="chien-dich-khac",
        name="Chiến dịch khác",
        start=today - timedelta(days=30),
        end=today + timedelta(days=30),
    )
    return CampaignsWorld(base=world, plan=plan, activity=activity, campaign=campaign, other=other)


__all__ = ["PHONE", "TIKTOK", "CampaignsWorld", "cworld", "make_activity", "make_campaign", "world"]
