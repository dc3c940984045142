"""Publish a news article and time until the running server's cached home page shows it.

``python -m bench.freshness PORT`` with the server's environment (same database, same CACHES).
The home page is warmed first so both workers hold it in cache. The publish goes through the
app's service (``create_page``), which fires ``page_published`` and so the cache purge, in *this*
process, as a publish from the admin in one worker or from a scheduled job would. Prints
"<seconds> <stale responses in the 50 requests that followed>", or "-<timeout> 0" if the page
never appeared.
"""

from __future__ import annotations

import os
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from bench.common import get  # noqa: E402
from giamngheo.portal.models import NewsIndexPage, NewsPage  # noqa: E402
from giamngheo.portal.services import create_page  # noqa: E402

TIMEOUT = 3.0
LOAD_THREADS = int(os.environ.get("BENCH_FRESH_LOAD", "0"))


def _load(port: int, stop: threading.Event) -> None:
    """Visitors requesting the home page while the publish runs (race: purge before commit)."""
    while not stop.is_set():
        get(port, "/")


def main() -> None:
    port = int(sys.argv[1])
    for _ in range(20):
        get(port, "/")
    marker = f"BENCHFRESH{time.time_ns()}"
    page = NewsPage(
        title=f"Tin mới {marker}",
        slug=marker.lower(),
        topic="1.1",
        intro="Tin kiểm tra độ tươi.",
        body="<p>Tin kiểm tra độ tươi của bộ nhớ đệm.</p>",
    )
    stop = threading.Event()
    loaders = [threading.Thread(target=_load, args=(port, stop)) for _ in range(LOAD_THREADS)]
    for t in loaders:
        t.start()
    start = time.perf_counter()
    try:
        create_page(parent=NewsIndexPage.objects.get(), page=page)
    finally:
        stop.set()
        for t in loaders:
            t.join()
    published = time.perf_counter()
    seen = None
    while time.perf_counter() - published < TIMEOUT:
        if marker.encode() in get(port, "/")[1]:
            seen = time.perf_counter() - start
            break
        time.sleep(0.005)
    if seen is None:
        print(f"-{TIMEOUT} 0")
        return
    stale = sum(marker.encode() not in get(port, "/")[1] for _ in range(50))
    print(f"{seen:.4f} {stale}")


if __name__ == "__main__":
    main()
