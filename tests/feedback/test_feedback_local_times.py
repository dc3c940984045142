"""Times shown in the admin are Asia/Ho_Chi_Minh (issue 13, item 7): an item received at 11:41
UTC reads 18 giờ 41 on its screen, as its own history does."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.db import models
from django.urls import reverse
from wagtail.admin.ui.fields import display_class_registry

from giamngheo.core.times import LocalDateTimeDisplay
from giamngheo.feedback.models import Feedback

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_item_screen_shows_the_time_received_in_vietnam(client, fb):
    item = fb.feedback["C1a"]
    Feedback.objects.filter(pk=item.pk).update(
        received_at=datetime(2023, 5, 10, 11, 41, tzinfo=UTC)
    )
    client.force_login(fb.users["commune_officer"])
    text = _text(client.get(reverse("phan-anh:inspect", args=[item.pk])).content.decode())
    assert "Thời điểm tiếp nhận 18 giờ 41, 10/05/2023" in text
    assert "11 giờ 41" not in text


def test_every_datetime_field_of_an_inspect_view_is_shown_in_local_time():
    field = models.DateTimeField()
    assert display_class_registry.get(field) is LocalDateTimeDisplay
    late = datetime(2023, 12, 31, 17, 30, tzinfo=UTC)  # 00:30 on 1 January in Vietnam
    assert LocalDateTimeDisplay(late).render_html() == "00 giờ 30, 01/01/2024"
    assert LocalDateTimeDisplay(None).render_html() == ""
