"""The set-up screens and bulk moderation: the campaign owner (D1's officer) creates a campaign
on its 2.6 activity (hashtags, invited platforms, dates), finds it listed, edits it and names its
moderators; the moderator approves or rejects several pending items at once with one reason —
each through the one transition helper, one status event each, in one transaction. A foreign
officer gets 404, a visible but refused action 403, bad input a Vietnamese error and nothing
written."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from giamngheo.campaigns.models import Campaign, Platform, Submission
from giamngheo.core.models import StatusEvent

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def campaign_data(cworld, **overrides) -> dict:
    data = {
        "activity": cworld.activity.pk,
        "name": "Chia sẻ câu chuyện thoát nghèo năm 2024",
        "slug": "",
        "hashtags": "#ThoatNgheo #GiamNgheoBenVung",
        "starts_on": "15/11/2023",
        "ends_on": "31/12/2023",
        "platforms": [p.pk for p in Platform.objects.filter(code__in=("tiktok", "youtube"))],
        "themes": [cworld.activity.contents.first().pk],
        "communes": [cworld.units["C1a"].pk],
        "description": "Mời người dân chia sẻ video về giảm nghèo.",
        "rules": "Đăng video kèm hashtag, gửi liên kết tại Cổng.",
        "report_threshold": "3",
    }
    data.update(overrides)
    return data


def _created() -> Campaign:
    return Campaign.objects.get(slug="chia-se-cau-chuyen-thoat-ngheo-nam-2024")


def test_owner_creates_lists_and_edits_a_campaign(cworld):
    client = _client(cworld.users["district_officer"])
    listing = client.get(reverse("chien-dich:index")).content.decode()
    assert reverse("campaigns_new") in listing
    form = client.get(reverse("campaigns_new"))
    assert form.status_code == 200
    assert "Hoạt động của kế hoạch (mục 2.6)" in form.content.decode()
    response = client.post(reverse("campaigns_new"), campaign_data(cworld))
    campaign = _created()
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns_moderators", args=[campaign.pk])
    assert campaign.hashtag_list == ["#ThoatNgheo", "#GiamNgheoBenVung"]
    assert (campaign.starts_on, campaign.ends_on) == (date(2023, 11, 15), date(2023, 12, 31))
    assert sorted(campaign.platforms.values_list("code", flat=True)) == ["tiktok", "youtube"]
    assert list(campaign.communes.all()) == [cworld.units["C1a"]]
    assert campaign.report_threshold == 3
    assert campaign.created_by == cworld.users["district_officer"]
    listing = client.get(reverse("chien-dich:index")).content.decode()
    assert "Chia sẻ câu chuyện thoát nghèo năm 2024" in listing
    inspect = client.get(reverse("chien-dich:inspect", args=[campaign.pk])).content.decode()
    assert reverse("campaigns_edit", args=[campaign.pk]) in inspect
    assert reverse("campaigns_moderators", args=[campaign.pk]) in inspect
    edit_url = reverse("campaigns_edit", args=[campaign.pk])
    edit = client.get(edit_url).content.decode()
    assert 'value="15/11/2023"' in edit and 'value="31/12/2023"' in edit
    assert 'value="#ThoatNgheo #GiamNgheoBenVung"' in edit
    changed = campaign_data(cworld, name="Câu chuyện thoát nghèo 2024", ends_on="15/01/2024")
    changed["platforms"].append(Platform.objects.get(code="facebook").pk)
    response = client.post(edit_url, changed)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "Câu chuyện thoát nghèo 2024"
    assert campaign.ends_on == date(2024, 1, 15)
    assert campaign.platforms.count() == 3


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": "01/11/2023"}, "Ngày kết thúc phải sau ngày bắt đầu."),
        ({"starts_on": "32/11/2023"}, "Ngày không hợp lệ, ví dụ 15/11/2023."),
        ({"hashtags": "GiamNgheo"}, "Hashtag không hợp lệ: GiamNgheo"),
        ({"platforms": []}, "Trường này là bắt buộc."),
        ({"report_threshold": "2,5"}, None),
        ({"slug": "lan-toa-thong-diep"}, "Đường dẫn này đã được một chiến dịch khác dùng."),
    ],
)
def test_campaign_bad_input_is_refused_in_vietnamese(cworld, overrides, message):
    client = _client(cworld.users["district_officer"])
    response = client.post(reverse("campaigns_new"), campaign_data(cworld, **overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-message"' in page
    if message:
        assert message in page
    assert Campaign.objects.count() == 2


def test_owner_assigns_and_removes_moderators(cworld):
    client = _client(cworld.users["district_officer"])
    url = reverse("campaigns_moderators", args=[cworld.other.pk])
    page = client.get(url).content.decode()
    assert "Chưa giao người kiểm duyệt" in page
    response = client.post(url, {"account": "kiemduyet@example.vn"})
    assert response.status_code == 302
    assert list(cworld.other.moderators.all()) == [cworld.users["moderator"]]
    assert "moderator" in client.get(url).content.decode()
    # a citizen's account, an unknown one, one already assigned: refused, nothing written
    for account, message in (
        ("citizen", "Người kiểm duyệt phải là cán bộ có tài khoản quản trị đang hiệu lực."),
        ("khong.co.ai", "Không tìm thấy tài khoản này."),
        ("moderator", "Người này đã là người kiểm duyệt của chiến dịch."),
    ):
        response = client.post(url, {"account": account})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert cworld.other.moderators.count() == 1
    remove = reverse(
        "campaigns_moderator_remove", args=[cworld.other.pk, cworld.users["moderator"].pk]
    )
    assert client.post(remove).status_code == 302
    assert not cworld.other.moderators.exists()


def test_set_up_screens_refuse_foreign_and_unauthorised_users(cworld):
    campaign = cworld.campaign
    foreign = _client(cworld.users["other_commune_officer"])  # another district's commune
    assert foreign.get(reverse("campaigns_new")).status_code == 403
    assert foreign.post(reverse("campaigns_new"), campaign_data(cworld)).status_code == 403
    for name in ("campaigns_edit", "campaigns_moderators"):
        for pk in (campaign.pk, cworld.other.pk + 1):
            assert foreign.get(reverse(name, args=[pk])).status_code == 404
    assert (
        foreign.post(
            reverse("campaigns_moderator_remove", args=[campaign.pk, cworld.users["moderator"].pk])
        ).status_code
        == 404
    )
    # the moderator sees the campaign but does not own it: 403 on its set-up screens
    moderator = _client(cworld.users["moderator"])
    assert moderator.get(reverse("campaigns_edit", args=[campaign.pk])).status_code == 403
    response = moderator.post(
        reverse("campaigns_moderators", args=[campaign.pk]), {"account": "district_officer"}
    )
    assert response.status_code == 403
    outsider = _client(cworld.users["outsider"])
    response = outsider.get(reverse("campaigns_new"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Campaign.objects.count() == 2
    assert list(campaign.moderators.all()) == [cworld.users["moderator"]]


# --- bulk moderation -----------------------------------------------------------------------------


def _three(cworld):
    return [
        cworld.submit(title=f"Video thoát nghèo số {i}", contact=f"0912 345 67{i}")
        for i in range(3)
    ]


def _events(items, to_status=None):
    found = StatusEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Submission),
        object_id__in=[i.pk for i in items],
    ).exclude(from_status="")
    if to_status:
        found = found.filter(to_status=to_status)
    return found


CHECKS = {"opened": "on", "on_topic": "on", "lawful": "on", "people_consent": "on"}


def test_bulk_approval_of_three_items_writes_three_status_events(cworld):
    items = _three(cworld)
    client = _client(cworld.users["moderator"])
    queue = client.get(reverse("campaigns_queue")).content.decode()
    for item in items:
        assert re.search(rf'name="items"\s+value="{item.pk}"', queue)
    assert 'id="btn-bulk"' in queue
    response = client.post(
        reverse("campaigns_bulk"),
        {
            "items": [i.pk for i in items],
            "decision": "approve",
            "reason": "Đúng chủ đề",
            "next": "/admin/chien-dich/kiem-duyet/?trang_thai=pending",
            **CHECKS,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/admin/chien-dich/kiem-duyet/?trang_thai=pending"
    assert "Đã duyệt 3 bài" in response.content.decode()
    assert set(Submission.objects.values_list("status", flat=True)) == {"approved"}
    events = _events(items)
    assert events.count() == 3
    assert set(events.values_list("from_status", "to_status", "reason", "actor")) == {
        ("pending", "approved", "Đúng chủ đề", cworld.users["moderator"].pk)
    }


def test_bulk_rejection_gives_each_item_the_one_reason(cworld):
    items = _three(cworld)
    client = _client(cworld.users["moderator"])
    response = client.post(
        reverse("campaigns_bulk"),
        {"items": [i.pk for i in items], "decision": "reject", "reason": "Không đúng chủ đề"},
    )
    assert response.status_code == 302
    rows = Submission.objects.filter(pk__in=[i.pk for i in items])
    assert set(rows.values_list("status", "reason")) == {("rejected", "Không đúng chủ đề")}
    assert _events(items, "rejected").count() == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "reject", "reason": ""}, "Vui lòng nêu lý do để người gửi được biết."),
        (
            {"decision": "approve", "opened": "on"},
            "Vui lòng đánh dấu đủ các nội dung đã kiểm tra trước khi duyệt.",
        ),
        ({"decision": ""}, "Trường này là bắt buộc."),
    ],
)
def test_bulk_bad_input_moves_nothing(cworld, data, message):
    items = _three(cworld)
    client = _client(cworld.users["moderator"])
    response = client.post(
        reverse("campaigns_bulk"), {"items": [i.pk for i in items], **data}, follow=True
    )
    assert message in response.content.decode()
    assert set(Submission.objects.values_list("status", flat=True)) == {"pending"}
    assert _events(items).count() == 0


def test_bulk_with_one_item_no_longer_pending_moves_none(cworld):
    items = _three(cworld)
    client = _client(cworld.users["moderator"])
    client.post(
        reverse("campaigns_bulk"),
        {"items": [items[1].pk], "decision": "reject", "reason": "Trùng bài"},
    )
    response = client.post(
        reverse("campaigns_bulk"),
        {"items": [i.pk for i in items], "decision": "approve", **CHECKS},
        follow=True,
    )
    page = response.content.decode()
    assert "Bài “Video thoát nghèo số 1”: Không thể chuyển bài tham gia" in page
    assert list(Submission.objects.order_by("pk").values_list("status", flat=True)) == [
        "pending",
        "rejected",
        "pending",
    ]
    assert _events(items).count() == 1


def test_bulk_refuses_foreign_items_and_non_moderators(cworld):
    items = _three(cworld)
    foreign = cworld.submit(campaign=cworld.other, title="Bài của chiến dịch khác")
    moderator = _client(cworld.users["moderator"])
    data = {"decision": "reject", "reason": "Không đúng chủ đề"}
    # a campaign the moderator does not moderate is out of their reach: 404, nothing moved
    response = moderator.post(
        reverse("campaigns_bulk"), {"items": [items[0].pk, foreign.pk], **data}
    )
    assert response.status_code == 404
    ghost = moderator.post(reverse("campaigns_bulk"), {"items": [foreign.pk + 1], **data})
    assert ghost.status_code == 404
    # the owner sees the items but does not moderate them: 403
    owner = _client(cworld.users["district_officer"])
    response = owner.post(reverse("campaigns_bulk"), {"items": [items[0].pk], **data})
    assert response.status_code == 403
    outsider = _client(cworld.users["outsider"])
    assert (
        outsider.post(reverse("campaigns_bulk"), {"items": [items[0].pk], **data}).status_code
        == 302
    )
    assert set(Submission.objects.values_list("status", flat=True)) == {"pending"}
    assert moderator.get(reverse("campaigns_bulk")).status_code == 405


def test_demo_owner_edits_the_2023_campaign_and_moderator_bulk_approves(db):
    from django.contrib.auth import get_user_model

    from giamngheo.campaigns.demo import load_demo_campaigns
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting

    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_reporting()
    load_demo_campaigns(with_users=True)
    users = get_user_model().objects
    campaign = Campaign.objects.get(is_sample=True)
    communes = sorted(campaign.communes.values_list("pk", flat=True))
    assert communes  # the 2023 campaign's communes are those of the districts before 2025
    owner = _client(users.get(username="quantri.tinh"))
    edit_url = reverse("campaigns_edit", args=[campaign.pk])
    page = owner.get(edit_url).content.decode()
    assert f'value="{campaign.starts_on:%d/%m/%Y}"' in page
    data = {
        "name": campaign.name,
        "hashtags": campaign.hashtags,
        "starts_on": f"{campaign.starts_on:%d/%m/%Y}",
        "ends_on": f"{campaign.ends_on:%d/%m/%Y}",
        "platforms": list(campaign.platforms.values_list("pk", flat=True)),
        "themes": list(campaign.themes.values_list("pk", flat=True)),
        "communes": communes,
        "description": campaign.description,
        "rules": campaign.rules,
        "report_threshold": "5",
    }
    assert owner.post(edit_url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.report_threshold == 5
    assert sorted(campaign.communes.values_list("pk", flat=True)) == communes
    # the demo moderator approves the one pending item from the queue's bulk form
    moderator = _client(users.get(username="kiemduyet.chiendich"))
    pending = list(Submission.objects.filter(status="pending"))
    assert len(pending) == 1
    response = moderator.post(
        reverse("campaigns_bulk"),
        {"items": [pending[0].pk], "decision": "approve", **CHECKS},
        follow=True,
    )
    assert "Đã duyệt 1 bài" in response.content.decode()
    assert _events(pending, "approved").count() == 1
