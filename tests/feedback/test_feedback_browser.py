"""Done means: a citizen sends a photo feedback anonymously and gets a code; an officer of the
routed commune answers it; an approver publishes it; the citizen sees the answer by code."""

from __future__ import annotations

import os
import re
from datetime import date

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser import CHROMIUM, shot, sign_in
from tests.feedback.fb_world import make_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mat-khau-thu-2023!"


@pytest.fixture
def chromium(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()
        # ORM calls made while Playwright's loop runs use their own connection: close it, or
        # PostgreSQL refuses to drop the test database ("being accessed by other users").
        from django.db import connections

        connections.close_all()


@pytest.fixture
def commune_body(fb, django_user_model, settings):
    from giamngheo.feedback import services
    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, Role

    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    org = org_services.create_organisation(
        name="Ủy ban nhân dân xã mới N1a",
        kind=OrganisationKind.PEOPLES_COMMITTEE,
        unit=fb.units["N1a"],
        valid_from=date(2025, 7, 1),
    )
    services.create_routing_rule(
        unit=fb.units["N1a"], organisation=org, valid_from=date(2025, 7, 1)
    )
    for username, role in (("canbo.n1a", Role.UNIT_OFFICER), ("lanhdao.n1a", Role.APPROVER)):
        user = django_user_model.objects.create_user(username, password=PASSWORD)
        org_services.create_membership(
            user=user, organisation=org, role=role, valid_from=date(2025, 7, 1)
        )
    return org


def _sign_in(page, base, username):
    sign_in(page, base, username, PASSWORD)


def test_citizen_to_published_answer(live_server, chromium, commune_body, fb, tmp_path):
    from giamngheo.feedback.models import Feedback

    base = live_server.url
    photo = tmp_path / "anh-hien-truong.png"
    photo.write_bytes(make_png((300, 200)))
    page = chromium.new_page(viewport={"width": 390, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{base}/phan-anh/gui/")
    page.check("input[value=feedback]")
    page.select_option("#id_category", label="Bảo hiểm y tế")
    page.fill("#id_subject", "Chậm cấp thẻ bảo hiểm y tế")
    page.fill("#id_description", "Gia đình tôi là hộ nghèo nhưng chưa nhận được thẻ.")
    page.select_option("#id_province", label=fb.units["P2025"].name)
    page.select_option("#id_unit", label="Xã mới N1a")
    page.check("input[value=anonymous]")
    expect(page.locator("#fb-identity")).to_be_hidden()
    page.check("#id_consent_publish")
    page.set_input_files("#id_attachments", str(photo))
    page.click("button.fb-submit")
    expect(page.locator(".fb-receipt")).to_be_visible()
    code = page.inner_text(".fb-code-big").strip()
    assert re.fullmatch(r"PA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}", code)
    shot(page, "feedback-receipt")
    item = Feedback.objects.get(tracking_code=code)
    assert (item.organisation, item.identity_mode, item.attachments.count()) == (
        commune_body,
        "anonymous",
        1,
    )

    from giamngheo.feedback import services

    services.create_answer_template(
        title="Cấp thẻ bảo hiểm y tế cho hộ nghèo",
        body="Người thuộc hộ nghèo được ngân sách nhà nước đóng bảo hiểm y tế.",
        category=item.category,
    )
    _sign_in(page, base, "canbo.n1a")
    page.goto(f"{base}/admin/phan-anh/inspect/{item.pk}/")
    # One short form per action that applies in the state reached (issue 13 item 8); the
    # body to assign to is preselected as the item's own.
    for label in ("Thụ lý", "Chuyển cơ quan xử lý", "Bắt đầu xử lý"):
        page.locator("form.fb-action").get_by_role("button", name=label, exact=True).click()
        page.wait_for_load_state()
    # The answer editor: a template is loaded (plain GET, no script), then completed.
    page.select_option("select[name=mau]", label="Cấp thẻ bảo hiểm y tế cho hộ nghèo")
    page.click("form.fb-template-pick button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("textarea[name=body]")).to_have_value(
        "Người thuộc hộ nghèo được ngân sách nhà nước đóng bảo hiểm y tế."
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#soan-tra-loi").scroll_into_view_if_needed()
    shot(page, "feedback-answer-templates")
    page.set_viewport_size({"width": 390, "height": 900})
    page.fill("textarea[name=body]", "Thẻ bảo hiểm y tế đã được cấp và chuyển về thôn.")
    page.click("form:has(input[value=answer]) button[type=submit]")
    expect(page.get_by_text("Đã ghi nhận câu trả lời.")).to_be_visible()

    _sign_in(page, base, "lanhdao.n1a")
    page.goto(f"{base}/admin/phan-anh/inspect/{item.pk}/")
    page.click("form:has(input[value=publish]) button[type=submit]")
    expect(page.get_by_text("Đã công khai câu hỏi và trả lời.")).to_be_visible()
    # The statistics screen of the same body: 1 received, 1 answered, too few to rank.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/admin/phan-anh/thong-ke/")
    row = page.locator("table.listing tbody tr").first
    expect(row).to_contain_text("Ủy ban nhân dân xã mới N1a")
    expect(row).to_contain_text("Chưa đủ số liệu để xếp hạng")
    shot(page, "feedback-statistics")
    page.set_viewport_size({"width": 390, "height": 900})

    page.context.clear_cookies()
    page.goto(f"{base}/phan-anh/tra-cuu/")
    page.fill("input[name=ma]", code.lower().replace("-", " "))
    page.click("form.fb-lookup button")
    expect(page.locator(".fb-answer")).to_contain_text("Thẻ bảo hiểm y tế đã được cấp")
    expect(page.locator(".fb-status")).to_have_text("Đã trả lời")
    shot(page, "feedback-status-answered")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert os.path.exists(
        os.path.join(
            os.environ.get("TEST_ARTIFACTS", "test-artifacts"), "feedback-status-answered.png"
        )
    )
