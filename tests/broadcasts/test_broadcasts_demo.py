"""The demo story of item 2.1 (marked sample): the weekly “Gương sáng giảm nghèo” (Yên Thế and Tân Sỏi) with
gaps, audio for the three latest, one emergency that Tân Sỏi acknowledged late; idempotent."""

from __future__ import annotations

import io
import time

import pytest


@pytest.fixture
def demo(db, settings, tmp_path):
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting

    settings.MEDIA_ROOT = str(tmp_path)
    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_reporting()
    from giamngheo.broadcasts.demo import load_demo_broadcasts

    out = io.StringIO()
    started = time.perf_counter()
    accounts = load_demo_broadcasts(stdout=out, with_users=True)
    return out.getvalue(), accounts, time.perf_counter() - started


def test_demo_tells_the_weekly_series_story(demo):

    from giamngheo.broadcasts import selectors
    from giamngheo.broadcasts.demo import load_demo_broadcasts
    from giamngheo.broadcasts.enums import Priority
    from giamngheo.broadcasts.models import Airing, Bulletin, BulletinVersion

    text, accounts, seconds = demo
    assert [a[0] for a in accounts] == ["bientap.truyenthanh", "truyenthanh.tansoi"]
    assert Bulletin.objects.filter(is_sample=True).count() == 53
    assert Bulletin.objects.filter(priority=Priority.EMERGENCY).count() == 1
    assert BulletinVersion.objects.exclude(audio="").count() == 3
    assert Airing.objects.filter(outcome="not_aired").exists()
    operator = accounts and __import__(
        "django.contrib.auth", fromlist=["get_user_model"]
    ).get_user_model().objects.get(username="truyenthanh.tansoi")
    deliveries = selectors.deliveries_for_operator(user=operator)
    assert deliveries.count() == 53
    assert deliveries[0].bulletin.priority == Priority.EMERGENCY  # emergency first
    late = selectors.late_acknowledgements(bulletins=Bulletin.objects.all())
    assert [d.station.commune.name for d in late] == ["Xã Tân Sỏi"]
    assert "52 bản tin" in text
    assert seconds < 60
    # Idempotent.
    out = io.StringIO()
    load_demo_broadcasts(stdout=out, with_users=True)
    assert Bulletin.objects.count() == 53
    assert "đã có" in out.getvalue()
