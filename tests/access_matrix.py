"""The project's access-control matrix: role × object kind × scope × action → allowed?

Each row is data; ``tests/organisations/test_access_matrix.py`` iterates them over HTTP with the
cast of ``tests/organisations/conftest.py`` (``world``). For every row it also tries the ids just
below and above the object (a foreign id must never open), and for ``list`` and ``export`` it
checks that no foreign row appears.

A later module adds its kinds and rows from its own test package, e.g. in
``tests/feedback/test_feedback_access.py``::

    from tests.access_matrix import Kind, register_kind, add_rows, row_grid
    register_kind("feedback", Kind(...))
    add_rows(row_grid("feedback", {"commune_officer": {("own", "view"): True, ...}}))

and runs ``tests.access_matrix.check_row`` over them with its own world fixture.

Scopes: ``own`` — inside the actor's reach; ``foreign`` — outside it (for a commune officer, the
neighbouring commune of the same district too); ``any`` — roles that reach everything, or kinds
not scoped by unit.
Actions: ``list``, ``export`` (CSV of the list), ``view``, ``add``, ``edit``, ``delete``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

DENIED_STATUSES = {302, 403, 404}


@dataclass(frozen=True)
class Row:
    role: str
    kind: str
    scope: str
    action: str
    allowed: bool

    @property
    def id(self) -> str:
        verdict = "allowed" if self.allowed else "denied"
        return f"{self.role}-{self.kind}-{self.scope}-{self.action}-{verdict}"


@dataclass
class Kind:
    """How to reach one kind of object over HTTP, and which object is own/foreign for a role."""

    pick: Callable[[Any, str, str], Any]  # (world, role, scope) -> object
    label: Callable[[Any], str]  # text identifying the object in a list or export
    urls: dict[str, Callable[[Any], str]]  # action -> url for an object (view/edit/delete)
    list_url: Callable[[], str] | None = None
    add_url: Callable[[], str] | None = None
    model: Any = None
    # role -> labels of the objects inside that role's reach (for the ±1 ids)
    own_labels: Callable[[Any, str], set[str]] = field(default=lambda world, role: set())


KINDS: dict[str, Kind] = {}
ROWS: list[Row] = []


def register_kind(name: str, kind: Kind) -> None:
    KINDS[name] = kind


def add_rows(rows: list[Row]) -> None:
    ROWS.extend(rows)


def row_grid(kind: str, grid: dict[str, dict[tuple[str, str], bool]]) -> list[Row]:
    """``{"role": {("own", "view"): True, ...}}`` → rows."""
    return [
        Row(role=role, kind=kind, scope=scope, action=action, allowed=allowed)
        for role, cells in grid.items()
        for (scope, action), allowed in cells.items()
    ]


def lookup(role: str, kind: str, scope: str, action: str) -> bool | None:
    for r in ROWS:
        if (r.role, r.kind, r.scope, r.action) == (role, kind, scope, action):
            return r.allowed
    return None


def _denied(response, url: str) -> bool:
    if response.status_code not in DENIED_STATUSES:
        return False
    return response.status_code != 302 or response["Location"] != url


def check_row(*, row: Row, client, world) -> None:
    kind = KINDS[row.kind]
    if row.action in ("list", "export"):
        url = kind.list_url()
        if row.action == "export":
            url += ("&" if "?" in url else "?") + "export=csv"
        obj = kind.pick(world, row.role, row.scope)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        if row.allowed:
            assert response.status_code == 200, (row.id, response.status_code)
            assert kind.label(obj) in text, (row.id, "row missing from the list")
        else:
            # Either the list is refused, or it holds not one foreign row.
            assert response.status_code in {200, *DENIED_STATUSES}, (row.id, response.status_code)
            assert kind.label(obj) not in text, (row.id, "foreign row in the list")
        return
    if row.action == "add":
        url = kind.add_url()
        response = client.get(url)
        if row.allowed:
            assert response.status_code == 200, (row.id, response.status_code)
        else:
            assert _denied(response, url), (row.id, response.status_code)
        return

    obj = kind.pick(world, row.role, row.scope)
    make_url = kind.urls[row.action]
    url = make_url(obj)
    response = client.get(url)
    if row.allowed:
        assert response.status_code == 200, (row.id, url, response.status_code)
    else:
        assert _denied(response, url), (row.id, url, response.status_code)

    # Ids next to the object: each opens only if the table allows it for that neighbour.
    if kind.model is None:
        return
    own = kind.own_labels(world, row.role)
    for pk in (obj.pk - 1, obj.pk + 1):
        neighbour = kind.model.objects.filter(pk=pk).first()
        probe = (
            make_url(neighbour) if neighbour is not None else url.replace(f"/{obj.pk}/", f"/{pk}/")
        )
        answer = client.get(probe)
        if neighbour is None:
            assert answer.status_code in DENIED_STATUSES, (row.id, probe, answer.status_code)
            continue
        scope = (
            "any"
            if lookup(row.role, row.kind, "any", row.action) is not None
            else ("own" if kind.label(neighbour) in own else "foreign")
        )
        expected = lookup(row.role, row.kind, scope, row.action)
        if expected is None:
            continue
        if expected:
            assert answer.status_code == 200, (row.id, probe, answer.status_code)
        else:
            assert _denied(answer, probe), (row.id, probe, answer.status_code)


# --- organisations: units, organisations, memberships; portal: pages, documents ----------------


def _units():
    from giamngheo.organisations.models import AdministrativeUnit

    own = {
        "province_admin": set(),
        "editor": set(),
        "district_officer": {"Huyện T1", "Xã C1a", "Xã C1b"},
        "commune_officer": {"Xã C1a"},
    }
    foreign = {"district_officer": "C2a", "commune_officer": "C1b"}

    def pick(world, role, scope):
        if scope == "own":
            return world.units["C1a"]
        return world.units[foreign.get(role, "C2a")]

    return Kind(
        pick=pick,
        label=lambda u: u.name,
        model=AdministrativeUnit,
        urls={
            a: (lambda u, a=a: reverse(f"don-vi-hanh-chinh:{a}", args=[u.pk]))
            for a in ("edit", "delete")
        }
        | {"view": lambda u: reverse("don-vi-hanh-chinh:inspect", args=[u.pk])},
        list_url=lambda: reverse("don-vi-hanh-chinh:index") + "?ngay=01/06/2023",
        add_url=lambda: reverse("don-vi-hanh-chinh:add"),
        own_labels=lambda world, role: own.get(role, set()),
    )


def _organisations():
    from giamngheo.organisations.models import Organisation

    own = {
        "district_officer": {
            "Ủy ban nhân dân huyện T1",
            "Ủy ban nhân dân xã C1a",
            "Ủy ban nhân dân xã C1b",
        },
        "commune_officer": {"Ủy ban nhân dân xã C1a"},
    }

    def pick(world, role, scope):
        if scope == "own":
            return world.orgs["C1a"]
        return world.orgs["C1b" if role == "commune_officer" else "C2a"]

    return Kind(
        pick=pick,
        label=lambda o: o.name,
        model=Organisation,
        urls={
            "view": lambda o: reverse("co-quan-don-vi:inspect", args=[o.pk]),
            "edit": lambda o: reverse("co-quan-don-vi:edit", args=[o.pk]),
            "delete": lambda o: reverse("co-quan-don-vi:delete", args=[o.pk]),
        },
        list_url=lambda: reverse("co-quan-don-vi:index"),
        add_url=lambda: reverse("co-quan-don-vi:add"),
        own_labels=lambda world, role: own.get(role, set()),
    )


def _memberships():
    from giamngheo.organisations.models import Membership

    def pick(world, role, scope):
        if scope == "own":
            return world.memberships.get(role) or world.memberships["commune_officer"]
        return world.memberships["other_commune_officer"]

    return Kind(
        pick=pick,
        label=lambda m: m.user.username,
        model=Membership,
        urls={
            "view": lambda m: reverse("phan-cong-can-bo:inspect", args=[m.pk]),
            "edit": lambda m: reverse("phan-cong-can-bo:edit", args=[m.pk]),
            "delete": lambda m: reverse("phan-cong-can-bo:delete", args=[m.pk]),
        },
        list_url=lambda: reverse("phan-cong-can-bo:index"),
        add_url=lambda: reverse("phan-cong-can-bo:add"),
        own_labels=lambda world, role: {role},
    )


def _pages():
    return Kind(
        pick=lambda world, role, scope: world.page,
        label=lambda p: p.title,
        model=None,
        urls={
            "edit": lambda p: reverse("wagtailadmin_pages:edit", args=[p.pk]),
            "delete": lambda p: reverse("wagtailadmin_pages:delete", args=[p.pk]),
        },
        list_url=None,
    )


def _documents():
    return Kind(
        pick=lambda world, role, scope: world.document,
        label=lambda d: d.title,
        model=None,
        urls={
            "edit": lambda d: reverse("wagtaildocs:edit", args=[d.pk]),
            "delete": lambda d: reverse("wagtaildocs:delete", args=[d.pk]),
        },
        list_url=lambda: reverse("wagtaildocs:index"),
        add_url=lambda: reverse("wagtaildocs:add"),
    )


register_kind("unit", _units())
register_kind("organisation", _organisations())
register_kind("membership", _memberships())
register_kind("page", _pages())
register_kind("document", _documents())

ALL = ("list", "export", "view", "add", "edit", "delete")
READ = ("list", "export", "view")
WRITE = ("add", "edit", "delete")


def _cells(scope: str, allowed: dict[str, bool]) -> dict[tuple[str, str], bool]:
    return {(scope, action): value for action, value in allowed.items()}


def _all(scope: str, value: bool, actions=ALL) -> dict[tuple[str, str], bool]:
    return {(scope, a): value for a in actions}


_officer_reads_own = _cells(
    "own", {"list": True, "export": True, "view": True, "edit": False, "delete": False}
)
_officer_foreign_nothing = _all("foreign", False, ("list", "export", "view", "edit", "delete"))
_nobody = {**_all("own", False), **_all("foreign", False)}

for _kind in ("unit", "organisation", "membership"):
    add_rows(
        row_grid(
            _kind,
            {
                "province_admin": _all("any", True),
                "district_officer": {
                    **_officer_reads_own,
                    **_officer_foreign_nothing,
                    ("any", "add"): False,
                },
                "commune_officer": {
                    **_officer_reads_own,
                    **_officer_foreign_nothing,
                    ("any", "add"): False,
                },
                "outsider": _nobody,
                "citizen": _nobody,
                "anonymous": _nobody,
            },
        )
    )

# Pages and documents are not scoped by unit yet: editors (and the province administrator,
# whose role brings the editor and moderator groups) work on them; unit officers do not.
for _kind, actions in (("page", ("edit", "delete")), ("document", ("list", "edit", "delete"))):
    add_rows(
        row_grid(
            _kind,
            {
                "province_admin": _all("any", True, actions),
                "editor": _all("any", True, tuple(a for a in actions if a != "delete")),
                "district_officer": _all("any", False, actions),
                "commune_officer": _all("any", False, actions),
                "outsider": _all("any", False, actions),
                "anonymous": _all("any", False, actions),
            },
        )
    )
