"""Scoping of plans, sub-plans and activities, with an outsider; query counts of the lists."""

from __future__ import annotations

import pytest
from django.http import Http404

from giamngheo.planning import selectors

# Which organisations' sub-plans each role reaches (all four exist in every test below).
REACH = {
    "province_admin": {"D1", "D2", "C1a", "C2a"},
    "district_officer": {"D1", "C1a"},
    "other_district_officer": {"D2", "C2a"},
    "commune_officer": {"C1a"},
    "outsider": set(),
}


@pytest.fixture
def filed(pworld, make_subplan, make_activity):
    subplans = {key: make_subplan(key) for key in ("D1", "D2", "C1a", "C2a")}
    activities = {
        key: make_activity(subplan, title=f"Hoạt động của {key}")
        for key, subplan in subplans.items()
    }
    return subplans, activities


@pytest.mark.parametrize("role", sorted(REACH))
def test_subplans_and_activities_scoped(pworld, filed, role):
    subplans, activities = filed
    user = pworld.users[role]
    key_of = {s.pk: k for k, s in subplans.items()}
    seen = {key_of[s.pk] for s in selectors.subplan_list_for_user(user=user)}
    assert seen == REACH[role]
    seen_activities = {a.title for a in selectors.activity_list_for_user(user=user)}
    assert seen_activities == {f"Hoạt động của {k}" for k in REACH[role]}
    for key, subplan in subplans.items():
        if key in REACH[role]:
            assert selectors.get_subplan_for_user(user=user, pk=subplan.pk) == subplan
            assert (
                selectors.get_activity_for_user(user=user, pk=activities[key].pk).subplan == subplan
            )
        else:
            with pytest.raises(Http404):
                selectors.get_subplan_for_user(user=user, pk=subplan.pk)
            with pytest.raises(Http404):
                selectors.get_activity_for_user(user=user, pk=activities[key].pk)


@pytest.mark.parametrize("pk", ["0", "-1", "abc", "1 OR 1=1", "99999999999999999999999", None])
def test_get_subplan_bad_ids_are_404(pworld, filed, pk):
    with pytest.raises(Http404):
        selectors.get_subplan_for_user(user=pworld.users["province_admin"], pk=pk)


def test_ids_next_to_an_own_subplan_do_not_open(pworld, filed):
    subplans, _activities = filed
    user = pworld.users["commune_officer"]
    own = subplans["C1a"]
    for pk in (own.pk - 1, own.pk + 1):
        with pytest.raises(Http404):
            selectors.get_subplan_for_user(user=user, pk=pk)


def test_plans_visible_to_staff_only(pworld):
    assert list(selectors.plans_for_user(user=pworld.users["commune_officer"])) == [pworld.plan]
    assert list(selectors.plans_for_user(user=pworld.users["outsider"])) == []
    with pytest.raises(Http404):
        selectors.get_plan_for_user(user=pworld.users["outsider"], pk=pworld.plan.pk)


def test_anonymous_sees_nothing(pworld, filed):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert selectors.subplans_for_user(user=anonymous).count() == 0
    assert selectors.activities_for_user(user=anonymous).count() == 0
    assert selectors.plans_for_user(user=anonymous).count() == 0


def test_subplan_list_totals(pworld, filed, make_activity):
    subplans, _activities = filed
    make_activity(subplans["D1"], title="Thêm một hoạt động", budget=[])
    rows = {
        s.organisation.name: s
        for s in selectors.subplan_list_for_user(
            user=pworld.users["district_officer"], plan=pworld.plan
        )
    }
    d1 = rows["Ủy ban nhân dân huyện H1"]
    assert (d1.activity_count, d1.planned_total, d1.spent_total) == (2, 5_000_000, 4_500_000)


def test_budget_by_funding_source_scoped(pworld, filed):
    admin_rows = selectors.budget_by_funding_source(
        user=pworld.users["province_admin"], plan=pworld.plan
    )
    assert [(r["funding_source__code"], r["planned"], r["spent"]) for r in admin_rows] == [
        ("1", 20_000_000, 18_000_000)
    ]
    commune_rows = selectors.budget_by_funding_source(
        user=pworld.users["commune_officer"], plan=pworld.plan
    )
    assert [(r["planned"], r["spent"]) for r in commune_rows] == [(5_000_000, 4_500_000)]


# --- query counts: constant in the number of rows -----------------------------------------------


def _touch_subplans(rows):
    return [
        (
            s.plan.title,
            s.organisation.unit.name,
            s.activity_count,
            s.planned_total,
            s.spent_total,
            s.assignment and s.assignment.heading,
        )
        for s in rows
    ]


def _touch_activities(rows):
    return [
        (
            a.subplan.organisation.name,
            a.form.code,
            [c.code for c in a.contents.all()],
            [u.name for u in a.units.all()],
            [(b.funding_source.name, b.planned) for b in a.budget_lines.all()],
            [(o.kind, o.quantity) for o in a.outputs.all()],
        )
        for a in rows
    ]


def _make_rows(pworld, make_subplan, make_activity, count):
    subplan = make_subplan("D1")
    for index in range(count):
        make_activity(subplan, title=f"Hoạt động {index}", outputs={"article": index + 1})
    for key in ("D2", "C1a", "C2a")[: count - 1]:
        make_subplan(key)


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("role", ["province_admin", "district_officer"])
def test_list_query_counts_do_not_grow(
    pworld, make_subplan, make_activity, django_assert_num_queries, role, size
):
    """The same exact counts at 1 and at 3 rows: one query for the sub-plans (totals by
    subquery), five for the activities (the rows and four prefetched relations)."""
    user = pworld.users[role]
    _make_rows(pworld, make_subplan, make_activity, size)
    # Roles are cached on the user for the request, as in a view; warm that cache first.
    selectors.is_province_admin(user=user)
    with django_assert_num_queries(1):
        rows = _touch_subplans(selectors.subplan_list_for_user(user=user, plan=pworld.plan))
    with django_assert_num_queries(5):
        activities = _touch_activities(selectors.activity_list_for_user(user=user))
    assert len(activities) == size
    assert len(rows) == (size if role == "province_admin" else min(size, 2))


def test_plan_list_and_document_query_counts(pworld, django_assert_num_queries):
    from tests.planning.conftest import make_plan

    user = pworld.users["province_admin"]
    selectors.is_province_admin(user=user)
    with django_assert_num_queries(1):
        assert len(list(selectors.plan_list_for_user(user=user))) == 1
    make_plan(title="Kế hoạch thứ hai năm 2023")
    make_plan(title="Kế hoạch thứ ba năm 2023")
    with django_assert_num_queries(1):
        plans = list(selectors.plan_list_for_user(user=user))
    assert [(p.item_count, p.subplan_count) for p in plans] == [(5, 0)] * 3
    with django_assert_num_queries(5):
        plan = selectors.plan_document(plan=pworld.plan)
        assert [i.code for i in selectors.plan_items(plan=plan, kind="form")] == ["2.1", "2.4"]
        lead = next(a for a in plan.assignments.all() if a.code == "1")
        assert [o.name for o in lead.organisations.all()] == ["Sở Lao động - Thương binh và Xã hội"]
        assert len(plan.funding_sources.all()) == 2
