"""`make bench`: every speed benchmark of docs/benchmarks.md, each phase in its own process.

1. Page serving (SQLite): cached / uncached / bare throughput, single-request p95, query counts,
   freshness after a publish — bench/serving.py; then the same pages behind the documented
   nginx front cache against nginx serving the bytes as a file — bench/nginx_front.py.
2. Serial p95 and c16 throughput per page kind (home, article, news list, search) beside a
   minimal page of the same stack — bench/pages.py.
3. Search over 100,000 articles on SQLite, then on PostgreSQL if `pg_isready -h 127.0.0.1`
   answers (bar 25 ms), then over 1,000,000 on PostgreSQL (bar 60 ms; `--no-million` skips it,
   `--million-articles N` changes the size) — bench/search.py.

Nothing touches the dev database: each phase gets a fresh temp dir (GIAMNGHEO_VAR_DIR) or a
fresh PostgreSQL database, dropped at the end. Options: --only serving|search, --articles N,
--no-prototype (skip timing the alternative search query shape of bench/search_proto.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PY, ROOT, mark, say, table

PG_HOST = "127.0.0.1"
REDIS_URL = "redis://127.0.0.1:6379/0"


def phase(module: str, args: list[str], env: dict) -> bool:
    proc = subprocess.run([PY, "-m", module, *args], cwd=ROOT, env=env)
    if proc.returncode:
        say(f"{module} FAILED (exit {proc.returncode})")
    say()
    return proc.returncode == 0


def redis_available() -> bool:
    cli = shutil.which("redis-cli")
    if not cli:
        return False
    out = subprocess.run([cli, "-h", "127.0.0.1", "ping"], capture_output=True, text=True)
    return out.stdout.strip() == "PONG"


def pg_available() -> bool:
    if not shutil.which("pg_isready"):
        return False
    return subprocess.run(["pg_isready", "-h", PG_HOST], capture_output=True).returncode == 0


def on_both_databases(
    module: str, args: list[str], base_env: dict, tmp: Path, *, sqlite: bool = True
) -> None:
    """Run one bench phase on a fresh SQLite file, then on a fresh PostgreSQL database."""
    if sqlite:
        var = tmp / f"{module}-sqlite"
        var.mkdir()
        phase(module, args, {**base_env, "GIAMNGHEO_VAR_DIR": str(var)})
        shutil.rmtree(var, ignore_errors=True)
    if not pg_available():
        say(f"PostgreSQL SKIPPED: `pg_isready -h {PG_HOST}` failed (no server answering).")
        say()
        return
    name = f"giamngheo_bench_{os.getpid()}"
    subprocess.run(["createdb", "-h", PG_HOST, "-U", "postgres", name], check=True)
    var = tmp / f"{module}-pg-{name}"
    var.mkdir()
    try:
        phase(
            module,
            args,
            {
                **base_env,
                "GIAMNGHEO_VAR_DIR": str(var),
                "DATABASE_URL": f"postgres://postgres@{PG_HOST}:5432/{name}",
            },
        )
    finally:
        subprocess.run(
            ["dropdb", "-h", PG_HOST, "-U", "postgres", "--if-exists", name], check=False
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--only",
        choices=[
            "serving",
            "nginx",
            "pages",
            "search",
            "search-1m",
            "intake",
            "reporting",
            "results",
            "funds",
            "publications",
        ],
    )
    parser.add_argument("--articles", type=int, default=100_000, help="for the search benchmark")
    parser.add_argument("--no-prototype", dest="prototype", action="store_false")
    parser.add_argument(
        "--no-million", dest="million", action="store_false", help="skip the 1M PostgreSQL search"
    )
    parser.add_argument("--million-articles", type=int, default=1_000_000)
    args = parser.parse_args()

    started = time.time()
    tmp = Path(tempfile.mkdtemp(prefix="giamngheo-bench-"))
    results_file = tmp / "results.jsonl"
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "DEBUG": "0",
        "BENCH_RESULTS": str(results_file),
        "PYTHONPATH": str(ROOT),
    }
    base_env.pop("DATABASE_URL", None)
    base_env.pop("CACHE_URL", None)
    say(
        f"giamngheo benchmarks — {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPU cores, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )
    say()
    try:
        if args.only in (None, "serving"):
            var = tmp / "serving"
            var.mkdir()
            extra = ["--redis", REDIS_URL] if redis_available() else []
            if not extra:
                say("Redis not reachable on 127.0.0.1:6379: shared-cache run skipped.")
            phase("bench.serving", extra, {**base_env, "GIAMNGHEO_VAR_DIR": str(var)})
        if args.only in (None, "nginx"):
            say()
            nginx_env = {**os.environ, "PYTHONPATH": str(ROOT)}
            nginx_env.pop("DATABASE_URL", None)
            subprocess.run([PY, str(ROOT / "bench" / "nginx_front.py")], cwd=ROOT, env=nginx_env)
            say()
        if args.only in (None, "pages"):
            var = tmp / "pages"
            var.mkdir()
            phase("bench.pages", [], {**base_env, "GIAMNGHEO_VAR_DIR": str(var)})
        if args.only in (None, "search"):
            search_args = ["--articles", str(args.articles)]
            if args.prototype:
                search_args.append("--prototype")
            on_both_databases("bench.search", search_args, base_env, tmp)
        if args.only == "search-1m" or (args.only is None and args.million):
            million = ["--articles", str(args.million_articles), "--bar", "60"]
            on_both_databases("bench.search", million, base_env, tmp, sqlite=False)
        for name in ("intake", "reporting", "results", "funds", "publications"):
            if args.only in (None, name):
                on_both_databases(f"bench.{name}", [], base_env, tmp)
        summary(results_file)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    say(f"Total time: {(time.time() - started) / 60:.1f} min")


def summary(path: Path) -> None:
    if not path.exists():
        return
    records = [json.loads(line) for line in path.read_text().splitlines()]
    rows = []
    for rec in records:
        if rec["phase"] == "serving":
            for label, figures in rec["cached"].items():
                worst_u = min(
                    figures[n]["cached"]["rps"] / rec["uncached"][n]["uncached"]["rps"]
                    for n in ("home", "article", "list")
                )
                worst_b = min(
                    figures[n]["cached"]["rps"] / figures[n]["bare"]["rps"]
                    for n in ("home", "article", "list")
                )
                rows.append(
                    [
                        f"cached/uncached, worst page ({label})",
                        f"{worst_u:.1f}×",
                        "≥ 5×",
                        mark(worst_u >= 5),
                    ]
                )
                rows.append(
                    [
                        f"cached/bare, worst page ({label})",
                        f"{worst_b:.0%}",
                        "≥ 70 %",
                        mark(worst_b >= 0.7),
                    ]
                )
                for key, how in (("fresh", "idle"), ("fresh_load", "under load")):
                    fresh = figures[key]
                    ok = 0 <= fresh["seconds"] <= 1 and not fresh["stale_after"]
                    shown = (
                        f"{fresh['seconds'] * 1000:.0f} ms, {fresh['stale_after']} stale after"
                        if fresh["seconds"] >= 0
                        else f"> {-fresh['seconds']:.0f} s"
                    )
                    rows.append(
                        [f"freshness after publish ({label}, {how})", shown, "≤ 1 s", mark(ok)]
                    )
            worst = max(rec["uncached"].values(), key=lambda f: f["p95_ms"])
            rows.append(
                [
                    "uncached p95, worst of home/article/list/search",
                    f"{worst['p95_ms']:.1f} ms",
                    "≤ 25 ms",
                    mark(worst["p95_ms"] <= 25),
                ]
            )
            small, big = rec["counts"]["small"], rec["counts"]["big"]
            const = small[1] == big[1]
            rows.append(
                [
                    f"query counts equal at {small[0]} and {big[0]} news",
                    str(const),
                    "constant",
                    mark(const),
                ]
            )
        elif rec["phase"] == "pages":
            base = rec["figures"]["baseline"]
            for kind, f in rec["figures"].items():
                bar = rec.get("bars_ms", {}).get(kind)
                rows.append(
                    [
                        f"{kind} serial p95 / c16 ({rec['articles']:,} articles, SQLite)",
                        f"{f['p95_ms']:.1f} ms ({f['p95_ms'] / base['p95_ms']:.1f}× base), "
                        f"{f['c16']['rps']:.0f} r/s",
                        f"≤ {bar:.0f} ms" if bar else "-",
                        mark(f["p95_ms"] <= bar) if bar else "-",
                    ]
                )
        elif rec["phase"] == "search":
            worst = max(q["p95_ms"] for q in rec["queries"])
            bar = rec.get("bar_ms", 25.0)
            rows.append(
                [
                    f"search p95, worst of {len(rec['queries'])} queries "
                    f"({rec['db']}, {rec['articles']:,})",
                    "timeout" if worst == float("inf") else f"{worst:.0f} ms",
                    f"≤ {bar:.0f} ms",
                    mark(worst <= bar),
                ]
            )
            rows.append(
                [
                    f"indexing {rec['articles']:,} articles ({rec['db']})",
                    f"{rec['index_s']:.0f} s",
                    "-",
                    "-",
                ]
            )
            for proto in rec.get("prototype") or []:
                rows.append(
                    [
                        f"  prototype {proto['name']} p95, worst ({rec['db']})",
                        f"{proto['worst_p95_ms']:.0f} ms",
                        f"≤ {bar:.0f} ms",
                        mark(proto["worst_p95_ms"] <= bar),
                    ]
                )
        elif rec["phase"] == "intake":
            for f in rec["figures"]:
                rows.append(
                    [
                        f"intake {f['kind']} ({rec['db']})",
                        f"{f['rps']:.0f}/s, {f['errors']}/{f['lost']}/{f['duplicates']}",
                        f"≥ {f['bar']}/s, 0/0/0",
                        mark(f["ok"]),
                    ]
                )
        elif rec["phase"] == "reporting":
            rows.append(
                [
                    f"consolidated XLSX + DOCX ({rec['db']}, {rec['activities']:,} activities)",
                    f"{rec['documents_s']:.1f} s (apart {rec['documents_separate_s']:.1f} s)",
                    "≤ 3 s",
                    mark(rec["documents_ok"]),
                ]
            )
            full = rec["screen_full"]
            rows.append(
                [
                    f"completeness p95, {full['organisations']} organisations ({rec['db']})",
                    f"{full['p95_ms']:.0f} ms, {full['queries']} queries",
                    "≤ 200 ms, constant",
                    mark(rec["screen_ok"]),
                ]
            )
        elif rec["phase"] == "results":
            pages = [p for p in rec["pages"] if not p["page"].startswith("baseline")]
            worst = max(pages, key=lambda p: p["uncached_p95_ms"])
            rows.append(
                [
                    f"results pages uncached p95, worst ({rec['db']})",
                    f"{worst['uncached_p95_ms']:.0f} ms ({worst['page']})",
                    "≤ 25 ms",
                    mark(worst["uncached_p95_ms"] <= 25),
                ]
            )
            low = min(p["ratio"] for p in pages)
            rows.append(
                [
                    f"results pages cached/uncached, worst ({rec['db']})",
                    f"{low:.0f}×",
                    "≥ 5×",
                    mark(low >= 5),
                ]
            )
            const = all(p["queries"] == p["queries_small"] for p in rec["pages"])
            rows.append(
                [
                    f"results query counts 10y×300 vs 1×3 ({rec['db']})",
                    str(const),
                    "constant",
                    mark(const),
                ]
            )
        elif rec["phase"] == "funds":
            rows.extend(funds_summary(rec))
        elif rec["phase"] == "publications":
            full = rec["screens"]["full"]
            rows.append(
                [
                    f"publications balance screen p95, 10,000 movements ({rec['db']})",
                    f"{full['p95_ms']:.0f} ms, {full['queries']} queries "
                    f"(baseline page {rec['screens']['baseline']['p95_ms']:.0f} ms)",
                    "≤ 200 ms, constant queries",
                    mark(rec["ok"]),
                ]
            )
    table(["figure", "measured", "bar", ""], rows, title="SUMMARY")


def funds_summary(rec: dict) -> list[list]:
    rows = [
        [
            f"fund statement import, {rec['transactions']:,} lines ({rec['db']})",
            f"{rec['import_s']:.1f} s, {rec['matched']:,} matched (again {rec['reimport_s']:.1f} s)",
            "≤ 30 s",
            mark(rec["import_ok"]),
        ]
    ]
    worst = max(rec["screens"].items(), key=lambda item: item[1]["p95_ms"])
    rows.append(
        [
            f"public fund statement p95, {rec['entries']:,} entries, worst page ({rec['db']})",
            f"{worst[1]['p95_ms']:.0f} ms ({worst[0]})",
            "≤ 200 ms, constant queries",
            mark(rec["pages_ok"]),
        ]
    )
    return rows


if __name__ == "__main__":
    main()
