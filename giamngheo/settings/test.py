"""Tests: only overrides of base."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
FEEDBACK_SMS_BACKEND = "giamngheo.feedback.channels.MemorySmsBackend"
FEEDBACK_ZALO_BACKEND = "giamngheo.feedback.channels.MemoryZaloBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
DEMO_USERS_ENABLED = True
# Two factors are enforced in the organisations tests that exercise them (settings fixture);
# other tests sign staff in with a password alone.
STAFF_TWO_FACTOR_REQUIRED = False
# Test processes run side by side (pytest -n): each has its own page-cache generation, so one
# process's purge never empties another's cache in the middle of a test.
PAGE_CACHE_GENERATION_FILE = VAR_DIR / f"page-cache-generation-{os.getpid()}"  # noqa: F405
# A file, not SQLite's shared in-memory database: the live server of the browser tests then uses
# its own connection, as it does on PostgreSQL, and transactional tests restore cleanly.
# tests/testdb.py migrates a template named after this file and a hash of the migrations once,
# then copies it for every test process; TEST_DB_TAG (else the process id) names the copy.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}  # noqa: F405
