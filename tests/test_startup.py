"""Issue 22 item 2: back to serving quickly after kill -9. The web process preloads the
application (every URLconf included) once in the gunicorn master, and modules only a rare path
needs stay out of the start (bench/restart.py prints kill → first 200)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_web_process_preloads_the_application():
    web = next(
        line
        for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
        if line.startswith("web:")
    )
    assert " --preload " in web
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "gunicorn giamngheo.wsgi:application --preload" in deploy


def test_loading_the_wsgi_application_imports_the_urls_but_not_rare_heavy_modules(tmp_path):
    code = (
        "import sys, giamngheo.wsgi\n"
        "from django.db import connections\n"
        "print(sorted(m for m in ('giamngheo.urls', 'shapely', 'boto3', 'pypdf') if m in sys.modules))\n"
        "print(any(c.connection is not None for c in connections.all(initialized_only=True)))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.local",
        "GIAMNGHEO_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:2] == ["['giamngheo.urls']", "False"]
