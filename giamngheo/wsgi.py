import os

from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "giamngheo.settings.dev")
application = get_wsgi_application()
# Import every URLconf (and the views they name) now, not on each worker's first request: with
# gunicorn --preload (Procfile, docs/deploy.md) this happens once in the master before the fork,
# so a worker answers its first request at once after a restart (issue 22 item 2).
get_resolver().url_patterns  # noqa: B018
# Nothing opened while loading may be shared by the forked workers: each opens its own.
connections.close_all()
for cache in caches.all(initialized_only=True):
    cache.close()
