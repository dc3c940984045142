from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from giamngheo.organisations import selectors
from giamngheo.organisations.enums import UnitLevel

from .conftest import build_tree

D2023 = date(2023, 6, 1)
D2026 = date(2026, 1, 15)


def names(qs):
    return sorted(u.name for u in qs)


def test_units_for_user_district_officer_reaches_own_district_subtree_only(world):
    units = selectors.units_for_user(user=world.users["district_officer"])
    assert names(units) == ["Huyện T1", "Xã C1a", "Xã C1b"]


def test_units_for_user_commune_officer_reaches_only_own_commune(world):
    assert names(selectors.units_for_user(user=world.users["commune_officer"])) == ["Xã C1a"]


def test_units_for_user_province_admin_reaches_everything(world):
    assert selectors.units_for_user(user=world.users["province_admin"]).count() == len(world.units)


@pytest.mark.parametrize("who", ["outsider", "citizen", None])
def test_units_for_user_outsider_anonymous_reach_nothing(world, who):
    user = world.users[who] if who else AnonymousUser()
    assert selectors.units_for_user(user=user).count() == 0
    assert selectors.organisations_for_user(user=user).count() == 0
    assert selectors.memberships_for_user(user=user).count() == 0


def test_get_unit_for_user_foreign_unit_is_404(world):
    officer = world.users["commune_officer"]
    assert selectors.get_unit_for_user(user=officer, pk=world.units["C1a"].pk) == world.units["C1a"]
    for foreign in ("C1b", "C2a", "D1", "P"):
        with pytest.raises(Http404):
            selectors.get_unit_for_user(user=officer, pk=world.units[foreign].pk)
    with pytest.raises(Http404):
        selectors.get_unit_for_user(user=officer, pk="1 OR 1=1")


def test_scope_follows_membership_dates(world, django_user_model):
    from giamngheo.organisations import services

    late = django_user_model.objects.create_user("late")
    services.create_membership(
        user=late, organisation=world.orgs["D2"], role="unit_officer", valid_from=date(2099, 1, 1)
    )
    assert selectors.units_for_user(user=late).count() == 0
    assert names(selectors.units_for_user(user=late, on=date(2099, 6, 1))) == [
        "Huyện T2",
        "Xã C2a",
        "Xã C2b",
    ]


def test_organisations_for_user_district_officer_sees_district_and_its_communes(world):
    orgs = selectors.organisations_for_user(user=world.users["district_officer"])
    assert sorted(o.name for o in orgs) == [
        "Ủy ban nhân dân huyện T1",
        "Ủy ban nhân dân xã C1a",
        "Ủy ban nhân dân xã C1b",
    ]


def test_memberships_for_user_officer_sees_only_own(world):
    own = selectors.memberships_for_user(user=world.users["commune_officer"])
    assert list(own) == [world.memberships["commune_officer"]]
    assert selectors.memberships_for_user(user=world.users["province_admin"]).count() == 5


def test_unit_tree_as_of_2023_is_three_levels_and_2026_two(world):
    admin = world.users["province_admin"]
    tree_2023 = selectors.unit_tree(user=admin, on=D2023)
    assert [(n.unit.name, n.depth) for n in tree_2023] == [
        ("Tỉnh T Bắc Giang", 0),
        ("Huyện T1", 1),
        ("Xã C1a", 2),
        ("Xã C1b", 2),
        ("Huyện T2", 1),
        ("Xã C2a", 2),
        ("Xã C2b", 2),
    ]
    tree_2026 = selectors.unit_tree(user=admin, on=D2026)
    assert [(n.unit.name, n.depth) for n in tree_2026] == [
        ("Tỉnh T Bắc Ninh", 0),
        ("Xã mới N1a", 1),
        ("Xã mới N2a", 1),
    ]


def test_unit_subtree_and_successors(world):
    admin = world.users["province_admin"]
    u = world.units
    assert names(selectors.unit_subtree(user=admin, unit=u["D1"])) == [
        "Huyện T1",
        "Xã C1a",
        "Xã C1b",
    ]
    assert selectors.unit_successors(unit=u["C1a"], on=D2026) == [u["N1a"]]
    assert selectors.unit_successors(unit=u["C1a"], on=D2023) == [u["C1a"]]
    assert selectors.unit_successors(unit=u["D1"], on=D2026) == [u["P2025"]]


def test_roll_up_2023_commune_into_2025_commune_and_province(world):
    u = world.units
    rolled = selectors.roll_up(unit=u["C2b"], on=D2026)
    assert (rolled.unit, rolled.commune, rolled.province) == (u["N2a"], u["N2a"], u["P2025"])
    same_day = selectors.roll_up(unit=u["C2b"], on=D2023)
    assert (same_day.commune, same_day.province) == (u["C2b"], u["P"])


def test_successor_map_split_follows_primary_branch_only(world):
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import SuccessionKind

    u = world.units
    extra = services.create_unit(
        code="T99999",
        name="Xã tách ra",
        level=UnitLevel.COMMUNE,
        parent=u["P2025"],
        valid_from=date(2025, 7, 1),
    )
    services.record_succession(
        predecessor=u["C1a"],
        successor=extra,
        kind=SuccessionKind.SPLIT,
        on=date(2025, 7, 1),
        is_primary=False,
    )
    assert selectors.successor_map(unit_ids=[u["C1a"].pk], on=D2026) == {u["C1a"].pk: [u["N1a"]]}
    both = selectors.unit_successors(unit=u["C1a"], on=D2026)
    assert sorted(x.name for x in both) == ["Xã mới N1a", "Xã tách ra"]


def test_communes_by_province_lists_former_communes_under_the_commune_they_became(
    world, django_assert_num_queries
):
    u = world.units
    with django_assert_num_queries(4):
        groups = selectors.communes_by_province(on=D2026)
    assert [(g.province, g.communes) for g in groups] == [(u["P2025"], [u["N1a"], u["N2a"]])]
    assert groups[0].choices(selected=str(u["N2a"].pk)) == [
        (str(u["N1a"].pk), "Xã C1a (nay là Xã mới N1a)", False),
        (str(u["N1a"].pk), "Xã C1b (nay là Xã mới N1a)", False),
        (str(u["N2a"].pk), "Xã C2a (nay là Xã mới N2a)", False),
        (str(u["N2a"].pk), "Xã C2b (nay là Xã mới N2a)", False),
        (str(u["N1a"].pk), "Xã mới N1a", False),
        (str(u["N2a"].pk), "Xã mới N2a", True),
    ]
    # Before the reform the communes are today's and nothing is "former".
    assert [g.former for g in selectors.communes_by_province(on=D2023)] == [[]]


def test_latest_reform_is_the_reform_that_made_the_units(world):
    u = world.units
    assert selectors.latest_reform(unit_ids=[u["N1a"].pk], on=D2026).date == date(2025, 7, 1)
    assert selectors.latest_reform(unit_ids=[u["C1a"].pk], on=D2023) is None


# --- query counts: they must not grow with the tree ------------------------------------------


@pytest.fixture
def small_and_large(db, django_user_model):
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import OrganisationKind, Role

    result = {}
    for label, (districts, communes) in {"small": (1, 1), "large": (3, 6)}.items():
        tree = build_tree(districts=districts, communes_per_district=communes, prefix=label[0])
        org = services.create_organisation(
            name=f"UBND {label}", kind=OrganisationKind.PEOPLES_COMMITTEE, unit=tree["D1"]
        )
        user = django_user_model.objects.create_user(f"officer-{label}")
        services.create_membership(user=user, organisation=org, role=Role.UNIT_OFFICER)
        result[label] = (tree, user)
    return result


def _counted(django_assert_num_queries, n, fn):
    with django_assert_num_queries(n):
        return fn()


@pytest.mark.parametrize("size", ["small", "large"])
def test_query_counts_constant_for_scope_tree_subtree_rollup(
    small_and_large, size, django_assert_num_queries
):
    tree, user = small_and_large[size]
    fresh = type(user).objects.get(pk=user.pk)  # no cached roles
    # roles (1) + units (1)
    units = _counted(
        django_assert_num_queries, 2, lambda: list(selectors.units_for_user(user=fresh))
    )
    assert len(units) == 1 + (1 if size == "small" else 6)
    fresh = type(user).objects.get(pk=user.pk)
    nodes = _counted(
        django_assert_num_queries, 2, lambda: selectors.unit_tree(user=fresh, on=D2023)
    )
    assert len(nodes) == len(units)
    _counted(
        django_assert_num_queries,
        1,
        lambda: list(selectors.unit_subtree(user=fresh, unit=tree["D1"])),
    )
    communes = [v for k, v in tree.items() if k.startswith("C")]
    mapping = _counted(
        django_assert_num_queries,
        2,
        lambda: selectors.successor_map(unit_ids=[c.pk for c in communes], on=D2026),
    )
    assert all(len(v) == 1 for v in mapping.values())
    rolled = _counted(
        django_assert_num_queries, 2, lambda: selectors.roll_up(unit=communes[-1], on=D2026)
    )
    assert rolled.province == tree["P2025"]
    orgs = _counted(
        django_assert_num_queries, 1, lambda: list(selectors.organisations_for_user(user=fresh))
    )
    assert [o.unit.name for o in orgs] == ["Huyện " + ("s" if size == "small" else "l") + "1"]
