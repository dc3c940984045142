"""A province administrator sets up an organisation and an officer in the Vietnamese admin; the
officer signs in with two factors and sees only their unit."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from .conftest import PASSWORD, build_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("ORG_SCREENSHOTS", "/tmp")


def _code(device) -> str:
    from django_otp.oath import totp

    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop; Django's ORM must be told it is safe here. Set
    # for this test only: left in the environment it would fail `check --deploy` subprocesses.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture
def scene(db, django_user_model, settings):
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import OrganisationKind, Role

    settings.STAFF_TWO_FACTOR_REQUIRED = True
    units = build_tree()
    lead = services.create_organisation(
        name="Sở Lao động - Thương binh và Xã hội tỉnh T",
        kind=OrganisationKind.DEPARTMENT,
        unit=units["P"],
        is_lead=True,
    )
    admin = django_user_model.objects.create_user("quantri", password=PASSWORD)
    services.create_membership(user=admin, organisation=lead, role=Role.PROVINCE_ADMIN)
    device = services.start_totp_enrolment(user=admin)
    assert services.confirm_totp_enrolment(device=device, token=_code(device))
    device.last_t = -1  # the code used to enrol may be used again at sign-in in this test
    device.save()
    officer = django_user_model.objects.create_user(
        "canbo.c2a", password=PASSWORD, first_name="Nguyễn Văn", last_name="An"
    )
    return {"units": units, "admin": admin, "device": device, "officer": officer}


def _sign_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()


def test_admin_creates_organisation_and_membership_officer_signs_in_with_2fa(
    live_server, browser, scene
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from giamngheo.organisations.models import Membership, Organisation

    base = live_server.url
    admin = browser.new_context(locale="vi-VN").new_page()
    _sign_in(admin, base, "quantri")
    expect(admin).to_have_url(base + "/admin/xac-thuc/?next=%2Fadmin%2F")
    admin.screenshot(path=f"{SHOTS}/org-admin-2fa-verify.png", full_page=True)
    expect(admin.locator("main h1")).to_have_text("Xác thực hai bước")
    admin.get_by_label("Mã xác thực").fill(_code(scene["device"]))
    admin.get_by_role("button", name="Xác nhận").click()
    expect(admin).to_have_url(base + "/admin/")

    admin.goto(base + "/admin/to-chuc/co-quan-don-vi/new/")
    admin.locator("#id_name").fill("Ủy ban nhân dân xã C2a")
    admin.locator("#id_kind").select_option("ubnd")
    admin.locator("#id_unit").select_option(label="Xã C2a")
    admin.locator("#id_responsibilities").fill("Tuyên truyền giảm nghèo trên địa bàn xã.")
    admin.screenshot(path=f"{SHOTS}/org-admin-new-organisation.png", full_page=True)
    admin.get_by_role("button", name="Tạo", exact=True).click()
    admin.wait_for_load_state()
    admin.screenshot(path=f"{SHOTS}/org-admin-after-save.png", full_page=True)
    expect(admin.locator(".messages")).to_contain_text("Ủy ban nhân dân xã C2a")
    org = Organisation.objects.get(name="Ủy ban nhân dân xã C2a")
    assert org.unit == scene["units"]["C2a"]

    admin.goto(base + "/admin/to-chuc/phan-cong-can-bo/new/")
    admin.locator("#id_user").select_option(label="canbo.c2a")
    admin.locator("#id_organisation").select_option(label="Ủy ban nhân dân xã C2a")
    admin.locator("#id_role").select_option("unit_officer")
    admin.locator("#id_position").fill("Công chức Văn hóa - Xã hội")
    admin.get_by_role("button", name="Tạo", exact=True).click()
    expect(admin.locator(".messages")).to_be_visible()
    admin.screenshot(path=f"{SHOTS}/org-admin-memberships.png", full_page=True)
    assert Membership.objects.get(user=scene["officer"]).organisation == org

    officer = browser.new_context(locale="vi-VN").new_page()
    _sign_in(officer, base, "canbo.c2a")
    expect(officer.locator("main h1")).to_have_text("Thiết lập xác thực hai bước")
    secret = officer.locator("[data-totp-secret]").inner_text()
    device = TOTPDevice.objects.get(user=scene["officer"], confirmed=False)
    import base64

    assert base64.b32decode(secret) == device.bin_key
    officer.screenshot(path=f"{SHOTS}/org-officer-2fa-setup.png", full_page=True)
    officer.get_by_label("Mã xác thực").fill(_code(device))
    officer.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(officer.locator("main h1")).to_have_text("Mã dự phòng")
    expect(officer.locator(".recovery-codes li")).to_have_count(10)
    officer.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    expect(officer).to_have_url(base + "/admin/")

    officer.goto(base + "/admin/to-chuc/don-vi-hanh-chinh/?ngay=01/06/2023")
    officer.screenshot(path=f"{SHOTS}/org-officer-units.png", full_page=True)
    rows = officer.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Xã C2a")
    expect(officer.locator("main")).not_to_contain_text("Xã C1a")
    officer.goto(base + "/admin/to-chuc/co-quan-don-vi/")
    expect(officer.locator("table.listing tbody tr")).to_have_count(1)
    expect(officer.locator("table.listing tbody")).to_contain_text("Ủy ban nhân dân xã C2a")
    officer.screenshot(path=f"{SHOTS}/org-officer-organisations.png", full_page=True)
    # A foreign unit's id opens nothing.
    foreign = scene["units"]["C1a"].pk
    response = officer.request.get(f"{base}/admin/to-chuc/don-vi-hanh-chinh/{foreign}/")
    assert response.status == 404
