"""The Vietnamese admin screens: happy paths for the province administrator, and officers."""

from datetime import date

from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from giamngheo.organisations import services
from giamngheo.organisations.models import Membership, Organisation


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_province_admin_creates_organisation_through_admin_with_audit(world):
    admin = world.users["province_admin"]
    response = _client(admin).post(
        reverse("co-quan-don-vi:add"),
        {
            "name": "Phòng Lao động - Thương binh và Xã hội huyện T1",
            "short_name": "Phòng LĐTBXH",
            "kind": "so",
            "unit": world.units["D1"].pk,
            "responsibilities": "Tham mưu.",
            "valid_from": "01/01/2023",
            "valid_to": "",
            "successor": "",
            "succession_kind": "",
            "succession_note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(short_name="Phòng LĐTBXH")
    assert (org.unit, org.valid_from) == (world.units["D1"], date(2023, 1, 1))
    entry = ModelLogEntry.objects.for_instance(org).get(action="wagtail.create")
    assert entry.user_id == admin.pk
    assert entry.data["changes"]["name"] == [
        None,
        "Phòng Lao động - Thương binh và Xã hội huyện T1",
    ]
    history = _client(admin).get(reverse("co-quan-don-vi:history", args=[org.pk]))
    assert history.status_code == 200


def test_province_admin_creates_membership_and_edits_it(world):
    admin = world.users["province_admin"]
    newcomer = type(admin).objects.create_user("canbo.moi")
    response = _client(admin).post(
        reverse("phan-cong-can-bo:add"),
        {
            "user": newcomer.pk,
            "organisation": world.orgs["C2a"].pk,
            "role": "unit_officer",
            "position": "Công chức",
            "valid_from": "01/01/2023",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    edit = _client(admin).post(
        reverse("phan-cong-can-bo:edit", args=[membership.pk]),
        {
            "user": newcomer.pk,
            "organisation": world.orgs["C2a"].pk,
            "role": "unit_officer",
            "position": "Phó Chủ tịch",
            "valid_from": "01/01/2023",
            "valid_to": "",
        },
    )
    assert edit.status_code == 302
    entry = ModelLogEntry.objects.for_instance(membership).get(action="wagtail.edit")
    assert entry.data["changes"] == {"position": ["Công chức", "Phó Chủ tịch"]}


def test_unit_tree_index_as_of_date_indents_children(world):
    page = _client(world.users["province_admin"]).get(
        reverse("don-vi-hanh-chinh:index") + "?ngay=01/06/2023"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "— Huyện T1" in html and "— — Xã C1a" in html
    assert "Xã mới N1a" not in html  # not yet in force in 2023
    today = (
        _client(world.users["province_admin"])
        .get(reverse("don-vi-hanh-chinh:index"))
        .content.decode()
    )
    assert "Xã mới N1a" in today and "Xã C1a" not in today


def test_unit_search_without_diacritics(world):
    page = _client(world.users["province_admin"]).get(
        reverse("don-vi-hanh-chinh:index") + "?ngay=01/06/2023&q=huyen t1"
    )
    assert "Huyện T1" in page.content.decode()


def test_officer_sees_own_organisation_but_cannot_create(world):
    officer = _client(world.users["commune_officer"])
    listing = officer.get(reverse("co-quan-don-vi:index")).content.decode()
    assert "Ủy ban nhân dân xã C1a" in listing and "xã C1b" not in listing
    refused = officer.get(reverse("co-quan-don-vi:add"))
    assert refused.status_code == 403  # the admin's 403 page
    post = officer.post(
        reverse("co-quan-don-vi:add"),
        {"name": "Giả mạo", "kind": "so", "unit": world.units["C1a"].pk},
    )
    assert post.status_code == 403
    assert not Organisation.objects.filter(name="Giả mạo").exists()


def test_export_neutralises_formulas(world):
    admin = world.users["province_admin"]
    services.create_organisation(name='=HYPERLINK("http://x")', kind="other", unit=world.units["P"])
    response = _client(admin).get(reverse("co-quan-don-vi:index") + "?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


def test_unit_tree_index_for_officer_starts_at_their_unit(world):
    page = _client(world.users["district_officer"]).get(
        reverse("don-vi-hanh-chinh:index") + "?ngay=01/06/2023"
    )
    html = page.content.decode()
    assert "Huyện T1" in html
    assert "— Huyện T1" not in html and "— Xã C1a" in html and "— — Xã C1a" not in html


def test_editing_a_membership_of_a_closed_organisation_keeps_it_selected(world):
    """A membership of an organisation closed by the 2025 reform still opens with its own
    organisation selected; a new membership is offered only organisations in force."""
    from giamngheo.organisations.enums import OrganisationKind

    admin = world.users["province_admin"]
    closed = services.create_organisation(
        name="Ủy ban nhân dân huyện T1 (trước sắp xếp)",
        kind=OrganisationKind.PEOPLES_COMMITTEE,
        unit=world.units["D1"],
        valid_from=date(2020, 1, 1),
        valid_to=date(2025, 6, 30),
    )
    officer = type(admin).objects.create_user("canbo.cu")
    membership = services.create_membership(
        user=officer,
        organisation=closed,
        role="unit_officer",
        valid_from=date(2023, 1, 1),
        valid_to=date(2025, 6, 30),
    )
    edit = _client(admin).get(reverse("phan-cong-can-bo:edit", args=[membership.pk]))
    assert f'<option value="{closed.pk}" selected>Ủy ban nhân dân huyện T1 (trước sắp xếp)' in (
        edit.content.decode()
    )
    add = _client(admin).get(reverse("phan-cong-can-bo:add"))
    assert add.status_code == 200
    assert "Ủy ban nhân dân huyện T1 (trước sắp xếp)" not in add.content.decode()
