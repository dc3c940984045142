"""Public results pages with 10 years × 300 communes of poverty review data.

Run by bench/run.py (``--only results``) once per database, in its own process with
GIAMNGHEO_VAR_DIR (a fresh SQLite file) or DATABASE_URL (a fresh PostgreSQL database) set.
It migrates, then builds through the organisations and results services: a province as it was
until 30/6/2025 (10 districts × 30 communes), its successor province (100 communes, three old
communes merged into each), 10 years (2016–2025) of review figures for the 300 old communes,
a home page and the results page. Then, through ``django.test.Client`` as an anonymous visitor,
it times each page uncached (page cache off) and cached (the app's own page cache):
p50/p95 ms, requests per second one at a time, and the query count of one uncached request,
which must equal the count at a small size (1 year × 3 communes). The portal's home page,
timed the same way in the same run, is the baseline: the table prints each page's uncached
cost as a multiple of it, so a loaded machine does not hide a regression.

Bars (docs QUALITY.md): uncached p95 ≤ 25 ms, cached ≥ 5× the uncached throughput, query count
constant in the number of units and years.
"""

from __future__ import annotations

import os
import time
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.common import Stopwatch, mark, percentile, save_results, say, table  # noqa: E402

YEARS = range(2016, 2026)
DISTRICTS = 10
COMMUNES_PER_DISTRICT = 30
MERGED = 3  # old communes per new commune
BAR_P95_MS = 25.0
BAR_CACHED_RATIO = 5.0
RUNS = 200
BUDGET_S = 8.0
LAST, FIRST = date(2025, 6, 30), date(2025, 7, 1)


def build_units():
    from giamngheo.organisations.enums import SuccessionKind, UnitLevel
    from giamngheo.organisations.models import AdministrativeUnit, UnitSuccession
    from giamngheo.organisations.services import bulk_create_units, bulk_record_successions

    (old,) = bulk_create_units(
        units=[
            AdministrativeUnit(
                code="24", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, valid_to=LAST
            )
        ]
    )
    (new,) = bulk_create_units(
        units=[
            AdministrativeUnit(
                code="27", name="Tỉnh Hợp Nhất", level=UnitLevel.PROVINCE, valid_from=FIRST
            )
        ]
    )
    districts = bulk_create_units(
        units=[
            AdministrativeUnit(
                code=f"{200 + d}",
                name=f"Huyện Thử Nghiệm {d + 1}",
                level=UnitLevel.DISTRICT,
                parent=old,
                valid_to=LAST,
            )
            for d in range(DISTRICTS)
        ]
    )
    communes = bulk_create_units(
        units=[
            AdministrativeUnit(
                code=f"{10000 + d * 100 + c:05d}",
                name=f"Xã Thử Nghiệm {d + 1}-{c + 1}",
                level=UnitLevel.COMMUNE,
                parent=district,
                valid_to=LAST,
            )
            for d, district in enumerate(districts)
            for c in range(COMMUNES_PER_DISTRICT)
        ]
    )
    new_communes = bulk_create_units(
        units=[
            AdministrativeUnit(
                code=f"{50000 + n:05d}",
                name=f"Xã Hợp Nhất {n + 1}",
                level=UnitLevel.COMMUNE,
                parent=new,
                valid_from=FIRST,
            )
            for n in range(len(communes) // MERGED)
        ]
    )
    bulk_record_successions(
        successions=[
            UnitSuccession(
                predecessor=commune,
                successor=new_communes[i // MERGED],
                kind=SuccessionKind.MERGE,
                date=FIRST,
            )
            for i, commune in enumerate(communes)
        ]
    )
    return old, districts, communes


def build_reviews(communes, years) -> int:
    from giamngheo.results.services import ReviewInput, save_poverty_reviews

    inputs = []
    for i, commune in enumerate(communes):
        for k, year in enumerate(years):
            total = 1500 + (i * 37) % 3000
            poor = max(total * (12 - k) // 200 - i % 7, 0)
            inputs.append(
                ReviewInput(
                    unit=commune,
                    year=year,
                    total_households=total,
                    poor=poor,
                    near_poor=poor + i % 11,
                    escaped=i % 13,
                    newly_poor=i % 5,
                    source="Số liệu mẫu minh họa, không phải số liệu chính thức",
                    source_organisation="Sở Thử Nghiệm",
                    as_of=date(year, 12, 31),
                    is_sample=True,
                )
            )
    save_poverty_reviews(reviews=inputs)
    return len(inputs)


def build_pages(province):
    from wagtail.models import Page

    from giamngheo.portal.models import HomePage
    from giamngheo.portal.services import create_page, ensure_site_root
    from giamngheo.results.models import ResultsIndexPage

    home = create_page(
        parent=Page.get_first_root_node(), page=HomePage(title="Cổng giảm nghèo", slug="trang-chu")
    )
    ensure_site_root(home=home, hostname="testserver")
    return create_page(
        parent=home,
        page=ResultsIndexPage(
            title="Kết quả thực hiện chương trình", slug="ket-qua", unit=province, is_sample=True
        ),
    )


def series(client: Client, url: str) -> list[float]:
    times = []
    deadline = time.perf_counter() + BUDGET_S
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if time.perf_counter() > deadline:
            break
    return times


def queries(url: str) -> int:
    with override_settings(PAGE_CACHE_SECONDS=0):
        client = Client()
        client.get(url)  # warm per-process caches (site, settings)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
    return len(ctx.captured_queries)


def measure(pages: list[tuple[str, str]], small_counts: dict[str, int], label: str) -> list[dict]:
    from giamngheo.core.cache import purge_page_cache

    rows, out = [], []
    baseline_p50 = None
    for name, url in pages:
        with override_settings(PAGE_CACHE_SECONDS=0):
            uncached_client = Client()
            uncached_client.get(url)
            uncached = series(uncached_client, url)
        purge_page_cache()
        cached_client = Client()
        cached_client.get(url)  # fills the page cache
        cached = series(cached_client, url)
        count = queries(url)
        u_rps = len(uncached) / (sum(uncached) / 1000)
        c_rps = len(cached) / (sum(cached) / 1000)
        ratio = c_rps / u_rps
        p95 = percentile(uncached, 95)
        baseline_p50 = baseline_p50 or percentile(uncached, 50)
        versus_home = percentile(uncached, 50) / baseline_p50
        ok_p95, ok_ratio = p95 <= BAR_P95_MS, ratio >= BAR_CACHED_RATIO
        ok_queries = count == small_counts[name]
        rows.append(
            [
                name,
                percentile(uncached, 50),
                p95,
                u_rps,
                f"{versus_home:.1f}×",
                percentile(cached, 50),
                percentile(cached, 95),
                c_rps,
                f"{ratio:.1f}× {mark(ok_ratio)}",
                f"{count} / {small_counts[name]} {mark(ok_queries)}",
                mark(ok_p95),
            ]
        )
        out.append(
            {
                "page": name,
                "url": url,
                "uncached_p50_ms": percentile(uncached, 50),
                "uncached_p95_ms": p95,
                "uncached_rps": u_rps,
                "cached_p50_ms": percentile(cached, 50),
                "cached_p95_ms": percentile(cached, 95),
                "cached_rps": c_rps,
                "ratio": ratio,
                "versus_home_p50": versus_home,
                "queries": count,
                "queries_small": small_counts[name],
                "ok": ok_p95 and ok_ratio and ok_queries,
            }
        )
    table(
        [
            "page",
            "p50 ms",
            "p95 ms",
            "req/s",
            "p50 vs home",
            "cached p50",
            "cached p95",
            "cached req/s",
            f"cached/uncached ≥ {BAR_CACHED_RATIO:.0f}×",
            "queries full / small",
            f"p95 ≤ {BAR_P95_MS:.0f} ms",
        ],
        rows,
        title=f"Results pages, anonymous, django.test.Client one at a time — {label}",
    )
    return out


def main() -> None:
    from giamngheo.results.models import PovertyReview

    say(f"Results benchmark — {connection.vendor}")
    with Stopwatch() as sw:
        call_command("migrate", verbosity=0)
        province, districts, communes = build_units()
        page = build_pages(province)
        # Small size first (1 year × 3 communes) for the query counts, then the full data.
        build_reviews(communes[:3], [YEARS[-1]])
    district = districts[0]
    pages = [
        ("baseline: portal home page", "/"),
        ("overview", page.url),
        ("breakdown: province, 2025", f"{page.url}don-vi/?nam=2025"),
        ("breakdown: district, 2025", f"{page.url}don-vi/?nam=2025&don-vi={district.pk}"),
        ("breakdown: today's map", f"{page.url}don-vi/?nam=2025&cau-truc=hien-nay"),
        ("CSV: today's map", "/du-lieu-mo/ra-soat-ho-ngheo.csv?nam=2025&cau-truc=hien-nay"),
        ("JSON: by year", "/du-lieu-mo/tong-hop-theo-nam.json"),
    ]
    small = {name: queries(url) for name, url in pages}
    with Stopwatch() as data:
        rows = build_reviews(communes, YEARS)
    say(
        f"  schema, {len(communes)} + {len(communes) // MERGED} communes, pages: {sw.seconds:.1f} s;"
        f" {rows:,} review rows ({len(YEARS)} years): {data.seconds:.1f} s"
    )
    assert PovertyReview.objects.count() == len(communes) * len(YEARS)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    say()
    label = f"{connection.vendor}, {len(YEARS)} years × {len(communes)} communes"
    figures = measure(pages, small, label)
    save_results("results", {"db": connection.vendor, "pages": figures})


if __name__ == "__main__":
    main()
