"""Staff sign-in: lockout without user enumeration, two factors, session rotation."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from giamngheo.organisations import services

from .conftest import PASSWORD

LOGIN = "/admin/login/"


def _attempt(client, username, password="sai-mat-khau-123"):  # noqa: S107
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def _neutral(response) -> str:
    """The page without its per-request CSRF tokens."""
    html = response.content.decode()
    html = re.sub(r'"CSRF_TOKEN": "[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _totp_now(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_lockout_after_limit_and_same_answer_for_unknown_user(world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    known, unknown = Client(), Client()
    answers = []
    for _ in range(3):
        answers.append(
            (
                _attempt(known, "commune_officer").status_code,
                _attempt(unknown, "khong-ton-tai").status_code,
            )
        )
    assert answers[:2] == [(200, 200), (200, 200)]  # the form again, same wording for both
    assert answers[2] == (429, 429)  # locked at the limit, existing user or not
    locked_known = _attempt(known, "commune_officer", PASSWORD)  # right password still refused
    locked_unknown = _attempt(unknown, "khong-ton-tai", PASSWORD)
    assert locked_known.status_code == locked_unknown.status_code == 429
    assert _neutral(locked_known) == _neutral(locked_unknown)
    assert "Tạm khóa đăng nhập" in locked_known.content.decode()
    # Another address is not locked out for the same name (lockout is per name *and* address).
    ok = Client().post(
        LOGIN, {"username": "commune_officer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.8"
    )
    assert ok.status_code == 302


def test_wrong_password_message_does_not_reveal_whether_user_exists(world):
    a = _neutral(_attempt(Client(), "commune_officer"))
    b = _neutral(_attempt(Client(), "khong-ton-tai")).replace("khong-ton-tai", "commune_officer")
    assert a == b


def test_session_key_rotated_at_login(world):
    client = Client()
    session = client.session
    session["visited"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    before = session.session_key
    assert client.session.session_key == before
    response = client.post(LOGIN, {"username": "commune_officer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.session_key != before


def test_staff_without_device_is_sent_to_setup_then_verified(world, two_factor_on):
    client = Client()
    assert (
        client.post(LOGIN, {"username": "commune_officer", "password": PASSWORD}).status_code == 302
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/xac-thuc/thiet-lap/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.users["commune_officer"], confirmed=False)
    wrong = client.post("/admin/xac-thuc/thiet-lap/", {"token": "000000", "next": "/admin/"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # a wrong code slows the next attempt down
    device.throttle_reset()
    done = client.post(
        "/admin/xac-thuc/thiet-lap/", {"token": _totp_now(device), "next": "/admin/"}
    )
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert client.get("/admin/").status_code == 200


def test_staff_with_device_must_verify_and_can_use_recovery_code_once(world, two_factor_on):
    officer = world.users["district_officer"]
    device = services.start_totp_enrolment(user=officer)
    assert services.confirm_totp_enrolment(device=device, token=_totp_now(device))
    codes = services.generate_recovery_codes(user=officer)
    client = Client()
    client.post(LOGIN, {"username": "district_officer", "password": PASSWORD})
    assert client.get("/admin/")["Location"].startswith("/admin/xac-thuc/?next=")
    assert client.get("/admin/to-chuc/co-quan-don-vi/").status_code == 302
    response = client.post("/admin/xac-thuc/", {"token": codes[0], "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()  # single use
    second = Client()
    second.post(LOGIN, {"username": "district_officer", "password": PASSWORD})
    reused = second.post("/admin/xac-thuc/", {"token": codes[0], "next": "/admin/"})
    assert reused.status_code == 200 and "không đúng" in reused.content.decode()


def test_verify_refuses_offsite_next(world, two_factor_on):
    officer = world.users["district_officer"]
    device = services.start_totp_enrolment(user=officer)
    services.confirm_totp_enrolment(device=device, token=_totp_now(device))
    client = Client()
    client.post(LOGIN, {"username": "district_officer", "password": PASSWORD})
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    response = client.post(
        "/admin/xac-thuc/", {"token": _totp_now(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_non_staff_citizen_is_not_asked_for_second_factor_and_cannot_enter_admin(
    world, two_factor_on
):
    client = Client()
    client.force_login(world.users["citizen"])
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("username", ["province_admin", "commune_officer"])
def test_requires_two_factor_for_every_staff_role(world, username):
    assert services.requires_two_factor(user=world.users[username])
    assert not services.requires_two_factor(user=world.users["citizen"])
