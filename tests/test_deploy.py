import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.production",
        "SECRET_KEY": "p" * 20 + "-production-like-secret-key-for-the-check-0123456789",
        "ALLOWED_HOSTS": "giamngheo.example.gov.vn",
        "GIAMNGHEO_VAR_DIR": "/tmp/giamngheo-deploy-check",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, not for a deployment
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_short_secret_key():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.production",
        "SECRET_KEY": "short",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters in production." in result.stderr


def test_bad_boolean_env_value_is_refused():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "giamngheo.settings.dev", "DEBUG": "maybe"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_production_cookies_carry_the_host_prefix():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings.production",
        "SECRET_KEY": "p" * 20 + "-production-like-secret-key-for-the-check-0123456789",
        "ALLOWED_HOSTS": "giamngheo.example.gov.vn",
        "GIAMNGHEO_VAR_DIR": "/tmp/giamngheo-deploy-check",
    }
    env.pop("DATABASE_URL", None)
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_PATH, s.CSRF_COOKIE_PATH, "
        "s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "/",
        "/",
        "None",
        "None",
    ]


def test_public_csp_base_uri_is_none(client, db):
    policy = client.get("/phan-anh/gui/")["Content-Security-Policy"]
    assert "base-uri 'none'" in policy
