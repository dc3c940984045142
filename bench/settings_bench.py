"""Bench-only settings: the dev settings plus a bare cached-bytes view and a private cache prefix.

Environment: DEBUG=0 and PAGE_CACHE_SECONDS / CACHE_URL / DATABASE_URL / GIAMNGHEO_VAR_DIR as the
run needs (bench/run.py sets them). BENCH_CACHE_PREFIX keeps a shared Redis free of clashes.
"""

import os

from giamngheo.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_CACHE_PREFIX", "")  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
