"""Access-control matrix rows for print runs and dispatches (tests/access_matrix.py).

The rows run over HTTP with the organisations cast (``world``): the province store is the
department (``so``, whose administrator is the store keeper here), one dispatch goes to each
commune of the cast. A commune officer sees and confirms only what was sent to their commune;
a district officer sees what was sent to the communes under it but confirms none of it (the
receipt is the recipient's); another commune's dispatch is not found; the outsider, the citizen
and the anonymous visitor never enter.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_matrix import ROWS, Kind, add_rows, register_kind, row_grid, run_rows
from tests.organisations.conftest import world  # noqa: F401  (the organisations cast)

COMMUNES = ("C1a", "C1b", "C2a")


def _ensure(w):
    """A plan, the department's activity, a leaflet, a print run into the store and one
    dispatch to each commune, made once per world."""
    if getattr(w, "publications", None):
        return w.publications
    from giamngheo.planning import services as planning
    from giamngheo.publications import services
    from giamngheo.publications.models import PublicationKind
    from tests.planning.conftest import make_plan

    admin = w.users["province_admin"]
    plan = make_plan(title="Kế hoạch kiểm tra quyền ấn phẩm năm 2023", orgs=w.orgs)
    items = {i.code: i for i in plan.items.all()}
    subplan = planning.create_subplan(
        actor=admin, plan=plan, organisation=w.orgs["so"], title="Kế hoạch cụ thể của Sở"
    )
    activity = planning.create_activity(
        actor=admin,
        subplan=subplan,
        title="In tờ gấp kiểm tra quyền",
        form=items["2.1"],
        contents=[items["1.1"]],
        units=[w.orgs["so"].unit],
        start_date=date(2023, 5, 1),
        end_date=date(2023, 5, 30),
        budget=[
            planning.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=5_000_000, spent=0
            )
        ],
    )
    title = services.create_title(
        actor=admin,
        kind=PublicationKind.objects.get(name="Tờ gấp"),
        name="Tờ gấp kiểm tra quyền",
        publisher=w.orgs["so"],
    )
    edition = services.add_edition(actor=admin, title=title, language="vi")
    run = services.record_print_run(
        actor=admin,
        edition=edition,
        activity=activity,
        budget_line=activity.budget_lines.get(),
        store=w.orgs["so"],
        quantity=300,
        unit_cost=1000,
        printer="Công ty In Thử",
        contract_number="HĐ 01/2023",
        delivered_on=date(2023, 5, 2),
    )
    dispatches = {
        key: services.dispatch(
            actor=admin,
            print_run=run,
            sender=w.orgs["so"],
            recipient=w.orgs[key],
            quantity=100,
            dispatched_on=date(2023, 5, 3),
        )
        for key in COMMUNES
    }
    w.publications = {"run": run, "dispatches": dispatches}
    return w.publications


OWN = {"district_officer": ("C1a", "C1b"), "commune_officer": ("C1a",)}


def _foreign_key(role: str) -> str:
    return "C1b" if role == "commune_officer" else "C2a"


def _kinds():
    from giamngheo.publications.models import Dispatch, PrintRun

    def pick_dispatch(w, role, scope):
        found = _ensure(w)["dispatches"]
        return found["C1a"] if scope in ("own", "any") else found[_foreign_key(role)]

    names = {key: f"Ủy ban nhân dân xã {key}" for key in COMMUNES}
    register_kind(
        "pub_dispatch",
        Kind(
            pick=pick_dispatch,
            label=lambda d: d.recipient.name,
            model=Dispatch,
            urls={
                "view": lambda d: reverse("phieu-giao:inspect", args=[d.pk]),
                "confirm": lambda d: reverse("publications_confirm", args=[d.pk]),
            },
            list_url=lambda: reverse("phieu-giao:index"),
            own_labels=lambda w, role: {names[k] for k in OWN.get(role, ())},
        ),
    )
    register_kind(
        "pub_print_run",
        Kind(
            pick=lambda w, role, scope: _ensure(w)["run"],
            label=lambda r: r.printer,
            model=PrintRun,
            urls={
                "view": lambda r: reverse("dot-in:inspect", args=[r.pk]),
                "dispatch": lambda r: reverse("publications_dispatch", args=[r.pk]),
                "plan": lambda r: reverse("publications_plan_new", args=[r.pk]),
            },
            list_url=lambda: reverse("dot-in:index"),
            own_labels=lambda w, role: {"Công ty In Thử"} if role == "province_admin" else set(),
        ),
    )
    from giamngheo.publications.models import Title

    register_kind(
        "pub_title",
        Kind(
            pick=lambda w, role, scope: _ensure(w)["run"].edition.title,
            label=lambda t: t.name,
            model=Title,
            # The distribution report: every holder of stock downloads it (over the holders in
            # their reach); a role that holds no stock does not find it.
            urls={"report": lambda t: reverse("publications_report_xlsx", args=[t.pk])},
            scoped=True,
        ),
    )


_kinds()

READ = ("list", "export", "view")
NO_ONE = ("outsider", "citizen", "anonymous")


def _all(scope, value, actions):
    return {(scope, a): value for a in actions}


add_rows(
    row_grid(
        "pub_dispatch",
        {
            # The store sees every dispatch but confirms none: only the recipient does.
            "province_admin": {**_all("any", True, READ), ("any", "confirm"): False},
            "district_officer": {
                **_all("own", True, READ),
                ("own", "confirm"): False,
                **_all("foreign", False, (*READ, "confirm")),
            },
            "commune_officer": {
                **_all("own", True, (*READ, "confirm")),
                **_all("foreign", False, (*READ, "confirm")),
            },
            "editor": _all("own", False, ("view", "confirm")),
            **{role: _all("own", False, (*READ, "confirm")) for role in NO_ONE},
        },
    )
)

add_rows(
    row_grid(
        "pub_print_run",
        {
            "province_admin": _all("own", True, (*READ, "dispatch", "plan")),
            # The store is outside an officer's reach: the run is not found. (Their list of print
            # runs opens empty, or answers Wagtail's redirect when they hold none: see
            # test_publications_views.test_officer_lists_hold_no_foreign_row.)
            "district_officer": _all("foreign", False, ("view", "dispatch", "plan")),
            "commune_officer": _all("foreign", False, ("view", "dispatch", "plan")),
            "editor": _all("foreign", False, ("view", "dispatch", "plan")),
            **{role: _all("foreign", False, (*READ, "dispatch", "plan")) for role in NO_ONE},
        },
    )
)

add_rows(
    row_grid(
        "pub_title",
        {
            "province_admin": {("any", "report"): True},
            "district_officer": {("any", "report"): True},
            "commune_officer": {("any", "report"): True},
            "editor": {("any", "report"): False},
            **{role: {("any", "report"): False} for role in NO_ONE},
        },
    )
)

PUB_KINDS = {"pub_dispatch", "pub_print_run", "pub_title"}
ROLES = sorted({r.role for r in ROWS if r.kind in PUB_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_publications_access_matrix(role, world):  # noqa: F811
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in PUB_KINDS]
    run_rows(rows, client=client, world=world)


def test_publications_rows_cover_every_role():
    rows = [r for r in ROWS if r.kind in PUB_KINDS]
    assert {r.role for r in rows} >= {
        "province_admin",
        "district_officer",
        "commune_officer",
        "outsider",
        "anonymous",
    }
    assert len(rows) == len({(r.role, r.kind, r.scope, r.action) for r in rows})
