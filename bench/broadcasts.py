"""The commune radio module at province scale (issue 18's bars).

Run in its own process with GIAMNGHEO_VAR_DIR (a fresh SQLite file) or DATABASE_URL (a fresh
PostgreSQL database) set::

    GIAMNGHEO_VAR_DIR=$(mktemp -d) .venv/bin/python -m bench.broadcasts

It migrates, builds a province with 1,000 communes and their stations, a plan whose item 2.1 is
the commune radio form and one activity, then measures:

- one bulletin sent to 1,000 stations (``services.send_bulletin``: the fan-out of deliveries in
  bulk): seconds (bar ≤ 1 s);
- the coverage screen (an HTTP GET of the admin's report as the province administrator) over
  200 communes × 52 weekly bulletins with one airing each: p95 ms (bar ≤ 200 ms) and queries,
  the same for one week and for 52;
- the speech of a two-minute bulletin (normaliser, espeak-ng, ffmpeg loudnorm, measures):
  seconds (bar ≤ 10 s), with the audio's duration and loudness.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["STAFF_TWO_FACTOR_REQUIRED"] = "0"

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import mark, save_results, say, table  # noqa: E402
from bench.reporting import CONTENTS, FORMS, SOURCES, time_screen  # noqa: E402

YEAR = 2023
BAR_FANOUT_S = 1.0
BAR_COVERAGE_MS = 200.0
BAR_SPEECH_S = 10.0
# Timed requests per coverage screen: the p95 of 30 is the 29th slowest, not the slowest of ten
# (a p95 of ten runs is their maximum, one request slowed by the shared machine).
SCREEN_RUNS = 30


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour, 0)))


def build(*, communes: int):
    from django.contrib.auth import get_user_model

    from giamngheo.broadcasts import services
    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, UnitLevel
    from giamngheo.planning import services as plan_services
    from giamngheo.planning.enums import AssignmentRole, FormKind

    admin = get_user_model().objects.create_superuser(
        "bench.radio", "radio@example.vn", "Bench#Radio2023"
    )
    with transaction.atomic():
        province = org_services.create_unit(
            code="B97", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, audit=False
        )
        district = org_services.create_unit(
            code="B9701",
            name="Huyện Thử Nghiệm",
            level=UnitLevel.DISTRICT,
            parent=province,
            audit=False,
        )
        department = org_services.create_organisation(
            name="Sở Lao động - Thương binh và Xã hội",
            kind=OrganisationKind.DEPARTMENT,
            unit=province,
            is_lead=True,
        )
        org_services.create_membership(
            user=admin, organisation=department, role="province_admin", valid_from=date(YEAR, 1, 1)
        )
        units = [
            org_services.create_unit(
                code=f"B97{c:05d}",
                name=f"Xã Thử Nghiệm {c}",
                level=UnitLevel.COMMUNE,
                parent=district,
                audit=False,
            )
            for c in range(1, communes + 1)
        ]
        for unit in units:
            services.create_station(
                actor=admin,
                name=f"Đài {unit.name}",
                commune=unit,
                kind="ip",
                operator_organisation=department,
            )
        plan = plan_services.create_plan(
            issuing_body_name="UBND TỈNH THỬ NGHIỆM", place="Thử Nghiệm", title=f"Truyền thông về giảm nghèo năm {YEAR}",
            year=YEAR, legal_bases="Thực hiện Chương trình.", purposes=["- Nâng cao nhận thức."],
            requirements=["- Bám sát thực tiễn."], audience="Người dân.", scope="Toàn tỉnh.",
            period_text=f"Năm {YEAR}.", period_start=date(YEAR, 1, 1), period_end=date(YEAR, 12, 31),
            report_deadline=date(YEAR, 11, 15), recipients=["- Lưu: VT."], signer_authority="KT. CHỦ TỊCH",
            signer_title="PHÓ CHỦ TỊCH", signer_name="Nguyễn Văn Thử",
            contents=[plan_services.ItemSpec(code=c, text=t) for c, t in CONTENTS],
            forms=[
                plan_services.ItemSpec(code=c, text=t, form_kind=FormKind.COMMUNE_RADIO if c == "2.1" else "")
                for c, t in FORMS
            ],
            solutions=[plan_services.ItemSpec(code="3.1", text="Tăng cường chỉ đạo.")],
            funding_sources=[plan_services.FundingSpec(code=c, name=n, text=t) for c, n, t in SOURCES],
            assignments=[
                plan_services.AssignmentSpec(
                    code="1", heading="Sở", role=AssignmentRole.LEAD, tasks=["- Chủ trì."], organisations=[department]
                )
            ],
        )  # fmt: skip
        items = {i.code: i for i in plan.items.all()}
        subplan = plan_services.create_subplan(
            actor=admin, plan=plan, organisation=department, title="Kế hoạch của Sở"
        )
        activity = plan_services.create_activity(
            actor=admin, subplan=subplan, title="Bản tin trên loa xã", form=items["2.1"], contents=[items["1.1"]],
            units=[province], start_date=date(YEAR, 1, 1), end_date=date(YEAR, 12, 31),
            budget=[plan_services.BudgetSpec(funding_source=plan.funding_sources.get(code="1"), planned=1, spent=0)],
        )  # fmt: skip
    return admin, activity, units


def bulletin(admin, activity, communes, *, start: date, title: str):
    from giamngheo.broadcasts import services

    b = services.create_bulletin(
        actor=admin, activity=activity, title=title, text="Bản tin giảm nghèo.", communes=communes,
        air_from=start, air_to=start + timedelta(days=6), valid_until=start + timedelta(days=6),
    )  # fmt: skip
    services.approve_bulletin(actor=admin, bulletin=b, generate_audio=False)
    return b


def main() -> None:
    import argparse

    from giamngheo.broadcasts import services
    from giamngheo.broadcasts.models import Airing, Delivery

    parser = argparse.ArgumentParser()
    parser.add_argument("--stations", type=int, default=1_000)
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=52)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    admin, activity, units = build(communes=args.stations)
    results = {}

    fan = bulletin(admin, activity, units, start=date(YEAR, 3, 6), title="Bản tin gửi 1.000 đài")
    started = time.perf_counter()
    services.send_bulletin(actor=admin, bulletin=fan, at=_at(date(YEAR, 3, 6), 7), tell=False)
    results["fanout_s"] = time.perf_counter() - started
    results["fanout_deliveries"] = fan.deliveries.count()

    covered = units[: args.communes]
    monday = date(YEAR, 1, 2)
    airings = []
    for week in range(args.weeks):
        start = monday + timedelta(weeks=week)
        b = bulletin(admin, activity, covered, start=start, title=f"Bản tin tuần {week + 1}")
        services.send_bulletin(actor=admin, bulletin=b, at=_at(start, 7), tell=False)
        for d in Delivery.objects.filter(bulletin=b):
            airings.append(
                Airing(
                    delivery=d,
                    outcome="aired",
                    aired_at=_at(start, 17),
                    times=2,
                    seconds_aired=300,
                    recorded_at=_at(start, 18),
                )
            )
    Airing.objects.bulk_create(airings, batch_size=2_000)
    if connection.vendor == "postgresql":
        # Rows loaded in bulk a moment ago have no planner statistics yet and no visibility map
        # (autovacuum does both on a live site's tables): without statistics PostgreSQL picks
        # nested loops for 10,400 rows, and autovacuum starting during the timed requests is
        # suspected of the one slow request in ten (docs/benchmarks.md). Vacuumed and analysed
        # first, as a settled database is.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    client = Client()
    client.force_login(admin)
    base = reverse("broadcasts_coverage")
    probe = client.get(base)
    if probe.status_code != 200:
        say(f"coverage answered {probe.status_code} → {probe.get('Location')}")
    load = os.getloadavg()[0]
    # The same admin page over a week with no bulletin: what Wagtail's shell, the session and
    # the overdue list cost before any coverage, measured in the same run (a shared machine).
    empty = time_screen(
        client, f"{base}?start={YEAR + 8}-01-06&end={YEAR + 8}-01-12", runs=SCREEN_RUNS
    )
    week = time_screen(client, f"{base}?start={YEAR}-01-02&end={YEAR}-01-08", runs=SCREEN_RUNS)
    year = time_screen(client, f"{base}?start={YEAR}-01-02&end={YEAR}-12-31", runs=SCREEN_RUNS)
    results["coverage_week"], results["coverage_year"] = week, year
    results["coverage_empty"], results["load_average"] = empty, load
    results["load_after"] = os.getloadavg()[0]

    from giamngheo.broadcasts.speech.backends import speak

    sentence = (
        "Ngày 15/11/2023, UBND xã Tân Sỏi tổ chức hội nghị triển khai chính sách hỗ trợ hộ nghèo, "
        "hộ cận nghèo; mỗi hộ được hỗ trợ 1.500.000 đồng để phát triển sản xuất, tỷ lệ hộ nghèo "
        "giảm 1,5%. Mọi thắc mắc xin liên hệ số điện thoại 0912 345 678. "
    )
    text = sentence * 5  # about two minutes read aloud (23 s a sentence)
    started = time.perf_counter()
    audio = speak(text)
    results["speech_s"] = time.perf_counter() - started
    results["speech_duration_s"] = audio.duration_seconds
    results["speech_lufs"] = audio.loudness_lufs
    results["speech_bytes"] = len(audio.mp3)

    table(
        ["Measure", "Value", "Bar", ""],
        [
            ["Fan-out to 1,000 stations (s)", f"{results['fanout_s']:.3f}", "≤ 1", mark(results["fanout_s"] <= BAR_FANOUT_S)],
            ["Deliveries written", results["fanout_deliveries"], "1000", mark(results["fanout_deliveries"] == 1_000)],
            ["Coverage 200 × 1 week p95 (ms)", f"{week['p95_ms']:.1f}", "≤ 200", mark(week["p95_ms"] <= BAR_COVERAGE_MS)],
            ["Coverage 200 × 52 weeks p95 (ms)", f"{year['p95_ms']:.1f}", "≤ 200", mark(year["p95_ms"] <= BAR_COVERAGE_MS)],
            ["Coverage 200 × 52 weeks p50 (ms)", f"{year['p50_ms']:.1f}", "", ""],
            ["Same page, a week with no bulletin, p50 (ms)", f"{empty['p50_ms']:.1f}", "baseline", ""],
            ["Load average (1 min) when the screens ran", f"{load:.2f} → {results['load_after']:.2f}", "2 cores", ""],
            ["Coverage queries (1 week / 52 weeks)", f"{week['queries']} / {year['queries']}", "same", mark(week["queries"] == year["queries"])],
            ["Speech of the bulletin (s)", f"{results['speech_s']:.2f}", "≤ 10", mark(results["speech_s"] <= BAR_SPEECH_S)],
            ["Audio duration (s)", f"{audio.duration_seconds:.1f}", "≈ 120", mark(audio.duration_seconds >= 110)],
            ["Audio loudness (LUFS)", f"{audio.loudness_lufs:.1f}", "-16 target", ""],
        ],
        title="Commune radio (bench/broadcasts.py)",
    )  # fmt: skip
    save_results("broadcasts", results)
    say("done")


if __name__ == "__main__":
    main()
