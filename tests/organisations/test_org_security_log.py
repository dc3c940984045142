"""Issue 22 items 4 and 5: a per-account cap of password checks whatever the address, and one
structured log line per security event."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from giamngheo.core.models import RateCount
from giamngheo.organisations.personal_data import Subject, erase_subject, export_subject

from .conftest import PASSWORD

LOGIN = "/admin/login/"
WRONG = "sai-mat-khau-123"


def _lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "giamngheo.security"]


def _login(username, password, ip):
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=ip)
    return authenticate(request, username=username, password=password)


def test_per_account_cap_holds_across_addresses_and_is_short(world, settings, caplog):
    settings.SIGNIN_ACCOUNT_CAP = 20
    with caplog.at_level("INFO", logger="giamngheo.security"):
        # 30 addresses, 2 tries each (under axes' limit of 5 per name and address).
        results = [
            _login("commune_officer", WRONG, f"10.1.0.{n}") for n in range(30) for _ in range(2)
        ]
        assert results == [None] * 60
        # The cap holds: even the right password is not checked now, and the answer is the same.
        assert _login("commune_officer", PASSWORD, "10.9.9.9") is None
        # Another account is untouched.
        assert _login("district_officer", PASSWORD, "10.9.9.9") is not None
    capped = [line for line in _lines(caplog) if "event=account_capped" in line]
    assert len(capped) == 60 - 20 + 1
    assert "username=commune_officer" in capped[0] and PASSWORD not in " ".join(_lines(caplog))
    window = RateCount.objects.get(key__startswith="signin:account:commune_officer@900:")
    assert window.count == 61
    # The lock ends with its window: 15 minutes at most.
    settings.SIGNIN_ACCOUNT_WINDOW_SECONDS = 60  # a new window (a different key) starts empty
    assert _login("commune_officer", PASSWORD, "10.9.9.9") is not None


def test_sign_in_events_are_one_structured_line_each(world, caplog):
    with caplog.at_level("INFO", logger="giamngheo.security"):
        Client().post(
            LOGIN, {"username": "commune_officer", "password": WRONG}, REMOTE_ADDR="10.2.0.1"
        )
        Client().post(
            LOGIN, {"username": "commune_officer", "password": PASSWORD}, REMOTE_ADDR="10.2.0.1"
        )
    lines = _lines(caplog)
    failed = [line for line in lines if "event=login_failed" in line]
    ok = [line for line in lines if "event=login_succeeded" in line]
    assert len(failed) == 1 and len(ok) == 1
    assert re.fullmatch(
        r"security event=login_failed ip=10\.2\.0\.1 path=/admin/login/ username=commune_officer",
        failed[0],
    )
    assert ok[0].startswith(
        "security event=login_succeeded ip=10.2.0.1 path=/admin/login/ user_id="
    )
    assert all("\n" not in line and WRONG not in line and PASSWORD not in line for line in lines)


def test_lockout_and_permission_denied_are_logged(world, settings, caplog):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    with caplog.at_level("INFO", logger="giamngheo.security"):
        for _ in range(3):
            client.post(LOGIN, {"username": "ghost", "password": WRONG}, REMOTE_ADDR="10.3.0.1")
        staff = Client()
        staff.force_login(world.users["commune_officer"])
        staff.get("/admin/users/")
    lines = _lines(caplog)
    assert any(
        line.startswith("security event=lockout") and "username=ghost" in line for line in lines
    )
    denied = [line for line in lines if "event=permission_denied" in line]
    assert len(denied) == 1 and "path=/admin/users/" in denied[0]


def test_a_hostile_username_cannot_forge_a_line(world, caplog):
    with caplog.at_level("INFO", logger="giamngheo.security"):
        _login("x\nsecurity event=login_succeeded", WRONG, "10.4.0.1")
    [line] = _lines(caplog)
    assert "\n" not in line and 'username="x\\nsecurity event=login_succeeded"' in line


def test_personal_data_export_and_erasure_logged_without_the_identifier(world, caplog):
    subject = Subject(raw="khong-ai@example.vn", email="khong-ai@example.vn")
    with caplog.at_level("INFO", logger="giamngheo.security"):
        export_subject(subject=subject)
        erase_subject(subject=subject)
    lines = _lines(caplog)
    assert [line.split()[1] for line in lines] == [
        "event=personal_data_exported",
        "event=personal_data_erased",
    ]
    assert all(
        "khong-ai" not in line and re.search(r"subject=[0-9a-f]{16}", line) for line in lines
    )


@pytest.fixture(autouse=True)
def _two_factor_off(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
