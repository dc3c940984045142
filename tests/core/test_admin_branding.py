"""The admin's own face (issue 13, item 13): the sign-in page in Vietnamese with the portal's
body and emblem, our Vietnamese guide in the help menu, and one menu named "Báo cáo"."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    body = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()


def test_sign_in_page_names_the_body_and_labels_every_field_in_vietnamese(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(response)
    assert '<label class="w-field__label" for="id_password" id="id_password-label">' in html
    assert "Mật khẩu" in text and "Password" not in text
    assert "Đăng nhập vào Wagtail" not in text
    assert (
        "Ủy ban nhân dân tỉnh Bắc Giang Đăng nhập trang quản trị "
        "Trang thông tin điện tử về giảm nghèo bền vững"
    ) in text
    assert 'src="/static/img/emblem.svg"' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert re.sub(r"\s+", " ", title).strip() == (
        "Đăng nhập - Quản trị Trang thông tin điện tử về giảm nghèo bền vững"
    )


def test_help_menu_links_our_guide_and_not_wagtail_org(client):
    editor = UserFactory(username="bientap.huongdan", password="Mat-khau-thu-2024!")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "guide.wagtail.org" not in home and "docs.wagtail.org" not in home
    assert "/admin/huong-dan/" in home
    guide = client.get(reverse("core_editor_guide"))
    assert guide.status_code == 200
    text = _text(guide)
    assert "Hướng dẫn ngắn cho biên tập viên và cán bộ" in text
    assert "Viết và gửi duyệt tin bài (biên tập viên)" in text
    assert "<h2>Đăng nhập</h2>" in guide.content.decode()


def test_guide_needs_a_signed_in_user(client):
    response = client.get(reverse("core_editor_guide"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_one_menu_is_named_bao_cao(client):
    admin = UserFactory(username="quantri.menu", is_superuser=True, password="Mat-khau-thu-2024!")
    client.force_login(admin)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    menu = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', home, re.S)
    data = menu.group(1) if menu else home
    labels = re.findall(r'"label": "([^"]*)"', data.encode().decode("unicode_escape"))
    assert labels.count("Báo cáo") <= 1, labels
    assert "Theo dõi hệ thống" in labels
