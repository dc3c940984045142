"""Dispatch plans: copies per commune of a district proposed equally or in proportion to the
poor and near-poor households of the latest review, edited while a draft, sent in one
transaction (all the dispatches or none); the plan screen over HTTP."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from giamngheo.core.models import StatusEvent
from giamngheo.publications import services
from giamngheo.publications.enums import AllocationRule, DispatchStatus, PlanStatus
from giamngheo.publications.models import Dispatch, DispatchPlan, Movement
from giamngheo.results.models import PovertyReview

pytestmark = pytest.mark.django_db

DAY = date(2023, 5, 15)


def _propose(w, run, *, total=101, rule=AllocationRule.EQUAL, area="D1", actor="kho", day=DAY):
    return services.propose_plan(
        actor=w.users[actor],
        print_run=run,
        sender=w.orgs["so"],
        area=w.units[area],
        rule=rule,
        total=total,
        dispatched_on=day,
    )


def _review(unit, year, poor, near_poor):
    PovertyReview.objects.create(
        unit=unit,
        year=year,
        total_households=2000,
        poor=poor,
        near_poor=near_poor,
        escaped=0,
        newly_poor=0,
        source="Quyết định số 1/QĐ-UBND",
        source_organisation="UBND huyện",
        as_of=date(year, 12, 31),
    )


def _lines(plan):
    return [
        (line.recipient.name, line.households, line.proposed, line.quantity)
        for line in plan.lines.select_related("recipient").order_by("pk")
    ]


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        (101, [1, 1], [51, 50]),
        (100, [1, 1, 1], [34, 33, 33]),
        (100, [300, 100], [75, 25]),
        (10, [1, 2, 0], [3, 7, 0]),
        (7, [0, 0], [0, 0]),
    ],
)
def test_shares_add_up_to_the_total(total, weights, shares):
    assert services.share_out(total, weights) == shares


def test_an_equal_plan_gives_every_commune_of_the_district_a_share(xworld):
    plan = _propose(xworld, xworld.run(1000))
    assert plan.status == PlanStatus.DRAFT
    assert (plan.total, plan.households_year, plan.dispatched_on) == (101, None, DAY)
    assert _lines(plan) == [
        ("Ủy ban nhân dân xã C1a", None, 51, 51),
        ("Ủy ban nhân dân xã C1b", None, 50, 50),
    ]
    # A proposal moves nothing: the store still holds every copy.
    assert Movement.objects.count() == 1
    assert StatusEvent.objects.filter(object_id=plan.pk, to_status=PlanStatus.DRAFT).count() == 1


def test_a_households_plan_follows_the_latest_review_up_to_the_year(xworld):
    _review(xworld.units["C1a"], 2022, 280, 20)  # 300 — the latest review of C1a
    _review(xworld.units["C1b"], 2022, 80, 20)  # 100
    _review(xworld.units["C1a"], 2024, 10, 10)  # after the planned day: not used
    plan = _propose(xworld, xworld.run(1000), total=100, rule=AllocationRule.HOUSEHOLDS)
    assert plan.households_year == 2022
    assert _lines(plan) == [
        ("Ủy ban nhân dân xã C1a", 300, 75, 75),
        ("Ủy ban nhân dân xã C1b", 100, 25, 25),
    ]


def test_a_households_plan_without_figures_is_refused(xworld):
    with pytest.raises(ValidationError) as info:
        _propose(xworld, xworld.run(1000), rule=AllocationRule.HOUSEHOLDS)
    assert info.value.message_dict == {
        "rule": [
            "Chưa có số liệu hộ nghèo, hộ cận nghèo của các xã thuộc “Huyện H1”: hãy chia đều."
        ]
    }
    assert DispatchPlan.objects.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        ({"total": 0}, {"total": ["Số lượng phải là số nguyên dương."]}),
        ({"total": 5_000_001}, {"total": ["Số lượng vượt quá mức cho phép (5.000.000 bản)."]}),
        (
            {"total": 1001},
            {
                "total": [
                    "“Sở Lao động - Thương binh và Xã hội” chỉ còn 1.000 bản của đợt in này vào "
                    "ngày 15/05/2023 hoặc một ngày sau đó."
                ]
            },
        ),
        (
            {"area": "C1a"},
            {"area": ["“Xã C1a” không phải là huyện đang hoạt động vào ngày 15/05/2023."]},
        ),
    ],
)
def test_bad_proposals_are_refused_in_vietnamese(xworld, kwargs, errors):
    run = xworld.run(1000)
    with pytest.raises(ValidationError) as info:
        _propose(xworld, run, **kwargs)
    assert info.value.message_dict == errors
    assert DispatchPlan.objects.count() == 0


def test_a_closed_district_is_refused_on_a_later_day(xworld):
    from giamngheo.organisations.models import AdministrativeUnit

    AdministrativeUnit.objects.filter(pk=xworld.units["D1"].pk).update(valid_to=date(2023, 5, 1))
    xworld.units["D1"].refresh_from_db()
    with pytest.raises(ValidationError) as info:
        _propose(xworld, xworld.run(1000), area="D1")
    assert info.value.message_dict == {
        "area": ["“Huyện H1” không phải là huyện đang hoạt động vào ngày 15/05/2023."]
    }


def test_an_outsider_to_the_store_cannot_propose(xworld):
    with pytest.raises(PermissionDenied):
        _propose(xworld, xworld.run(1000), actor="commune_officer")


def test_a_draft_is_edited_then_sent_in_one_step(xworld):
    run = xworld.run(1000)
    plan = _propose(xworld, run)
    first, second = plan.lines.order_by("pk")
    services.update_plan(actor=xworld.users["kho"], plan=plan, quantities={first.pk: 100})
    plan.refresh_from_db()
    assert plan.total == 150
    sent = services.dispatch_plan(actor=xworld.users["kho"], plan=plan, quantities={second.pk: 0})
    assert (sent.status, sent.total, sent.dispatched_on) == (PlanStatus.DISPATCHED, 100, DAY)
    dispatches = list(Dispatch.objects.values_list("recipient__name", "quantity", "status"))
    assert dispatches == [("Ủy ban nhân dân xã C1a", 100, DispatchStatus.IN_TRANSIT)]
    first.refresh_from_db()
    assert first.dispatch.quantity == 100
    assert services.balance(print_run=run, holder=xworld.orgs["so"], on=DAY) == 900
    with pytest.raises(ValidationError) as info:
        services.update_plan(actor=xworld.users["kho"], plan=plan, quantities={first.pk: 5})
    assert info.value.messages == ["Kế hoạch này đã được giao, không sửa được nữa."]
    with pytest.raises(ValidationError):
        services.dispatch_plan(actor=xworld.users["kho"], plan=plan)
    assert Dispatch.objects.count() == 1


def test_a_plan_the_stock_cannot_cover_sends_nothing(xworld):
    run = xworld.run(1000)
    plan = _propose(xworld, run, total=1000)
    # Meanwhile 950 copies leave the store on an earlier day.
    services.dispatch(
        actor=xworld.users["kho"],
        print_run=run,
        sender=xworld.orgs["so"],
        recipient=xworld.orgs["D2"],
        quantity=950,
        dispatched_on=date(2023, 5, 12),
    )
    with pytest.raises(ValidationError) as info:
        services.dispatch_plan(actor=xworld.users["kho"], plan=plan)
    assert info.value.messages == [
        "Không đủ ấn phẩm: “Sở Lao động - Thương binh và Xã hội” chỉ còn 50 bản vào ngày "
        "15/05/2023 hoặc một ngày sau đó, không thể xuất 500 bản."
    ]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert Dispatch.objects.count() == 1  # only the one to D2
    assert services.balance(print_run=run, holder=xworld.orgs["so"], on=DAY) == 50


@pytest.mark.parametrize(
    ("quantities", "message"),
    [
        ({"first": -1}, "Số lượng phải là số nguyên không âm."),
        ({"first": 5_000_001}, "Số lượng vượt quá mức cho phép (5.000.000 bản)."),
        ({"first": 0, "second": 0}, "Kế hoạch cần ít nhất một xã được giao."),
        ({"other": 3}, "Dòng phân bổ không thuộc kế hoạch này."),
    ],
)
def test_bad_edits_are_refused_and_nothing_changes(xworld, quantities, message):
    run = xworld.run(1000)
    plan = _propose(xworld, run)
    other = _propose(xworld, run, area="D2", total=10)
    first, second = plan.lines.order_by("pk")
    ids = {"first": first.pk, "second": second.pk, "other": other.lines.get().pk}
    with pytest.raises(ValidationError) as info:
        services.update_plan(
            actor=xworld.users["kho"],
            plan=plan,
            quantities={ids[k]: v for k, v in quantities.items()},
        )
    assert info.value.messages == [message]
    assert _lines(plan)[0][3] == 51


# --- over HTTP --------------------------------------------------------------------------------


def _client(w, username):
    client = Client()
    client.force_login(w.users[username])
    return client


def test_the_plan_screens_propose_edit_and_send(xworld):
    run = xworld.run(1000)
    client = _client(xworld, "kho")
    new_url = reverse("publications_plan_new", args=[run.pk])
    page = client.get(new_url)
    assert page.status_code == 200
    assert "Huyện H1" in page.content.decode()
    response = client.post(
        new_url,
        {
            "sender": xworld.orgs["so"].pk,
            "area": xworld.units["D1"].pk,
            "rule": "equal",
            "total": "1.000",
            "dispatched_on": "2023-05-15",
        },
    )
    plan = DispatchPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("publications_plan", args=[plan.pk])
    first, second = plan.lines.order_by("pk")
    screen = client.get(response["Location"])
    html = screen.content.decode()
    assert 'data-proposed="500"' in html
    assert "Giao theo kế hoạch" in html
    response = client.post(
        response["Location"],
        {
            f"line_{first.pk}": "600",
            f"line_{second.pk}": "400",
            "dispatched_on": "2023-05-16",
            "action": "dispatch",
        },
    )
    assert response.status_code == 302
    assert sorted(Dispatch.objects.values_list("quantity", "dispatched_on")) == [
        (400, date(2023, 5, 16)),
        (600, date(2023, 5, 16)),
    ]
    html = client.get(reverse("publications_plan", args=[plan.pk])).content.decode()
    assert "Giao theo kế hoạch" not in html
    assert 'data-copies="600"' in html


def test_a_bad_edit_rerenders_with_a_vietnamese_error(xworld):
    plan = _propose(xworld, xworld.run(1000))
    first, second = plan.lines.order_by("pk")
    response = _client(xworld, "kho").post(
        reverse("publications_plan", args=[plan.pk]),
        {
            f"line_{first.pk}": "1,5",
            f"line_{second.pk}": "10",
            "dispatched_on": "2023-05-16",
            "action": "save",
        },
    )
    assert response.status_code == 400
    assert "Vui lòng nhập số bản bằng chữ số, không có phần lẻ, ví dụ 1.234." in (
        response.content.decode()
    )
    assert _lines(plan)[0][3] == 51


@pytest.mark.parametrize("username", ["commune_officer", "other_district_officer", "outsider"])
def test_others_do_not_reach_a_plan(xworld, username):
    plan = _propose(xworld, xworld.run(1000))
    client = _client(xworld, username)
    for pk in (plan.pk, plan.pk + 1, plan.pk - 1):
        response = client.get(reverse("publications_plan", args=[pk]))
        assert response.status_code in (302, 403, 404)
        assert "Ủy ban nhân dân xã C1b" not in response.content.decode()
    response = client.post(reverse("publications_plan", args=[plan.pk]), {"action": "dispatch"})
    assert response.status_code in (302, 403, 404)
    assert Dispatch.objects.count() == 0
