"""Reads. Every function that returns rows to a person takes the user and filters to their scope.

Scope: a user reaches the units covered by the organisations of their memberships in force on
the day (each unit's whole subtree, closed units included, because the data about them stays
attached to them). A province administrator and a superuser reach everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.cache import memoised

from .enums import Role, UnitLevel
from .models import AdministrativeUnit, Membership, Organisation, UnitBoundary, UnitSuccession

# Reforms chain (2025 merged units that earlier reforms had made); far more hops than any
# real history needs, and a guard against a cycle typed by hand.
MAX_SUCCESSION_HOPS = 20


def _today() -> date:
    return timezone.localdate()


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def active_memberships(*, user, on: date | None = None) -> QuerySet[Membership]:
    if _anonymous(user):
        return Membership.objects.none()
    return Membership.objects.valid_on(on or _today()).filter(user=user)


def user_roles(*, user, on: date | None = None) -> frozenset[str]:
    """The roles a user holds on the day, cached on the user object for the request."""
    if _anonymous(user):
        return frozenset()
    day = on or _today()
    cache = user.__dict__.setdefault("_organisation_roles", {})
    if day not in cache:
        cache[day] = frozenset(active_memberships(user=user, on=day).values_list("role", flat=True))
    return cache[day]


def is_province_admin(*, user, on: date | None = None) -> bool:
    if _anonymous(user):
        return False
    return user.is_superuser or Role.PROVINCE_ADMIN in user_roles(user=user, on=on)


def is_staff_member(*, user, on: date | None = None) -> bool:
    if _anonymous(user):
        return False
    return user.is_superuser or bool(user_roles(user=user, on=on))


def _outer_text(name: str) -> ExpressionWrapper:
    return ExpressionWrapper(OuterRef(name), output_field=CharField())


def _in_scope_condition(*, user, on: date) -> Exists:
    """``Exists`` true for a unit whose path starts with the path of a unit the user covers."""
    covering = (
        Membership.objects.valid_on(on)
        .filter(user=user)
        .annotate(_unit_path=_outer_text("path"))
        .filter(_unit_path__startswith=F("organisation__unit__path"))
    )
    return Exists(covering)


def units_for_user(*, user, on: date | None = None) -> QuerySet[AdministrativeUnit]:
    """Every unit the user may see (open or closed): one query, whatever the tree's size."""
    if _anonymous(user):
        return AdministrativeUnit.objects.none()
    day = on or _today()
    if is_province_admin(user=user, on=day):
        return AdministrativeUnit.objects.all()
    return AdministrativeUnit.objects.filter(_in_scope_condition(user=user, on=day))


def get_unit_for_user(*, user, pk) -> AdministrativeUnit:
    """The unit, or 404 when it does not exist *or* lies outside the user's scope."""
    unit = units_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if unit is None:
        raise Http404
    return unit


def organisations_for_user(*, user, on: date | None = None) -> QuerySet[Organisation]:
    """Organisations whose covered unit is in the user's scope."""
    if _anonymous(user):
        return Organisation.objects.none()
    day = on or _today()
    qs = Organisation.objects.select_related("unit", "successor")
    if is_province_admin(user=user, on=day):
        return qs
    covering = (
        Membership.objects.valid_on(day)
        .filter(user=user)
        .annotate(_unit_path=_outer_text("unit__path"))
        .filter(_unit_path__startswith=F("organisation__unit__path"))
    )
    return qs.filter(Exists(covering))


def get_organisation_for_user(*, user, pk) -> Organisation:
    org = organisations_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if org is None:
        raise Http404
    return org


def memberships_for_user(*, user, on: date | None = None) -> QuerySet[Membership]:
    """All memberships for a province administrator; otherwise only the user's own."""
    if _anonymous(user):
        return Membership.objects.none()
    qs = Membership.objects.select_related("user", "organisation", "organisation__unit")
    if is_province_admin(user=user, on=on):
        return qs
    return qs.filter(user=user)


def get_membership_for_user(*, user, pk) -> Membership:
    m = memberships_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if m is None:
        raise Http404
    return m


@dataclass(frozen=True)
class TreeNode:
    unit: AdministrativeUnit
    depth: int  # 0 for the top of the returned tree


def unit_tree(
    *, user, on: date | None = None, root: AdministrativeUnit | None = None
) -> list[TreeNode]:
    """The units in force on ``on`` (default today) that the user may see, as a depth-first list,
    siblings in official-code order. One query."""
    day = on or _today()
    qs = units_for_user(user=user, on=_today()).valid_on(day)
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    units = list(qs.order_by("path"))
    by_parent: dict[int | None, list[AdministrativeUnit]] = {}
    ids = {u.pk for u in units}
    for u in units:
        by_parent.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    for children in by_parent.values():
        children.sort(key=lambda u: (u.code, u.name))
    result: list[TreeNode] = []
    stack = [(u, 0) for u in reversed(by_parent.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        result.append(TreeNode(unit=unit, depth=depth))
        stack.extend((c, depth + 1) for c in reversed(by_parent.get(unit.pk, [])))
    return result


def unit_subtree(
    *, user, unit: AdministrativeUnit, on: date | None = None
) -> QuerySet[AdministrativeUnit]:
    """``unit`` and everything under it that the user may see; limited to units in force on
    ``on`` when given. One query."""
    qs = units_for_user(user=user).filter(path__startswith=unit.path)
    return qs.valid_on(on) if on else qs


def _successor_sql(*, primary_only: bool, count: int) -> str:
    table = UnitSuccession._meta.db_table
    primary = "AND s.is_primary" if primary_only else ""
    placeholders = ", ".join(["%s"] * count)
    # A recursive CTE (SQLite and PostgreSQL alike): one round trip whatever the number of
    # reforms between the unit and the day asked for.
    return f"""
        WITH RECURSIVE chain(origin_id, unit_id, hops) AS (
            SELECT u.id, u.id, 0 FROM {AdministrativeUnit._meta.db_table} u WHERE u.id IN ({placeholders})
            UNION
            SELECT c.origin_id, s.successor_id, c.hops + 1
            FROM {table} s JOIN chain c ON s.predecessor_id = c.unit_id
            WHERE s.date <= %s {primary} AND c.hops < {MAX_SUCCESSION_HOPS}
        )
        SELECT origin_id, unit_id FROM chain
    """  # noqa: S608 — table names from the models, values passed as parameters


def successor_map(
    *, unit_ids: list[int], on: date, primary_only: bool = True
) -> dict[int, list[AdministrativeUnit]]:
    """For each unit id, the units in force on ``on`` that it became (itself if still in
    force). ``primary_only`` follows only the main successor of a split, so each old unit
    rolls up into exactly one new unit. Two queries, whatever the number of units or reforms."""
    if not unit_ids:
        return {}
    with connection.cursor() as cursor:
        ids = [int(i) for i in unit_ids]
        sql = _successor_sql(primary_only=primary_only, count=len(ids))
        cursor.execute(sql, [*ids, on])
        pairs = cursor.fetchall()
    reached = {unit_id for _origin, unit_id in pairs}
    units = {
        u.pk: u
        for u in AdministrativeUnit.objects.valid_on(on)
        .filter(pk__in=reached)
        .select_related("parent", "parent__parent")
    }
    result: dict[int, list[AdministrativeUnit]] = {uid: [] for uid in unit_ids}
    for origin, unit_id in pairs:
        if unit_id in units and units[unit_id] not in result[origin]:
            result[origin].append(units[unit_id])
    for values in result.values():
        values.sort(key=lambda u: u.path)
    return result


def latest_reform(*, unit_ids: list[int], on: date) -> UnitSuccession | None:
    """The most recent reform in effect on ``on`` that made one of these units: the date from
    which their boundaries hold (None when none of them came from a reform). One query."""
    return (
        UnitSuccession.objects.filter(successor_id__in=unit_ids, date__lte=on)
        .order_by("-date", "-pk")
        .first()
    )


def unit_successors(
    *, unit: AdministrativeUnit, on: date, primary_only: bool = False
) -> list[AdministrativeUnit]:
    """The units in force on ``on`` that ``unit`` became (all branches of a split unless
    ``primary_only``)."""
    return successor_map(unit_ids=[unit.pk], on=on, primary_only=primary_only)[unit.pk]


@dataclass(frozen=True)
class ProvinceCommunes:
    province: AdministrativeUnit
    communes: list[AdministrativeUnit]
    # The communes a reform merged away, each with the commune in force it became: a picker
    # lists the old name too, so a citizen who knows only "Tân Sỏi" finds today's commune.
    former: list[tuple[AdministrativeUnit, AdministrativeUnit]] = field(default_factory=list)

    def choices(self, selected: str = "") -> list[tuple[str, str, bool]]:
        """(value, label, selected) for a grouped select, in name order: today's communes and
        each former one ("Xã Tân Sỏi (nay là Xã Yên Thế)"), whose value is the commune it
        became — so what is submitted is always a commune in force."""
        rows = [(c.name_folded, 0, str(c.pk), c.name, str(c.pk) == selected) for c in self.communes]
        for old, new in self.former:
            label = _("%(old)s (nay là %(new)s)") % {"old": old.name, "new": new.name}
            rows.append((old.name_folded, 1, str(new.pk), label, False))
        return [row[2:] for row in sorted(rows, key=lambda r: r[:2])]


def communes_by_province(*, on: date) -> list[ProvinceCommunes]:
    """Communes in force on ``on``, grouped by their province (a commune under a district
    before the 2025 reform, or directly under the province after it), with the former communes
    each became. Four queries; provinces and their communes in folded-name order."""
    communes = (
        AdministrativeUnit.objects.valid_on(on)
        .filter(level=UnitLevel.COMMUNE)
        .select_related("parent", "parent__parent")
        .order_by("name_folded")
    )
    groups: dict[int, ProvinceCommunes] = {}
    group_of: dict[int, ProvinceCommunes] = {}
    for commune in communes:
        province = commune.parent
        if province is not None and province.level != UnitLevel.PROVINCE:
            province = province.parent
        if province is None:
            continue
        group = groups.setdefault(province.pk, ProvinceCommunes(province, []))
        group.communes.append(commune)
        group_of[commune.pk] = group
    former = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to__lt=on)
        .exclude(successions_out=None)
        .only("pk", "name", "name_folded")
    )
    became = successor_map(unit_ids=[u.pk for u in former], on=on)
    for old in former:
        for new in became.get(old.pk, [])[:1]:
            group = group_of.get(new.pk)
            # A commune that kept its name needs no second line.
            if group is not None and old.name_folded != new.name_folded:
                group.former.append((old, new))
    return sorted(groups.values(), key=lambda g: g.province.name_folded)


@dataclass(frozen=True)
class RollUp:
    unit: AdministrativeUnit | None  # the unit in force on the day, at the unit's own level
    commune: AdministrativeUnit | None
    province: AdministrativeUnit | None


def _ancestor_at(unit: AdministrativeUnit, level: str) -> AdministrativeUnit | None:
    node = unit
    while node is not None:
        if node.level == level:
            return node
        node = node.parent
    return None


def roll_up(*, unit: AdministrativeUnit, on: date) -> RollUp:
    """Where data about ``unit`` belongs on the map in force on ``on``: e.g. a 2023 commune →
    today's commune and today's province. Two queries."""
    current = unit_successors(unit=unit, on=on, primary_only=True)
    target = current[0] if current else None
    if target is None:
        return RollUp(unit=None, commune=None, province=None)
    return RollUp(
        unit=target,
        commune=_ancestor_at(target, UnitLevel.COMMUNE),
        province=_ancestor_at(target, UnitLevel.PROVINCE),
    )


def organisation_chain(*, organisation: Organisation) -> list[Organisation]:
    """The organisation and its successors, in order (the chain is data the admin edits)."""
    chain = [organisation]
    seen = {organisation.pk}
    node = organisation
    while node.successor_id and node.successor_id not in seen and len(chain) < MAX_SUCCESSION_HOPS:
        node = Organisation.objects.select_related("unit").get(pk=node.successor_id)
        chain.append(node)
        seen.add(node.pk)
    return chain


def members_of(*, user, organisation: Organisation, on: date | None = None) -> QuerySet[Membership]:
    return (
        memberships_for_user(user=user).filter(organisation=organisation).valid_on(on or _today())
    )


__all__ = [
    "RollUp",
    "TreeNode",
    "active_memberships",
    "get_membership_for_user",
    "get_organisation_for_user",
    "get_unit_for_user",
    "is_province_admin",
    "is_staff_member",
    "latest_reform",
    "memberships_for_user",
    "organisations_for_user",
    "roll_up",
    "successor_map",
    "unit_subtree",
    "unit_successors",
    "unit_tree",
    "units_for_user",
    "user_roles",
]


@dataclass(frozen=True)
class BoundaryIndex:
    tree: object | None  # shapely.STRtree
    units: list[AdministrativeUnit]
    shapes: list


def _boundary_index(*, on: date) -> BoundaryIndex:
    rows = list(
        UnitBoundary.objects.filter(
            unit__in=AdministrativeUnit.objects.valid_on(on), unit__level=UnitLevel.COMMUNE
        ).select_related("unit")
    )
    # shapely (and numpy under it) costs every process ~0.15 s at start; only this needs it.
    from shapely import STRtree, prepare  # noqa: PLC0415 (heavy module, loaded only when used)
    from shapely.geometry import shape  # noqa: PLC0415 (heavy module, loaded only when used)

    shapes = [shape(row.geometry) for row in rows]
    for geometry in shapes:
        prepare(geometry)
    return BoundaryIndex(STRtree(shapes) if shapes else None, [r.unit for r in rows], shapes)


def commune_at(*, latitude, longitude, on: date | None = None) -> AdministrativeUnit | None:
    """The commune in force whose imported boundary holds the point, or None (no boundary data
    loaded, or the point outside every loaded commune). Memoised until a boundary or unit
    changes: no query per call."""
    day = on or _today()
    index = memoised(("organisations.boundaries", day), lambda: _boundary_index(on=day))
    if index.tree is None or latitude is None or longitude is None:
        return None
    from shapely.geometry import Point  # noqa: PLC0415 (heavy module, loaded only when used)

    point = Point(float(longitude), float(latitude))  # GeoJSON order: longitude, latitude
    for position in index.tree.query(point):
        if index.shapes[position].covers(point):
            return index.units[position]
    return None


def communes_in_force(*, on: date) -> QuerySet[AdministrativeUnit]:
    """Every commune in force on the day, by name: the choices of a commune field."""
    return AdministrativeUnit.objects.valid_on(on).filter(level=UnitLevel.COMMUNE).order_by("name")
