"""The contest's jury at province scale (issue 14's bar).

Run in its own process with GIAMNGHEO_VAR_DIR (a fresh SQLite file) or DATABASE_URL (a fresh
PostgreSQL database) set::

    GIAMNGHEO_VAR_DIR=$(mktemp -d) .venv/bin/python -m bench.contests

It migrates, builds the province of ``bench.campaigns`` (its plan's item 2.2 made the contest
form), then two contests through the services: a small one (3 entries) and a full one (1,000
entries by 200 journalists, inserted in bulk as accepted with their codes), each with a round
of 9 jurors and 5 criteria opened by ``services.open_round`` (9,000 reviews) and scored in bulk
(45,000 scores), closed by ``services.close_round`` (the results computed). It times:

- the ranking screen (HTTP GET as the organiser): p95 (bar ≤ 300 ms), queries small = full;
- a juror's scoring page (HTTP GET): p95 (bar ≤ 50 ms), queries small = full;
- 50 saves at once through ``services.save_scores`` (10 threads, 9 jurors, 40 distinct reviews
  and 10 second saves of the same reviews): 0 lost, 0 duplicate scores.
"""

from __future__ import annotations

import argparse
import os
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal

os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["STAFF_TWO_FACTOR_REQUIRED"] = "0"

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import mark, say, table  # noqa: E402
from bench.reporting import time_screen  # noqa: E402

BAR_RANKING_MS = 300.0
BAR_SCORING_MS = 50.0


def make_contest(admin, activity, outlets, *, slug: str, entries: int, jurors: int = 9):
    from django.contrib.auth import get_user_model

    from giamngheo.contests import services
    from giamngheo.contests.models import Entrant, Entry, Review, Score

    User = get_user_model()
    rng = random.Random(slug)
    today = timezone.localdate()
    contest = services.create_contest(
        actor=admin,
        activity=activity,
        name=f"Cuộc thi thử {slug}",
        slug=slug,
        organiser=activity.subplan.organisation,
        entries_open=today - timedelta(days=5),
        entries_close=today + timedelta(days=5),
        published_from=date(2023, 1, 1),
        published_to=date(2023, 12, 31),
        media=[("radio", "Phát thanh")],
        secretariat=[admin],
    )
    services.open_contest(actor=admin, contest=contest)
    contest.refresh_from_db()
    medium = contest.media.get()
    people = User.objects.bulk_create(
        [
            User(username=f"{slug}.nb{i}", email=f"{slug}.nb{i}@example.vn")
            for i in range(max(1, entries // 5))
        ]
    )
    people = list(User.objects.filter(username__startswith=f"{slug}.nb"))
    entrants = Entrant.objects.bulk_create(
        [
            Entrant(
                user=u,
                full_name=f"Nhà báo {i}",
                email=u.email,
                phone=f"0912{i:06d}",
                verified_at=timezone.now(),
            )
            for i, u in enumerate(people)
        ]
    )
    entrants = list(Entrant.objects.filter(user__in=people))
    now = timezone.now()
    Entry.objects.bulk_create(
        [
            Entry(
                contest=contest,
                entrant=entrants[i % len(entrants)],
                medium=medium,
                title=f"Tác phẩm {i}",
                title_folded=f"tac pham {i}",
                outlet=outlets[i % 2],
                published_on=date(2023, 6, 1),
                placement="Thời sự",
                status="accepted",
                code=f"PT-{i + 1:04d}",
                submitted_at=now,
                checked_at=now,
                not_awarded_elsewhere=True,
                not_entered_elsewhere=True,
                grants_rights=True,
            )
            for i in range(entries)
        ],
        batch_size=500,
    )
    services.start_judging(actor=admin, contest=contest)
    contest.refresh_from_db()
    rnd = services.add_round(
        actor=admin,
        contest=contest,
        number=1,
        name="Vòng sơ khảo",
        starts_on=today,
        ends_on=today + timedelta(days=10),
        media=[medium],
        finalists_per_medium=20,
        criteria=[services.CriterionSpec(f"Tiêu chí {k}", 20, Decimal(k)) for k in range(1, 6)],
    )
    users = []
    for j in range(jurors):
        users.append(User.objects.create(username=f"{slug}.gk{j}", first_name=f"GK {j}"))
        services.add_juror(actor=admin, round=rnd, user=users[-1])
    services.open_round(actor=admin, round=rnd, notify_jurors=False)
    criteria = list(rnd.criteria.all())
    reviews = list(Review.objects.filter(round=rnd))
    # All but one review per juror scored in bulk; the concurrency test saves the rest.
    keep = {}
    for review in reviews:
        keep.setdefault(review.juror_id, []).append(review)
    pending = [r for rows in keep.values() for r in rows[:6]]
    pending_ids = {r.pk for r in pending}
    scores, totals = [], []
    for review in reviews:
        if review.pk in pending_ids:
            continue
        values = [rng.randint(5, 20) for _c in criteria]
        scores += [
            Score(review=review, criterion=c, value=v)
            for c, v in zip(criteria, values, strict=True)
        ]
        review.total = Decimal(
            sum(c.weight * v for c, v in zip(criteria, values, strict=True)) * 100 / 300
        ).quantize(Decimal("0.01"))
        review.scored_at = now
        totals.append(review)
    Score.objects.bulk_create(scores, batch_size=2000)
    Review.objects.bulk_update(totals, ["total", "scored_at"], batch_size=2000)
    return contest, rnd, users, pending


def concurrent_saves(rnd, pending, *, workers: int = 10) -> dict:
    from giamngheo.contests import services
    from giamngheo.contests.models import Score

    jobs = pending[:40] + pending[:10]
    criteria = list(rnd.criteria.all())
    errors, lock = [], threading.Lock()

    def one(review):
        try:
            services.save_scores(
                actor=review.juror.user,
                review=review,
                values={c.pk: (str(10 + c.pk % 5), "") for c in criteria},
            )
        except Exception as exc:
            with lock:
                errors.append(repr(exc))
        finally:
            connections.close_all()

    for review in jobs:
        review.juror  # noqa: B018 (loaded before the threads)
        review.juror.user  # noqa: B018
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, jobs))
    saved = {r.pk for r in pending[:40]}
    rows = Score.objects.filter(review__in=saved).count()
    return {
        "saves": len(jobs),
        "errors": len(errors),
        "error_sample": errors[:2],
        "lost": len(saved) * len(criteria) - rows if rows < len(saved) * len(criteria) else 0,
        "duplicates": max(0, rows - len(saved) * len(criteria)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    say(f"Contests benchmark — {connection.vendor}")
    call_command("migrate", verbosity=0)
    from bench.campaigns import build
    from giamngheo.contests import services
    from giamngheo.contests.models import Review
    from giamngheo.organisations import services as org_services
    from giamngheo.planning import services as plan_services
    from giamngheo.planning.models import PlanItem

    built = build(submissions=0, communes=20)
    admin, campaign = built["admin"], built["campaign"]
    subplan = campaign.activity.subplan
    PlanItem.objects.filter(plan=subplan.plan, code="2.2").update(form_kind="contest")
    item = PlanItem.objects.get(plan=subplan.plan, code="2.2")
    activity = plan_services.create_activity(
        actor=admin,
        subplan=subplan,
        title="Cuộc thi báo chí",
        form=item,
        contents=list(subplan.plan.items.filter(code="1.1")),
        units=[subplan.organisation.unit],
        start_date=date(2023, 5, 1),
        end_date=date(2023, 12, 31),
        budget=[
            plan_services.BudgetSpec(
                funding_source=subplan.plan.funding_sources.first(), planned=1, spent=0
            )
        ],
    )
    outlets = [
        org_services.create_organisation(name=n, kind=k, unit=subplan.organisation.unit)
        for n, k in (("Báo Thử", "press"), ("Đài Thử", "broadcaster"))
    ]
    rows = []
    results = {}
    for size, n in (("small", 3), ("full", args.entries)):
        _contest, rnd, jurors, pending = make_contest(
            admin, activity, outlets, slug=f"thu-{size}", entries=n
        )
        if size == "full":
            saves = concurrent_saves(rnd, pending)
        juror_client = Client()
        juror_client.force_login(jurors[0])
        review = Review.objects.filter(round=rnd, juror__user=jurors[0]).first()
        scoring = time_screen(juror_client, reverse("contests:score", args=[review.pk]), args.runs)
        services.close_round(actor=admin, round=rnd)
        client = Client()
        client.force_login(admin)
        ranking = time_screen(client, reverse("contests_round", args=[rnd.pk]), args.runs)
        results[size] = (ranking, scoring)
        rows.append(
            [
                size,
                n,
                round(ranking["p95_ms"], 1),
                ranking["queries"],
                round(scoring["p95_ms"], 1),
                scoring["queries"],
            ]
        )
    table(
        ["size", "entries", "ranking p95 ms", "queries", "scoring p95 ms", "queries"],
        rows,
        title="Jury screens (9 jurors × 5 criteria)",
    )
    full_ranking, full_scoring = results["full"]
    say(
        f"ranking ≤ {BAR_RANKING_MS} ms: {mark(full_ranking['p95_ms'] <= BAR_RANKING_MS)}; "
        f"queries constant: {mark(results['small'][0]['queries'] == full_ranking['queries'])}"
    )
    say(
        f"scoring ≤ {BAR_SCORING_MS} ms: {mark(full_scoring['p95_ms'] <= BAR_SCORING_MS)}; "
        f"queries constant: {mark(results['small'][1]['queries'] == full_scoring['queries'])}"
    )
    say(f"concurrent saves: {saves}")


if __name__ == "__main__":
    main()
