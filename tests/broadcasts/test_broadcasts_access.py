"""Access-control matrix rows for bulletins and station deliveries (tests/access_matrix.py).

The Department (``so``) writes a bulletin (its ``editor``), its ``approver`` approves; the
province administrator reaches all. Officers of districts and communes hold no bulletin of the
Department: not found. Station operators hold no membership (the admin sends them to sign in,
like the outsider) and reach only their own station's deliveries; another station's delivery is
not found; the outsider and the citizen signed in find no delivery either.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.organisations.enums import Role
from tests.access_matrix import (
    NO_ADMIN_ROLES,
    NOT_FOUND,
    ROWS,
    Kind,
    add_rows,
    expect_denial,
    register_kind,
    row_grid,
    run_rows,
)
from tests.broadcasts.conftest import SENT, radio_activity, radio_plan
from tests.factories import MembershipFactory, UserFactory
from tests.organisations.conftest import world  # noqa: F401  (the organisations cast)

OPERATORS = ("operator", "other_operator")
NO_ADMIN_ROLES.update(OPERATORS)


def _ensure(w):
    if getattr(w, "radio", None):
        return w.radio
    from giamngheo.broadcasts import services
    from giamngheo.broadcasts.enums import StationKind

    admin = w.users["province_admin"]
    w.users["approver"] = MembershipFactory(
        user__username="approver", organisation=w.orgs["so"], role=Role.APPROVER
    ).user
    plan = radio_plan(w.orgs)
    activity = radio_activity(actor=admin, plan=plan, organisation=w.orgs["so"])
    for role, label in (("operator", "C1a"), ("other_operator", "C2a")):
        w.users[role] = UserFactory(username=role)
        services.create_station(
            actor=admin, name=f"Đài xã {label}", commune=w.units[label], kind=StationKind.IP,
            operator_organisation=w.orgs[label], operators=[w.users[role]],
        )  # fmt: skip
    draft = services.create_bulletin(
        actor=w.users["editor"], activity=activity, title="Bản tin dự thảo kiểm tra quyền",
        text="Nội dung.", communes=[w.units["C1a"], w.units["C2a"]],
        air_from=date(2023, 11, 13), air_to=date(2023, 11, 19), valid_until=date(2023, 11, 30),
    )  # fmt: skip
    sent = services.create_bulletin(
        actor=w.users["editor"], activity=activity, title="Bản tin đã gửi kiểm tra quyền",
        text="Nội dung.", communes=[w.units["C1a"], w.units["C2a"]],
        air_from=date(2023, 11, 13), air_to=date(2023, 11, 19), valid_until=date(2023, 11, 30),
    )  # fmt: skip
    services.approve_bulletin(actor=w.users["approver"], bulletin=sent, generate_audio=False)
    services.send_bulletin(actor=w.users["editor"], bulletin=sent, at=SENT, tell=False)
    deliveries = {d.commune.code: d for d in sent.deliveries.select_related("commune")}
    w.radio = {
        "draft": draft,
        "own_delivery": deliveries[w.units["C1a"].code],
        "foreign_delivery": deliveries[w.units["C2a"].code],
    }
    return w.radio


def _pick_delivery(w, role, scope):
    found = _ensure(w)
    if role == "other_operator":
        return found["foreign_delivery" if scope == "own" else "own_delivery"]
    return found["own_delivery" if scope == "own" else "foreign_delivery"]


register_kind(
    "radio_bulletin",
    Kind(
        pick=lambda w, role, scope: _ensure(w)["draft"],
        label=lambda b: b.title,
        model=None,
        urls={
            "view": lambda b: reverse("ban-tin-truyen-thanh:inspect", args=[b.pk]),
            "recording": lambda b: reverse("broadcasts_recording", args=[b.pk]),
        },
        list_url=lambda: reverse("ban-tin-truyen-thanh:index"),
        scoped=True,
    ),
)
register_kind(
    "radio_delivery",
    Kind(
        pick=_pick_delivery,
        label=lambda d: d.bulletin.title,
        model=None,
        urls={"view": lambda d: reverse("broadcasts:delivery", args=[d.pk])},
        scoped=True,
    ),
)

STAFF_OUT = ("district_officer", "commune_officer")
NO_ONE = ("outsider", "citizen", "anonymous")


def _all(scope, value, actions):
    return {(scope, a): value for a in actions}


add_rows(
    row_grid(
        "radio_bulletin",
        {
            "province_admin": _all("own", True, ("list", "view", "recording")),
            "editor": _all("own", True, ("list", "view", "recording")),
            # The approver reads and approves, but a recording is the editor's.
            "approver": {**_all("own", True, ("list", "view")), ("own", "recording"): False},
            **{role: _all("foreign", False, ("view", "recording")) for role in STAFF_OUT},
            **{
                role: _all("own", False, ("list", "view", "recording"))
                for role in (*NO_ONE, *OPERATORS)
            },
        },
    )
)
add_rows(
    row_grid(
        "radio_delivery",
        {
            "operator": {("own", "view"): True, ("foreign", "view"): False},
            "other_operator": {("own", "view"): True, ("foreign", "view"): False},
            **{
                role: {("own", "view"): False}
                for role in (
                    "province_admin",
                    "editor",
                    "approver",
                    *STAFF_OUT,
                    "outsider",
                    "citizen",
                )
            },
        },
    )
)
# The station pages are not the admin: a signed-in person who operates no station (staff,
# the outsider, the citizen) and another station's operator find nothing there.
expect_denial(
    "radio_delivery",
    {
        **{(role, "own", "view"): NOT_FOUND for role in ("outsider", "citizen")},
        **{(role, "foreign", "view"): NOT_FOUND for role in OPERATORS},
    },
)

RADIO_KINDS = {"radio_bulletin", "radio_delivery"}
ROLES = sorted({r.role for r in ROWS if r.kind in RADIO_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_broadcasts_access_matrix(role, world):  # noqa: F811
    _ensure(world)
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in RADIO_KINDS]
    run_rows(rows, client=client, world=world)


def test_broadcasts_rows_cover_every_role():
    rows = [r for r in ROWS if r.kind in RADIO_KINDS]
    assert {r.role for r in rows} >= {
        "province_admin",
        "editor",
        "approver",
        "operator",
        "other_operator",
        "commune_officer",
        "outsider",
        "anonymous",
    }
    assert len(rows) == len({(r.role, r.kind, r.scope, r.action) for r in rows})
