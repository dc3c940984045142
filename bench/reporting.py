"""The consolidated report at province scale, and the lead department's completeness screen.

Run by bench/run.py (``--only reporting``) once per database, in its own process with
GIAMNGHEO_VAR_DIR (a fresh SQLite file) or DATABASE_URL (a fresh PostgreSQL database) set.
It migrates, then builds through the planning and reporting services: 1 province, 10
districts, 200 communes, 40 provincial agencies; a plan with forms 2.1–2.6, contents 1.1–1.4
and three funding sources; a sub-plan per reporting organisation and 5,000 activities with
budget lines and outputs; a data set of 8 indicators reported by the 250 organisations, 90 %
of them reported (some late). Then it times:

- the consolidated report's XLSX annex + DOCX (p50 of a few runs each; bar: the sum ≤ 3 s);
- the completeness screen, an HTTP GET through ``django.test.Client`` as a lead-department
  superuser: p95 ms (bar ≤ 200 ms) and its query count, at a small size (a data set of 3
  organisations) and at full size (250): the count must be the same.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import time
from datetime import date, timedelta

# Before Django reads its settings: no mail printed to the console for each report sent, and the
# superuser reaches the admin without a second factor (the screen, not the sign-in, is timed).
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["STAFF_TWO_FACTOR_REQUIRED"] = "0"

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import Stopwatch, mark, percentile, save_results, say, table  # noqa: E402

BAR_DOCUMENTS_S = 3.0
BAR_SCREEN_MS = 200.0
YEAR = 2023
FORMS = [
    ("2.1", "Truyền thông trên các phương tiện thông tin đại chúng từ cấp tỉnh tới cơ sở."),
    ("2.2", "Tổ chức cuộc thi các tác phẩm báo chí viết về công tác giảm nghèo."),
    ("2.3", "Tổ chức sơ kết và khen thưởng tập thể, hộ gia đình, cá nhân có thành tích."),
    ("2.4", "Tập huấn, bồi dưỡng nghiệp vụ truyền thông lĩnh vực giảm nghèo."),
    ("2.5", "In ấn, phát hành tài liệu và các ấn phẩm, sản phẩm truyền thông."),
    ("2.6", "Truyền thông trên mạng Internet, các nền tảng số."),
]
CONTENTS = [
    ("1.1", "Truyền thông về chủ trương, chính sách giảm nghèo."),
    ("1.2", "Truyền thông về giảm nghèo đa chiều, bao trùm, bền vững."),
    ("1.3", "Đổi mới phong trào thi đua “Vì người nghèo”."),
    ("1.4", "Truyền thông về các tấm gương điển hình, mô hình hay."),
]
SOURCES = [
    ("1", "Ngân sách nhà nước", "Ngân sách Trung ương và địa phương."),
    ("2", "Lồng ghép các nguồn lực hợp pháp khác", "Lồng ghép các chương trình."),
    ("3", "Xã hội hóa", "Huy động doanh nghiệp, báo chí."),
]
INDICATORS = [
    # code, name, measure, aggregation, disaggregation, prefill source, key
    ("HD", "Số hoạt động đã thực hiện", "count", "sum", "form", "activity_count", ""),
    ("TIN", "Số tin, bài", "count", "sum", "form", "output", "mass_media.article"),
    (
        "PS",
        "Số chương trình phát thanh, truyền hình",
        "count",
        "sum",
        "none",
        "output",
        "mass_media.broadcast",
    ),
    ("KPDK", "Kinh phí dự kiến", "money", "sum", "funding_source", "budget_planned", ""),
    ("KPDC", "Kinh phí đã chi", "money", "sum", "funding_source", "budget_spent", ""),
    ("NGUOI", "Số lượt người được truyền thông", "people", "sum", "none", "none", ""),
    ("TYLE", "Tỷ lệ xã phát sóng hằng tuần", "percent", "average", "none", "none", ""),
    ("KHOKHAN", "Khó khăn, vướng mắc", "text", "none", "none", "none", ""),
]


def build(*, activities: int, districts: int, communes: int, agencies: int) -> dict:
    from django.contrib.auth import get_user_model

    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, UnitLevel
    from giamngheo.planning import services as plan_services
    from giamngheo.planning.enums import AssignmentRole

    rng = random.Random(2023)
    User = get_user_model()
    admin = User.objects.create_superuser("bench.lead", "lead@example.vn", "Bench#Lead2023")

    with Stopwatch() as sw_units, transaction.atomic():
        province = org_services.create_unit(
            code="B99", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, audit=False
        )
        district_units, commune_units = [], []
        for d in range(1, districts + 1):
            district = org_services.create_unit(
                code=f"B99{d:02d}",
                name=f"Huyện Thử Nghiệm {d}",
                level=UnitLevel.DISTRICT,
                parent=province,
                audit=False,
            )
            district_units.append(district)
        per_district = communes // districts
        for d, district in enumerate(district_units, start=1):
            for c in range(1, per_district + 1):
                commune_units.append(
                    org_services.create_unit(
                        code=f"B99{d:02d}{c:03d}",
                        name=f"Xã Thử Nghiệm {d}.{c}",
                        level=UnitLevel.COMMUNE,
                        parent=district,
                        audit=False,
                    )
                )
        lead = org_services.create_organisation(
            name="Sở Lao động - Thương binh và Xã hội",
            kind=OrganisationKind.DEPARTMENT,
            unit=province,
            short_name="Sở LĐTBXH",
            is_lead=True,
        )
        agency_orgs = [
            org_services.create_organisation(
                name=f"Cơ quan cấp tỉnh số {a}",
                kind=OrganisationKind.DEPARTMENT if a % 2 else OrganisationKind.ASSOCIATION,
                unit=province,
            )
            for a in range(1, agencies + 1)
        ]
        district_orgs = [
            org_services.create_organisation(
                name=f"Ủy ban nhân dân {u.name[:1].lower()}{u.name[1:]}",
                kind=OrganisationKind.PEOPLES_COMMITTEE,
                unit=u,
            )
            for u in district_units
        ]
        commune_orgs = [
            org_services.create_organisation(
                name=f"Ủy ban nhân dân {u.name[:1].lower()}{u.name[1:]}",
                kind=OrganisationKind.PEOPLES_COMMITTEE,
                unit=u,
            )
            for u in commune_units
        ]
        org_services.create_membership(
            user=admin, organisation=lead, role="province_admin", valid_from=date(YEAR, 1, 1)
        )
    reporters = district_orgs + commune_orgs + agency_orgs
    say(
        f"  units and organisations: {1 + len(district_units) + len(commune_units)} units, "
        f"{len(reporters) + 1} organisations in {sw_units.seconds:.1f} s"
    )

    with Stopwatch() as sw_plan:
        plan = plan_services.create_plan(
            issuing_body_name="UBND TỈNH THỬ NGHIỆM",
            place="Thử Nghiệm",
            title=f"Truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững năm {YEAR}",
            year=YEAR,
            legal_bases="Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững.",
            purposes=["- Nâng cao nhận thức về giảm nghèo."],
            requirements=["- Bám sát thực tiễn."],
            audience="Người dân, cán bộ làm công tác giảm nghèo.",
            scope="Trên phạm vi toàn tỉnh.",
            period_text=f"Năm {YEAR}.",
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 12, 31),
            report_deadline=date(YEAR, 11, 15),
            recipients=["- Bộ Lao động-TB&XH (b/c);", "- Lưu: VT."],
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
                    tasks=["- Chủ trì, tổng hợp."],
                    organisations=[lead],
                ),
                plan_services.AssignmentSpec(
                    code="2",
                    heading="Các sở, ngành, UBND huyện, xã",
                    role=AssignmentRole.COORDINATING,
                    tasks=["- Xây dựng kế hoạch cụ thể, báo cáo kết quả trước 15/11."],
                    organisations=reporters,
                ),
            ],
        )
        items = {i.code: i for i in plan.items.all()}
        sources = list(plan.funding_sources.order_by("position"))
        subplans = [
            plan_services.create_subplan(
                actor=admin, plan=plan, organisation=org, title=f"Kế hoạch cụ thể của {org.name}"
            )
            for org in reporters
        ]
    say(f"  plan and {len(subplans)} sub-plans: {sw_plan.seconds:.1f} s")

    with Stopwatch() as sw_act:
        # One commit per 500 activities, not one per activity: the services' own transactions
        # become savepoints, and building the data set is not a test of fsync.
        for first in range(0, activities, 500):
            with transaction.atomic():
                for n in range(first, min(first + 500, activities)):
                    _add_activity(
                        n, subplans=subplans, items=items, sources=sources, admin=admin, rng=rng
                    )
    say(
        f"  {activities:,} activities (services.create_activity): {sw_act.seconds:.1f} s "
        f"({sw_act.seconds / activities * 1000:.1f} ms each)"
    )

    datasets = {}
    with Stopwatch() as sw_rep:
        full = _dataset(
            code="KQ-TT", organisations=reporters, plan=plan, lead=lead, name="Kết quả truyền thông"
        )
        small = _dataset(
            code="KQ-TT-NHO",
            organisations=reporters[:3],
            plan=plan,
            lead=lead,
            name="Kết quả truyền thông (mẫu nhỏ)",
        )
        for key, (dataset, period, orgs) in {"full": full, "small": small}.items():
            counts = _report(
                dataset=dataset, period=period, organisations=orgs, actor=admin, rng=rng
            )
            datasets[key] = (dataset, period, counts)
    say(
        f"  reports: {datasets['full'][2]['submitted']}/{len(reporters)} sent "
        f"({datasets['full'][2]['late']} late) in {sw_rep.seconds:.1f} s"
    )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return {
        "admin": admin,
        "datasets": datasets,
        "organisations": len(reporters),
        "activities": activities,
        "build_s": sw_units.seconds + sw_plan.seconds + sw_act.seconds + sw_rep.seconds,
        "activity_ms": sw_act.seconds / activities * 1000,
    }


def _add_activity(n, *, subplans, items, sources, admin, rng) -> None:
    from giamngheo.planning import services as plan_services
    from giamngheo.planning.enums import ActivityStatus

    statuses = [ActivityStatus.DONE] * 8 + [ActivityStatus.IN_PROGRESS, ActivityStatus.CANCELLED]
    subplan = subplans[n % len(subplans)]
    form = items[FORMS[n % len(FORMS)][0]]
    start = date(YEAR, 1, 1) + timedelta(days=rng.randrange(0, 300))
    budget = []
    for source in sources[: 1 + n % len(sources)]:
        planned = rng.randrange(1, 50) * 1_000_000
        budget.append(
            plan_services.BudgetSpec(
                funding_source=source,
                planned=planned,
                spent=planned * rng.randrange(50, 101) // 100,
            )
        )
    outputs = (
        {"article": rng.randrange(1, 20), "broadcast": rng.randrange(0, 5)}
        if form.code in ("2.1", "2.6")
        else {}
    )
    plan_services.create_activity(
        actor=admin,
        subplan=subplan,
        title=f"Hoạt động truyền thông số {n + 1}",
        form=form,
        contents=[items[CONTENTS[n % len(CONTENTS)][0]]],
        units=[subplan.organisation.unit],
        start_date=start,
        end_date=start + timedelta(days=rng.randrange(0, 30)),
        status=statuses[n % len(statuses)],
        budget=budget,
        outputs={k: v for k, v in outputs.items() if v},
    )


def _dataset(*, code, organisations, plan, lead, name):
    from giamngheo.reporting import services as rep_services
    from giamngheo.reporting.models import Indicator

    indicators = []
    for icode, iname, measure, aggregation, disaggregation, source, key in INDICATORS:
        indicator = Indicator.objects.filter(code=icode).first() or rep_services.create_indicator(
            code=icode,
            name=iname,
            measure=measure,
            aggregation=aggregation,
            disaggregation=disaggregation,
            prefill_source=source,
            prefill_key=key,
        )
        indicators.append(indicator)
    dataset = rep_services.create_dataset(
        code=code,
        name=f"{name} năm {YEAR}",
        plan=plan,
        elements=indicators,
        organisations=organisations,
        lead_organisation=lead,
        due_day=15,
        due_month=11,
    )
    period = rep_services.create_period(
        dataset=dataset, name=f"Năm {YEAR}", start=date(YEAR, 1, 1), end=date(YEAR, 12, 31)
    )
    return dataset, period, organisations


def _report(*, dataset, period, organisations, actor, rng) -> dict:
    """90 % of the organisations send their pre-filled report; one in eight of them late."""
    from giamngheo.reporting import services as rep_services
    from giamngheo.reporting.models import Submission

    on_time, late = [], []
    for index, org in enumerate(organisations):
        if index % 10 == 9:
            continue
        submission = rep_services.start_submission(
            actor=actor, dataset=dataset, period=period, organisation=org
        )
        submission = rep_services.save_values(
            submission=submission,
            values={
                ("NGUOI", ""): rng.randrange(100, 5000),
                ("TYLE", ""): rng.randrange(60, 101),
                ("KHOKHAN", ""): "Không có" if index % 7 else "=Thiếu kinh phí (thử công thức)",
            },
            actor=actor,
            version=submission.version,
        )
        rep_services.submit_submission(submission=submission, actor=actor)
        (late if index % 8 == 7 else on_time).append(submission.pk)
    tz = timezone.get_current_timezone()
    Submission.objects.filter(pk__in=on_time).update(
        submitted_at=timezone.make_aware(timezone.datetime(YEAR, 11, 10, 9, 0), tz)
    )
    Submission.objects.filter(pk__in=late).update(
        submitted_at=timezone.make_aware(timezone.datetime(YEAR, 11, 20, 9, 0), tz)
    )
    return {"submitted": len(on_time) + len(late), "late": len(late)}


def time_documents(period, runs: int) -> dict:
    """Each download on its own (what one request costs), and the pair issued together from
    one reading of the figures (``build_consolidated_documents``)."""
    from giamngheo.reporting import documents

    figures = {}
    for name, build_fn in (
        ("xlsx", documents.build_consolidated_xlsx),
        ("docx", documents.build_consolidated_docx),
        ("both", documents.build_consolidated_documents),
    ):
        times, size, queries = [], 0, 0
        for _run in range(runs):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                data = build_fn(period)
                times.append(time.perf_counter() - start)
            size = sum(map(len, data.values())) if isinstance(data, dict) else len(data)
            queries = len(ctx.captured_queries)
        figures[name] = {"p50_s": percentile(times, 50), "bytes": size, "queries": queries}
    return figures


def time_screen(client: Client, url: str, runs: int) -> dict:
    response = client.get(url)  # warm-up (templates, caches)
    assert response.status_code == 200, (response.status_code, response.content[:300])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return {
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "queries": queries,
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=5_000)
    parser.add_argument("--districts", type=int, default=10)
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5, help="runs per document format")
    parser.add_argument("--screen-runs", type=int, default=50)
    args = parser.parse_args()
    label = (
        f"{connection.vendor}; 1 province, {args.districts} districts, {args.communes} communes, "
        f"{args.agencies} agencies, {args.activities:,} activities"
    )
    say(f"Reporting benchmark — {label}")
    with Stopwatch() as sw:
        call_command("migrate", verbosity=0)
    say(f"  schema: {sw.seconds:.1f} s")
    built = build(
        activities=args.activities,
        districts=args.districts,
        communes=args.communes,
        agencies=args.agencies,
    )
    say()

    _dataset, period, _counts = built["datasets"]["full"]
    docs = time_documents(period, args.runs)
    total = docs["both"]["p50_s"]
    separate = docs["xlsx"]["p50_s"] + docs["docx"]["p50_s"]
    docs_ok = total <= BAR_DOCUMENTS_S
    table(
        ["document", "p50 s", "size KB", "queries", "bar"],
        [
            [
                "consolidated XLSX annex (alone)",
                docs["xlsx"]["p50_s"],
                docs["xlsx"]["bytes"] / 1024,
                docs["xlsx"]["queries"],
                "",
            ],
            [
                "consolidated DOCX (alone)",
                docs["docx"]["p50_s"],
                docs["docx"]["bytes"] / 1024,
                docs["docx"]["queries"],
                "",
            ],
            ["XLSX + DOCX, two separate downloads", separate, "", "", ""],
            [
                "XLSX + DOCX issued together",
                total,
                docs["both"]["bytes"] / 1024,
                docs["both"]["queries"],
                f"{mark(docs_ok)} ≤ {BAR_DOCUMENTS_S:.0f} s",
            ],
        ],
        title=f"Consolidated report generation ({args.runs} runs each) — {label}",
    )

    # This process still holds what it built and generated (5,000 activities, the documents):
    # hundreds of thousands of objects a server worker never has. Frozen out of the cyclic
    # collector, they no longer put a full collection of them into one of the timed requests.
    gc.collect()
    gc.freeze()
    client = Client()
    client.force_login(built["admin"])
    screens = {}
    for key in ("small", "full"):
        ds, pe, cnt = built["datasets"][key]
        url = reverse("reporting_completeness", args=[ds.pk, pe.pk])
        screens[key] = {
            **time_screen(client, url, args.screen_runs),
            "organisations": ds.organisations.count(),
            **cnt,
        }
    constant = screens["small"]["queries"] == screens["full"]["queries"]
    rows = []
    for key in ("small", "full"):
        s = screens[key]
        ok = s["p95_ms"] <= BAR_SCREEN_MS and constant
        rows.append(
            [
                f"completeness, {s['organisations']} organisations ({s['submitted']} sent, {s['late']} late)",
                s["p50_ms"],
                s["p95_ms"],
                s["queries"],
                s["bytes"] / 1024,
                f"{mark(ok)} ≤ {BAR_SCREEN_MS:.0f} ms, queries constant: {mark(constant)}",
            ]
        )
    table(
        ["screen (GET, lead-department superuser)", "p50 ms", "p95 ms", "queries", "KB", "bar"],
        rows,
        title=f"Completeness screen ({args.screen_runs} requests) — {connection.vendor}",
    )
    save_results(
        "reporting",
        {
            "db": connection.vendor,
            "organisations": built["organisations"],
            "activities": built["activities"],
            "build_s": built["build_s"],
            "activity_ms": built["activity_ms"],
            "xlsx_p50_s": docs["xlsx"]["p50_s"],
            "docx_p50_s": docs["docx"]["p50_s"],
            "documents_s": total,
            "documents_separate_s": separate,
            "documents_ok": docs_ok,
            "screen_small": screens["small"],
            "screen_full": screens["full"],
            "screen_queries_constant": constant,
            "screen_ok": all(s["p95_ms"] <= BAR_SCREEN_MS for s in screens.values()) and constant,
        },
    )


if __name__ == "__main__":
    main()
