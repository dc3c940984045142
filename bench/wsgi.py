"""WSGI app for the bench server: the portal as deployed, and a bare Django baseline beside it.

Requests under /__bare__/ go to a Django handler with no middleware at all (the fastest Django
can serve bytes from its cache); everything else goes to the normal handler with the app's full
middleware stack. Both live in the same worker processes and share the same cache.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")

import django
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler

django.setup(set_prefix=False)


class BareHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)


_portal = WSGIHandler()
_bare = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith("/__bare__/"):
        return _bare(environ, start_response)
    return _portal(environ, start_response)
