"""Access-control matrix rows for plans, sub-plans and activities (tests/access_matrix.py).

The rows run here over HTTP with the organisations cast (``world``), and also inside the
project-wide matrix test, whose world gets the same planning data on first use (``_ensure``).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_matrix import ROWS, Kind, Row, add_rows, register_kind, row_grid, run_rows
from tests.organisations.conftest import world  # noqa: F401  (the organisations cast)

ORG_KEYS = ("C1a", "C1b", "C2a")


def _ensure(w):
    """The plan, one sub-plan and one activity per commune of the cast, made once per world."""
    if getattr(w, "planning", None):
        return w.planning
    from datetime import date

    from giamngheo.planning import services
    from tests.planning.conftest import make_plan

    admin = w.users["province_admin"]
    plan = make_plan(title="Kế hoạch kiểm tra quyền năm 2023", orgs=w.orgs)
    items = {i.code: i for i in plan.items.all()}
    subplans, activities = {}, {}
    for key in ORG_KEYS:
        org = w.orgs[key]
        subplans[key] = services.create_subplan(
            actor=admin, plan=plan, organisation=org, title=f"Kế hoạch cụ thể xã {key}"
        )
        activities[key] = services.create_activity(
            actor=admin,
            subplan=subplans[key],
            title=f"Hoạt động truyền thông xã {key}",
            form=items["2.1"],
            contents=[items["1.1"]],
            units=[org.unit],
            start_date=date(2023, 5, 1),
            end_date=date(2023, 5, 2),
        )
    w.planning = {"plan": plan, "subplans": subplans, "activities": activities}
    return w.planning


def _foreign_key(role: str) -> str:
    return "C1b" if role == "commune_officer" else "C2a"


OWN = {"district_officer": ("C1a", "C1b"), "commune_officer": ("C1a",)}


def _scoped_kind(group: str, model, url_name: str, label_prefix: str):
    def pick(w, role, scope):
        objects = _ensure(w)[group]
        return objects["C1a"] if scope in ("own", "any") else objects[_foreign_key(role)]

    return Kind(
        pick=pick,
        label=lambda obj: obj.title,
        model=model,
        urls={
            "view": lambda obj: reverse(f"{url_name}:inspect", args=[obj.pk]),
            "edit": lambda obj: reverse(f"{url_name}:edit", args=[obj.pk]),
            "delete": lambda obj: reverse(f"{url_name}:delete", args=[obj.pk]),
            "history": lambda obj: reverse(f"{url_name}:history", args=[obj.pk]),
            "usage": lambda obj: reverse(f"{url_name}:usage", args=[obj.pk]),
        },
        list_url=lambda: reverse(f"{url_name}:index"),
        add_url=lambda: reverse(f"{url_name}:add"),
        own_labels=lambda w, role: {f"{label_prefix} xã {k}" for k in OWN.get(role, ())},
    )


def _kinds():
    from giamngheo.planning.models import Activity, Plan, SubPlan

    register_kind(
        "plan",
        Kind(
            pick=lambda w, role, scope: _ensure(w)["plan"],
            label=lambda plan: plan.title,
            model=Plan,
            urls={
                "view": lambda p: reverse("ke-hoach:inspect", args=[p.pk]),
                "edit": lambda p: reverse("ke-hoach:edit", args=[p.pk]),
                "delete": lambda p: reverse("ke-hoach:delete", args=[p.pk]),
            },
            list_url=lambda: reverse("ke-hoach:index"),
            add_url=lambda: reverse("ke-hoach:add"),
        ),
    )
    register_kind(
        "subplan", _scoped_kind("subplans", SubPlan, "ke-hoach-cu-the", "Kế hoạch cụ thể")
    )
    register_kind(
        "activity", _scoped_kind("activities", Activity, "hoat-dong", "Hoạt động truyền thông")
    )


_kinds()

READ = ("list", "export", "view")
WRITE = ("add", "edit", "delete")
SCOPED = (*READ, "edit", "delete")
NO_ONE = ("outsider", "citizen", "anonymous")


def _all(scope, value, actions):
    return {(scope, a): value for a in actions}


# Plans: every staff member reads them; nobody writes them in the generic admin (services only).
add_rows(
    row_grid(
        "plan",
        {
            **{
                role: {**_all("any", True, READ), **_all("any", False, WRITE)}
                for role in ("province_admin", "district_officer", "commune_officer", "editor")
            },
            **{role: _all("any", False, (*READ, *WRITE)) for role in NO_ONE},
        },
    )
)

# Sub-plans: the lead department does everything; an officer works inside their scope (files,
# edits a draft, never deletes); a portal editor has no business with them.
_officer_subplan = {
    **_all("own", True, ("list", "export", "view", "edit")),
    ("own", "delete"): False,
    **_all("foreign", False, SCOPED),
    ("any", "add"): True,
}
add_rows(
    row_grid(
        "subplan",
        {
            "province_admin": _all("any", True, (*READ, *WRITE)),
            "district_officer": _officer_subplan,
            # The commune's one sub-plan is filed: adding is no longer offered (issue 13 item
            # 11); the district still has its own body's to file.
            "commune_officer": {**_officer_subplan, ("any", "add"): False},
            **{
                role: {
                    **_all("own", False, SCOPED),
                    **_all("foreign", False, SCOPED),
                    ("any", "add"): False,
                }
                for role in ("editor", *NO_ONE)
            },
        },
    )
)

# Activities: added and edited in scope; deleted only while nothing is recorded on them (the
# world's activities are planned, in a draft sub-plan, without evidence or outputs; one with
# records is cancelled instead: test_planning_views.test_activity_with_records_is_not_deleted).
_officer_activity = {
    **_all("own", True, (*READ, "edit", "delete")),
    **_all("foreign", False, SCOPED),
    ("any", "add"): True,
}
add_rows(
    row_grid(
        "activity",
        {
            "province_admin": {
                **_all("any", True, (*READ, "add", "edit", "delete")),
            },
            "district_officer": _officer_activity,
            "commune_officer": _officer_activity,
            **{
                role: {
                    **_all("own", False, SCOPED),
                    **_all("foreign", False, SCOPED),
                    ("any", "add"): False,
                }
                for role in ("editor", *NO_ONE)
            },
        },
    )
)

# Wagtail's history and usage views fetch their object unscoped unless told otherwise: every row
# that denies viewing an object denies its history and usage too.
add_rows(
    [
        Row(r.role, r.kind, r.scope, action, False)
        for r in list(ROWS)
        if r.kind in ("subplan", "activity") and r.action == "view" and not r.allowed
        for action in ("history", "usage")
    ]
)

PLANNING_KINDS = {"plan", "subplan", "activity"}
ROLES = sorted({r.role for r in ROWS if r.kind in PLANNING_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_planning_access_matrix(role, world):  # noqa: F811
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in PLANNING_KINDS]
    run_rows(rows, client=client, world=world)


def test_planning_rows_cover_every_role_and_action():
    rows = [r for r in ROWS if r.kind in PLANNING_KINDS]
    assert {r.kind for r in rows} == PLANNING_KINDS
    assert {
        "province_admin",
        "district_officer",
        "commune_officer",
        "editor",
        "outsider",
        "anonymous",
    } <= {r.role for r in rows}
    assert len(rows) == len({(r.role, r.kind, r.scope, r.action) for r in rows})
