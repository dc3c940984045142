"""Parallel submissions: every acknowledged one saved exactly once, with a distinct code, and no
"database is locked" on SQLite (WAL, IMMEDIATE transactions, busy timeout).

200 parallel submissions through the web form and 200 through Open311 POST (issue #4), each with
16 threads and one database connection per thread, on SQLite (a file) and on PostgreSQL."""

from __future__ import annotations

import json
import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from giamngheo.core.models import StatusEvent
from giamngheo.feedback import services
from giamngheo.feedback.models import Feedback
from tests.feedback.fb_world import post_data

N = 200
THREADS = 16


def _in_thread(fn):
    def run(i):
        try:
            return fn(i)
        finally:
            connections.close_all()

    return run


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_with_forced_code_clashes(fb, monkeypatch):
    # A pool of 600 codes for 200 items: many draws clash, and the unique constraint must make
    # each clash a retry, never a duplicate or an error.
    pool = [
        f"PA-{a}{b}{c}{d}-22" for a in "234567" for b in "23456" for c in "23456" for d in "2345"
    ][:600]
    rng = random.Random(7)
    monkeypatch.setattr(services.intake, "new_tracking_code", lambda: rng.choice(pool))
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

    with ThreadPoolExecutor(max_workers=THREADS) as executor:
        codes = list(executor.map(_in_thread(submit), range(N)))
    assert len(codes) == N
    assert len(set(codes)) == N
    new = Feedback.objects.exclude(pk__lte=max(f.pk for f in fb.feedback.values()))
    assert Feedback.objects.count() == before + N
    assert set(new.values_list("tracking_code", flat=True)) == set(codes)
    new_ids = list(new.values_list("pk", flat=True))
    assert (
        StatusEvent.objects.filter(content_type__model="feedback", object_id__in=new_ids).count()
        == N
    )


@pytest.mark.django_db(transaction=True)
def test_parallel_web_submissions(fb, settings):
    settings.FEEDBACK_RATE_LIMIT = 10_000
    before = Feedback.objects.count()

    def post(i):
        response = Client().post("/phan-anh/gui/", post_data(fb, subject=f"Gửi song song {i}"))
        return response.status_code

    with ThreadPoolExecutor(max_workers=THREADS) as executor:
        statuses = list(executor.map(_in_thread(post), range(N)))
    assert statuses == [302] * N
    assert Feedback.objects.count() == before + N
    subjects = Feedback.objects.filter(subject__startswith="Gửi song song")
    assert subjects.count() == N
    assert subjects.values("tracking_code").distinct().count() == N
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.django_db(transaction=True)
def test_parallel_open311_submissions_and_retries(fb):
    """200 distinct requests plus, at the same moment, a second copy of 50 of them (a client
    retrying with the same idempotency key): 200 items, 200 codes, every retry answered with the
    first copy's code."""
    _key, raw = services.create_api_key(name="Ứng dụng song song")
    before = Feedback.objects.count()
    commune = fb.units["N1a"].code

    def post(i):
        response = Client().post(
            "/open311/v2/requests.json",
            {
                "api_key": raw,
                "service_code": "bhyt",
                "attribute[commune]": commune,
                "description": f"Yêu cầu song song {i % N}",
                "idempotency_key": f"song-song-{i % N}",
            },
        )
        return response.status_code, json.loads(response.content)[0].get("service_request_id")

    with ThreadPoolExecutor(max_workers=THREADS) as executor:
        results = list(executor.map(_in_thread(post), range(N + 50)))
    statuses = [status for status, _code in results]
    assert statuses.count(201) + statuses.count(200) == N + 50, statuses
    codes_by_key: dict[int, set[str]] = {}
    for i, (_status, code) in enumerate(results):
        codes_by_key.setdefault(i % N, set()).add(code)
    assert all(len(codes) == 1 for codes in codes_by_key.values())
    assert Feedback.objects.count() == before + N
    filed = Feedback.objects.filter(channel="open311")
    assert filed.count() == N
    assert filed.values("tracking_code").distinct().count() == N
    assert {c for codes in codes_by_key.values() for c in codes} == set(
        filed.values_list("tracking_code", flat=True)
    )
