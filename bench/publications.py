"""The publications balance screen at province scale (issue 17's bar).

Run in its own process with GIAMNGHEO_VAR_DIR (a fresh SQLite file) or DATABASE_URL (a fresh
PostgreSQL database) set::

    GIAMNGHEO_VAR_DIR=$(mktemp -d) .venv/bin/python -m bench.publications

It migrates, then builds 1 province, 10 districts, 200 communes with their committees, a plan
and one activity of the Department; 20 titles, one print run each delivered into the store
through the services (20 "printed in" rows); then 10,000 movements to the communes' stock:
receipts and hand-outs, inserted in bulk (insert only: the ledger is append-only, and every
commune's balance stays ≥ 0 at every date). It times the balance screen as of a date, an HTTP
GET through ``django.test.Client`` as the lead department's administrator: p95 ms (bar
≤ 200 ms) and its query count, at a small size (one title, a few movements) and at full size —
the count must be the same — beside a baseline measured in the same run (the same admin page
around an empty table: Wagtail's menu and sidebar), and the balances selector alone.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
from datetime import date, timedelta

os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["STAFF_TWO_FACTOR_REQUIRED"] = "0"

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.common import Stopwatch, mark, save_results, say, table  # noqa: E402
from bench.reporting import CONTENTS, FORMS, SOURCES, YEAR, time_screen  # noqa: E402

BAR_SCREEN_MS = 200.0


def build(*, titles: int, communes: int, movements: int, districts: int = 10) -> dict:
    from django.contrib.auth import get_user_model

    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, UnitLevel
    from giamngheo.planning import services as plan_services
    from giamngheo.planning.enums import AssignmentRole
    from giamngheo.publications import services
    from giamngheo.publications.enums import MovementKind
    from giamngheo.publications.models import Movement, PublicationKind

    rng = random.Random(2025)
    admin = get_user_model().objects.create_superuser(
        "bench.kho", "kho@example.vn", "Bench#Kho2023"
    )
    with Stopwatch() as sw, transaction.atomic():
        province = org_services.create_unit(
            code="B99", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, audit=False
        )
        commune_orgs = []
        per_district = communes // districts
        for d in range(1, districts + 1):
            district = org_services.create_unit(
                code=f"B99{d:02d}",
                name=f"Huyện Thử Nghiệm {d}",
                level=UnitLevel.DISTRICT,
                parent=province,
                audit=False,
            )
            for c in range(1, per_district + 1):
                unit = org_services.create_unit(
                    code=f"B99{d:02d}{c:03d}",
                    name=f"Xã Thử Nghiệm {d}.{c}",
                    level=UnitLevel.COMMUNE,
                    parent=district,
                    audit=False,
                )
                commune_orgs.append(
                    org_services.create_organisation(
                        name=f"Ủy ban nhân dân xã Thử Nghiệm {d}.{c}",
                        kind=OrganisationKind.PEOPLES_COMMITTEE,
                        unit=unit,
                    )
                )
        store = org_services.create_organisation(
            name="Sở Lao động - Thương binh và Xã hội",
            kind=OrganisationKind.DEPARTMENT,
            unit=province,
            is_lead=True,
        )
        org_services.create_membership(
            user=admin, organisation=store, role="province_admin", valid_from=date(YEAR, 1, 1)
        )
        plan = plan_services.create_plan(
            issuing_body_name="UBND TỈNH THỬ NGHIỆM",
            place="Thử Nghiệm",
            title=f"Truyền thông về giảm nghèo bền vững năm {YEAR}",
            year=YEAR,
            legal_bases="Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững.",
            purposes=["- Nâng cao nhận thức."],
            requirements=["- Bám sát thực tiễn."],
            audience="Người dân.",
            scope="Toàn tỉnh.",
            period_text=f"Năm {YEAR}.",
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
            report_deadline=date(YEAR, 11, 15),
            recipients=["- Lưu: VT."],
            signer_authority="KT. CHỦ TỊCH",
            signer_title="PHÓ CHỦ TỊCH",
            signer_name="Nguyễn Văn Thử",
            contents=[plan_services.ItemSpec(code=c, text=t) for c, t in CONTENTS],
            forms=[plan_services.ItemSpec(code=c, text=t) for c, t in FORMS],
            solutions=[plan_services.ItemSpec(code="3.1", text="Tăng cường chỉ đạo.")],
            funding_sources=[
                plan_services.FundingSpec(code=c, name=n, text=t) for c, n, t in SOURCES
            ],
            assignments=[
                plan_services.AssignmentSpec(
                    code="1",
                    heading="Sở Lao động - Thương binh và Xã hội",
                    role=AssignmentRole.LEAD,
                    tasks=["- Chủ trì."],
                    organisations=[store],
                )
            ],
        )
        items = {i.code: i for i in plan.items.all()}
        subplan = plan_services.create_subplan(
            actor=admin, plan=plan, organisation=store, title="Kế hoạch cụ thể của Sở"
        )
        activity = plan_services.create_activity(
            actor=admin,
            subplan=subplan,
            title="In, phát hành ấn phẩm",
            form=items["2.5"],
            contents=[items["1.1"]],
            units=[province],
            start_date=date(YEAR, 1, 1),
            end_date=date(YEAR, 12, 31),
            budget=[
                plan_services.BudgetSpec(
                    funding_source=plan.funding_sources.get(code="1"),
                    planned=10_000_000_000,
                    spent=0,
                )
            ],
        )
        kind = PublicationKind.objects.get(name="Tờ gấp")
        runs = []
        for t in range(titles):
            title = services.create_title(
                actor=admin, kind=kind, name=f"Ấn phẩm thử nghiệm số {t + 1}", publisher=store
            )
            edition = services.add_edition(actor=admin, title=title, language="vi")
            runs.append(
                services.record_print_run(
                    actor=admin,
                    edition=edition,
                    activity=activity,
                    budget_line=activity.budget_lines.get(),
                    store=store,
                    quantity=1_000_000,
                    unit_cost=1,
                    printer="Cơ sở in thử nghiệm",
                    contract_number=f"HĐ {t + 1}",
                    delivered_on=date(YEAR, 1, 2),
                )
            )
        # Bulk stock: each (commune, run) first receives, later hands out less than it holds.
        rows, held = [], {}
        start = date(YEAR, 2, 1)
        while len(rows) < movements:
            org, run = rng.choice(commune_orgs), rng.choice(runs)
            key = (org.pk, run.pk)
            day = start + timedelta(days=len(rows) * 300 // movements)
            if held.get(key, 0) >= 20 and rng.random() < 0.4:
                out = rng.randint(1, held[key])
                held[key] -= out
                rows.append(
                    Movement(
                        print_run=run,
                        holder=org,
                        kind=MovementKind.HANDED_OUT,
                        delta=-out,
                        on=day,
                        recorded_by=admin,
                    )
                )
            else:
                copies = rng.randint(20, 200)
                held[key] = held.get(key, 0) + copies
                rows.append(
                    Movement(
                        print_run=run,
                        holder=org,
                        kind=MovementKind.RECEIVED,
                        delta=copies,
                        on=day,
                        recorded_by=admin,
                    )
                )
        Movement.objects.bulk_create(rows, batch_size=1000)
    say(
        f"  built {communes} communes, {titles} titles, {Movement.objects.count():,} movements "
        f"in {sw.seconds:.1f} s"
    )
    return {"admin": admin}


def time_selector(user, day: date, runs: int) -> dict:
    """The balances alone (the selector the screen calls), without the admin's page around it."""
    import time

    from django.test.utils import CaptureQueriesContext

    from bench.common import percentile
    from giamngheo.publications.selectors import balances_for_user

    balances_for_user(user=user, on=day)
    with CaptureQueriesContext(connection) as ctx:
        rows = balances_for_user(user=user, on=day)
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        balances_for_user(user=user, on=day)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "queries": len(ctx.captured_queries),
        "rows": len(rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--titles", type=int, default=20)
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--movements", type=int, default=10_000)
    parser.add_argument("--screen-runs", type=int, default=50)
    args = parser.parse_args()
    say(f"Publications benchmark — {connection.vendor}, load average {os.getloadavg()[0]:.1f}")
    call_command("migrate", verbosity=0)
    built = build(titles=args.titles, communes=args.communes, movements=args.movements)
    gc.collect()
    gc.freeze()
    client = Client()
    client.force_login(built["admin"])
    url = reverse("publications_balances")
    screens = {
        # The same admin page around an empty table: the cost of Wagtail's chrome (menu,
        # sidebar) on this machine in this run, the baseline the balances add to.
        "baseline": time_screen(client, reverse("publications_awaiting"), args.screen_runs),
        # Before any commune movement: the store's 20 balances only.
        "early": time_screen(client, f"{url}?on={YEAR}-01-15", args.screen_runs),
        "full": time_screen(client, f"{url}?on={YEAR}-12-31", args.screen_runs),
    }
    selector = time_selector(built["admin"], date(YEAR, 12, 31), args.screen_runs)
    constant = screens["early"]["queries"] == screens["full"]["queries"]
    base = screens["baseline"]["p95_ms"]
    rows = [
        [
            "admin page, empty table (baseline)",
            screens["baseline"]["p50_ms"],
            base,
            screens["baseline"]["queries"],
            screens["baseline"]["bytes"] / 1024,
            "",
        ]
    ]
    rows += [
        [
            f"balances as of {label}",
            s["p50_ms"],
            s["p95_ms"],
            s["queries"],
            s["bytes"] / 1024,
            f"{mark(s['p95_ms'] <= BAR_SCREEN_MS and constant)} ≤ {BAR_SCREEN_MS:.0f} ms, "
            f"queries constant: {mark(constant)}, {s['p95_ms'] / base:.2f}× baseline",
        ]
        for label, s in (("15/01 (store only)", screens["early"]), ("31/12", screens["full"]))
    ]
    rows.append(
        [
            f"balances selector alone ({selector['rows']:,} rows)",
            selector["p50_ms"],
            selector["p95_ms"],
            selector["queries"],
            0,
            "",
        ]
    )
    table(
        ["screen (GET, province administrator)", "p50 ms", "p95 ms", "queries", "KB", "bar"],
        rows,
        title=f"Balance screen ({args.screen_runs} requests) — {connection.vendor}",
    )
    save_results(
        "publications",
        {
            "db": connection.vendor,
            "screens": screens,
            "selector": selector,
            "queries_constant": constant,
            "ok": constant
            and all(screens[k]["p95_ms"] <= BAR_SCREEN_MS for k in ("early", "full")),
        },
    )


if __name__ == "__main__":
    main()
