"""Smoke test of the real run: the command a newcomer types, checked over HTTP.

Starts `make run` (gunicorn, the django-tasks worker and the scheduler under honcho) on a free port
with a fresh var directory (a new SQLite file, media and mail folder) — or a fresh PostgreSQL
database with Redis as the cache (`--postgres`) —, waits until the portal answers, then checks
what the unit tests cannot (they run tasks immediately):

1. search finds the seed plan as visitors type it, without and with diacritics;
2. a page published through the services is found by search within 10 s;
3. a feedback sent through the public form gets its receipt e-mail in the development mail sink;
4. the task table holds no READY task older than 30 s;
5. a 404 is the project's own Vietnamese page (no debug page);
6. the `pdf` process (LibreOffice kept running) answers and converts an official document to PDF.

Everything it started is stopped, whatever happens. Exit status 1 names the failed check.
Run: `.venv/bin/python .ci/smoke.py [--postgres]`.
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
SEED_TITLE = "Kế hoạch truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững"
SERVE_TIMEOUT = 300
TAG = re.compile(r"<[^>]+>")


class SmokeFailure(Exception):
    pass


def log(message: str) -> None:
    print(f"[smoke {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def text_of(page: str) -> str:
    """The visible text of an HTML page, tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG.sub(" ", page)).split())


class Site:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, self.base + path, exc.read().decode(errors="replace")

    def search(self, query: str, *, raw: bool = False) -> str:
        status, page = self.get("/tim-kiem/?" + urllib.parse.urlencode({"q": query}))
        if status != 200:
            raise SmokeFailure(f"search {query!r} answered {status}")
        return page if raw else text_of(page)


def manage(env: dict, code: str) -> str:
    """Run Python in a `manage.py shell` of the same settings and database as the server."""
    done = subprocess.run(
        [PY, "manage.py", "shell", "--no-imports", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SmokeFailure(f"manage.py shell failed: {done.stderr[-2000:]}")
    return done.stdout.strip()


def wait_for(what: str, check, timeout: float, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SmokeFailure(f"{what}: not within {timeout:.0f} s")
        time.sleep(every)


def check_search_finds_seed(site: Site) -> None:
    for query in ("giam ngheo ben vung", "giảm nghèo bền vững", "GIẢM NGHÈO"):
        # The demo's index entries are written by the worker: give it the minute the issue allows.
        found = wait_for(
            f"search {query!r} lists the seed plan",
            lambda q=query: SEED_TITLE in site.search(q),
            timeout=60,
            every=1,
        )
        log(f"ok  search {query!r} lists the seed plan ({bool(found)})")


def check_published_page_found(site: Site, env: dict) -> None:
    stamp = str(int(time.time()))
    title = f"Kiểm tra vận hành {stamp}: xã Tân Sỏi phát động tuyên truyền giảm nghèo"
    manage(
        env,
        "from datetime import date\n"
        "from giamngheo.portal.models import NewsIndexPage, NewsPage\n"
        "from giamngheo.portal.services import create_page\n"
        "index = NewsIndexPage.objects.live().first()\n"
        f"create_page(parent=index, page=NewsPage(title={title!r}, slug='kiem-tra-{stamp}', "
        "topic='1.1', intro='Bài kiểm tra vận hành.', body='<p>Nội dung kiểm tra.</p>', "
        "date=date.today()))\n",
    )
    started = time.monotonic()
    wait_for(
        "a page published through the services is found by search",
        # The link to the page, not its title: the highlighted title is split by <mark> tags.
        lambda: (
            f'href="/tin-tuc/kiem-tra-{stamp}/"'
            in site.search(f"kiem tra van hanh {stamp}", raw=True)
        ),
        timeout=10,
    )
    log(f"ok  published page found by search after {time.monotonic() - started:.1f} s")


def _field(form_html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', form_html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', form_html
    )
    if not match:
        raise SmokeFailure(f"feedback form has no {name} field")
    return html.unescape(match.group(1))


def _first_commune(form_html: str) -> tuple[str, str]:
    """(province, commune) of the first commune the form offers, read from its groups."""
    group = re.search(
        r'<optgroup[^>]*data-province="([^"]+)"[^>]*>(.*?)</optgroup>', form_html, re.S
    )
    options = re.findall(r'<option value="([^"]+)"', group.group(2)) if group else []
    if not options:
        raise SmokeFailure("feedback form offers no commune")
    return group.group(1), options[0]


def _first_option(form_html: str, name: str) -> str:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', form_html, re.S)
    if not select:
        raise SmokeFailure(f"feedback form has no {name} list")
    values = [v for v in re.findall(r'<option value="([^"]+)"', select.group(0)) if v]
    if not values:
        raise SmokeFailure(f"feedback form offers no {name}")
    return values[0]


def check_feedback_receipt_mailed(site: Site, mail_dir: Path) -> None:
    status, form_html = site.get("/phan-anh/gui/")
    if status != 200:
        raise SmokeFailure(f"feedback form answered {status}")
    email = f"smoke-{int(time.time())}@example.vn"
    province, commune = _first_commune(form_html)
    fields = [
        ("csrfmiddlewaretoken", _field(form_html, "csrfmiddlewaretoken")),
        ("started", _field(form_html, "started")),
        ("kind", "question"),
        ("category", _first_option(form_html, "category")),
        ("province", province),
        ("unit", commune),
        ("subject", "Hỏi về chính sách hỗ trợ nhà ở cho hộ nghèo"),
        ("description", "Gia đình tôi thuộc hộ nghèo, xin hỏi thủ tục đề nghị hỗ trợ nhà ở."),
        ("identity_mode", "identified"),
        ("reporter_name", "Nguyễn Văn Kiểm"),
        ("reporter_email", email),
        ("consent_processing", "on"),
        ("website", ""),
        ("send", "1"),
    ]
    time.sleep(3.5)  # the form refuses what is sent faster than a person types (3 s)
    status, url, page = site.post("/phan-anh/gui/", fields)
    codes = re.findall(r"\bPA-[0-9A-Z]{4}-[0-9A-Z]{2}\b", text_of(page))
    if status != 200 or not codes:
        raise SmokeFailure(f"feedback not accepted ({status} at {url}): {text_of(page)[:600]}")
    code = codes[0]

    def delivered():
        for path in mail_dir.glob("*.log") if mail_dir.exists() else []:
            content = path.read_text(errors="replace")
            if code in content and email in content:
                return path
        return None

    path = wait_for(f"receipt e-mail for {code} in {mail_dir}", delivered, timeout=20)
    log(f"ok  feedback {code} receipt e-mail delivered ({path.name})")


def ready_tasks(env: dict) -> int:
    return int(
        manage(
            env,
            "from django_tasks_db.models import DBTaskResult\n"
            "print(DBTaskResult.objects.filter(status='READY').count())\n",
        ).splitlines()[-1]
    )


def check_backlog_drains(env: dict, started: float) -> None:
    """The demo's ~600 index tasks run before anything published later (the queue is FIFO):
    wait for the worker to empty it, so the 10 s check below measures a site in its steady state."""
    wait_for("the worker empties the demo's task queue", lambda: ready_tasks(env) == 0, 180, 2)
    log(f"ok  task queue empty {time.monotonic() - started:.0f} s after make run")


def check_tasks_drained(env: dict) -> None:
    def stale() -> int:
        return int(
            manage(
                env,
                "from datetime import timedelta\n"
                "from django.utils import timezone\n"
                "from django_tasks_db.models import DBTaskResult\n"
                "print(DBTaskResult.objects.filter(status='READY', "
                "enqueued_at__lt=timezone.now() - timedelta(seconds=30)).count())\n",
            )
        )

    count = stale()
    if count:
        raise SmokeFailure(f"{count} READY tasks older than 30 s: the worker is not running them")
    total = manage(
        env,
        "from django_tasks_db.models import DBTaskResult\n"
        "print(DBTaskResult.objects.filter(status='SUCCESSFUL').count())\n",
    )
    log(f"ok  no READY task older than 30 s ({total} tasks ran)")


PDF_CHECK = """
import io, time
import docx
from giamngheo.core.documents.pdf import docx_to_pdf, pdf_server_address, server_answers
document = docx.Document()
document.add_paragraph("Kế hoạch truyền thông giảm nghèo bền vững")
buffer = io.BytesIO()
document.save(buffer)
address = pdf_server_address()
assert address is not None and server_answers(address), address
start = time.monotonic()
pdf = docx_to_pdf(buffer.getvalue())
assert pdf.startswith(b"%PDF"), pdf[:20]
print(f"{time.monotonic() - start:.2f}")
"""


def check_pdf_converter(env: dict) -> None:
    host, port = env["PDF_SERVER"].split(":")

    def answers() -> bool:
        try:
            with socket.create_connection((host, int(port)), timeout=1):
                return True
        except OSError:
            return False

    wait_for("the pdf process answers", answers, timeout=90, every=1)
    seconds = manage(env, PDF_CHECK)
    log(f"ok  the pdf process converted a document in {seconds} s")


def check_404_page(site: Site) -> None:
    status, page = site.get("/khong-co-trang-nay-kiem-tra/")
    if status != 404:
        raise SmokeFailure(f"a missing page answered {status}")
    visible = text_of(page)
    if "Traceback" in page or "DEBUG = True" in page or "Using the URLconf" in page:
        raise SmokeFailure("a missing page shows Django's debug page")
    if "Không tìm thấy trang" not in visible:
        raise SmokeFailure(f"the 404 page is not the project's Vietnamese page: {visible[:300]}")
    log("ok  404 is the project's Vietnamese page")


def run(postgres: bool) -> int:
    port = free_port()
    pdf_port = free_port()
    var_dir = Path(tempfile.mkdtemp(prefix="giamngheo-smoke-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        PORT=str(port),
        GIAMNGHEO_VAR_DIR=str(var_dir),
        MEDIA_ROOT=str(var_dir / "media"),
        DJANGO_SETTINGS_MODULE="giamngheo.settings.local",
        BASE_URL=f"http://127.0.0.1:{port}",
        PDF_SERVER=f"127.0.0.1:{pdf_port}",
        STAFF_TWO_FACTOR_REQUIRED="1",
    )
    env.pop("DATABASE_URL", None)
    env.pop("CACHE_URL", None)
    database = None
    if postgres:
        database = f"giamngheo_smoke_{int(time.time())}_{os.getpid()}"
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
             f'CREATE DATABASE "{database}"'],
            check=True,
        )  # fmt: skip
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
        env["CACHE_URL"] = f"redis://127.0.0.1:6379/{9 + os.getpid() % 6}"
        subprocess.run(["redis-cli", "-n", env["CACHE_URL"].rsplit("/", 1)[1], "FLUSHDB"],
                       check=False, capture_output=True)  # fmt: skip
    label = "PostgreSQL + Redis" if postgres else "SQLite"
    log(f"make run on {label}, port {port}, var {var_dir}")
    server_log = open(var_dir / "make-run.log", "w")
    started = time.monotonic()
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: one signal stops honcho and children
    )
    site = Site(f"http://127.0.0.1:{port}")
    failure = None
    try:

        def served():
            if server.poll() is not None:
                raise SmokeFailure(f"make run exited with {server.returncode}")
            try:
                return site.get("/")[0] == 200
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False

        wait_for("make run serves the home page", served, timeout=SERVE_TIMEOUT, every=1)
        log(f"ok  home page served {time.monotonic() - started:.0f} s after make run")
        check_search_finds_seed(site)
        check_backlog_drains(env, started)
        check_published_page_found(site, env)
        check_feedback_receipt_mailed(site, var_dir / "mail")
        check_404_page(site)
        check_pdf_converter(env)
        check_tasks_drained(env)
    except SmokeFailure as exc:
        failure = str(exc)
    finally:
        try:
            os.killpg(server.pid, signal.SIGINT)  # honcho stops every process of the Procfile
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.wait()
        server_log.close()
        if failure:
            tail = (var_dir / "make-run.log").read_text(errors="replace").splitlines()[-60:]
            print("\n".join(["--- last lines of make run ---", *tail]), flush=True)
        if database:
            subprocess.run(
                ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
                 f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'],
                check=False,
            )  # fmt: skip
        shutil.rmtree(var_dir, ignore_errors=True)
    if failure:
        log(f"FAILED on {label}: {failure}")
        return 1
    log(f"passed on {label} in {time.monotonic() - started:.0f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL + Redis")
    return run(parser.parse_args().postgres)


if __name__ == "__main__":
    sys.exit(main())
