"""What the journalist and the juror read once a contest moves on: the entrant's list offers
"Rút tác phẩm" only while a withdrawal is allowed and shows the prize the decision awarded; the
juror's page keeps their closed rounds (name, dates, status, how many they scored), read-only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.contests import selectors, services
from tests.contests.conftest import to_judging
from tests.contests.test_contests_services import (
    test_two_rounds_override_and_decision as decide_contest,
)

pytestmark = pytest.mark.django_db


def _page(user, name) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_withdraw_is_offered_while_it_is_allowed(cw):
    entry = cw.submit(title="Bản làng đổi thay")
    assert services.may_withdraw(entry) is True
    assert reverse("contests:withdraw", args=[entry.pk]) in _page(cw.users["nb1"], "contests:mine")


def test_after_the_decision_the_prizes_are_shown_and_withdrawal_is_not_offered(cw):
    decide_contest(cw)
    page = _page(cw.users["nb1"], "contests:mine")
    assert "Rút tác phẩm" not in page
    assert "Giải A (Phát thanh)" in page
    rows = list(selectors.entries_of_entrant(entrant=cw.entrants[0]))
    assert [(e.title, e.prize_name) for e in rows] == [
        ("Mùa cam Lục Ngạn", "Giải KK"),
        ("Bản làng đổi thay", "Giải A"),
    ]
    assert [services.may_withdraw(e) for e in rows] == [False, False]


def test_the_jury_page_lists_the_jurors_rounds_with_what_they_scored(cw):
    to_judging(cw)
    seats = selectors.juror_rounds(user=cw.users["juror1"])
    assert [(s.round.number, s.assigned, s.scored) for s in seats] == [(2, 0, 0), (1, 0, 0)]
    assert selectors.juror_rounds(user=cw.users["juror3"])[0].round.number == 1
    assert selectors.juror_rounds(user=cw.users["nb1"]) == []
    page = _page(cw.users["juror1"], "contests:jury")
    assert "Các vòng chấm của tôi" in page
    assert "Vòng sơ khảo" in page and "01/11/2023 – 10/11/2023" in page
