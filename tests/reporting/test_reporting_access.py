"""Access-control matrix rows for the units' reports and the data sets (tests/access_matrix.py).

Run here over HTTP with the organisations cast (``world``): a plan whose data set is reported
by communes C1a, C1b and C2a, one report each, opened by the lead department.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_matrix import ROWS, Kind, add_rows, register_kind, row_grid, run_rows
from tests.organisations.conftest import world  # noqa: F401  (the organisations cast)

ORG_KEYS = ("C1a", "C1b", "C2a")


def _ensure(w):
    """The data set, its period and one report per commune of the cast, made once per world."""
    if getattr(w, "reporting", None):
        return w.reporting
    from datetime import date

    from giamngheo.reporting import services
    from tests.planning.conftest import make_plan

    admin = w.users["province_admin"]
    plan = make_plan(title="Kế hoạch kiểm tra quyền báo cáo năm 2023", orgs=w.orgs)
    indicator = services.create_indicator(
        code="QUYEN.NGUOI", name="Số lượt người được truyền thông", measure="people"
    )
    dataset = services.create_dataset(
        code="QUYEN-2023",
        name="Biểu kiểm tra quyền",
        plan=plan,
        elements=[indicator],
        organisations=[w.orgs[k] for k in ORG_KEYS],
        lead_organisation=w.orgs["so"],
        due_day=15,
        due_month=11,
    )
    period = services.create_period(
        dataset=dataset, name="Năm 2023", start=date(2023, 1, 1), end=date(2023, 12, 31)
    )
    submissions = {
        key: services.start_submission(
            actor=admin, dataset=dataset, period=period, organisation=w.orgs[key]
        )
        for key in ORG_KEYS
    }
    w.reporting = {"dataset": dataset, "period": period, "submissions": submissions}
    return w.reporting


OWN = {"district_officer": ("C1a", "C1b"), "commune_officer": ("C1a",)}


def _foreign_key(role: str) -> str:
    return "C1b" if role == "commune_officer" else "C2a"


def _kinds():
    from giamngheo.reporting.models import DataSet, Submission

    def pick(w, role, scope):
        objects = _ensure(w)["submissions"]
        return objects["C1a"] if scope in ("own", "any") else objects[_foreign_key(role)]

    def own_labels(w, role):
        objects = _ensure(w)["submissions"]
        return {objects[k].title for k in OWN.get(role, ())}

    register_kind(
        "submission",
        Kind(
            pick=pick,
            label=lambda s: s.title,
            model=Submission,
            urls={
                "view": lambda s: reverse("bao-cao-don-vi:inspect", args=[s.pk]),
                "edit": lambda s: reverse("bao-cao-don-vi:edit", args=[s.pk]),
                "delete": lambda s: reverse("bao-cao-don-vi:delete", args=[s.pk]),
            },
            list_url=lambda: reverse("bao-cao-don-vi:index"),
            add_url=lambda: reverse("bao-cao-don-vi:add"),
            own_labels=own_labels,
        ),
    )
    register_kind(
        "dataset",
        Kind(
            pick=lambda w, role, scope: _ensure(w)["dataset"],
            label=lambda d: d.name,
            model=DataSet,
            urls={
                "view": lambda d: reverse("bieu-bao-cao:inspect", args=[d.pk]),
                "edit": lambda d: reverse("bieu-bao-cao:edit", args=[d.pk]),
                "delete": lambda d: reverse("bieu-bao-cao:delete", args=[d.pk]),
            },
            list_url=lambda: reverse("bieu-bao-cao:index"),
            add_url=lambda: reverse("bieu-bao-cao:add"),
        ),
    )


_kinds()

READ = ("list", "export", "view")
WRITE = ("add", "edit", "delete")
SCOPED = (*READ, "edit", "delete")
NO_ONE = ("outsider", "citizen", "anonymous")


def _all(scope, value, actions):
    return {(scope, a): value for a in actions}


# Reports: the lead department reads, edits and reviews all; an officer opens, edits and sends
# the reports of the organisations in their scope; nobody deletes a report (it is returned and
# corrected instead); a portal editor has no business with them.
_officer = {
    **_all("own", True, (*READ, "edit")),
    ("own", "delete"): False,
    **_all("foreign", False, SCOPED),
    ("any", "add"): True,
}
add_rows(
    row_grid(
        "submission",
        {
            "province_admin": {
                **_all("any", True, (*READ, "add", "edit")),
                ("any", "delete"): False,
            },
            "district_officer": _officer,
            "commune_officer": _officer,
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

# Data sets: read by whoever reports into them (and the lead department); configured through
# services only, never in the generic admin.
add_rows(
    row_grid(
        "dataset",
        {
            **{
                role: {**_all("any", True, READ), **_all("any", False, WRITE)}
                for role in ("province_admin", "district_officer", "commune_officer")
            },
            **{role: _all("any", False, (*READ, *WRITE)) for role in ("editor", *NO_ONE)},
        },
    )
)

REPORTING_KINDS = {"submission", "dataset"}
ROLES = sorted({r.role for r in ROWS if r.kind in REPORTING_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_reporting_access_matrix(role, world):  # noqa: F811
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in REPORTING_KINDS]
    run_rows(rows, client=client, world=world)


def test_reporting_rows_cover_every_role_and_action():
    rows = [r for r in ROWS if r.kind in REPORTING_KINDS]
    assert {r.kind for r in rows} == REPORTING_KINDS
    assert {
        "province_admin",
        "district_officer",
        "commune_officer",
        "editor",
        "outsider",
        "citizen",
        "anonymous",
    } <= {r.role for r in rows}
    assert {r.action for r in rows} == {"list", "export", "view", "add", "edit", "delete"}
    assert len(rows) == len({(r.role, r.kind, r.scope, r.action) for r in rows})
