"""Parallel submissions: every acknowledged one saved exactly once, with a distinct code, and no
"database is locked" on SQLite (WAL, IMMEDIATE transactions, busy timeout)."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from giamngheo.feedback import services
from giamngheo.feedback.models import Feedback, FeedbackEvent
from tests.feedback.fb_world import post_data

N = 50


def _in_thread(fn):
    def run(i):
        try:
            return fn(i)
        finally:
            connections.close_all()

    return run


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_with_forced_code_clashes(fb, monkeypatch):
    # A pool of 150 codes for 50 items: many draws clash, and the unique constraint must make
    # each clash a retry, never a duplicate or an error.
    pool = [f"PA-{a}{b}{c}{d}-22" for a in "23456" for b in "2345" for c in "234" for d in "234"][
        :150
    ]
    rng = random.Random(7)
    monkeypatch.setattr(services, "new_tracking_code", lambda: rng.choice(pool))
    before = Feedback.objects.count()

    def submit(i):
        return services.submit_feedback(
            kind="question",
            category=fb.categories["bhyt"],
            subject=f"Câu hỏi {i}",
            description="Nội dung.",
            unit=fb.units["N1a"],
            identity_mode="anonymous",
            consent_processing=False,
            consent_publish=False,
            notify=False,
        ).tracking_code

    with ThreadPoolExecutor(max_workers=10) as executor:
        codes = list(executor.map(_in_thread(submit), range(N)))
    assert len(codes) == N
    assert len(set(codes)) == N
    new = Feedback.objects.exclude(pk__lte=max(f.pk for f in fb.feedback.values()))
    assert Feedback.objects.count() == before + N
    assert set(new.values_list("tracking_code", flat=True)) == set(codes)
    assert FeedbackEvent.objects.filter(feedback__in=new).count() == N


@pytest.mark.django_db(transaction=True)
def test_parallel_web_submissions(fb, settings):
    settings.FEEDBACK_RATE_LIMIT = 10_000
    before = Feedback.objects.count()

    def post(i):
        response = Client().post("/phan-anh/gui/", post_data(fb, subject=f"Gửi song song {i}"))
        return response.status_code

    with ThreadPoolExecutor(max_workers=10) as executor:
        statuses = list(executor.map(_in_thread(post), range(N)))
    assert statuses == [302] * N
    assert Feedback.objects.count() == before + N
    subjects = Feedback.objects.filter(subject__startswith="Gửi song song")
    assert subjects.count() == N
    assert subjects.values("tracking_code").distinct().count() == N
    assert connection.vendor in ("sqlite", "postgresql")
