"""The portal's URLs, plus the bare baseline view at /__bare__/<page path>.

The bare view is served by bench/wsgi.py's middleware-free handler: one ``cache.get`` of the
page's bytes, one HttpResponse. On a miss it copies the bytes of the page the portal's cache
middleware stored (same cache, same process), so both serve exactly the same bytes.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.template import engines
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


_MINIMAL = engines["django"].from_string(
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title>'
    "</head><body><h1>{{ title }}</h1><p>{{ request.path }}</p></body></html>"
)


def minimal(request):
    """The baseline of bench/pages.py: the portal's full middleware stack and one small template,
    no query. What any page of this stack costs before its own work."""
    return HttpResponse(_MINIMAL.render({"title": "Trang tối giản"}, request))


urlpatterns = [
    path("__minimal__/", minimal),
    path("__bare__/", bare),
    path("__bare__/<path:target>", bare),
    path("", include("giamngheo.urls")),
]
