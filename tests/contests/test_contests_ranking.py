"""The ranking screen pages by medium (100 rows a page) in a constant number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from giamngheo.contests import views
from tests.contests.conftest import to_judging
from tests.contests.test_contests_services import run_round1

pytestmark = pytest.mark.django_db


def _codes(html: str) -> list[str]:
    table = html.split('id="ranking"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<td>(PT-\d+)</td>", table)


@pytest.fixture
def ranked(cw):
    to_judging(cw)
    run_round1(cw)
    client = Client()
    client.force_login(cw.users["organiser"])
    return cw, client


def test_ranking_pages_by_medium(ranked, monkeypatch):
    cw, client = ranked
    url = reverse("contests_round", args=[cw.rounds[0].pk])
    page = client.get(url).content.decode()
    # the first medium (radio) by rank: 71.43, 61.90, then the third
    assert _codes(page) == ["PT-001", "PT-002", "PT-003"]
    assert "Phát thanh: 3 tác phẩm" in page
    assert f'href="?loai={cw.tv.pk}"' in page
    assert 'id="ranking-pages"' not in page
    monkeypatch.setattr(views, "RANKING_PAGE", 2)
    first = client.get(url).content.decode()
    assert _codes(first) == ["PT-001", "PT-002"]
    assert "Trang 1/2" in first
    assert f'href="?loai={cw.radio.pk}&amp;trang=2"' in first
    second = client.get(f"{url}?loai={cw.radio.pk}&trang=2").content.decode()
    assert _codes(second) == ["PT-003"]
    # a page past the end shows the last one; a bad medium id falls back to the first medium
    assert _codes(client.get(f"{url}?loai=abc&trang=99").content.decode()) == ["PT-003"]
    tv = client.get(f"{url}?loai={cw.tv.pk}").content.decode()
    assert _codes(tv) == []
    assert "Truyền hình: 0 tác phẩm" in tv


def test_ranking_queries_do_not_grow_with_rows(ranked, monkeypatch):
    cw, client = ranked
    url = reverse("contests_round", args=[cw.rounds[0].pk])
    counts = []
    for size, query in ((1, f"?loai={cw.radio.pk}"), (3, f"?loai={cw.radio.pk}")):
        monkeypatch.setattr(views, "RANKING_PAGE", size)
        client.get(url + query)  # warm the session and the site caches
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url + query).content.decode()
        assert len(_codes(page)) == size
        counts.append(len(captured))
    with CaptureQueriesContext(connection) as captured:
        client.get(f"{url}?loai={cw.tv.pk}")
    counts.append(len(captured))
    # an empty medium skips the slice (Django answers [0:0] without asking the database)
    assert counts[0] == counts[1] == counts[2] + 1
