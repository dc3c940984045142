"""The commune radio feeds the reporting indicators bound to its area measures
(``reporting.PrefillSource.AREA``): a district's or the province's report for a period is
pre-filled with the communes under its unit whose station confirmed an airing, and the share of
them broadcasting each week, as the coverage screen computes it. Commune airings never add
into ``mass_media.broadcast``."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from giamngheo.broadcasts import selectors, services
from giamngheo.broadcasts.enums import BulletinStatus
from giamngheo.broadcasts.models import Bulletin
from giamngheo.planning import registry
from giamngheo.planning.models import Activity
from giamngheo.reporting import services as reporting
from giamngheo.reporting.enums import Aggregation, Disaggregation, Measure, PrefillSource
from giamngheo.reporting.models import DataValue
from tests.broadcasts.conftest import local, radio_activity
from tests.factories import DataSetFactory, IndicatorFactory, PeriodFactory

pytestmark = pytest.mark.django_db

NOVEMBER = (date(2023, 11, 1), date(2023, 11, 30))


def _send(radio, *, communes, monday, activity=None):
    bulletin = radio.sent(
        communes=communes,
        activity=activity,
        air_from=monday,
        air_to=monday + timedelta(days=6),
        valid_until=monday + timedelta(days=6),
        at=local(monday, 7),
    )
    version = bulletin.versions.get()
    version.duration_seconds = 120.0
    version.save(update_fields=["duration_seconds"])
    return bulletin


def _aired(radio, bulletin, commune, *, day):
    services.confirm_airing(
        actor=radio.users[f"operator_{commune.lower()}"],
        delivery=radio.delivery(bulletin, commune),
        aired_at=local(day, 17),
        times=2,
        at=local(day, 18),
    )


@pytest.fixture
def airings(radio):
    """November 2023 (weeks of 30/10, 6/11, 13/11, 20/11, 27/11): a bulletin of the week of
    13/11 to C1a, C1b (district D1) and C2a (D2), aired in C1a and C2a, "not aired" in C1b; a
    second activity's bulletin of the week of 20/11 to C1a, aired; an October bulletin aired
    in C1b (outside the period)."""
    first = _send(radio, communes=("C1a", "C1b", "C2a"), monday=date(2023, 11, 13))
    _aired(radio, first, "C1a", day=date(2023, 11, 14))
    _aired(radio, first, "C2a", day=date(2023, 11, 15))
    services.record_not_aired(
        actor=radio.users["operator_c1b"],
        delivery=radio.delivery(first, "C1b"),
        reason="Mất điện cả buổi chiều",
        at=local(date(2023, 11, 14), 18),
    )
    other = radio_activity(
        actor=radio.users["province_admin"],
        plan=radio.plan,
        organisation=radio.orgs["so"],
        title="Chuyên mục hỏi đáp chính sách trên loa xã",
    )
    second = _send(radio, communes=("C1a",), monday=date(2023, 11, 20), activity=other)
    _aired(radio, second, "C1a", day=date(2023, 11, 21))
    october = _send(radio, communes=("C1b",), monday=date(2023, 10, 2))
    _aired(radio, october, "C1b", day=date(2023, 10, 3))
    return radio


def _dataset(radio):
    reached = IndicatorFactory(
        code="DA6.XA_PHAT_SONG",
        name="Số xã có hệ thống truyền thanh cơ sở đã phát chương trình về giảm nghèo",
        prefill_source=PrefillSource.AREA,
        prefill_key="radio.communes_reached",
        unit_label="xã",
    )
    share = IndicatorFactory(
        code="DA6.TY_LE_XA",
        name="Tỷ lệ xã phát chương trình về giảm nghèo hằng tuần",
        measure=Measure.PERCENT,
        aggregation=Aggregation.AVERAGE,
        prefill_source=PrefillSource.AREA,
        prefill_key="radio.weekly_share",
        unit_label="%",
    )
    broadcasts = IndicatorFactory(
        code="KQTT.PT_TH",
        name="Chương trình phát thanh, truyền hình",
        disaggregation=Disaggregation.FORM,
        prefill_source=PrefillSource.OUTPUT,
        prefill_key="mass_media.broadcast",
    )
    dataset = DataSetFactory(
        code="GS-DA6-T",
        plan=radio.plan,
        elements=[reached, share, broadcasts],
        organisations=[radio.orgs["so"], radio.orgs["D1"], radio.orgs["D2"]],
    )
    return PeriodFactory(dataset=dataset, name="Tháng 11/2023", start=NOVEMBER[0], end=NOVEMBER[1])


def _report(radio, period, org_key, actor_key):
    submission = reporting.start_submission(
        actor=radio.users[actor_key],
        dataset=period.dataset,
        period=period,
        organisation=radio.orgs[org_key],
    )
    return {
        (v.indicator.code, v.category): (v.value, v.prefilled)
        for v in DataValue.objects.filter(submission=submission).select_related("indicator")
    }


def test_district_report_is_prefilled_with_its_communes_that_aired(airings):
    period = _dataset(airings)
    values = _report(airings, period, "D1", "district_officer")
    # D1: C1a aired (by two activities: one commune), C1b did not in November, C2a is in D2.
    assert values[("DA6.XA_PHAT_SONG", "")] == (Decimal("1.00"), Decimal("1.00"))
    # Targeted under D1: C1a, C1b. Weeks of 13/11 and 20/11: 1 of 2; the three others: 0.
    # Each week weighs its days in November (5, 7, 7, 7, 4): (1/2 × 7 + 1/2 × 7) / 30.
    assert values[("DA6.TY_LE_XA", "")] == (Decimal("23.30"), Decimal("23.30"))


def test_province_report_counts_every_commune_that_aired_once(airings):
    period = _dataset(airings)
    values = _report(airings, period, "so", "province_admin")
    assert values[("DA6.XA_PHAT_SONG", "")] == (Decimal("2.00"), Decimal("2.00"))
    # Targeted: C1a, C1b, C2a. Week of 13/11: 2 of 3; of 20/11: 1 of 3; the weeks weigh their
    # days in November (30/10–5/11 counts 5 days, 27/11–30/11 4): (2/3 × 7 + 1/3 × 7) / 30.
    assert values[("DA6.TY_LE_XA", "")] == (Decimal("23.30"), Decimal("23.30"))
    bulletins = Bulletin.objects.filter(status=BulletinStatus.SENT)
    report = selectors.coverage(bulletins=bulletins, start=NOVEMBER[0], end=NOVEMBER[1])
    assert report.days_by_week == [5, 7, 7, 7, 4]
    assert (report.communes_reached, round(report.share * 100, 1)) == (2, 23.3)
    # The airings are not mass media broadcasts: the 2.1 form's broadcasts stay 0.
    assert values[("KQTT.PT_TH", "2.1")] == (Decimal("0.00"), Decimal("0.00"))


def test_airings_are_not_added_into_mass_media_broadcast(airings):
    activities = Activity.objects.filter(subplan__plan=airings.plan)
    totals = registry.totals(
        activities=activities,
        start=NOVEMBER[0],
        end=NOVEMBER[1],
        codes=["mass_media.broadcast", "radio.airings_confirmed", "radio.communes_reached"],
    )
    # Two activities each reached C1a: per activity they add to 3, the area counts 2 communes.
    assert totals == {
        "mass_media.broadcast": 0,
        "radio.airings_confirmed": 6,
        "radio.communes_reached": 3,
    }
    assert registry.in_area(
        code="radio.communes_reached",
        activities=activities,
        unit=airings.units["P"],
        start=NOVEMBER[0],
        end=NOVEMBER[1],
    ) == Decimal(2)
    assert registry.in_area(
        code="radio.minutes_aired",
        activities=activities,
        unit=airings.units["D1"],
        start=NOVEMBER[0],
        end=NOVEMBER[1],
    ) == Decimal(8)  # C1a: two bulletins × 2 times × 2 minutes


def test_area_indicator_needs_a_known_area_measure_and_no_disaggregation(db):
    with pytest.raises(ValidationError) as caught:
        IndicatorFactory(prefill_source=PrefillSource.AREA, prefill_key="radio.khong_co")
    assert caught.value.message_dict["prefill_key"] == [
        "Mã đo đếm không có trong danh mục số liệu theo địa bàn."
    ]
    with pytest.raises(ValidationError) as caught:
        IndicatorFactory(
            prefill_source=PrefillSource.AREA,
            prefill_key="radio.communes_reached",
            disaggregation=Disaggregation.FORM,
        )
    assert caught.value.message_dict["disaggregation"] == ["Số liệu theo địa bàn không phân tổ."]


@pytest.fixture
def demo(db, settings, tmp_path):
    from giamngheo.broadcasts.demo import load_demo_broadcasts
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting

    settings.MEDIA_ROOT = str(tmp_path)
    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_broadcasts(stdout=io.StringIO())  # before reporting, as the demo loader orders
    load_demo_reporting(stdout=io.StringIO())


def test_demo_monitoring_report_comes_from_the_demo_radio(demo):
    from giamngheo.broadcasts.models import Airing
    from giamngheo.core.demo import loaders
    from giamngheo.reporting.models import Submission

    order = [loader.label for loader in loaders()]
    assert order.index("broadcasts") < order.index("reporting")
    report = Submission.objects.get(
        dataset__code="GS-DA6-2023", organisation__name="Ủy ban nhân dân huyện Yên Thế"
    )
    values = {v.indicator.code: v for v in report.values.select_related("indicator")}
    communes = (
        Airing.objects.filter(outcome="aired", aired_at__year=2023)
        .values("delivery__commune")
        .distinct()
        .count()
    )
    assert communes == 7
    assert (values["DA6.XA_PHAT_SONG"].value, values["DA6.XA_PHAT_SONG"].prefilled) == (
        Decimal(7),
        Decimal(7),
    )
    coverage = selectors.coverage(
        bulletins=Bulletin.objects.filter(status__in=[BulletinStatus.SENT, BulletinStatus.CLOSED]),
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
    )
    share = Decimal(str(round(coverage.share * 100, 1)))
    assert values["DA6.TY_LE_XA"].value == values["DA6.TY_LE_XA"].prefilled == share
    assert Decimal(50) < share < Decimal(100)
    assert values["DA6.CAN_BO"].value == 120
    assert report.status == "submitted"
