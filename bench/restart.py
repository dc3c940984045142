"""Back to serving after ``kill -9`` (issue 22 item 2; QUALITY "Back to serving ≤ 10 s").

Prepares a fresh var directory (SQLite, or PostgreSQL with ``--postgres``), migrates and loads
the demo, then starts the ``web`` line of the Procfile exactly as written (gunicorn sync,
WEB_CONCURRENCY workers) in its own process group. Each cycle kills the whole group with SIGKILL
(what a crash or the OOM killer does, and what systemd's cgroup kill does to the workers), starts
the same command again at once (systemd's ``Restart=always``) and times kill → the first 200 of
the portal home page. The same cycles are run without ``--preload`` as the baseline in the same run.

Run: ``.venv/bin/python bench/restart.py [--postgres] [--cycles 5] [--workers 4]``
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
BAR_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def web_command() -> list[str]:
    for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("web:"):
            return line.split(":", 1)[1].strip()
    raise SystemExit("Procfile has no web line")


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def start(command: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        ["/bin/sh", "-c", f"exec {command}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_200(url: str, timeout: float = 120) -> float:
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if status_of(url) == 200:
            return time.monotonic()
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer 200 within {timeout:.0f} s")


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def cycles(command: str, env: dict, url: str, n: int) -> list[float]:
    proc = start(command, env)
    wait_200(url)
    figures = []
    try:
        for _ in range(n):
            kill_group(proc)
            killed = time.monotonic()
            # The port is free once every process of the group is gone (the kernel closes the
            # listening socket with its last holder).
            proc = start(command, env)
            figures.append(wait_200(url) - killed)
    finally:
        kill_group(proc)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL + Redis (127.0.0.1)")
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="gn-restart-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.local",
        "GIAMNGHEO_VAR_DIR": str(var),
        "GIAMNGHEO_PORT": str(port),
        "WEB_CONCURRENCY": str(args.workers),
    }
    dbname = ""
    if args.postgres:
        dbname = f"gn_restart_{os.getpid()}"
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", dbname], check=True)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{dbname}"
        env["CACHE_URL"] = "redis://127.0.0.1:6379/7"
    try:
        print(
            f"preparing {var} ({'PostgreSQL + Redis' if args.postgres else 'SQLite'}) …", flush=True
        )
        for step in (
            ["migrate", "--noinput", "-v", "0"],
            ["load_demo"],
            ["collectstatic", "--noinput", "-v", "0"],
        ):
            subprocess.run(
                [PY, "manage.py", *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
            )
        importtime = (
            subprocess.run(
                [PY, "-X", "importtime", "-c", "import giamngheo.wsgi"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stderr.strip()
            .splitlines()[-1]
        )
        wsgi_import = int(importtime.split("|")[1]) / 1e6
        command = web_command()
        baseline = command.replace(" --preload", "")
        url = f"http://127.0.0.1:{port}/"
        rows = []
        for label, cmd in (
            ("Procfile web (as deployed)", command),
            ("same, without --preload", baseline),
        ):
            figures = cycles(cmd, env, url, args.cycles)
            rows.append((label, figures))
        print()
        print(f"import giamngheo.wsgi (python -X importtime): {wsgi_import:.2f} s")
        print(f"web: {shlex.join(shlex.split(command))[:160]}")
        print(
            f"{args.cycles} kill -9 cycles each, {args.workers} workers, "
            f"{'PostgreSQL + Redis' if args.postgres else 'SQLite'}; kill -9 → first 200 of /"
        )
        print(f"{'':30} {'median s':>9} {'max s':>7} {'all':>s}")
        for label, figures in rows:
            print(
                f"{label:30} {statistics.median(figures):9.2f} {max(figures):7.2f}  "
                + " ".join(f"{f:.2f}" for f in figures)
            )
        worst = max(rows[0][1])
        verdict = "✓" if worst <= BAR_SECONDS else "✗"
        print(
            f"{verdict} bar ≤ {BAR_SECONDS:.0f} s: worst {worst:.2f} s; "
            f"ratio preload/no-preload (median) "
            f"{statistics.median(rows[0][1]) / statistics.median(rows[1][1]):.2f}"
        )
        return 0 if worst <= BAR_SECONDS else 1
    finally:
        if dbname:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", dbname], check=False
            )


if __name__ == "__main__":
    sys.exit(main())
