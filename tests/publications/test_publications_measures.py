"""The output measures of item 2.5 keep the registry's contract (period both ends included,
scope, constant queries) and count exactly: dispatched and received are separate figures."""

from __future__ import annotations

from datetime import date

import pytest

from giamngheo.planning import registry
from giamngheo.publications import services
from tests.planning.measure_contract import check_measure_contract

pytestmark = pytest.mark.django_db

EARLY = date(2023, 3, 1)


def _run(w, day, quantity=10, edition="vi"):
    return w.run(
        quantity, unit_cost=1000, activity=w.new_activity(), delivered_on=day, edition=edition
    )


def _dispatched(w, day):
    run = _run(w, EARLY)
    return services.dispatch(
        actor=w.users["kho"],
        print_run=run,
        sender=w.orgs["so"],
        recipient=w.orgs["C1a"],
        quantity=10,
        dispatched_on=day,
    )


def _received(w, day, quantity=8):
    sent = _dispatched(w, EARLY)
    return services.confirm_receipt(
        actor=w.users["commune_officer"],
        dispatch=sent,
        received_quantity=quantity,
        received_on=day,
        reason="Thiếu 2 bản",
    )


RECORDS = {
    "publications.titles": lambda w, day: (_run(w, day).activity, 1),
    "publications.copies_printed": lambda w, day: (_run(w, day).activity, 10),
    "publications.copies_dispatched": lambda w, day: (_dispatched(w, day).print_run.activity, 10),
    "publications.copies_received": lambda w, day: (_received(w, day).print_run.activity, 8),
    "publications.communes_reached": lambda w, day: (_received(w, day).print_run.activity, 1),
}


@pytest.mark.parametrize("code", sorted(RECORDS))
def test_measure_keeps_the_contract(xworld, code):
    check_measure_contract(
        registry.get_measure(code), record=lambda day: RECORDS[code](xworld, day)
    )


def test_measures_belong_to_the_publications_form():
    codes = [m.code for m in registry.measures(form_kind="publications")]
    assert codes == sorted(RECORDS)


def test_dispatched_and_received_are_separate_figures(xworld):
    activity = xworld.activity
    run = xworld.run(1000, delivered_on=date(2023, 5, 10))
    xworld.run(500, edition="tay", delivered_on=date(2023, 5, 11))
    sent = {}
    for key in ("C1a", "C1b", "C2a"):
        sent[key] = services.dispatch(
            actor=xworld.users["kho"],
            print_run=run,
            sender=xworld.orgs["so"],
            recipient=xworld.orgs[key],
            quantity=100,
            dispatched_on=date(2023, 5, 15),
        )
    services.confirm_receipt(
        actor=xworld.users["commune_officer"],
        dispatch=sent["C1a"],
        received_quantity=95,
        received_on=date(2023, 5, 20),
        reason="5 bản bị ướt",
    )
    services.confirm_receipt(
        actor=xworld.users["other_commune_officer"],
        dispatch=sent["C1b"],
        received_quantity=100,
        received_on=date(2023, 7, 2),
    )
    from giamngheo.planning.models import Activity

    activities = Activity.objects.filter(pk=activity.pk)
    q2 = registry.totals(
        activities=activities,
        start=date(2023, 4, 1),
        end=date(2023, 6, 30),
        codes=sorted(RECORDS),
    )
    assert q2 == {
        "publications.titles": 1,
        "publications.copies_printed": 1500,
        "publications.copies_dispatched": 300,
        "publications.copies_received": 95,
        "publications.communes_reached": 1,
    }
    year = registry.totals(
        activities=activities, start=date(2023, 1, 1), end=date(2023, 12, 31), codes=sorted(RECORDS)
    )
    assert (year["publications.copies_received"], year["publications.communes_reached"]) == (195, 2)
