"""Access-control matrix rows for campaigns and their submissions (tests/access_matrix.py), and
the two doors outside the admin: the submitter's private link and the public gallery.

Cast (tests/campaigns/conftest.py): ``moderator`` is assigned to the main campaign only;
``district_officer`` belongs to the body whose sub-plan holds both campaigns (the owner): they
read both and moderate neither; ``commune_officer`` (a commune under that district) and
``other_commune_officer`` (another district) are other units: nothing is found; ``editor``
(the department's portal editor) is no owner; the outsider, the citizen and the anonymous
visitor never enter the admin.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_matrix import ROWS, Kind, add_rows, register_kind, row_grid, run_rows

CHECKS = {"opened": True, "on_topic": True, "lawful": True, "people_consent": True}
MAIN_TITLE = "Bài của chiến dịch chính"
OTHER_TITLE = "Bài của chiến dịch khác"


def _ensure(w):
    if getattr(w, "items", None):
        return w.items
    w.items = {
        "own": w.submit(title=MAIN_TITLE),
        "foreign": w.submit(campaign=w.other, title=OTHER_TITLE, contact="0987 111 222"),
    }
    return w.items


def _campaigns():
    from giamngheo.campaigns.models import Campaign

    own = {
        "province_admin": {"Lan tỏa thông điệp giảm nghèo trên nền tảng số", "Chiến dịch khác"},
        "district_officer": {"Lan tỏa thông điệp giảm nghèo trên nền tảng số", "Chiến dịch khác"},
        "moderator": {"Lan tỏa thông điệp giảm nghèo trên nền tảng số"},
    }
    register_kind(
        "cp_campaign",
        Kind(
            pick=lambda w, role, scope: w.campaign if scope in ("own", "any") else w.other,
            label=lambda c: c.name,
            model=Campaign,
            urls={
                "view": lambda c: reverse("chien-dich:inspect", args=[c.pk]),
                "edit": lambda c: reverse("campaigns_edit", args=[c.pk]),
                "moderators": lambda c: reverse("campaigns_moderators", args=[c.pk]),
            },
            list_url=lambda: reverse("chien-dich:index"),
            add_url=lambda: reverse("campaigns_new"),
            own_labels=lambda w, role: own.get(role, set()),
        ),
    )

    def pick_item(w, role, scope):
        return _ensure(w)["own" if scope in ("own", "any") else "foreign"]

    items_own = {
        "province_admin": {MAIN_TITLE, OTHER_TITLE},
        "district_officer": {MAIN_TITLE, OTHER_TITLE},
        "moderator": {MAIN_TITLE},
    }
    from giamngheo.campaigns.models import Submission

    register_kind(
        "cp_submission",
        Kind(
            pick=pick_item,
            label=lambda s: s.title,
            model=Submission,
            urls={
                "view": lambda s: reverse("campaigns_submission", args=[s.pk]),
                "approve": lambda s: reverse("campaigns_approve", args=[s.pk]),
                "reject": lambda s: reverse("campaigns_reject", args=[s.pk]),
                "takedown": lambda s: reverse("campaigns_takedown", args=[s.pk]),
            },
            list_url=lambda: reverse("campaigns_queue"),
            own_labels=lambda w, role: items_own.get(role, set()),
        ),
    )


_campaigns()

READ = ("list", "view")
SET_UP = ("add", "edit", "moderators")
MODERATE = ("approve", "reject", "takedown")
NO_ONE = ("outsider", "citizen", "anonymous")
OTHER_UNITS = ("commune_officer", "other_commune_officer", "editor")


def _all(scope, value, actions):
    return {(scope, a): value for a in actions}


add_rows(
    row_grid(
        "cp_campaign",
        {
            "province_admin": _all("any", True, (*READ, "export", *SET_UP)),
            # The moderator reads its campaign and sets nothing up (403 on a visible one).
            "moderator": {
                **_all("own", True, (*READ, "export")),
                **_all("own", False, SET_UP),
                **_all("foreign", False, (*READ, "edit", "moderators")),
            },
            "district_officer": _all("own", True, (*READ, "export", *SET_UP)),
            **{
                role: {**_all("foreign", False, ("view", "edit", "moderators", "add"))}
                for role in OTHER_UNITS
            },
            **{role: _all("own", False, (*READ, *SET_UP)) for role in NO_ONE},
        },
    )
)
add_rows(
    row_grid(
        "cp_submission",
        {
            "province_admin": _all("any", True, (*READ, *MODERATE)),
            "moderator": {
                **_all("own", True, (*READ, *MODERATE)),
                **_all("foreign", False, (*READ, *MODERATE)),
            },
            # The owner reads its campaigns' items and moderates none: moderation is assigned.
            "district_officer": {**_all("own", True, READ), **_all("own", False, MODERATE)},
            **{role: _all("foreign", False, (*READ, *MODERATE)) for role in OTHER_UNITS},
            **{role: _all("own", False, (*READ, *MODERATE)) for role in NO_ONE},
        },
    )
)

CP_KINDS = {"cp_campaign", "cp_submission"}
ROLES = sorted({r.role for r in ROWS if r.kind in CP_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_campaigns_access_matrix(role, cworld):
    _ensure(cworld)
    client = Client()
    if role != "anonymous":
        client.force_login(cworld.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in CP_KINDS]
    run_rows(rows, client=client, world=cworld)


def test_campaigns_rows_cover_every_role():
    rows = [r for r in ROWS if r.kind in CP_KINDS]
    assert {r.role for r in rows} == {
        "province_admin",
        "moderator",
        "district_officer",
        "commune_officer",
        "other_commune_officer",
        "editor",
        "outsider",
        "citizen",
        "anonymous",
    }
    assert len(rows) == len({(r.role, r.kind, r.scope, r.action) for r in rows})


def test_an_other_unit_is_refused_the_queue(cworld):
    for role in OTHER_UNITS:
        client = Client()
        client.force_login(cworld.users[role])
        assert client.get(reverse("campaigns_queue")).status_code == 403


# --- the submitter's private link --------------------------------------------------------------


def test_the_private_link_shows_the_submitter_their_item_and_the_reason(cworld):
    from giamngheo.campaigns import services

    items = _ensure(cworld)
    services.reject_submission(
        actor=cworld.users["moderator"], submission=items["own"], reason="Video bị mờ, khó xem."
    )
    response = Client().get(reverse("campaigns:track", args=[items["own"].private_token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert MAIN_TITLE in body and "Không duyệt" in body and "Video bị mờ, khó xem." in body
    assert OTHER_TITLE not in body
    assert "0912345678" not in body
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("token", ["x" * 43, "", "a" * 80, "../../admin"])
def test_a_wrong_private_link_is_not_found(cworld, token):
    _ensure(cworld)
    url = f"/chien-dich/theo-doi/{token}/"
    assert Client().get(url).status_code == 404


# --- the public side ---------------------------------------------------------------------------


def test_the_public_sees_approved_items_only(cworld):
    from giamngheo.campaigns import services

    items = _ensure(cworld)
    client = Client()
    for name in ("campaigns:report", "campaigns:file", "campaigns:thumbnail"):
        assert client.get(reverse(name, args=[items["own"].pk])).status_code == 404
    page = client.get(reverse("campaigns:campaign", args=[cworld.campaign.slug])).content.decode()
    assert MAIN_TITLE not in page
    services.approve_submission(
        actor=cworld.users["moderator"], submission=items["own"], checks=CHECKS
    )
    page = client.get(reverse("campaigns:campaign", args=[cworld.campaign.slug])).content.decode()
    assert MAIN_TITLE in page
    assert OTHER_TITLE not in page
    assert "0912345678" not in page and "0987111222" not in page
    assert client.get(reverse("campaigns:report", args=[items["own"].pk])).status_code == 200
