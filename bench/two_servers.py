"""Two app servers on one PostgreSQL + Redis + object store (issue 22 item 13).

Starts moto's standalone S3 server on a free port (a bucket for media), creates a PostgreSQL
database (127.0.0.1:5432, user postgres), migrates it and loads the demo once, then runs the
Procfile's ``web`` line twice — servers A and B, each with its own var directory (so nothing is
shared through the local disk), both with ``MEDIA_STORAGE=s3``, ``CACHE_URL`` on Redis
(127.0.0.1:6379) and the same ``DATABASE_URL``. It shows:

1. a file stored by A (a Wagtail document saved with A's settings and var directory) is served by B
   (``/documents/<id>/<name>``, streamed from the bucket), and A's var directory holds no media;
2. a page published through the services is on the news list of both within 1 s (both servers had
   cached the list before the publish);
3. a session started on A (the admin sign-in) is the same session on B.

Run: ``.venv/bin/python bench/two_servers.py``
"""

from __future__ import annotations

import http.cookiejar
import os
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
BUCKET = "giamngheo-bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(opener, url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, url, exc.read()


def wait_200(url: str, timeout: float = 180) -> None:
    opener = urllib.request.build_opener()
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            if get(opener, url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} not serving within {timeout:.0f} s")


def manage(env: dict, *args: str, code: str | None = None) -> str:
    cmd = (
        [PY, "manage.py", *args]
        if code is None
        else [PY, "manage.py", "shell", "-v", "0", "-c", code]
    )
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args) or 'shell'} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def main() -> int:
    s3_port, port_a, port_b = free_port(), free_port(), free_port()
    moto = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    dbname = f"gn_two_{os.getpid()}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", dbname], check=True)
    var_a, var_b = Path(tempfile.mkdtemp(prefix="gn-a-")), Path(tempfile.mkdtemp(prefix="gn-b-"))
    servers = []
    common = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.local",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{dbname}",
        "CACHE_URL": "redis://127.0.0.1:6379/9",
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "S3_REGION": "us-east-1",
        "WEB_CONCURRENCY": "2",
    }
    env_a = {**common, "GIAMNGHEO_VAR_DIR": str(var_a), "GIAMNGHEO_PORT": str(port_a)}
    env_b = {**common, "GIAMNGHEO_VAR_DIR": str(var_b), "GIAMNGHEO_PORT": str(port_b)}
    try:
        time.sleep(2)
        import boto3

        boto3.client(
            "s3",
            endpoint_url=common["S3_ENDPOINT_URL"],
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
            region_name="us-east-1",
        ).create_bucket(Bucket=BUCKET)
        subprocess.run(["redis-cli", "-n", "9", "flushdb"], check=False, capture_output=True)
        print("preparing PostgreSQL, demo, static files of A and B …", flush=True)
        manage(env_a, "migrate", "--noinput", "-v", "0")
        manage(env_a, "load_demo")
        for env in (env_a, env_b):
            manage(env, "collectstatic", "--noinput", "-v", "0")
        web = next(
            line.split(":", 1)[1].strip()
            for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
            if line.startswith("web:")
        )
        for env in (env_a, env_b):
            servers.append(
                subprocess.Popen(
                    ["/bin/sh", "-c", f"exec {web}"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        wait_200(a + "/")
        wait_200(b + "/")
        plain = urllib.request.build_opener()
        results = []

        # 1. A file stored by A, served by B.
        body = b"%PDF-1.4\n% bench two servers " + str(time.time()).encode()
        url = manage(
            env_a,
            code=(
                "from django.core.files.base import ContentFile\n"
                "from wagtail.documents.models import Document\n"
                f"d = Document.objects.create(title='Hai máy chủ', file=ContentFile({body!r}, name='hai-may-chu.pdf'))\n"
                "print(d.url)"
            ),
        ).splitlines()[-1]
        status, _, got = get(plain, b + url)
        local_media = [p for p in var_a.rglob("*") if p.is_file() and "media" in p.parts]
        ok1 = status == 200 and got == body and not local_media
        results.append(
            (
                "file stored by A served by B",
                ok1,
                f"B {url} → {status}, {len(got)} bytes identical={got == body}; files under A's var/media: {len(local_media)}",
            )
        )

        # 2. A publish fresh on both.
        for base in (a, b):
            get(plain, base + "/tin-tuc/")  # both cache the list first
        stamp = str(int(time.time()))
        title = f"Hai máy chủ {stamp}"
        manage(
            env_a,
            code=(
                "from datetime import date\n"
                "from giamngheo.portal.models import NewsIndexPage, NewsPage\n"
                "from giamngheo.portal.services import create_page\n"
                "index = NewsIndexPage.objects.live().first()\n"
                f"create_page(parent=index, page=NewsPage(title={title!r}, slug='hai-may-chu-{stamp}', "
                "topic='1.1', intro='Kiểm tra.', body='<p>Kiểm tra.</p>', date=date.today()))\n"
            ),
        )
        published = time.monotonic()
        seen = {}
        while len(seen) < 2 and time.monotonic() - published < 10:
            for name, base in (("A", a), ("B", b)):
                if (
                    name not in seen
                    and f"hai-may-chu-{stamp}".encode() in get(plain, base + "/tin-tuc/")[2]
                ):
                    seen[name] = time.monotonic() - published
            time.sleep(0.05)
        ok2 = len(seen) == 2 and max(seen.values()) <= 1.0
        results.append(
            (
                "publish fresh on both",
                ok2,
                ", ".join(f"{k} {v:.2f} s" for k, v in sorted(seen.items())) or "not seen in 10 s",
            )
        )

        # 3. Sessions shared: sign in on A, the same cookie is signed in on B.
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        get(browser, a + "/admin/login/")
        token = next(c.value for c in jar if c.name.endswith("csrftoken"))
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "quantri.tinh",
                "password": "HoaSen#Demo2023",
                "next": "/admin/",
            }
        ).encode()
        status, after_a, _ = get(
            browser, a + "/admin/login/", form, {"Referer": a + "/admin/login/"}
        )
        # The cookie jar is per host:port; hand A's session cookie to B as a browser behind one
        # name would send it.
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        status_b, after_b, _ = get(plain, b + "/admin/", headers={"Cookie": cookie})
        signed_in_a = "/admin/login/" not in urllib.parse.urlparse(after_a).path
        signed_in_b = "/admin/login/" not in urllib.parse.urlparse(after_b).path
        ok3 = signed_in_a and signed_in_b
        results.append(
            (
                "session from A valid on B",
                ok3,
                f"A after sign-in → {urllib.parse.urlparse(after_a).path}; B /admin/ → {status_b} {urllib.parse.urlparse(after_b).path}",
            )
        )

        print()
        for what, ok, detail in results:
            print(f"{'✓' if ok else '✗'} {what:32} {detail}")
        return 0 if all(ok for _, ok, _ in results) else 1
    finally:
        for proc in [*servers, moto]:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            proc.wait()
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", dbname], check=False
        )
        shutil.rmtree(var_a, ignore_errors=True)
        shutil.rmtree(var_b, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
