"""The portal's URLs, plus the bare baseline view at /__bare__/<page path>.

The bare view is served by bench/wsgi.py's middleware-free handler: one ``cache.get`` of the
page's bytes, one HttpResponse. On a miss it copies the bytes of the page the portal's cache
middleware stored (same cache, same process), so both serve exactly the same bytes.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import include, path

from giamngheo.core.cache import GENERATION_KEY


def bare(request, target=""):
    key = f"bench:bare:{target}"
    body = cache.get(key)
    if body is None:
        generation = cache.get(GENERATION_KEY)
        page = cache.get(f"pagecache:{generation}:{request.get_host()}:/{target}")
        if page is None:
            return HttpResponse(b"not warmed", status=503)
        body = page.content
        cache.set(key, body, None)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("__bare__/", bare),
    path("__bare__/<path:target>", bare),
    path("", include("giamngheo.urls")),
]
