"""Page serving: cached vs uncached vs a bare cached-bytes view, latency, query counts, freshness.

Run by bench/run.py in its own process with GIAMNGHEO_VAR_DIR pointing at an empty temp dir.
Builds the demo site plus generated news in a fresh SQLite file, then serves it with gunicorn
(sync workers, 2 workers, DEBUG=0) through bench/wsgi.py and loads it with wrk (or a Python
client if wrk is missing) from a separate process on loopback.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.common import PY, ROOT, get, mark, percentile, save_results, say, table  # noqa: E402
from bench.sitegen import add_news, index_news  # noqa: E402

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DURATION = 5  # seconds per throughput measurement
CONNECTIONS = 4
SINGLE_RUNS = 200
SEARCH_PATH = "/tim-kiem/?q=" + quote("giảm nghèo")


# ---------------------------------------------------------------- server and load generator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name: str, **env: str):
        self.name, self.port = name, free_port()
        self.env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", **env}

    def __enter__(self):
        cmd = [
            GUNICORN,
            "bench.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
        ]
        self.proc = subprocess.Popen(cmd, env=self.env, cwd=ROOT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if get(self.port, "/")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"gunicorn ({self.name}) did not start")

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


WRK = shutil.which("wrk")
LOADGEN = (
    f"wrk 4.x, 1 thread, {CONNECTIONS} connections, {DURATION} s"
    if WRK
    else f"Python client, {CONNECTIONS} processes (http.client), {DURATION} s"
)


def throughput(port: int, path: str, duration: float = DURATION) -> dict:
    """Requests/s over ``duration`` seconds; errors are any non-2xx or socket errors."""
    url = f"http://127.0.0.1:{port}{path}"
    if WRK:
        out = subprocess.run(
            [WRK, "-t1", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "5s", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        total = int(re.search(r"(\d+) requests in", out).group(1))
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        sock = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
        )
        errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sock.groups())) if sock else 0)
        return {"rps": rps, "requests": total, "errors": errors}
    return _python_load(port, path, duration)


def _python_worker(port, path, duration, queue):
    done = errors = 0
    end = time.perf_counter() + duration
    while time.perf_counter() < end:
        try:
            status, _ = get(port, path)
            done += 1
            errors += status != 200
        except OSError:
            errors += 1
    queue.put((done, errors))


def _python_load(port: int, path: str, duration: float) -> dict:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=_python_worker, args=(port, path, duration, queue))
        for _ in range(CONNECTIONS)
    ]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    done = sum(r[0] for r in results)
    return {"rps": done / elapsed, "requests": done, "errors": sum(r[1] for r in results)}


def single_latency(port: int, path: str, runs: int = SINGLE_RUNS) -> dict:
    statuses = set()
    for _ in range(10):
        get(port, path)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        status, _ = get(port, path)
        times.append((time.perf_counter() - start) * 1000)
        statuses.add(status)
    return {
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "statuses": sorted(statuses),
    }


# ---------------------------------------------------------------- site and in-process checks


def build_site(articles: int) -> dict:
    from giamngheo.portal.models import NewsIndexPage, NewsPage

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    demo_article = NewsPage.objects.live().order_by("pk").first()
    pages = {"home": "/", "article": demo_article.url, "list": "/tin-tuc/", "search": SEARCH_PATH}
    counts_small = query_counts(pages)
    small = NewsPage.objects.count()
    before = set(NewsPage.objects.values_list("pk", flat=True))
    add_news(NewsIndexPage.objects.get(), articles, seed=7)
    index_news(sorted(set(NewsPage.objects.values_list("pk", flat=True)) - before))
    counts_big = query_counts(pages)
    big = NewsPage.objects.count()
    connections.close_all()
    return {"pages": pages, "counts": (small, counts_small), "counts_big": (big, counts_big)}


def query_counts(pages: dict) -> dict:
    """Queries per uncached anonymous request, in-process with the test client."""
    counts = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        client = Client()
        for name, path in pages.items():
            client.get(path)  # warm per-process caches (site root, content types)
            with CaptureQueriesContext(connection) as ctx:
                status = client.get(path).status_code
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            counts[name] = len(ctx.captured_queries)
    return counts


# ---------------------------------------------------------------- phases


def cached_vs_bare(server: Server, pages: dict) -> dict:
    figures = {}
    for name in ("home", "article", "list"):
        path = pages[name]
        bare = "/__bare__" + path
        throughput(server.port, path, 1)  # warm: fills the page cache in both workers
        throughput(server.port, bare, 1)
        status, body = get(server.port, path)
        bstatus, bbody = get(server.port, bare)
        if status != 200 or bstatus != 200 or body != bbody:
            raise RuntimeError(f"{name}: cached and bare bytes differ ({status}, {bstatus})")
        figures[name] = {
            "bytes": len(body),
            "cached": throughput(server.port, path),
            "bare": throughput(server.port, bare),
        }
    return figures


def uncached(server: Server, pages: dict) -> dict:
    figures = {}
    for name in ("home", "article", "list", "search"):
        path = pages[name]
        throughput(server.port, path, 1)
        figures[name] = {
            "uncached": throughput(server.port, path),
            **single_latency(server.port, path),
        }
    return figures


def freshness(server: Server, cache_env: dict, load: int = 0) -> dict:
    """Publish a page from another process (like an editor's save or a scheduled publish)."""
    out = subprocess.run(
        [PY, "-m", "bench.freshness", str(server.port)],
        env={**server.env, **cache_env, "BENCH_FRESH_LOAD": str(load)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if out.returncode:
        say(out.stderr[-2000:])
        raise RuntimeError("freshness check failed")
    line = out.stdout.strip().splitlines()[-1]
    seconds, stale = line.split()
    return {"seconds": float(seconds), "stale_after": int(stale)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--redis", default="", help="also run with this CACHE_URL (shared cache)")
    args = parser.parse_args()

    say(
        f"Page serving — SQLite, demo site + {args.articles} generated news; gunicorn sync × 2 "
        f"workers, DEBUG=0; load generator: {LOADGEN}"
    )
    (Path(os.environ["GIAMNGHEO_VAR_DIR"]) / "static").mkdir(parents=True, exist_ok=True)
    site = build_site(args.articles)
    pages = site["pages"]

    runs = [("locmem (default CACHES)", {})]
    if args.redis:
        runs.append(
            (
                "redis (CACHE_URL)",
                {"CACHE_URL": args.redis, "BENCH_CACHE_PREFIX": f"bench{os.getpid()}"},
            )
        )
    cached = {}
    for label, env in runs:
        with Server(label, **env) as server:
            cached[label] = cached_vs_bare(server, pages)
            cached[label]["fresh"] = freshness(server, env)
            cached[label]["fresh_load"] = freshness(server, env, load=4)
    with Server("uncached", PAGE_CACHE_SECONDS="0") as server:
        slow = uncached(server, pages)

    report(site, cached, slow)


def freshness_line(label: str, how: str, fresh: dict) -> None:
    if fresh["seconds"] < 0:
        say(
            f"Freshness ({label}, {how}): new article NOT on the cached home page after "
            f"{-fresh['seconds']:.1f} s {mark(False)} (bar ≤ 1 s)"
        )
        return
    ok = fresh["seconds"] <= 1 and not fresh["stale_after"]
    say(
        f"Freshness ({label}, {how}): new article on the cached home page "
        f"{fresh['seconds'] * 1000:.0f} ms after the publish started; stale responses in the 50 "
        f"requests after that: {fresh['stale_after']} {mark(ok)} (bar ≤ 1 s)"
    )


def report(site: dict, cached: dict, slow: dict) -> None:
    results = {"cached": cached, "uncached": slow, "loadgen": LOADGEN}
    for label, figures in cached.items():
        rows = []
        for name in ("home", "article", "list"):
            f = figures[name]
            c, b, u = f["cached"]["rps"], f["bare"]["rps"], slow[name]["uncached"]["rps"]
            errors = f["cached"]["errors"] + f["bare"]["errors"] + slow[name]["uncached"]["errors"]
            rows.append(
                [
                    name,
                    f["bytes"],
                    c,
                    u,
                    b,
                    f"{c / u:.1f}×",
                    mark(c / u >= 5),
                    f"{c / b:.0%}",
                    mark(c / b >= 0.70),
                    errors,
                ]
            )
        table(
            [
                "page",
                "bytes",
                "cached r/s",
                "uncached r/s",
                "bare r/s",
                "cached/uncached",
                "≥5×",
                "cached/bare",
                "≥70%",
                "errors",
            ],
            rows,
            title=f"Throughput, cache = {label}",
        )
        for key, how in (("fresh", "idle"), ("fresh_load", "under load during the publish")):
            freshness_line(label, how, figures[key])
        say()

    small, counts_small = site["counts"]
    big, counts_big = site["counts_big"]
    rows = []
    for name in ("home", "article", "list", "search"):
        f = slow[name]
        rows.append(
            [
                name,
                f["uncached"]["rps"],
                f["p50_ms"],
                f["p95_ms"],
                mark(f["p95_ms"] <= 25),
                counts_small[name],
                counts_big[name],
                mark(counts_small[name] == counts_big[name]),
                ",".join(map(str, f["statuses"])),
            ]
        )
    table(
        [
            "page",
            "uncached r/s",
            "p50 ms",
            "p95 ms",
            "≤25ms",
            f"queries@{small}",
            f"queries@{big}",
            "const",
            "status",
        ],
        rows,
        title=f"Uncached, one request at a time ({SINGLE_RUNS} requests; search = {SEARCH_PATH})",
    )
    results["counts"] = {"small": [small, counts_small], "big": [big, counts_big]}
    save_results("serving", results)


if __name__ == "__main__":
    sys.exit(main())
