"""Access-control matrix rows for rounds, nominations and council meetings
(tests/access_matrix.py), over HTTP with the awards cast (``tests/awards/conftest.py``).

Nomination A is filed by district T1 (``district_officer``) and is before the council;
nomination B is filed by district T2 (``other_district_officer``) and is still a draft. The
emulation office (``office``) reaches both; a council member (``hoidong1``) reaches A only (a
draft never reaches the council) and the meeting it sits on; a commune officer of T1, the editor
of the Department, the outsider, the citizen and the public reach no nomination. The round is
the province office's: every unit it covers sees it and may file in it, only the office
convenes the council.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_matrix import ROWS, Kind, add_rows, register_kind, row_grid, run_rows

from .conftest import aworld  # noqa: F401  (the awards cast)


def _ensure(aw):
    w = aw.base
    if getattr(w, "awards", None):
        return w.awards
    a = aw.to_council(aw.nomination(name="Hộ ông Ma Văn Quyền A"))
    b = aw.nomination(
        who="other_district_officer", org="D2", commune="C2a", name="Hộ bà Đinh Thị Quyền B"
    )
    w.awards = {"A": a, "B": b, "round": aw.round, "meeting": aw.meeting()}
    return w.awards


# role -> (its own nomination, the other)
NOMINATIONS = {
    "district_officer": ("A", "B"),
    "other_district_officer": ("B", "A"),
    "hoidong1": ("A", "B"),
    "commune_officer": ("A", "A"),
}


def _pick_nomination(aw, role, scope):
    found = _ensure(aw)
    own, foreign = NOMINATIONS.get(role, ("A", "B"))
    return found[foreign if scope == "foreign" else own]


def _own_nominations(aw, role):
    found = _ensure(aw)
    if role == "office":
        return {found["A"].name, found["B"].name}
    if role in ("district_officer", "hoidong1"):
        return {found["A"].name}
    if role == "other_district_officer":
        return {found["B"].name}
    return set()


def _kinds():
    from giamngheo.awards.models import CouncilMeeting, Nomination, Round

    register_kind(
        "aw_nomination",
        Kind(
            pick=_pick_nomination,
            label=lambda n: n.name,
            model=Nomination,
            urls={
                "view": lambda n: reverse("awards_nomination", args=[n.pk]),
                "revoke": lambda n: reverse("awards_revoke", args=[n.pk]),
            },
            own_labels=_own_nominations,
        ),
    )
    register_kind(
        "aw_round",
        Kind(
            pick=lambda aw, role, scope: _ensure(aw)["round"],
            label=lambda r: r.name,
            model=Round,
            urls={
                "view": lambda r: reverse("awards_round", args=[r.pk]),
                "nominate": lambda r: reverse("awards_add", args=[r.pk]),
                "convene": lambda r: reverse("awards_meeting_add", args=[r.pk]),
                "decide": lambda r: reverse("awards_decide", args=[r.pk]),
            },
            own_labels=lambda aw, role: {_ensure(aw)["round"].name},
        ),
    )
    register_kind(
        "aw_meeting",
        Kind(
            pick=lambda aw, role, scope: _ensure(aw)["meeting"],
            label=lambda m: str(m),
            model=CouncilMeeting,
            urls={"view": lambda m: reverse("awards_meeting", args=[m.pk])},
            own_labels=lambda aw, role: {str(_ensure(aw)["meeting"])},
        ),
    )


_kinds()


def _all(scope, value, actions):
    return {(scope, a): value for a in actions}


NO_ADMIN = ("outsider", "citizen", "anonymous")
ROUND = ("view", "nominate", "convene", "decide")

# Nominations: the filing unit sees its own, never the other unit's (404); the office sees all.
# Only the office opens the revocation screen (403 where the nomination is visible).
add_rows(
    row_grid(
        "aw_nomination",
        {
            "office": _all("any", True, ("view", "revoke")),
            **{
                role: {
                    ("own", "view"): True,
                    ("own", "revoke"): False,
                    ("foreign", "view"): False,
                    ("foreign", "revoke"): False,
                }
                for role in ("district_officer", "other_district_officer", "hoidong1")
            },
            "commune_officer": _all("foreign", False, ("view", "revoke")),
            "editor": _all("foreign", False, ("view", "revoke")),
            **{role: _all("foreign", False, ("view", "revoke")) for role in NO_ADMIN},
        },
    )
)
# The round: the units it covers file in it; only the office convenes and decides (403).
add_rows(
    row_grid(
        "aw_round",
        {
            "office": _all("any", True, ROUND),
            **{
                role: {
                    ("any", "view"): True,
                    ("any", "nominate"): True,
                    ("any", "convene"): False,
                    ("any", "decide"): False,
                }
                for role in ("district_officer", "other_district_officer", "commune_officer")
            },
            "hoidong1": {
                ("any", "view"): True,
                ("any", "nominate"): False,
                ("any", "convene"): False,
                ("any", "decide"): False,
            },
            # The Department's editor is no nominating officer: the round is not found.
            "editor": _all("any", False, ROUND),
            **{role: _all("any", False, ROUND) for role in NO_ADMIN},
        },
    )
)
# The meeting: its office and the members seated at it, no one else (404).
add_rows(
    row_grid(
        "aw_meeting",
        {
            "office": _all("any", True, ("view",)),
            "hoidong1": _all("any", True, ("view",)),
            **{
                role: _all("any", False, ("view",))
                for role in (
                    "district_officer",
                    "other_district_officer",
                    "commune_officer",
                    "editor",
                    *NO_ADMIN,
                )
            },
        },
    )
)

AW_KINDS = {"aw_nomination", "aw_round", "aw_meeting"}
ROLES = sorted({r.role for r in ROWS if r.kind in AW_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_awards_access_matrix(role, aworld):  # noqa: F811
    _ensure(aworld)
    client = Client()
    if role != "anonymous":
        client.force_login(aworld.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in AW_KINDS]
    run_rows(rows, client=client, world=aworld)


def test_awards_rows_cover_the_issues_roles():
    roles = {r.role for r in ROWS if r.kind in AW_KINDS}
    assert roles >= {
        "district_officer",
        "other_district_officer",
        "office",
        "hoidong1",
        "outsider",
        "anonymous",
    }
