"""The demo story of item 2.6 (marked sample): the campaign of the demo news, 40 submissions
across the platforms, most approved, five rejected with reasons, one taken down on request, one
waiting; the moderator kiemduyet.chiendich; idempotent; nothing sent to the sample contacts."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from django.core import mail


@pytest.fixture
def demo(db):
    from giamngheo.campaigns.demo import load_demo_campaigns
    from giamngheo.core import channels
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting

    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_reporting()
    channels.outbox.clear()
    mail.outbox.clear()
    out = io.StringIO()
    accounts = load_demo_campaigns(stdout=out, with_users=True)
    return out.getvalue(), accounts


def test_demo_tells_the_2023_story(demo, django_capture_on_commit_callbacks):
    from giamngheo.campaigns import selectors
    from giamngheo.campaigns.models import Campaign, Submission
    from giamngheo.core import channels
    from giamngheo.planning import registry

    text, accounts = demo
    assert accounts == [
        (
            "kiemduyet.chiendich",
            "LanToa#Demo2023",
            "Người kiểm duyệt chiến dịch truyền thông số (Sở LĐTBXH)",
        )
    ]
    assert text == (
        "Chiến dịch số: “Lan tỏa thông điệp giảm nghèo trên mạng xã hội và nền tảng số”, 40 bài "
        "(33 đã duyệt, 5 không duyệt, 1 gỡ theo yêu cầu, 1 chờ kiểm duyệt).\n"
    )
    campaign = Campaign.objects.get()
    assert (campaign.starts_on, campaign.ends_on, campaign.is_sample) == (
        date(2023, 8, 1),
        date(2023, 10, 31),
        True,
    )
    assert campaign.description.startswith("[Dữ liệu mẫu]")
    statuses = Counter(Submission.objects.values_list("status", flat=True))
    assert statuses == {"approved": 33, "rejected": 5, "taken_down": 1, "pending": 1}
    platforms = Counter(Submission.objects.values_list("platform__code", flat=True))
    assert platforms == {"tiktok": 16, "facebook": 12, "youtube": 6, "zalo": 3, "bao-dien-tu": 3}
    down = Submission.objects.get(status="taken_down")
    assert down.takedown_hours == 7.4
    assert all(s.is_sample for s in Submission.objects.all())
    assert Submission.objects.filter(status="rejected").exclude(reason="").count() == 5
    assert len(selectors.gallery(campaign=campaign)) == 33
    assert channels.outbox == [] and mail.outbox == []  # no message to the sample contacts
    activity = campaign.activity
    counted = {
        code: registry.get_measure(code).count(
            type(activity).objects.filter(pk=activity.pk),
            start=date(2023, 1, 1),
            end=date(2023, 12, 31),
        )[activity.pk]
        for code in ("campaign.submissions", "campaign.approved", "campaign.participants")
    }
    assert counted == {
        "campaign.submissions": 40,
        "campaign.approved": 34,  # approved once, the item taken down later included
        "campaign.participants": 40,
    }


def test_the_demo_is_idempotent(demo):
    from giamngheo.campaigns.demo import load_demo_campaigns
    from giamngheo.campaigns.models import Submission

    out = io.StringIO()
    load_demo_campaigns(stdout=out, with_users=True)
    assert out.getvalue() == "Chiến dịch số: đã có, không tạo lại.\n"
    assert Submission.objects.count() == 40


def test_the_moderator_signs_in_to_the_queue(demo, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    user = get_user_model().objects.get(username="kiemduyet.chiendich")
    assert user.check_password("LanToa#Demo2023")
    client.force_login(user)
    page = client.get(reverse("campaigns_queue"))
    assert page.status_code == 200
    assert "1 bài" in page.text
