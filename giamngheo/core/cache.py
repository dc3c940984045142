"""Whole-page cache for anonymous visitors, purged on every publish.

Sits near the top of the middleware stack so a hit costs one cache read, like a bare view
serving bytes from the cache. A request with a session cookie never reads nor fills the cache,
so a signed-in editor always sees the live page (and their own user bar). Purging bumps a
generation number that is part of every key: one write invalidates every cached page, which is
right for a portal where a publish changes the home page, lists, feeds and the sitemap together.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
_EXCLUDED_PREFIXES = ("/admin", "/django-admin", "/documents", "/static", "/media")


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def purge_page_cache() -> None:
    """Make every cached page stale. Called on publish, unpublish, move and delete."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _key(request, generation: int) -> str:
    # The language comes from the switch's cookie only (core.middleware.CookieLocaleMiddleware),
    # so host, full path and that cookie identify the page. Hashed: bounded key length.
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    raw = f"{request.get_host()}\n{request.get_full_path()}\n{language}"
    return f"pagecache:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _is_cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not request.path.startswith(_EXCLUDED_PREFIXES)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.timeout or not _is_cacheable_request(request):
            return self.get_response(request)
        generation = _generation()
        key = _key(request, generation)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if self._is_cacheable_response(request, response):
            patch_vary_headers(response, ("Cookie",))
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, self.timeout))
            else:
                cache.set(key, response, self.timeout)
        return response

    @staticmethod
    def _is_cacheable_response(request, response) -> bool:
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies or response.has_header("Set-Cookie"):
            return False
        if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
            "Cache-Control", ""
        ):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        return not getattr(request, "_page_cache_skip", False)
