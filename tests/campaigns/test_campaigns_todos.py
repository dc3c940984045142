"""The dashboard's "Việc cần làm" for moderators: items waiting for moderation per campaign
they moderate, linked to that campaign's queue; the province administrator sees every
campaign's; an editor who moderates nothing, an officer and an outsider see none."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.campaigns import services
from giamngheo.campaigns.wagtail_hooks import campaigns_todos
from giamngheo.core.dashboard import Todo
from tests.campaigns.test_campaigns_access import CHECKS

pytestmark = pytest.mark.django_db


def test_moderators_see_what_waits_in_their_campaigns(cworld, django_assert_num_queries):
    first = cworld.submit()
    cworld.submit(contact="0912 345 679", url=f"{first.url}1")
    cworld.submit(campaign=cworld.other, contact="0912 345 670")
    queue = reverse("campaigns_queue")
    mine = Todo(
        label=f"bài tham gia chiến dịch “{cworld.campaign.name}” chờ kiểm duyệt",
        count=2,
        url=f"{queue}?chien_dich={cworld.campaign.pk}",
    )
    moderator = cworld.users["moderator"]
    with django_assert_num_queries(1):  # one aggregate
        assert campaigns_todos(user=moderator) == [mine]
    everything = campaigns_todos(user=cworld.users["province_admin"])
    assert sorted(t.count for t in everything) == [1, 2]
    for name in ("editor", "commune_officer", "outsider"):
        assert campaigns_todos(user=cworld.users[name]) == []
    services.approve_submission(actor=moderator, submission=first, checks=CHECKS)
    assert [t.count for t in campaigns_todos(user=moderator)] == [1]
    client = Client()
    client.force_login(moderator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"chien_dich={cworld.campaign.pk}" in page
