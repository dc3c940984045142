"""The station operator's pages, the public archive and podcast feed, the coverage screen."""

from __future__ import annotations

from datetime import date, timedelta

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from giamngheo.broadcasts import services
from giamngheo.broadcasts.models import Airing, Bulletin, BulletinVersion
from tests.broadcasts.conftest import local

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sent_now(radio, **kwargs):
    now = timezone.now() - timedelta(hours=2)
    today = timezone.localdate()
    return radio.sent(
        at=now,
        air_from=today,
        air_to=today + timedelta(days=6),
        valid_until=today + timedelta(days=6),
        **kwargs,
    )


def test_operator_sees_only_own_station_and_confirms(radio):
    bulletin = _sent_now(radio)
    delivery = radio.delivery(bulletin, "C1a")
    client = _client(radio.users["operator_c1a"])
    page = client.get(reverse("broadcasts:station"))
    assert page.status_code == 200
    assert page.content.decode().count('class="radio-item') == 1
    aired_at = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("broadcasts:delivery", args=[delivery.pk]),
        {"action": "aired", "aired_at": aired_at, "times": "2"},
    )
    assert response.status_code == 302
    assert Airing.objects.get().times == 2
    # Another commune's operator: the same delivery is a 404, nothing written.
    other = _client(radio.users["operator_c2a"])
    assert other.get(reverse("broadcasts:delivery", args=[delivery.pk])).status_code == 404
    assert (
        other.post(
            reverse("broadcasts:delivery", args=[delivery.pk]), {"action": "ack"}
        ).status_code
        == 404
    )


def test_future_airing_refused_in_vietnamese_with_nothing_written(radio):
    bulletin = _sent_now(radio)
    delivery = radio.delivery(bulletin, "C1a")
    future = timezone.localtime(timezone.now() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = _client(radio.users["operator_c1a"]).post(
        reverse("broadcasts:delivery", args=[delivery.pk]),
        {"action": "aired", "aired_at": future, "times": "1"},
    )
    assert response.status_code == 400
    assert "Thời điểm phát không được ở tương lai." in response.content.decode()
    assert Airing.objects.count() == 0


def test_anonymous_is_sent_to_the_station_sign_in(radio):
    response = Client().get(reverse("broadcasts:station"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("broadcasts:station_login"))


def test_podcast_feed_parses_with_enclosures(radio, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    bulletin = _sent_now(radio)
    from giamngheo.broadcasts.audio import generate_audio

    version = generate_audio(version=BulletinVersion.objects.get(bulletin=bulletin))
    client = Client()
    response = client.get(reverse("broadcasts:podcast"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title == "Bản tin truyền thanh cơ sở về giảm nghèo"
    [entry] = feed.entries
    assert entry.title == bulletin.title
    [enclosure] = entry.enclosures
    assert enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == version.audio_bytes
    # The enclosure is reachable and is the stored MP3.
    audio = client.get(enclosure.href.replace("http://testserver", ""))
    assert audio.status_code == 200
    assert b"".join(audio.streaming_content) == version.audio.open("rb").read()


def test_draft_is_not_in_the_archive(radio):
    radio.bulletin(title="Dự thảo chưa duyệt")
    sent = _sent_now(radio, title="Bản tin đã gửi")
    page = Client().get(reverse("broadcasts:archive")).content.decode()
    assert "Bản tin đã gửi" in page
    assert "Dự thảo chưa duyệt" not in page
    assert Client().get(reverse("broadcasts:bulletin", args=[sent.pk])).status_code == 200
    draft = Bulletin.objects.get(title="Dự thảo chưa duyệt")
    assert Client().get(reverse("broadcasts:bulletin", args=[draft.pk])).status_code == 404


def _sent_and_aired(radio, n):
    for i in range(n):
        bulletin = radio.sent(title=f"Bản tin tuần {i}")
        services.confirm_airing(
            actor=radio.users["operator_c1a"], delivery=radio.delivery(bulletin, "C1a"),
            aired_at=bulletin.sent_at + timedelta(hours=1), at=bulletin.sent_at + timedelta(hours=2),
        )  # fmt: skip


def test_coverage_screen_constant_queries(radio):
    client = _client(radio.users["province_admin"])
    url = reverse("broadcasts_coverage") + "?start=2023-11-01&end=2023-11-30"
    client.get(url)  # warm the session and menus
    _sent_and_aired(radio, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.status_code == 200
    assert "1/3 xã đã phát sóng" in response.content.decode()
    _sent_and_aired(radio, 2)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(three) == len(one)


def test_coverage_screen_queries_do_not_grow_with_stations_bulletins_or_weeks(radio):
    """The report counts in the database: one week of one bulletin at three stations, then
    five weeks of four bulletins at four stations with their airings, the same queries."""
    client = _client(radio.users["province_admin"])
    url = reverse("broadcasts_coverage") + "?start=2023-11-13&end=2023-12-17"
    client.get(url)  # warm the session and menus
    _sent_and_aired(radio, 1)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert "1/3 xã đã phát sóng" in response.content.decode()
    for week in range(1, 4):
        start = date(2023, 11, 13) + timedelta(weeks=week)
        bulletin = radio.sent(
            title=f"Bản tin tuần {week}",
            communes=("C1a", "C1b", "C2a", "C2b"),
            air_from=start,
            air_to=start + timedelta(days=6),
            valid_until=start + timedelta(days=6),
            at=local(start, 7),
        )
        for commune in ("C1b", "C2b"):
            services.confirm_airing(
                actor=radio.users[f"operator_{commune.lower()}"],
                delivery=radio.delivery(bulletin, commune),
                aired_at=local(start, 17),
                times=2,
                at=local(start, 18),
            )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    page = response.content.decode()
    assert "3/4 xã đã phát sóng" in page
    assert len(large) == len(small)


def test_admin_flow_approve_and_send(radio):
    bulletin = radio.bulletin()
    approver = _client(radio.users["approver"])
    response = approver.post(reverse("broadcasts_approve", args=[bulletin.pk]))
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == "approved"
    editor = _client(radio.users["editor"])
    # The editor may not approve: 403 on a visible object.
    other = radio.bulletin(title="Bản tin khác")
    assert editor.post(reverse("broadcasts_approve", args=[other.pk])).status_code == 403
    assert editor.post(reverse("broadcasts_send", args=[bulletin.pk])).status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == "sent"
    assert bulletin.deliveries.count() == 3
    # Outside the reach: a commune officer of C2a sees no Department bulletin.
    outsider = _client(radio.users["other_commune_officer"])
    assert outsider.post(reverse("broadcasts_send", args=[other.pk])).status_code == 404
