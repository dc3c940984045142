"""2,000 submissions with ``kill -9`` mid-load (issue 22, "Done means"; QUALITY "no acknowledged
write lost", "no orphan file").

On a fresh var directory (SQLite, or a fresh PostgreSQL database with ``--postgres``): migrate,
load the demo units and feedback categories, create an Open311 key, then serve the app with
gunicorn exactly as the Procfile's ``web`` line does (sync workers, ``--preload``) in its own
process group. Half the submissions are the web form with a photo attached (written through the
staged storage of ``core.storage``), half Open311 POSTs; CONCURRENCY clients send them. When
``--kill-at`` of them have been answered, the whole group is killed with SIGKILL (a crash, the
OOM killer) while requests are in flight, and the same command is started again at once.

Then it counts: every acknowledged submission (a 302 to the private link; a 201 with a code) must
be in the database exactly once ("lost" otherwise); every acknowledged web submission's photo must
be in the storage; files no row names are counted before and after ``sweep_orphan_files --delete``
(age limit 0 here: the run is minutes old). Requests cut by the kill are not acknowledged: the
client was told nothing, so either outcome is allowed — but never half of one (a row without its
file, a file without its row once swept).

Run: ``.venv/bin/python bench/crash_load.py [--postgres] [--n 2000] [--kill-at 900]``
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG = "postgres://postgres@127.0.0.1:5432"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--n", type=int, default=2000, help="submissions in all (half web, half API)"
    )
    parser.add_argument("--kill-at", type=int, default=900, help="answers before the kill")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    var = Path(tempfile.mkdtemp(prefix="giamngheo-crash-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "DEBUG": "0",
        "GIAMNGHEO_VAR_DIR": str(var),
        "PYTHONPATH": str(ROOT),
        "BENCH_CACHE_PREFIX": f"crash-{uuid.uuid4().hex[:8]}",
    }
    env.pop("CACHE_URL", None)
    env.pop("DATABASE_URL", None)
    name = None
    if args.postgres:
        name = f"giamngheo_crash_{int(time.time())}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        env["DATABASE_URL"] = f"{PG}/{name}"
    try:
        code = subprocess.call([PY, __file__, "--child", *sys.argv[1:]], env=env, cwd=ROOT)
    finally:
        if name:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", name],
                check=False,
            )
    sys.exit(code)


def child(args) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from bench.common import say, table
    from bench.intake import free_port, open_form, prepare, request, run_load

    db = connection.vendor
    say(
        f"kill -9 under load — {db}, load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores; gunicorn sync × {args.workers} with --preload; "
        f"{args.n} submissions ({args.n // 2} web form with a photo, {args.n - args.n // 2} "
        f"Open311), {args.concurrency} clients, SIGKILL to the whole group after {args.kill_at} "
        "answers"
    )
    with contextlib.redirect_stdout(io.StringIO()):  # the demo's sample SMS, printed
        data = prepare()
    connection.close()
    port = free_port()
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "bench.wsgi:application",
        "--preload",
        "--workers",
        str(args.workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "critical",
        "--timeout",
        "60",
    ]
    server_env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1"}

    def start():
        proc = subprocess.Popen(
            command, env=server_env, cwd=ROOT, start_new_session=True, stderr=subprocess.DEVNULL
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if request(port, "GET", "/open311/v2/services.json")[0] == 200:
                    return proc
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start: " + shlex.join(command))

    server = {"proc": start()}
    web_n = args.n // 2
    api_n = args.n - web_n
    per_address = max(1, min(settings.FEEDBACK_RATE_LIMIT - 1, 8))
    addresses = [f"127.0.{1 + k // 250}.{2 + k % 250}" for k in range(-(-web_n // per_address))]
    sessions: dict[int, dict] = {}

    def opener(i):
        def job():
            sessions[i] = open_form(port, addresses[i // per_address])
            return "ok", ""

        return job

    run_load([opener(i) for i in range(web_n)], args.concurrency)
    time.sleep(settings.FEEDBACK_MIN_FILL_SECONDS + 0.5)

    photo = _png()
    answered = {"n": 0}
    lock = threading.Lock()
    killed = threading.Event()
    crasher: list[threading.Thread] = []
    timeline = {}

    def refused_retried(send):
        # Connection refused: nothing reached a server (it is being restarted), so the client
        # tries again, as a browser's user or an API client's retry would. A request cut after it
        # was sent is not retried here: its outcome is unknown to the client.
        deadline = time.monotonic() + 60
        while True:
            try:
                return send()
            except ConnectionRefusedError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def counted(outcome):
        with lock:
            answered["n"] += 1
            if answered["n"] == args.kill_at and not killed.is_set():
                killed.set()
                crasher.append(threading.Thread(target=crash, daemon=True))
                crasher[0].start()
        return outcome

    def crash():
        proc = server["proc"]
        timeline["killed"] = time.monotonic()
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        server["proc"] = start()
        timeline["serving"] = time.monotonic()

    def web(i):
        def job():
            session = sessions.get(i)
            if session is None:
                return counted(("no form", ""))
            return counted(
                refused_retried(
                    lambda: _web_with_photo(
                        request, port, data, session, addresses, per_address, i, photo
                    )
                )
            )

        return job

    def api(i):
        def job():
            from bench.intake import api_submit

            return counted(refused_retried(lambda: api_submit(port, data, i)))

        return job

    jobs = []
    for i in range(max(web_n, api_n)):  # interleaved: both kinds in flight at the kill
        if i < web_n:
            jobs.append(("web", web(i)))
        if i < api_n:
            jobs.append(("api", api(i)))
    seconds, results = run_load([job for _kind, job in jobs], args.concurrency)
    kinds = [kind for kind, _job in jobs]
    if crasher:
        crasher[0].join()
    server["proc"].terminate()
    server["proc"].wait(15)

    from giamngheo.core.storage import sweep_orphans
    from giamngheo.feedback.models import Feedback, FeedbackAttachment
    from giamngheo.feedback.selectors import hash_token

    web_acked = [v for k, (o, v) in zip(kinds, results, strict=True) if k == "web" and o == "ok"]
    api_acked = [v for k, (o, v) in zip(kinds, results, strict=True) if k == "api" and o == "ok"]
    cut = sum(1 for o, _v in results if o != "ok")
    web_rows = Feedback.objects.filter(channel="web", subject__startswith="Bench crash web")
    api_rows = Feedback.objects.filter(channel="open311", description__startswith="Bench intake")
    web_lost = (
        len({hash_token(t) for t in web_acked})
        - web_rows.filter(token_hash__in=[hash_token(t) for t in web_acked]).count()
    )
    api_lost = len(set(api_acked)) - api_rows.filter(tracking_code__in=api_acked).count()
    duplicates = sum(
        rows.count() - rows.values("tracking_code").distinct().count()
        for rows in (web_rows, api_rows)
    )
    storage_names = set()
    missing_files = 0
    for attachment in FeedbackAttachment.objects.filter(feedback__in=web_rows):
        storage_names.add(attachment.file.name)
        if not attachment.file.storage.exists(attachment.file.name):
            missing_files += 1
    without_photo = web_rows.exclude(
        pk__in=FeedbackAttachment.objects.values("feedback_id")
    ).count()
    from datetime import timedelta

    before = sweep_orphans(min_age=timedelta(0), delete=False)
    sweep_orphans(min_age=timedelta(0), delete=True)
    after = sweep_orphans(min_age=timedelta(0), delete=False)
    downtime = timeline.get("serving", 0) - timeline.get("killed", 0)
    table(
        ["", "web form + photo", "Open311"],
        [
            ["sent", web_n, api_n],
            ["acknowledged", len(web_acked), len(api_acked)],
            ["in the database", web_rows.count(), api_rows.count()],
            ["acknowledged but lost", web_lost, api_lost],
        ],
        title=f"{db}: {args.n} submissions in {seconds:.1f} s; kill → serving again "
        f"{downtime:.1f} s; {cut} requests cut or refused by the crash (not acknowledged)",
    )
    from collections import Counter

    refused = Counter(o for o, _v in results if o != "ok")
    say(f"  not acknowledged, by answer: {dict(refused.most_common()) or 'none'}")
    say(
        f"  duplicate codes {duplicates}; rows whose photo is missing from storage {missing_files}; "
        f"web rows without a photo {without_photo}"
    )
    say(
        f"  files no row names: {len(before.orphans)} before the sweep (staged files promoted "
        f"{len(before.promoted)}), {len(after.orphans)} after `sweep_orphan_files --delete`; "
        f"files in use {after.referenced}"
    )
    ok = (
        web_lost == 0
        and api_lost == 0
        and duplicates == 0
        and missing_files == 0
        and without_photo == 0
        and not after.orphans
        and killed.is_set()
    )
    say(f"  {'OK' if ok else 'FAILED'}: 0 acknowledged lost, 0 orphan files after the sweep")
    sys.exit(0 if ok else 1)


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _web_with_photo(request, port, data, session, addresses, per_address, i, photo):
    import re

    boundary = uuid.uuid4().hex
    fields = {
        "csrfmiddlewaretoken": session["csrf"],
        "started": session["started"],
        "website": "",
        "kind": "question",
        "category": data["category"],
        "subject": f"Bench crash web {i}",
        "description": "Xin hỏi mức hỗ trợ đóng bảo hiểm y tế cho hộ cận nghèo năm nay.",
        "province": data["province"],
        "unit": data["unit"],
        "identity_mode": "anonymous",
        "consent_publish": "on",
    }
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
        f'filename="anh-{i}.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    status, headers, _body = request(
        port,
        "POST",
        "/phan-anh/gui/",
        body=b"".join(parts),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": session["cookie"],
        },
        source=addresses[i // per_address],
    )
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    match = re.search(r"/phan-anh/rieng/([^/]+)/", location)
    if status == 302 and match:
        return "ok", match.group(1)
    return f"HTTP {status}", ""


if __name__ == "__main__":
    main()
