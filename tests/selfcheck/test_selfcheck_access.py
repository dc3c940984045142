"""Rows of the access-control matrix (tests/access_matrix.py) for the self-check's admin screens:
households' contact requests (scoped by commune) and the standards (province only)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.selfcheck.models import ContactRequest, PovertyStandard
from tests.access_matrix import ROWS, Kind, add_rows, register_kind, row_grid, run_rows

AT = datetime(2024, 5, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
COMMUNES = ("C1a", "C1b", "C2a")


def _ensure(world):
    if getattr(world, "contact_requests", None):
        return world.contact_requests
    from giamngheo.selfcheck import services
    from giamngheo.selfcheck.selectors import standard_for
    from giamngheo.selfcheck.standard import classify

    standard = standard_for(on=AT.date())
    result = classify(standard=standard, area="nong_thon", income=1_000_000, lacking=[1, 2, 3])
    world.contact_requests = {
        label: services.submit_contact_request(
            name=f"Hộ {label}",
            phone=f"09120000{i:02d}",
            commune=world.units[label],
            standard=standard,
            result=result,
            consent=True,
            at=AT,
        )
        for i, label in enumerate(COMMUNES)
    }
    return world.contact_requests


_OWN = {"commune_officer": "C1a", "district_officer": "C1a"}
_FOREIGN = {"commune_officer": "C1b", "district_officer": "C2a"}
_OWN_LABELS = {
    "province_admin": {f"Hộ {c}" for c in COMMUNES},
    "commune_officer": {"Hộ C1a"},
    "district_officer": {"Hộ C1a", "Hộ C1b"},
}


def _pick(world, role, scope):
    items = _ensure(world)
    if scope == "own":
        return items[_OWN[role]]
    if scope == "foreign":
        return items[_FOREIGN[role]]
    return items["C2a"]


def _cells(scope, values):
    return {(scope, a): v for a, v in values.items()}


_ACTIONS = ("list", "export", "view", "edit", "delete")
_NONE = dict.fromkeys(_ACTIONS, False)
_READ = {"list": True, "export": True, "view": True, "edit": False, "delete": False}

if "selfcheck_contact" not in {r.kind for r in ROWS}:
    register_kind(
        "selfcheck_contact",
        Kind(
            pick=_pick,
            label=lambda c: c.name,
            model=ContactRequest,
            urls={
                "view": lambda c: reverse("de-nghi-lien-he:inspect", args=[c.pk]),
                "edit": lambda c: reverse("de-nghi-lien-he:edit", args=[c.pk]),
                "delete": lambda c: reverse("de-nghi-lien-he:delete", args=[c.pk]),
            },
            list_url=lambda: reverse("de-nghi-lien-he:index"),
            add_url=lambda: reverse("de-nghi-lien-he:add"),
            own_labels=lambda world, role: _OWN_LABELS.get(role, set()),
        ),
    )
    add_rows(
        row_grid(
            "selfcheck_contact",
            {
                "province_admin": {
                    **_cells("any", {**_READ, "delete": True}),
                    ("any", "add"): False,
                },
                "commune_officer": {
                    **_cells("own", _READ),
                    **_cells("foreign", _NONE),
                    ("any", "add"): False,
                },
                "district_officer": {
                    **_cells("own", _READ),
                    **_cells("foreign", _NONE),
                    ("any", "add"): False,
                },
                **{
                    role: {**_cells("any", _NONE), ("any", "add"): False}
                    for role in ("editor", "outsider", "citizen", "anonymous")
                },
            },
        )
    )

if "selfcheck_standard" not in {r.kind for r in ROWS}:
    register_kind(
        "selfcheck_standard",
        Kind(
            pick=lambda world, role, scope: PovertyStandard.objects.get(),
            label=lambda s: s.name,
            model=PovertyStandard,
            urls={
                "edit": lambda s: reverse("chuan-ngheo:edit", args=[s.pk]),
                "delete": lambda s: reverse("chuan-ngheo:delete", args=[s.pk]),
            },
            list_url=lambda: reverse("chuan-ngheo:index"),
            add_url=lambda: reverse("chuan-ngheo:add"),
        ),
    )
    _all = dict.fromkeys(("list", "edit", "delete", "add"), True)
    add_rows(
        row_grid(
            "selfcheck_standard",
            {
                "province_admin": _cells("any", _all),
                **{
                    role: _cells("any", dict.fromkeys(_all, False))
                    for role in (
                        "commune_officer",
                        "district_officer",
                        "editor",
                        "outsider",
                        "citizen",
                        "anonymous",
                    )
                },
            },
        )
    )

ROLES = sorted({r.role for r in ROWS if r.kind.startswith("selfcheck_")})


@pytest.mark.parametrize("role", ROLES)
def test_selfcheck_access_matrix(role, world):
    _ensure(world)
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind.startswith("selfcheck_")]
    run_rows(rows, client=client, world=world)
