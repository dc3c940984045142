"""A refusal inside the admin (core.admin.admin_permission_denied): status 403 on a page in the
admin's layout, in Vietnamese, with the refusal's own message — never Wagtail's redirect to the
dashboard; the anonymous still go to sign-in."""

from __future__ import annotations

import pytest
import wagtail.admin.auth
from django.test import Client
from django.urls import reverse

from giamngheo.core.admin import admin_permission_denied

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _body(response) -> str:
    return response.content.decode()


def test_wagtail_looks_up_the_project_refusal():
    # Both of Wagtail's gates (require_admin_access, user_passes_test) call this name.
    assert wagtail.admin.auth.permission_denied is admin_permission_denied


def test_a_refused_generic_screen_is_a_403_admin_page(editor):
    # The generic add view: the model-level permission (rules) refuses an editor.
    response = _signed_in(editor).get(reverse("don-vi-hanh-chinh:add"))
    body = _body(response)
    assert response.status_code == 403
    title = body.split('id="header-title">', 1)[1].split("</h1>", 1)[0]
    assert title.rstrip().endswith("Không có quyền truy cập")
    assert "Bạn không có quyền truy cập trang này hoặc thực hiện thao tác này." in body
    # Inside the admin layout: the sidebar and the way back to the dashboard.
    assert 'id="wagtail-sidebar"' in body
    assert f'href="{reverse("wagtailadmin_home")}"' in body
    assert "Sorry, you do not have permission" not in body


def test_the_refusals_own_message_is_shown(editor):
    # The statistics of feedback refuse who does not handle feedback, saying so.
    response = _signed_in(editor).get(reverse("thong-ke-phan-anh:index"))
    assert response.status_code == 403
    assert "Chỉ cán bộ xử lý phản ánh, kiến nghị được mở trang này." in _body(response)


def test_a_wagtail_decorator_refusal_is_a_403_too(editor):
    # Wagtail's own screens guarded by user_passes_test (the user accounts list).
    response = _signed_in(editor).get(reverse("wagtailusers_users:index"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in _body(response)


def test_a_refused_background_request_gets_the_bare_403(editor):
    response = _signed_in(editor).get(
        reverse("don-vi-hanh-chinh:add"), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 403


def test_the_anonymous_still_go_to_sign_in(db):
    url = reverse("don-vi-hanh-chinh:add")
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={url}"
