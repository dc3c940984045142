"""Issue 13 item 11: an action is offered only to whom it applies, a refused write is a
Vietnamese sentence (core.constraints, for every constraint), single choices come chosen, and
the demo's commune officer files a sub-plan, an activity and a report."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from giamngheo.core.constraints import integrity_message, sentence_for
from giamngheo.organisations.enums import Role
from giamngheo.planning import services
from giamngheo.planning.models import Activity, SubPlan
from tests.factories import MembershipFactory, OrganisationFactory, UnitFactory

ADD_SUBPLAN = "Thêm kế hoạch cụ thể"
DUPLICATE = "Đã có kế hoạch cụ thể với cùng kế hoạch và cơ quan, đơn vị."


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _add_link(client) -> bool:
    page = client.get(reverse("ke-hoach-cu-the:index")).content.decode()
    return reverse("ke-hoach-cu-the:add") in page


def test_commune_officer_is_offered_the_sub_plan_once(pworld, make_subplan):
    officer = pworld.users["commune_officer"]
    client = _client(officer)
    assert _add_link(client)
    form = client.get(reverse("ke-hoach-cu-the:add")).content.decode()
    # One plan and one organisation waiting: both come chosen.
    assert f'<option value="{pworld.plan.pk}" selected>' in form
    assert f'<option value="{pworld.orgs["C1a"].pk}" selected>' in form
    make_subplan("C1a", actor_key="commune_officer")
    assert not _add_link(client)
    assert client.get(reverse("ke-hoach-cu-the:add")).status_code == 403
    assert not officer.has_perm("planning.add_subplan")


def test_district_officer_is_offered_only_the_bodies_still_without_a_sub_plan(pworld, make_subplan):
    officer = pworld.users["district_officer"]
    make_subplan("D1", actor_key="district_officer")
    form = _client(officer).get(reverse("ke-hoach-cu-the:add")).content.decode()
    assert f'<option value="{pworld.orgs["C1a"].pk}" selected>' in form
    assert f'value="{pworld.orgs["D1"].pk}"' not in form


def test_an_unassigned_body_is_offered_nothing(pworld):
    unit = UnitFactory(code="P99102", name="Xã C1b", parent=pworld.units["D1"])
    body = OrganisationFactory(name="Ủy ban nhân dân xã C1b", unit=unit)
    user = MembershipFactory(
        user__username="canbo.c1b", organisation=body, role=Role.UNIT_OFFICER
    ).user
    client = _client(user)
    assert not _add_link(client)
    assert client.get(reverse("ke-hoach-cu-the:add")).status_code == 403
    assert client.get(reverse("hoat-dong:add")).status_code == 403
    assert ADD_SUBPLAN not in client.get(reverse("ke-hoach-cu-the:index")).content.decode()


def test_activity_offered_once_a_sub_plan_exists(pworld, make_subplan):
    officer = pworld.users["commune_officer"]
    client = _client(officer)
    assert client.get(reverse("hoat-dong:add")).status_code == 403
    subplan = make_subplan("C1a", actor_key="commune_officer")
    form = client.get(reverse("hoat-dong:add")).content.decode()
    assert f'<option value="{subplan.pk}" selected>' in form


def test_duplicate_sub_plan_is_a_vietnamese_sentence_on_the_form(pworld, make_subplan):
    make_subplan("D1")
    response = _client(pworld.users["province_admin"]).post(
        reverse("ke-hoach-cu-the:add"),
        {"plan": pworld.plan.pk, "organisation": pworld.orgs["D1"].pk, "title": "Lần hai"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "subplan_one_per_organisation" not in page
    # The province admin may file for any body: the model's check speaks, in Vietnamese.
    assert SubPlan.objects.count() == 1
    with pytest.raises(Exception) as caught:
        services.create_subplan(
            actor=pworld.users["province_admin"],
            plan=pworld.plan,
            organisation=pworld.orgs["D1"],
            title="Lần ba",
        )
    assert DUPLICATE in str(caught.value)


def test_the_database_refusal_is_the_same_sentence(pworld, make_subplan):
    first = make_subplan("D1")
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        SubPlan.objects.create(plan=first.plan, organisation=first.organisation, title="Trùng")
    assert integrity_message(caught.value) == DUPLICATE


def test_a_unique_field_and_a_missing_value_in_vietnamese(db):
    User = get_user_model()
    User.objects.create(username="trung")
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        User.objects.create(username="trung")
    message = integrity_message(caught.value)
    assert "UNIQUE" not in message and "duplicate" not in message
    assert message.startswith(("Đã có", "Không lưu được"))


def test_every_constraint_of_the_project_has_a_vietnamese_sentence():
    for model in apps.get_models():
        if not model.__module__.startswith("giamngheo."):
            continue
        for constraint in model._meta.constraints:
            text = str(sentence_for(model, constraint))
            assert constraint.name not in text, (model, constraint.name)
            assert "Constraint" not in text and "Vi phạm ràng buộc" not in text, text
            assert str(constraint.get_violation_error_message()) == text


def test_demo_commune_officer_files_a_sub_plan_an_activity_and_a_report(db):
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting import services as reporting
    from giamngheo.reporting.demo import load_demo_reporting
    from giamngheo.reporting.models import DataSet

    load_demo_organisations()
    plan = load_demo_plan()
    load_demo_reporting()
    officer = get_user_model().objects.get(username="canbo.tansoi")
    client = _client(officer)
    assert _add_link(client)
    # The 2023 body (today canbo.tansoi also belongs to the commune that succeeded Tân Sỏi).
    body = officer.memberships.get(organisation__name="Ủy ban nhân dân xã Tân Sỏi").organisation
    response = client.post(
        reverse("ke-hoach-cu-the:add"),
        {"plan": plan.pk, "organisation": body.pk, "title": "Kế hoạch truyền thông xã Tân Sỏi"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    subplan = SubPlan.objects.get(organisation=body)
    items = {i.code: i for i in plan.items.all()}
    services.create_activity(
        actor=officer,
        subplan=subplan,
        title="Phát thanh về chính sách giảm nghèo trên loa xã",
        form=items["2.1"],
        contents=[items["1.1"]],
        units=[body.unit],
        start_date=date(2023, 5, 2),
        end_date=date(2023, 5, 2),
    )
    assert Activity.objects.filter(subplan=subplan).count() == 1
    dataset = DataSet.objects.get(code="KQTT-2023")
    submission = reporting.start_submission(
        actor=officer, dataset=dataset, period=dataset.periods.get(), organisation=body
    )
    assert submission.organisation == body
