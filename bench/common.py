"""Small helpers shared by the bench phases: timing, percentiles, plain-text tables, results."""

from __future__ import annotations

import http.client
import json
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
OK, MISS = "✓", "✗"


def say(text: str = "") -> None:
    print(text, flush=True)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 200 samples is the 190th smallest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def mark(ok: bool | None) -> str:
    return "-" if ok is None else (OK if ok else MISS)


def table(headers: list[str], rows: list[list], *, title: str | None = None) -> None:
    cells = [[str(c) for c in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    if title:
        say(title)
    line = "  ".join("-" * w for w in widths)
    for i, row in enumerate(cells):
        say(
            "  ".join(
                c.ljust(w) if j == 0 else c.rjust(w)
                for j, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if i == 0:
            say(line)
    say()


def _fmt(value) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        if math.isinf(value):
            return "timeout"
        return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


class Stopwatch:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def save_results(name: str, data: dict) -> None:
    """Each phase appends its figures to $BENCH_RESULTS (a JSON-lines file) for the summary."""
    path = os.environ.get("BENCH_RESULTS")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"phase": name, **data}, ensure_ascii=False) + "\n")


def fail(message: str) -> None:
    say(f"FAILED: {message}")
    sys.exit(1)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    """One GET on a fresh connection (gunicorn's sync workers close after each response)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()
