"""A menu entry is offered only to whom its screen answers: every entry of the admin menu a
role sees opens for that role (a 403 behind a menu entry is an action offered to whom it does
not apply — issue 13 item 11's rule, for the menu)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from wagtail.admin.menu import admin_menu

from giamngheo.core.admin import PermissionMenuItem
from giamngheo.organisations.enums import Role
from tests.factories import MembershipFactory
from tests.organisations.conftest import world  # noqa: F401

pytestmark = pytest.mark.django_db


def menu_urls(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    urls: list[str] = []

    def walk(items):
        for item in items:
            submenu = getattr(item, "menu", None)
            if submenu is not None:
                walk(submenu.menu_items_for_request(request))
            elif item.url.startswith("/admin/") and "/logout" not in item.url:
                urls.append(item.url)

    walk(admin_menu.menu_items_for_request(request))
    return urls


@pytest.mark.parametrize(
    "username",
    ["province_admin", "district_officer", "commune_officer", "editor", "council_member"],
)
def test_every_menu_entry_a_role_sees_opens(client, world, username):  # noqa: F811
    if username == "council_member":
        # A member of the emulation council (hoidong.1 in the demo): a juror's membership only.
        world.users[username] = MembershipFactory(
            user__username=username, organisation=world.orgs["so"], role=Role.JUROR
        ).user
    user = world.users[username]
    urls = menu_urls(user)
    assert urls, "the role sees no menu at all"
    client.force_login(user)
    refused = {url: client.get(url).status_code for url in urls}
    assert {url: code for url, code in refused.items() if code != 200} == {}


def test_council_member_is_not_offered_the_radio_coverage(world):  # noqa: F811
    member = MembershipFactory(
        user__username="hoidong", organisation=world.orgs["so"], role=Role.JUROR
    ).user
    assert "/admin/truyen-thanh/do-phu/" not in menu_urls(member)
    assert "/admin/truyen-thanh/do-phu/" in menu_urls(world.users["province_admin"])


def test_permission_menu_item_takes_exactly_one_test():
    with pytest.raises(TypeError):
        PermissionMenuItem("x", "/admin/x/")
    with pytest.raises(TypeError):
        PermissionMenuItem("x", "/admin/x/", perm="a.b", shown_if=lambda user: True)
