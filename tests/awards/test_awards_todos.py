"""The dashboard's "Việc cần làm" for emulation: the office sees the nominations waiting for
its appraisal, the nominating unit those returned to it (urgent), a council member each meeting
open for the vote; each line links to the round or the meeting, and nobody else sees them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.awards import services
from giamngheo.awards.wagtail_hooks import awards_todos
from giamngheo.core.dashboard import Todo

pytestmark = pytest.mark.django_db

ROUND = "Sơ kết phong trào năm 2023"


def _submitted(aworld):
    nomination = aworld.complete(aworld.nomination())
    return services.submit_nomination(actor=aworld.users["district_officer"], nomination=nomination)


def test_office_and_nominator_lines(aworld, django_assert_num_queries):
    first, second = _submitted(aworld), _submitted(aworld)
    round_url = reverse("awards_round", args=[aworld.round.pk])
    office = type(aworld.users["office"]).objects.get(pk=aworld.users["office"].pk)  # no memo
    with django_assert_num_queries(3):  # the office's memberships; the nominations; the meetings
        todos = awards_todos(user=office)
    assert todos == [
        Todo(label=f"hồ sơ đề nghị khen thưởng chờ thẩm định ({ROUND})", count=2, url=round_url)
    ]
    services.return_nomination(actor=office, nomination=first, reason="Thiếu biên bản họp thôn.")
    assert [(t.count, t.urgent) for t in awards_todos(user=office)] == [(1, False)]
    assert awards_todos(user=aworld.users["district_officer"]) == [
        Todo(
            label=f"hồ sơ đề nghị khen thưởng bị trả lại để bổ sung ({ROUND})",
            count=1,
            url=round_url,
            urgent=True,
        )
    ]
    for name in ("other_district_officer", "hoidong1", "outsider"):
        assert awards_todos(user=aworld.users[name]) == []
    assert second.status == "submitted"


def test_a_council_member_sees_the_open_meeting(aworld):
    aworld.to_council(aworld.nomination())
    meeting = aworld.meeting()
    assert awards_todos(user=aworld.users["hoidong1"]) == []  # convened, not yet open
    services.open_meeting(actor=aworld.users["office"], meeting=meeting)
    url = reverse("awards_meeting", args=[meeting.pk])
    assert awards_todos(user=aworld.users["hoidong1"]) == [
        Todo(
            label=f"cuộc họp hội đồng thi đua đang bỏ phiếu ({ROUND})",
            count=1,
            url=url,
            urgent=True,
        )
    ]
    client = Client()
    client.force_login(aworld.users["hoidong1"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{url}"' in page
