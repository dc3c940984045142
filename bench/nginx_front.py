"""nginx front cache (deploy/nginx/proxy-cache.conf) vs nginx serving the same bytes as a file.

Bar (QUALITY.md): the proxied, cached page reaches >= 80 % of the static file's throughput.
Needs Debian's nginx and wrk (installed on demand when running as root). Serves an already
migrated and demo-loaded site from GIAMNGHEO_VAR_DIR (default: a fresh temp dir, built here).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
APP_PORT, NGINX_PORT = 8891, 8892
PAGES = ["/", "/tin-tuc/", "/van-ban/ke-hoach-truyen-thong-giam-ngheo-2023/"]


def _ensure_tools() -> bool:
    missing = [name for name in ("nginx", "wrk") if not shutil.which(name)]
    if missing and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "nginx-light", "wrk"],
            check=False,
            capture_output=True,
        )
        missing = [name for name in ("nginx", "wrk") if not shutil.which(name)]
    if missing:
        print(f"nginx front cache: skipped, missing {', '.join(missing)}")
        return False
    return True


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def _wrk(url: str, seconds: int = 5) -> float:
    out = subprocess.run(
        ["wrk", "-t1", "-c32", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> int:
    if not _ensure_tools():
        return 0
    work = Path(tempfile.mkdtemp(prefix="gn-nginx-"))
    work.chmod(0o755)  # nginx workers run unprivileged: they must reach the cache and files
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.dev",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GIAMNGHEO_VAR_DIR": os.environ.get("GIAMNGHEO_VAR_DIR", str(work / "var")),
    }
    env.pop("DATABASE_URL", None)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [PY, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    app = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "giamngheo.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{APP_PORT}",
            "--error-logfile",
            str(work / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    static = work / "static"
    static.mkdir()
    conf = work / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    proxy_cache_path {work}/cache levels=1:2 keys_zone=giamngheo:50m max_size=1g inactive=10m use_temp_path=off;
    upstream giamngheo_app {{ server 127.0.0.1:{APP_PORT}; keepalive 32; }}
    map $http_cookie $giamngheo_no_cache {{ default 0; ~*sessionid 1; }}
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        location /__static/ {{ alias {static}/; }}
        location / {{ include {ROOT}/deploy/nginx/proxy-cache.conf; }}
    }}
}}
""")
    try:
        _wait(f"http://127.0.0.1:{APP_PORT}/")
        subprocess.run(["nginx", "-c", str(conf)], check=True)
        print("nginx front cache (deploy/nginx/proxy-cache.conf), wrk -t1 -c32 -d5s, req/s")
        print(f"{'page':<52} {'static file':>12} {'nginx cache':>12} {'ratio':>7} {'bar 80%':>8}")
        worst = 1.0
        for index, path in enumerate(PAGES):
            body = urllib.request.urlopen(f"http://127.0.0.1:{APP_PORT}{path}").read()
            (static / f"p{index}.html").write_bytes(body)
            urllib.request.urlopen(f"http://127.0.0.1:{NGINX_PORT}{path}").read()
            file_rps = _wrk(f"http://127.0.0.1:{NGINX_PORT}/__static/p{index}.html")
            cache_rps = _wrk(f"http://127.0.0.1:{NGINX_PORT}{path}")
            ratio = cache_rps / file_rps
            worst = min(worst, ratio)
            mark = "✓" if ratio >= 0.8 else "✗"
            print(f"{path:<52} {file_rps:>12,.0f} {cache_rps:>12,.0f} {ratio:>6.0%} {mark:>8}")
        print(f"worst ratio {worst:.0%} (bar ≥ 80 %)")
    except Exception:
        print((work / "gunicorn.log").read_text()[-3000:])
        raise
    finally:
        subprocess.run(["nginx", "-c", str(conf), "-s", "stop"], check=False, capture_output=True)
        app.terminate()
        app.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
