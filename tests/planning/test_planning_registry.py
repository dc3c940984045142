"""The output registry: measures by form kind (never by a plan's numbering), counts over a
period with both ends included, and the mass-media measures held to the measure contract."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from giamngheo.planning import registry
from giamngheo.planning.enums import FormKind, ItemKind
from giamngheo.planning.models import Activity, PlanItem
from tests.planning.measure_contract import check_measure_contract

YEAR = {"start": date(2023, 1, 1), "end": date(2023, 12, 31)}
MASS_MEDIA = [f"mass_media.{kind}" for kind in ("article", "broadcast", "reportage", "video")]


def test_mass_media_outputs_counted_from_activity_records(pworld, make_subplan, make_activity):
    first = make_activity(make_subplan("D1"))
    second = make_activity(make_subplan("D2"), outputs={"article": 4, "video": 2})
    activities = Activity.objects.all()
    assert registry.totals(activities=activities, codes=MASS_MEDIA, **YEAR) == {
        "mass_media.article": 7,
        "mass_media.broadcast": 1,
        "mass_media.reportage": 0,
        "mass_media.video": 2,
    }
    per = registry.per_activity(activities=activities, codes=["mass_media.article"], **YEAR)
    assert per == {"mass_media.article": {first.pk: 3, second.pk: 4}}


def test_measures_belong_to_form_kinds_not_to_item_codes(pworld):
    assert [m.code for m in registry.measures(form_kind=FormKind.MASS_MEDIA)] == MASS_MEDIA
    # Digital items count the typed mass-media outputs too; the campaigns module adds its own.
    digital = [m.code for m in registry.measures(form_kind=FormKind.DIGITAL)]
    assert [code for code in digital if code.startswith("mass_media.")] == MASS_MEDIA
    # Each form module registers its measures under its own form kind; a form no module has
    # built yet has none (emulation, today).
    assert [m.code for m in registry.measures(form_kind=FormKind.TRAINING)] == [
        "training.certificates",
        "training.courses",
        "training.persons",
        "training.trainee_days",
        "training.trainees",
    ]
    assert [m.code for m in registry.measures(form_kind=FormKind.EMULATION)] == [
        "awards.collectives",
        "awards.decisions",
        "awards.households",
        "awards.individuals",
        "awards.nominations",
        "awards.review_meetings",
    ]
    assert sorted(m.code for m in registry.measures(form_kind=FormKind.COMMUNE_RADIO)) == [
        "radio.airings_confirmed",
        "radio.bulletins",
        "radio.communes_reached",
        "radio.minutes_aired",
    ]
    # A plan numbered otherwise: its "2.4" is the mass media, its "2.1" is not mapped. The
    # item's form kind decides, its code says nothing.
    PlanItem.objects.filter(pk=pworld.items["2.1"].pk).update(form_kind="")
    PlanItem.objects.filter(pk=pworld.items["2.4"].pk).update(form_kind=FormKind.MASS_MEDIA)
    items = PlanItem.objects.in_bulk([pworld.items["2.1"].pk, pworld.items["2.4"].pk])
    assert [m.code for m in registry.measures_for_item(items[pworld.items["2.4"].pk])] == (
        MASS_MEDIA
    )
    assert registry.measures_for_item(items[pworld.items["2.1"].pk]) == []


def test_form_kind_only_on_form_items(pworld):
    item = PlanItem(
        plan=pworld.plan, kind=ItemKind.CONTENT, code="1.9", text="Nội dung.", form_kind="contest"
    )
    with pytest.raises(ValidationError) as exc:
        item.full_clean()
    assert exc.value.message_dict == {
        "form_kind": ["Chỉ mục hình thức mới gắn với một loại hình truyền thông."]
    }


def test_registry_refuses_a_second_measure_with_the_same_code():
    measure = registry.get_measure("mass_media.article")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(
            registry.OutputMeasure(
                code=measure.code, label="x", form_kinds=frozenset(), count=measure.count
            )
        )
    with pytest.raises(ValueError, match=r"unknown form kinds \['2.1'\]"):
        registry.register(
            registry.OutputMeasure(
                code="x.y", label="x", form_kinds=frozenset({"2.1"}), count=measure.count
            )
        )


def test_a_period_that_ends_before_it_starts_is_refused(pworld):
    with pytest.raises(ValueError, match="ends"):
        registry.totals(
            activities=Activity.objects.all(), start=date(2023, 2, 1), end=date(2023, 1, 31)
        )


def test_mass_media_dated_by_the_activity_end_both_ends_included(
    pworld, make_subplan, make_activity
):
    subplan = make_subplan("D1")
    year_long = make_activity(
        subplan, start_date=date(2023, 1, 1), end_date=date(2023, 12, 31), outputs={"article": 5}
    )
    on_first_day = make_activity(
        subplan, start_date=date(2023, 3, 1), end_date=date(2023, 4, 1), outputs={"article": 2}
    )
    activities = Activity.objects.filter(pk__in=[year_long.pk, on_first_day.pk])
    quarters = [
        (date(2023, 1, 1), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2023, 6, 30)),
        (date(2023, 7, 1), date(2023, 9, 30)),
        (date(2023, 10, 1), date(2023, 12, 31)),
    ]
    counted = [
        registry.totals(activities=activities, start=s, end=e, codes=["mass_media.article"])
        for s, e in quarters
    ]
    assert [c["mass_media.article"] for c in counted] == [0, 2, 0, 5]
    # The year holds every record once; the day before a period's first day holds none of it.
    assert registry.totals(activities=activities, **YEAR)["mass_media.article"] == 7
    assert (
        registry.totals(activities=activities, start=date(2023, 3, 31), end=date(2023, 3, 31))[
            "mass_media.article"
        ]
        == 0
    )


@pytest.mark.parametrize("code", MASS_MEDIA)
def test_mass_media_measures_keep_the_contract(pworld, make_subplan, make_activity, code):
    kind = code.removeprefix("mass_media.")
    subplan = make_subplan("D1")
    quantities = iter(range(1, 1000))

    def record(day):
        quantity = next(quantities)
        activity = make_activity(
            subplan, start_date=date(2023, 1, 1), end_date=day, outputs={kind: quantity}
        )
        return activity, quantity

    check_measure_contract(registry.get_measure(code), record=record)
