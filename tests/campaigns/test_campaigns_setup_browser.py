"""The set-up screens and the queue's bulk form in a browser, at 375 and 1366 px: the owner
creates a campaign and names its moderator; the moderator approves three pending items at once.
Screenshots go to test-artifacts/ (looked at: every label Vietnamese, dates 15/11/2023, no
sideways scroll)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from giamngheo.campaigns.models import Campaign, Submission
from giamngheo.core.models import StatusEvent
from tests.browser import shot, sign_in
from tests.campaigns.test_campaigns_browser import (  # noqa: F401 (the fixture)
    DESKTOP,
    PHONE_SIZE,
    Requests,
    chromium,
)
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_owner_sets_up_a_campaign_and_moderator_approves_three_at_once(
    live_server,
    chromium,  # noqa: F811
    cworld,
):
    base = live_server.url
    items = [
        cworld.submit(title=f"Video thoát nghèo số {i}", contact=f"0912 345 67{i}")
        for i in range(3)
    ]
    for width, viewport in ((375, PHONE_SIZE), (1366, DESKTOP)):
        context = chromium.new_context(viewport=viewport, locale="vi-VN")
        Requests(context, base)
        page = context.new_page()
        sign_in(page, base, "district_officer", PASSWORD)
        page.goto(f"{base}/admin/chien-dich/moi/")
        _fits(page, width)
        shot(page, f"campaigns-setup-new-{width}")
        if width == 1366:
            page.select_option("#id_activity", str(cworld.activity.pk))
            page.fill("#id_name", "Chia sẻ câu chuyện thoát nghèo năm 2024")
            page.fill("#id_hashtags", "#ThoatNgheo #GiamNgheoBenVung")
            page.fill("#id_starts_on", "15/11/2023")
            page.fill("#id_ends_on", "31/12/2023")
            page.get_by_label("TikTok").check()
            page.get_by_label("YouTube").check()
            page.fill("#id_description", "Mời người dân chia sẻ video về giảm nghèo.")
            page.fill("#id_rules", "Đăng video kèm hashtag, gửi liên kết tại Cổng.")
            page.click("#btn-save")
            expect(page.get_by_text("Đã tạo chiến dịch")).to_be_visible()
            campaign = Campaign.objects.get(name="Chia sẻ câu chuyện thoát nghèo năm 2024")
            page.fill("#id_account", "moderator")
            page.click("#btn-save")
            expect(page.get_by_text("Đã giao người kiểm duyệt cho chiến dịch.")).to_be_visible()
            assert list(campaign.moderators.values_list("username", flat=True)) == ["moderator"]
        campaign = cworld.campaign
        page.goto(f"{base}/admin/chien-dich/{campaign.pk}/sua/")
        expect(page.locator("#id_starts_on")).to_have_value(campaign.starts_on.strftime("%d/%m/%Y"))
        _fits(page, width)
        shot(page, f"campaigns-setup-edit-{width}")
        page.goto(f"{base}/admin/chien-dich/{campaign.pk}/kiem-duyet-vien/")
        _fits(page, width)
        shot(page, f"campaigns-setup-moderators-{width}")
        context.close()

        context = chromium.new_context(viewport=viewport, locale="vi-VN")
        Requests(context, base)
        page = context.new_page()
        sign_in(page, base, "moderator", PASSWORD)
        page.goto(f"{base}/admin/chien-dich/kiem-duyet/")
        _fits(page, width)
        shot(page, f"campaigns-bulk-queue-{width}")
        if width == 1366:
            for item in items:
                page.check(f"#chon-{item.pk}")
            page.get_by_label("Duyệt, hiển thị trên Cổng").check()
            page.fill("#id_reason", "Đúng chủ đề")
            for name in ("opened", "on_topic", "lawful", "people_consent"):
                page.check(f"#id_{name}")
            shot(page, f"campaigns-bulk-chosen-{width}")
            page.click("#btn-bulk")
            expect(page.get_by_text("Đã duyệt 3 bài")).to_be_visible()
            shot(page, f"campaigns-bulk-done-{width}")
        context.close()
    assert set(Submission.objects.values_list("status", flat=True)) == {"approved"}
    events = StatusEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Submission), to_status="approved"
    )
    assert events.count() == 3
