"""The portal's URLs, plus the bare baseline view at /__bare__/<page path>.

The bare view is served by bench/wsgi.py's middleware-free handler: one ``cache.get`` of the
page's bytes, one HttpResponse. On a miss it copies the bytes of the page the portal's cache
middleware stored (same cache, same process), so both serve exactly the same bytes.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import include, path

from giamngheo.core.cache import _generation, _key


def bare(request, target=""):
    key = f"bench:bare:{target}"
    body = cache.get(key)
    if body is None:
        # The same key the portal's middleware used for that page (scheme, host, path, language).
        probe = RequestFactory().get("/" + target, HTTP_HOST=request.get_host())
        page = cache.get(_key(probe, _generation()))
        if page is None:
            return HttpResponse(b"not warmed", status=503)
        body = page[0]  # stored as (content, headers)
        cache.set(key, body, None)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("__bare__/", bare),
    path("__bare__/<path:target>", bare),
    path("", include("giamngheo.urls")),
]
