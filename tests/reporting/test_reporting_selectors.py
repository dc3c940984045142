"""Completeness and timeliness, consolidated values, roll-up along the unit tree (as of the
period and into today's map through successions), the plan's communication results; each in a
constant number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tests.reporting.conftest import fill, local

pytestmark = pytest.mark.django_db

ORDER = ("D1", "D2", "C1a")
ACTORS = {"D1": "district_officer", "D2": "other_district_officer", "C1a": "commune_officer"}


def _report(rworld, start, key, *, at=None, people=100, rate=50, approve=False):
    from giamngheo.reporting import services
    from giamngheo.reporting.models import Submission

    officer = rworld.users[ACTORS[key]]
    submission = fill(start(key, actor_key=ACTORS[key]), officer, {("TT.NGUOI", ""): people})
    submission = services.save_values(
        submission=submission,
        values={("TT.TYLE", ""): rate},
        actor=officer,
        version=submission.version,
    )
    services.submit_submission(submission=submission, actor=officer)
    if at is not None:
        Submission.objects.filter(pk=submission.pk).update(submitted_at=at)
    if approve:
        services.approve_submission(submission=submission, actor=rworld.users["province_admin"])
    submission.refresh_from_db()
    return submission


# --- completeness and timeliness ---------------------------------------------------------------


def test_completeness_counts_on_time_late_and_missing(rworld, start):
    from giamngheo.reporting import selectors

    _report(rworld, start, "D1", at=local(2023, 11, 10, 9, 0))
    _report(rworld, start, "D2", at=local(2023, 11, 20, 8, 0))
    report = selectors.completeness(dataset=rworld.dataset, period=rworld.period)
    assert (report.expected, report.submitted, report.on_time, report.late, report.missing) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert report.rate == Decimal("66.7")
    assert report.timely_rate == Decimal("33.3")
    assert [(r.organisation.name, r.status, r.is_reported, r.is_late) for r in report.rows] == [
        ("Ủy ban nhân dân huyện H1", "submitted", True, False),
        ("Ủy ban nhân dân xã C1a", "missing", False, False),
        ("Ủy ban nhân dân huyện H2", "submitted", True, True),
    ]
    assert [r.organisation.name for r in report.missing_rows] == ["Ủy ban nhân dân xã C1a"]
    assert [(u.unit.name, u.expected, u.submitted, u.late) for u in report.by_unit] == [
        ("Huyện H1", 1, 1, 0),
        ("Xã C1a", 1, 0, 0),
        ("Huyện H2", 1, 1, 1),
    ]


def test_timeliness_boundary_is_midnight_in_ho_chi_minh_city(rworld, start):
    """Due 15/11/2023: 23:59:59 local (16:59:59 UTC) is on time, 00:00:00 local is late."""
    from giamngheo.reporting import selectors

    last_second = datetime(2023, 11, 15, 16, 59, 59, tzinfo=UTC)
    next_day = datetime(2023, 11, 15, 17, 0, 0, tzinfo=UTC)
    assert last_second == local(2023, 11, 15, 23, 59, 59)
    assert next_day == local(2023, 11, 16, 0, 0, 0)
    _report(rworld, start, "D1", at=last_second)
    _report(rworld, start, "D2", at=next_day)
    report = selectors.completeness(dataset=rworld.dataset, period=rworld.period)
    late = {r.organisation.name: r.is_late for r in report.rows if r.is_reported}
    assert late == {"Ủy ban nhân dân huyện H1": False, "Ủy ban nhân dân huyện H2": True}


def test_grace_days_move_the_late_boundary(rworld, start):
    from giamngheo.reporting import selectors
    from giamngheo.reporting.models import DataSet

    DataSet.objects.filter(pk=rworld.dataset.pk).update(timely_days=5)
    rworld.dataset.refresh_from_db()
    _report(rworld, start, "D1", at=local(2023, 11, 20, 23, 59, 59))
    _report(rworld, start, "D2", at=local(2023, 11, 21, 0, 0, 0))
    report = selectors.completeness(dataset=rworld.dataset, period=rworld.period)
    assert (report.on_time, report.late) == (1, 1)


def test_completeness_as_of_a_moment_and_drafts_and_returned_do_not_count(rworld, start):
    from giamngheo.reporting import selectors, services

    _report(rworld, start, "D1", at=local(2023, 11, 10, 9, 0))
    d2 = _report(rworld, start, "D2", at=local(2023, 11, 12, 9, 0))
    services.return_submission(
        submission=d2, actor=rworld.users["province_admin"], reason="Sai số liệu."
    )
    start("C1a", actor_key="commune_officer")  # a draft
    report = selectors.completeness(dataset=rworld.dataset, period=rworld.period)
    assert (report.submitted, report.missing) == (1, 2)
    assert [r.status for r in report.rows] == ["submitted", "draft", "returned"]
    earlier = selectors.completeness(
        dataset=rworld.dataset, period=rworld.period, on=local(2023, 11, 1)
    )
    assert earlier.submitted == 0


def test_an_organisation_closed_before_the_period_is_not_expected(rworld):
    from giamngheo.organisations.models import Organisation
    from giamngheo.reporting import selectors

    Organisation.objects.filter(pk=rworld.orgs["C1a"].pk).update(valid_to=date(2022, 12, 31))
    report = selectors.completeness(dataset=rworld.dataset, period=rworld.period)
    assert report.expected == 2


def _only(rworld, keys):
    from giamngheo.reporting import services

    services.set_dataset_organisations(
        dataset=rworld.dataset, organisations=[rworld.orgs[k] for k in keys]
    )


@pytest.mark.parametrize("count", [1, 3])
def test_completeness_in_constant_queries(rworld, start, django_assert_num_queries, count):
    from giamngheo.reporting import selectors

    keys = ORDER[:count]
    _only(rworld, keys)
    for key in keys:
        _report(rworld, start, key)
    with django_assert_num_queries(2):
        report = selectors.completeness(dataset=rworld.dataset, period=rworld.period)
        assert [r.unit.name for r in report.rows]
        assert report.submitted == count


# --- consolidated values -----------------------------------------------------------------------


def test_consolidated_values_follow_each_indicators_aggregation(rworld, start):
    from giamngheo.reporting import selectors

    _report(rworld, start, "D1", people=100, rate=40)
    _report(rworld, start, "D2", people=250, rate=75, approve=True)
    start("C1a", actor_key="commune_officer")  # a draft never counts
    values = selectors.consolidated_values(dataset=rworld.dataset, period=rworld.period)
    assert values[("TT.NGUOI", "")] == 350
    assert values[("TT.TYLE", "")] == Decimal("57.50")  # average
    assert values[("TT.TIN", "2.1")] == 3
    assert values[("TT.KPDC", "1")] == 4_500_000
    assert ("TT.GHICHU", "") not in values
    approved = selectors.consolidated_values(
        dataset=rworld.dataset, period=rworld.period, approved_only=True
    )
    assert approved[("TT.NGUOI", "")] == 250
    assert approved[("TT.TIN", "2.1")] == 0


def test_values_by_organisation_rows(rworld, start):
    from giamngheo.reporting import selectors

    _report(rworld, start, "D2", people=250)
    rows = selectors.values_by_organisation(dataset=rworld.dataset, period=rworld.period)
    first = rows[0]
    assert (first.organisation.name, first.unit.name, first.indicator_code, first.category) == (
        "Ủy ban nhân dân huyện H2",
        "Huyện H2",
        "TT.HD",
        "2.1",
    )
    people = [r.value for r in rows if r.indicator_code == "TT.NGUOI"]
    assert people == [250]
    assert [r.indicator_code for r in rows].count("TT.TIN") == 2


@pytest.mark.parametrize("count", [1, 3])
def test_consolidated_and_annex_in_constant_queries(
    rworld, start, django_assert_num_queries, count
):
    from giamngheo.reporting import selectors

    for key in ORDER[:count]:
        _report(rworld, start, key)
    rworld.dataset._elements = None
    del rworld.dataset._elements
    with django_assert_num_queries(1):
        values = selectors.consolidated_values(dataset=rworld.dataset, period=rworld.period)
    assert values[("TT.NGUOI", "")] == 100 * count
    with django_assert_num_queries(2):
        rows = selectors.values_by_organisation(dataset=rworld.dataset, period=rworld.period)
        assert {r.unit.name for r in rows}
    assert len({r.organisation.pk for r in rows}) == count


# --- roll-up -----------------------------------------------------------------------------------


def _names(totals):
    return [(t.unit.name, t.value, t.contributors) for t in totals]


def test_roll_up_as_of_the_period_sums_each_unit_and_its_ancestors(rworld, start):
    from giamngheo.reporting import selectors

    _report(rworld, start, "D1", people=100)
    _report(rworld, start, "D2", people=250)
    _report(rworld, start, "C1a", people=40)
    totals = selectors.roll_up(
        dataset=rworld.dataset, period=rworld.period, indicator=rworld.indicators["TT.NGUOI"]
    )
    assert _names(totals) == [
        ("Tỉnh Thử Nghiệm", Decimal(390), 3),
        ("Huyện H1", Decimal(140), 2),
        ("Xã C1a", Decimal(40), 1),
        ("Huyện H2", Decimal(250), 1),
    ]
    rate = selectors.roll_up(
        dataset=rworld.dataset, period=rworld.period, indicator=rworld.indicators["TT.TYLE"]
    )
    assert rate[0].value == Decimal("50.00")  # an average stays an average


def _reform_2025(rworld):
    """1/7/2025: the districts are abolished; H1 and its commune C1a merge into 'Xã Mới A',
    H2 into 'Xã Mới B', both under the new 'Tỉnh Mới' that succeeds the test province."""
    from giamngheo.organisations import services as org
    from giamngheo.organisations.enums import SuccessionKind, UnitLevel

    day, eve = date(2025, 7, 1), date(2025, 6, 30)
    u = rworld.p.units
    new_p = org.create_unit(code="P98", name="Tỉnh Mới", level=UnitLevel.PROVINCE, valid_from=day)
    new_a = org.create_unit(
        code="P9801", name="Xã Mới A", level=UnitLevel.COMMUNE, parent=new_p, valid_from=day
    )
    new_b = org.create_unit(
        code="P9802", name="Xã Mới B", level=UnitLevel.COMMUNE, parent=new_p, valid_from=day
    )
    for key in ("P", "D1", "D2", "C1a", "C2a"):
        org.close_unit(unit=u[key], on=eve)
    for old, new in (("P", new_p), ("D1", new_a), ("C1a", new_a), ("D2", new_b), ("C2a", new_b)):
        org.record_succession(predecessor=u[old], successor=new, kind=SuccessionKind.MERGE, on=day)


def test_roll_up_into_todays_map_follows_the_successions(rworld, start):
    from giamngheo.reporting import selectors

    _report(rworld, start, "D1", people=100)
    _report(rworld, start, "D2", people=250)
    _report(rworld, start, "C1a", people=40)
    _reform_2025(rworld)
    indicator = rworld.indicators["TT.NGUOI"]
    today = selectors.roll_up(
        dataset=rworld.dataset,
        period=rworld.period,
        indicator=indicator,
        into_today=True,
        on=date(2026, 1, 1),
    )
    assert _names(today) == [
        ("Tỉnh Mới", Decimal(390), 3),
        ("Xã Mới A", Decimal(140), 2),
        ("Xã Mới B", Decimal(250), 1),
    ]
    # As of the period, the 2023 map is unchanged by the reform.
    then = selectors.roll_up(dataset=rworld.dataset, period=rworld.period, indicator=indicator)
    assert [t.unit.name for t in then] == ["Tỉnh Thử Nghiệm", "Huyện H1", "Xã C1a", "Huyện H2"]


@pytest.mark.parametrize("count", [1, 3])
def test_roll_up_in_constant_queries(rworld, start, django_assert_num_queries, count):
    from giamngheo.reporting import selectors

    for key in ORDER[:count]:
        _report(rworld, start, key)
    indicator = rworld.indicators["TT.NGUOI"]
    with django_assert_num_queries(3):
        totals = selectors.roll_up(
            dataset=rworld.dataset, period=rworld.period, indicator=indicator
        )
    assert totals[0].value == 100 * count
    with django_assert_num_queries(5):
        selectors.roll_up(
            dataset=rworld.dataset,
            period=rworld.period,
            indicator=indicator,
            into_today=True,
        )


# --- the plan's communication results ----------------------------------------------------------


def test_communication_results_per_form_content_and_funding_source(rworld):
    from giamngheo.planning import services as planning
    from giamngheo.planning.enums import ActivityStatus
    from giamngheo.reporting import selectors

    activity = planning.create_activity(
        actor=rworld.users["province_admin"],
        subplan=rworld.activity.subplan,
        title="Tập huấn cán bộ",
        form=rworld.p.items["2.4"],
        contents=[rworld.p.items["1.1"], rworld.p.items["1.2"]],
        units=[rworld.orgs["D1"].unit],
        start_date=date(2023, 5, 1),
        end_date=date(2023, 5, 2),
        budget=[
            planning.BudgetSpec(
                funding_source=rworld.p.sources["2"], planned=2_000_000, spent=1_000_000
            )
        ],
    )
    cancelled = planning.create_activity(
        actor=rworld.users["province_admin"],
        subplan=rworld.activity.subplan,
        title="Hoạt động đã hủy",
        form=rworld.p.items["2.1"],
        contents=[rworld.p.items["1.1"]],
        units=[rworld.orgs["D1"].unit],
        start_date=date(2023, 6, 1),
        end_date=date(2023, 6, 2),
        status=ActivityStatus.CANCELLED,
        outputs={"article": 50},
    )
    assert activity.pk and cancelled.pk
    results = selectors.communication_results(plan=rworld.p.plan)
    forms = {f["code"]: f for f in results["forms"]}
    assert forms["2.1"]["activity_count"] == 1
    assert forms["2.1"]["outputs"]["mass_media.article"] == 3
    assert forms["2.4"]["activity_count"] == 1
    assert (forms["2.4"]["planned"], forms["2.4"]["spent"]) == (2_000_000, 1_000_000)
    contents = {c["code"]: c for c in results["contents"]}
    assert (contents["1.1"]["activity_count"], contents["1.2"]["activity_count"]) == (2, 1)
    funding = [(f["code"], f["planned"], f["spent"], f["spent_rate"]) for f in results["funding"]]
    assert funding == [
        ("1", 5_000_000, 4_500_000, Decimal("90.0")),
        ("2", 2_000_000, 1_000_000, Decimal("50.0")),
    ]
    totals = results["totals"]
    assert (totals["activity_count"], totals["planned"], totals["spent"]) == (
        2,
        7_000_000,
        5_500_000,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_communication_results_in_constant_queries(
    rworld, make_activity, django_assert_num_queries, count
):
    from giamngheo.planning import registry
    from giamngheo.reporting import selectors

    for index in range(count - 1):
        make_activity(rworld.activity.subplan, title=f"Hoạt động thêm {index}")
    expected = 2 + 3 + len(registry.measures())  # items, sources; activities, contents, budget
    with django_assert_num_queries(expected):
        results = selectors.communication_results(plan=rworld.p.plan)
    assert results["totals"]["activity_count"] == count
    assert results["totals"]["outputs"]["mass_media.article"] == 3 * count


def test_format_value():
    from giamngheo.reporting.selectors import format_value

    assert format_value(Decimal("1234567")) == "1.234.567"
    assert format_value(Decimal("87.50")) == "87,5"
    assert format_value(None) == ""
    assert format_value(0) == "0"


def test_dataset_list_counts_the_whole_data_set_for_every_reader(rworld):
    from giamngheo.reporting import selectors

    for key in ("province_admin", "district_officer", "commune_officer"):
        rows = list(selectors.dataset_list_for_user(user=rworld.users[key]))
        assert [
            (r.code, r.indicator_count, r.organisation_count, r.period_count) for r in rows
        ] == [("KQ-TT-2023", 7, 3, 1)], key
    assert list(selectors.dataset_list_for_user(user=rworld.users["outsider"])) == []


def test_submission_scope_officer_lead_and_outsider(rworld, start):
    from giamngheo.reporting import selectors

    for key in ORDER:
        start(key, actor_key=ACTORS[key])

    def names(user_key):
        return sorted(
            s.organisation.name
            for s in selectors.submission_list_for_user(user=rworld.users[user_key])
        )

    assert names("district_officer") == ["Ủy ban nhân dân huyện H1", "Ủy ban nhân dân xã C1a"]
    assert names("commune_officer") == ["Ủy ban nhân dân xã C1a"]
    assert len(names("province_admin")) == 3
    assert names("outsider") == []
