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

A denied row expects one exact answer (``expected_denial``), never "any refusal":

- ``302`` to the sign-in page for whoever may not enter the admin at all — the anonymous visitor,
  and a signed-in account without admin access (outsider, citizen), which Wagtail's admin gate
  sends to the sign-in page as well;
- ``404`` for an object outside the actor's reach (``foreign``): the scoped getter does not find
  it, so its existence is not disclosed; the same for an id that does not exist;
- ``403`` for a forbidden action on an object the actor can see (``own``/``any``), and for a
  refused ``add`` or list;
- a list the actor may read but whose ``foreign`` row is denied answers ``200`` without that row.

``expect_denial`` records the few rows whose exact answer differs from these rules, each with
its reason. A refusal inside the admin is the project's 403 page (``core.admin.
admin_permission_denied``), never Wagtail's redirect to the dashboard; an object view fetches its
object before asking the model-level permission (``core.viewsets.ObjectFirstMixin``), so a
foreign or missing id is a 404 there too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

LOGIN = 302  # redirect to the sign-in page
NOT_FOUND = 404
FORBIDDEN = 403
# Signed in, but no admin access: Wagtail's admin gate answers them as it answers the anonymous.
NO_ADMIN_ROLES = {"anonymous", "outsider", "citizen"}


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


def _nothing(world, role) -> set[str]:
    return set()


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
    own_labels: Callable[[Any, str], set[str]] = field(default=_nothing)
    # fetched through a scoped getter (a hidden object is "not found"); by default, kinds that
    # name the objects inside a role's reach are
    scoped: bool | None = None

    @property
    def is_scoped(self) -> bool:
        return self.scoped if self.scoped is not None else self.own_labels is not _nothing


KINDS: dict[str, Kind] = {}
ROWS: list[Row] = []
# (role, kind, scope, action) -> the exact status of a denial that the rules above do not give
DENIALS: dict[tuple[str, str, str, str], int] = {
    # Data sets are read through a scoped getter: an editor, outside reporting, finds none.
    ("editor", "dataset", "any", "view"): NOT_FOUND,
    ("editor", "dataset", "any", "edit"): NOT_FOUND,
    ("editor", "dataset", "any", "delete"): NOT_FOUND,
}


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


def expect_denial(kind: str, cells: dict[tuple[str, str, str], int]) -> None:
    """``{(role, scope, action): status}`` for denials that the general rules do not cover."""
    for (role, scope, action), status in cells.items():
        DENIALS[(role, kind, scope, action)] = status


def expected_denial(*, role: str, kind: str, scope: str, action: str) -> int:
    """The one status a denied request must answer (see the module's docstring)."""
    if (role, kind, scope, action) in DENIALS:
        return DENIALS[(role, kind, scope, action)]
    if role in NO_ADMIN_ROLES:
        return LOGIN
    if action in ("list", "export", "add"):
        return FORBIDDEN
    # An object action: refused with 403 only on an object the actor may see; one it may not
    # see (foreign, or of a kind it does not read at all) is not found by the scoped getter.
    visible = (
        lookup(role, kind, scope, "view")
        or lookup(role, kind, scope, "list")
        or not KINDS[kind].is_scoped
    )
    return FORBIDDEN if visible else NOT_FOUND


def lookup(role: str, kind: str, scope: str, action: str) -> bool | None:
    for r in ROWS:
        if (r.role, r.kind, r.scope, r.action) == (role, kind, scope, action):
            return r.allowed
    return None


def _login_url() -> str:
    return reverse("wagtailadmin_login")


def _answer(response) -> int | str:
    """The status, with a redirect told apart by where it goes."""
    if response.status_code == 302 and not response["Location"].startswith(_login_url()):
        return f"302 → {response['Location']}"
    return response.status_code


def _assert_denied(response, expected: int, *context) -> None:
    answer = _answer(response)
    assert answer == expected, (*context, f"expected {expected}, got {answer}")


def run_rows(rows: list[Row], *, client, world) -> None:
    """Checks every row and reports every failing row at once (not only the first)."""
    failures = []
    for row in rows:
        try:
            check_row(row=row, client=client, world=world)
        except AssertionError as exc:
            failures.append(f"{row.id}: {exc}")
    assert rows
    assert not failures, f"{len(failures)} rows:\n" + "\n".join(failures)


def check_row(*, row: Row, client, world) -> None:
    kind = KINDS[row.kind]
    denial = expected_denial(role=row.role, kind=row.kind, scope=row.scope, action=row.action)
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
            return
        own_list = any(lookup(row.role, row.kind, scope, row.action) for scope in ("own", "any"))
        if row.scope == "foreign" and own_list and row.role not in NO_ADMIN_ROLES:
            # The list opens for the actor's own rows and holds not one foreign row.
            assert response.status_code == 200, (row.id, response.status_code)
        else:
            assert kind.label(obj) not in text, (row.id, "foreign row in the list")
            _assert_denied(response, denial, row.id, url)
        assert kind.label(obj) not in text, (row.id, "foreign row in the list")
        return
    if row.action == "add":
        url = kind.add_url()
        response = client.get(url)
        if row.allowed:
            assert response.status_code == 200, (row.id, response.status_code)
        else:
            _assert_denied(response, denial, row.id, url)
        return

    obj = kind.pick(world, row.role, row.scope)
    make_url = kind.urls[row.action]
    url = make_url(obj)
    response = client.get(url)
    if row.allowed:
        assert response.status_code == 200, (row.id, url, response.status_code)
    else:
        _assert_denied(response, denial, row.id, url)

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
            missing = LOGIN if row.role in NO_ADMIN_ROLES else NOT_FOUND
            _assert_denied(answer, missing, row.id, probe, "no such id")
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
            neighbour_denial = expected_denial(
                role=row.role, kind=row.kind, scope=scope, action=row.action
            )
            _assert_denied(answer, neighbour_denial, row.id, probe)


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
