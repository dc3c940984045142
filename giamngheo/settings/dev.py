"""Local development: DEBUG on, console e-mail, a fixed insecure key unless one is given."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-0123456789")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
DEMO_USERS_ENABLED = True
PDF_SERVER = env_str("PDF_SERVER", "127.0.0.1:2003")  # the `pdf` process of Procfile.dev
