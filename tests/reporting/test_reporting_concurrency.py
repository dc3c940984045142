"""No lost updates: many officers save the same report at once from forms rendered at the same
version; exactly one save wins, every other one is told to reload, and the stored values are
exactly the winner's (threads with their own connections, SQLite file or PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_of_one_report_one_wins_the_rest_reload(rworld, start):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import Submission

    submission = start("D1", actor_key="district_officer")
    version = submission.version
    officer = rworld.users["district_officer"]

    def save(i):
        try:
            services.save_values(
                submission=Submission.objects.get(pk=submission.pk),
                values={("TT.NGUOI", ""): 1000 + i, ("TT.TYLE", ""): i},
                actor=officer,
                version=version,
            )
            return ("saved", i)
        except ValidationError as exc:
            return (exc.code, i)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as executor:
        outcomes = list(executor.map(save, range(THREADS)))
    winners = [i for code, i in outcomes if code == "saved"]
    assert len(winners) == 1, outcomes
    assert sorted(code for code, _i in outcomes) == ["saved"] + ["stale"] * (THREADS - 1)
    submission.refresh_from_db()
    assert submission.version == version + 1
    values = {v.indicator.code: v.value for v in submission.values.select_related("indicator")}
    assert (values["TT.NGUOI"], values["TT.TYLE"]) == (1000 + winners[0], winners[0])
