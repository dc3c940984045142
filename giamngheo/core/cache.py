"""Whole-page cache for anonymous visitors, purged on every publish.

It is the first middleware: a hit costs one cache read and one ``stat`` — close to a bare view
serving bytes from the cache — and returns the headers (CSP, HSTS, nosniff …) that the rest of
the stack put on the page when it was stored. A request with a session cookie never reads nor
fills the cache, so a signed-in editor always sees the live page (and their own user bar).

Purging bumps a generation that is part of every key: one write makes every page stale, which is
right for a portal where a publish changes the home page, lists, feeds and the sitemap together.
The generation lives where every worker sees it: in the cache itself when the cache is shared
(Redis, production), and otherwise in the modification time of a file in ``VAR_DIR``, because the
default local-memory cache is private to each gunicorn worker and a purge must reach them all.
"""

from __future__ import annotations

import hashlib
import os
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
_EXCLUDED_PREFIXES = ("/admin", "/django-admin", "/documents", "/static", "/media")


def _generation_file() -> str:
    return str(settings.PAGE_CACHE_GENERATION_FILE)


def _process_local() -> bool:
    # ``cache`` is a proxy; the configured backend itself says whether it is per process. A dummy
    # cache keeps nothing, not even the generation: the file then carries it, so that memoised
    # reference data still follows every purge.
    return isinstance(caches["default"], LocMemCache | DummyCache)


# With a shared cache, each process re-reads the generation at most this often: a page hit is
# then one round trip to Redis instead of two, and a purge elsewhere is seen within 0.1 s (the
# freshness bar is 1 s). A purge in this process is seen at once.
SHARED_GENERATION_SECONDS = 0.1
_shared_generation: list = [0.0, None]  # [read at (monotonic), value]


def _generation() -> int:
    if _process_local():
        try:
            return os.stat(_generation_file()).st_mtime_ns
        except FileNotFoundError:
            return 0
    now = time.monotonic()
    read_at, value = _shared_generation
    if value is not None and now - read_at < SHARED_GENERATION_SECONDS:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    _shared_generation[:] = [now, value]
    return value


def purge_page_cache() -> None:
    """Make every cached page stale, in every worker. Called on publish, unpublish, move, delete."""
    if _process_local():
        path = _generation_file()
        with open(path, "a"):
            pass
        now = time.time_ns()
        os.utime(path, ns=(now, now))
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    _shared_generation[:] = [0.0, None]


# --- reference data kept in each process -----------------------------------------------------

_MEMO: dict[tuple, tuple[int, object]] = {}
_MEMO_MAX = 2000


def memoised(key: tuple, compute):
    """``compute()``, kept in this process until the next purge (the same generation as the
    pages): for reference data read on every request and changed rarely — the communes in force
    today, a routing decision, a deadline. Every save of such data purges (``purge_on_change``).
    The value is shared by the requests that follow: callers treat it as read-only."""
    generation = _generation()
    hit = _MEMO.get(key)
    if hit is not None and hit[0] == generation:
        return hit[1]
    value = compute()
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[key] = (generation, value)
    return value


def clear_memo() -> None:
    _MEMO.clear()
    _shared_generation[:] = [0.0, None]


def _purge_now_and_on_commit(**kwargs) -> None:
    # Now: this process's next read (in this same transaction) recomputes. After commit: a
    # worker that recomputed from the old rows meanwhile does not keep them.
    purge_page_cache()
    transaction.on_commit(purge_page_cache)


def purge_on_change(*models) -> None:
    """Purge pages and reference data whenever a row of these models is saved or deleted."""
    for model in models:
        uid = f"purge-on-change-{model._meta.label_lower}"
        post_save.connect(_purge_now_and_on_commit, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_purge_now_and_on_commit, sender=model, dispatch_uid=f"{uid}-del")


def _key(request, generation: int) -> str:
    # The language comes from the switch's cookie only (core.middleware.CookieLocaleMiddleware),
    # so scheme, host, full path and that cookie identify the page. Hashed: bounded key length.
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    raw = f"{request.scheme}\n{request.get_host()}\n{request.get_full_path()}\n{language}"
    return f"pagecache:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _is_cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not request.path.startswith(_EXCLUDED_PREFIXES)


def _is_cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.timeout or not _is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request, _generation())
        stored = cache.get(key)
        if stored is not None:
            # Stored as plain data (bytes and header pairs): cheaper to load than a pickled
            # HttpResponse, and nothing of the first visitor's request travels with it.
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            return response
        response = self.get_response(request)
        if _is_cacheable_response(request, response):
            # Django's own helper: "Cookie" once, whatever the stack below already added.
            patch_vary_headers(response, ("Cookie",))
            cache.set(key, (response.content, list(response.headers.items())), self.timeout)
        return response
