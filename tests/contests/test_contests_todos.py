"""The dashboard's "Việc cần làm" for the secretariat: entries sent and waiting for the
eligibility check, per contest, linked to the contest's page; nobody else counts them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from giamngheo.contests import services
from giamngheo.contests.wagtail_hooks import contests_todos
from giamngheo.core.dashboard import Todo

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_the_entries_waiting_for_its_check(
    cw, client, django_assert_num_queries
):
    first = cw.submit(title="Bản làng đổi thay")
    cw.submit(cw.entrants[1], title="Con đường thoát nghèo")
    secretary = cw.users["secretary"]
    url = reverse("contests_contest", args=[cw.contest.pk])
    with django_assert_num_queries(1):
        todos = contests_todos(user=secretary)
    assert todos == [
        Todo(label=f"tác phẩm dự thi “{cw.contest.name}” chờ thẩm định", count=2, url=url)
    ]
    services.accept_entry(actor=secretary, entry=first, tell=False)
    assert [t.count for t in contests_todos(user=secretary)] == [1]
    # The organiser (codes only), a juror, an entrant and an outsider have no such line.
    for name in ("organiser", "juror1", "nb1", "outsider"):
        assert contests_todos(user=cw.users[name]) == []
    client.force_login(secretary)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{url}"' in page
    assert f"tác phẩm dự thi “{cw.contest.name}” chờ thẩm định" in page
