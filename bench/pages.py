"""Serial p95 and c16 throughput per page kind, beside a minimal page of the same stack.

Run: ``GIAMNGHEO_VAR_DIR=$(mktemp -d) .venv/bin/python -m bench.pages [--articles N]``.
Builds the demo site plus N generated articles in a fresh SQLite file (bench/serving.py's
build_site), serves it uncached (PAGE_CACHE_SECONDS=0) with gunicorn sync × 2 workers, and
measures, for the minimal baseline page (/__minimal__/: full middleware, one tiny template, no
query) and for home, article, news list and search: p50/p95 of requests one at a time and
requests per second with 16 concurrent connections. The ratio to the baseline is what holds
across machines.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench import serving
from bench.common import mark, save_results, table

BARS_MS = {"search": 20.0, "list": 15.0}
KINDS = ("baseline", "home", "article", "list", "search")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    (Path(os.environ["GIAMNGHEO_VAR_DIR"]) / "static").mkdir(parents=True, exist_ok=True)
    site = serving.build_site(args.articles)
    pages = {"baseline": "/__minimal__/", **site["pages"]}
    figures = {}
    with serving.Server("uncached", PAGE_CACHE_SECONDS="0") as server:
        for kind in KINDS:
            path = pages[kind]
            serving.throughput(server.port, path, 1)  # warm both workers
            serial = serving.single_latency(server.port, path, runs=args.runs)
            serving.CONNECTIONS = 16
            try:
                c16 = serving.throughput(server.port, path)
            finally:
                serving.CONNECTIONS = 4
            figures[kind] = {**serial, "c16": c16}
    base = figures["baseline"]
    rows = []
    for kind in KINDS:
        f = figures[kind]
        bar = BARS_MS.get(kind)
        rows.append(
            [
                kind,
                f["p50_ms"],
                f["p95_ms"],
                f["p95_ms"] / base["p95_ms"],
                f["c16"]["rps"],
                base["c16"]["rps"] / f["c16"]["rps"] if f["c16"]["rps"] else float("nan"),
                f["c16"]["errors"],
                f"{mark(f['p95_ms'] <= bar)} ≤ {bar:.0f} ms" if bar else "-",
            ]
        )
    table(
        ["page", "p50 ms", "p95 ms", "p95 ÷ base", "c16 r/s", "base r/s ÷", "errors", "bar"],
        rows,
        title=(
            f"Uncached pages, SQLite, demo + {args.articles:,} articles, gunicorn sync × 2 — "
            f"serial ({args.runs} requests) and 16 connections ({serving.LOADGEN})"
        ),
    )
    save_results("pages", {"articles": args.articles, "figures": figures, "bars_ms": BARS_MS})


if __name__ == "__main__":
    main()
