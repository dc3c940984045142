"""`make run`: the production shape on the embedded default, on one machine.

gunicorn sync workers, DEBUG off, static files by whitenoise from `collectstatic`, the django-tasks
database worker and the scheduler beside it (Procfile) — what a province runs, with SQLite and the
local-memory cache unless DATABASE_URL / CACHE_URL say otherwise. Only what a laptop cannot have
differs from production: plain HTTP on 127.0.0.1, a fixed key that is refused in production, the
demo users, e-mail written to files a newcomer can read (var/mail/), media served by the app.
"""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "local-run-only-insecure-key-refused-by-production-0123456789")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))  # noqa: F405
# No nginx in front on a laptop: the app serves uploaded files itself (docs/deploy.md has nginx
# serve them in production).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
DEMO_USERS_ENABLED = True
# The `pdf` process of the Procfile keeps LibreOffice running here (docs/deploy.md).
PDF_SERVER = env_str("PDF_SERVER", "127.0.0.1:2003")
