"""Feedback intake throughput: the web form and Open311 POST, under concurrent load.

Run by bench/run.py (``--only intake``) in its own process, once on a fresh SQLite file
(GIAMNGHEO_VAR_DIR) and once on a fresh PostgreSQL database (DATABASE_URL) when one answers.
Migrates, loads the demo units, organisations and feedback categories, creates an API key, then
serves the app with gunicorn (sync workers, as deployed) and fires N submissions from
CONCURRENCY client threads on loopback.

The web form is passed legitimately, as a browser would: each simulated citizen has its own
client address (a distinct 127.0.0.x source address: the form's rate limit counts per
REMOTE_ADDR, at most FEEDBACK_RATE_LIMIT a window, so each address sends fewer than that), first
GETs the form (untimed) for its CSRF cookie and token and the signed ``started`` timestamp,
waits out the minimum fill time, and only then POSTs — the timed part. The honeypot stays empty.
Open311 requests are form-encoded POSTs with the API key and a distinct idempotency key each.

Afterwards it counts what reached the database: every acknowledged submission (a 302 to the
private link; a 201 with a code) must be there exactly once ("lost" otherwise), codes must be
distinct ("duplicates"), and anything else the server answered is an error.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.common import ROOT, mark, save_results, say, table  # noqa: E402

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
BARS = {"sqlite": 100, "postgresql": 200}
MARK = "Bench intake"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, workers: int):
        self.port, self.workers = free_port(), workers

    def __enter__(self):
        cmd = [
            GUNICORN,
            "bench.wsgi:application",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ]
        env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"}
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if request(self.port, "GET", "/open311/v2/services.json")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def server_cpu_seconds(master_pid: int) -> float:
    """User + system CPU of gunicorn's workers so far (Linux /proc): on a shared machine the
    server's own cost per submission is a steadier figure than the wall-clock rate."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # ppid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def request(port, method, path, *, body=None, headers=None, source="127.0.0.1"):
    """One request on a fresh connection from ``source`` (sync workers close after each)."""
    conn = HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.getheaders(), resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------- the data


def prepare() -> dict:
    from giamngheo.feedback import services
    from giamngheo.feedback.demo import load_demo_feedback
    from giamngheo.feedback.forms import FeedbackForm
    from giamngheo.organisations.demo import load_demo_organisations

    call_command("migrate", verbosity=0)
    load_demo_organisations(with_users=False)
    load_demo_feedback()
    group = FeedbackForm().groups[0]
    _key, raw = services.create_api_key(name=f"{MARK} {time.time():.0f}")
    form = FeedbackForm()
    category = form.fields["category"].queryset.first()
    return {
        "province": str(group.province.pk),
        "unit": str(group.communes[0].pk),
        "commune_code": group.communes[0].code,
        "category": str(category.pk),
        "service_code": category.code,
        "api_key": raw,
    }


# ------------------------------------------------------------------------------ the clients

_HIDDEN = re.compile(r'<input[^>]*name="(csrfmiddlewaretoken|started)"[^>]*value="([^"]*)"')


def open_form(port: int, source: str) -> dict:
    """A citizen opens the form: cookies, CSRF token and the signed start time, as served."""
    status, headers, body = request(port, "GET", "/phan-anh/gui/", source=source)
    if status != 200:
        raise RuntimeError(f"GET form: {status}")
    cookies = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            cookies.load(value)
    found = {}
    for tag in re.findall(r"<input[^>]*>", body.decode()):
        match = _HIDDEN.match(tag)
        if match:
            found[match.group(1)] = html.unescape(match.group(2))
    return {
        "cookie": "; ".join(f"{k}={m.value}" for k, m in cookies.items()),
        "csrf": found["csrfmiddlewaretoken"],
        "started": found["started"],
    }


def web_submit(port: int, data: dict, session: dict, source: str, i: int) -> tuple[str, str]:
    fields = {
        "csrfmiddlewaretoken": session["csrf"],
        "started": session["started"],
        "website": "",
        "kind": "question",
        "category": data["category"],
        "subject": f"{MARK} web {i}",
        "description": "Xin hỏi mức hỗ trợ đóng bảo hiểm y tế cho hộ cận nghèo năm nay.",
        "province": data["province"],
        "unit": data["unit"],
        "identity_mode": "anonymous",
        "consent_publish": "on",
    }
    status, headers, body = request(
        port,
        "POST",
        "/phan-anh/gui/",
        body=urlencode(fields),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": session["cookie"],
        },
        source=source,
    )
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    match = re.search(r"/phan-anh/rieng/([^/]+)/", location)
    if status == 302 and match:
        return "ok", match.group(1)
    # Name the reason the page gave (a field error, the anti-abuse message), not just the code.
    reason = re.search(
        r'<(?:li|p)[^>]*class="[^"]*(?:error|problem)[^"]*"[^>]*>\s*([^<]{1,120})', body.decode()
    )
    return f"HTTP {status}" + (f" ({reason.group(1).strip()})" if reason else ""), ""


def api_submit(port: int, data: dict, i: int) -> tuple[str, str]:
    import json

    fields = {
        "api_key": data["api_key"],
        "service_code": data["service_code"],
        "attribute[commune]": data["commune_code"],
        "description": f"{MARK} open311 {i}: chưa nhận được thẻ bảo hiểm y tế.",
        "idempotency_key": f"bench-{i}",
    }
    status, _headers, body = request(
        port,
        "POST",
        "/open311/v2/requests.json",
        body=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    if status == 201:
        return "ok", json.loads(body)[0]["service_request_id"]
    return f"HTTP {status}", ""


def run_load(jobs, concurrency: int) -> tuple[float, list[tuple[str, str]]]:
    def guarded(job):
        try:
            return job()
        except Exception as exc:  # a refused connection, a timeout: counted, never hidden
            return f"{type(exc).__name__}", ""

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(guarded, jobs))
    return time.perf_counter() - start, results


# ------------------------------------------------------------------------------ the checks


def verify(kind: str, results, seconds: float, bar: int) -> dict:
    from giamngheo.feedback.models import Feedback
    from giamngheo.feedback.selectors import hash_token

    acked = [value for outcome, value in results if outcome == "ok"]
    errors = len(results) - len(acked)
    if kind == "web":
        rows = Feedback.objects.filter(channel="web", subject__startswith=f"{MARK} web")
        found = set(
            rows.filter(token_hash__in=[hash_token(t) for t in acked]).values_list(
                "token_hash", flat=True
            )
        )
        lost = len({hash_token(t) for t in acked} - found)
    else:
        rows = Feedback.objects.filter(channel="open311", description__startswith=f"{MARK} open311")
        found = set(rows.filter(tracking_code__in=acked).values_list("tracking_code", flat=True))
        lost = len(set(acked) - found)
    total = rows.count()
    duplicates = total - rows.values("tracking_code").distinct().count()
    duplicates += total - len(results) if total > len(results) else 0  # one request, two rows
    rate = len(acked) / seconds if seconds else 0.0
    return {
        "kind": kind,
        "n": len(results),
        "seconds": seconds,
        "rps": rate,
        "errors": errors,
        "lost": lost,
        "duplicates": duplicates,
        "bar": bar,
        "ok": rate >= bar and errors == 0 and lost == 0 and duplicates == 0,
        "outcomes": sorted({o for o, _v in results if o != "ok"}),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--web", type=int, default=400, help="web form submissions")
    parser.add_argument("--api", type=int, default=400, help="Open311 submissions")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    db = connection.vendor
    bar = BARS.get(db, 100)
    load = os.getloadavg()[0]
    say(
        f"Feedback intake — {db}, load average {load:.1f} on {os.cpu_count()} cores at start, "
        f"gunicorn sync × {args.workers}, {args.concurrency} concurrent "
        f"clients on loopback; {args.web} web form + {args.api} Open311 submissions"
    )
    data = prepare()
    per_address = max(1, min(settings.FEEDBACK_RATE_LIMIT - 1, 8))
    addresses = [f"127.0.{1 + n // 250}.{2 + n % 250}" for n in range(-(-args.web // per_address))]
    connection.close()
    with Server(args.workers) as server:
        port = server.port
        sessions: dict[int, dict] = {}
        lock = threading.Lock()

        # One opened form per submission: its start value is a single-use submission token
        # (core.antiabuse), so a form posted twice files one item.
        def opener(i):
            def job():
                session = open_form(port, addresses[i // per_address])
                with lock:
                    sessions[i] = session
                return "ok", ""

            return job

        _t, opened = run_load([opener(i) for i in range(args.web)], args.concurrency)
        failed = [o for o, _v in opened if o != "ok"]
        if failed:
            say(f"  could not open the form from {len(failed)} addresses: {sorted(set(failed))}")
        time.sleep(settings.FEEDBACK_MIN_FILL_SECONDS + 0.5)  # a person takes time to type
        web_jobs = []
        for i in range(args.web):
            source = addresses[i // per_address]
            session = sessions.get(i)
            if session is None:
                web_jobs.append(lambda: ("no form", ""))
                continue
            web_jobs.append(lambda i=i, s=source, sess=session: web_submit(port, data, sess, s, i))
        cpu0 = server_cpu_seconds(server.proc.pid)
        web_seconds, web_results = run_load(web_jobs, args.concurrency)
        cpu1 = server_cpu_seconds(server.proc.pid)
        api_jobs = [lambda i=i: api_submit(port, data, i) for i in range(args.api)]
        api_seconds, api_results = run_load(api_jobs, args.concurrency)
        cpu2 = server_cpu_seconds(server.proc.pid)

    figures = [
        verify("web", web_results, web_seconds, bar),
        verify("open311", api_results, api_seconds, bar),
    ]
    for f, cpu in zip(figures, (cpu1 - cpu0, cpu2 - cpu1), strict=True):
        f["server_cpu_ms"] = cpu * 1000 / max(1, f["n"])
        # What the server's CPU alone would allow on this machine's cores, were nothing else
        # running: a ceiling, printed beside the measured rate, never instead of it.
        f["cpu_bound_rps"] = (os.cpu_count() or 1) * 1000 / f["server_cpu_ms"] if cpu else 0.0
    rows = [
        [
            f"{f['kind']} ({db})",
            f["n"],
            f"{f['seconds']:.1f} s",
            f["rps"],
            f"{f['server_cpu_ms']:.1f} ms",
            f["cpu_bound_rps"],
            f["errors"],
            f["lost"],
            f["duplicates"],
            f"≥ {f['bar']}/s, 0, 0, 0",
            mark(f["ok"]),
        ]
        for f in figures
    ]
    table(
        [
            "intake",
            "n",
            "time",
            "submissions/s",
            "server CPU/subm.",
            "CPU-bound/s",
            "errors",
            "lost",
            "duplicates",
            "bar",
            "",
        ],
        rows,
    )
    for f in figures:
        if f["outcomes"]:
            say(f"  {f['kind']}: non-acknowledged answers: {', '.join(f['outcomes'])}")
    save_results("intake", {"db": db, "figures": figures, "workers": args.workers})


if __name__ == "__main__":
    main()
