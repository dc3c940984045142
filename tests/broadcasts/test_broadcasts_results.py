"""Coverage in the consolidated report (and the reports it pre-fills, which the public results
show once approved): the radio measures registered with planning.registry (measures.py) reach
it with no code of ours in reporting or results, which never import this app (the
import-linter contracts)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import F
from django.test import Client

from giamngheo.broadcasts import services
from giamngheo.broadcasts.models import Airing, BulletinVersion
from giamngheo.core.cache import purge_page_cache
from giamngheo.reporting import selectors as reporting_selectors
from giamngheo.reporting import services as reporting_services
from giamngheo.reporting.enums import Disaggregation, PrefillSource
from tests.broadcasts.conftest import local
from tests.factories import DataSetFactory, IndicatorFactory, PeriodFactory

pytestmark = pytest.mark.django_db

RADIO = ("radio.bulletins", "radio.airings_confirmed", "radio.communes_reached")


@pytest.fixture
def aired(radio):
    """One bulletin at C1a, C1b, C2a (13–19/11/2023): C1a airs it twice, C1b once, C2a not."""
    bulletin = radio.sent()
    at = local(date(2023, 11, 16), 12)
    for commune, times in (("C1a", 2), ("C1b", 1)):
        services.confirm_airing(
            actor=radio.users[f"operator_{commune.lower()}"],
            delivery=radio.delivery(bulletin, commune),
            aired_at=local(date(2023, 11, 14), 17),
            times=times,
            at=at,
        )
    services.record_not_aired(
        actor=radio.users["operator_c2a"],
        delivery=radio.delivery(bulletin, "C2a"),
        reason="Loa hỏng.",
        at=at,
    )
    return bulletin


def test_consolidated_report_counts_them_under_form_2_1(radio, aired):
    data = reporting_selectors.communication_results(
        plan=radio.plan, start=date(2023, 1, 1), end=date(2023, 12, 31)
    )
    (radio_form,) = [f for f in data["forms"] if f["code"] == "2.1"]
    assert [radio_form["outputs"][c] for c in RADIO] == [1, 3, 2]
    (training,) = [f for f in data["forms"] if f["code"] == "2.4"]
    assert [training["outputs"][c] for c in RADIO] == [0, 0, 0]
    # Another period holds none of it.
    before = reporting_selectors.communication_results(
        plan=radio.plan, start=date(2023, 1, 1), end=date(2023, 11, 12)
    )
    assert [before["totals"]["outputs"][c] for c in RADIO] == [0, 0, 0]


@pytest.fixture
def results_page(portal, radio):
    from giamngheo.portal.services import create_page
    from giamngheo.results.models import ResultsIndexPage

    return create_page(
        parent=portal["home"],
        page=ResultsIndexPage(
            title="Kết quả thực hiện chương trình",
            slug="ket-qua",
            unit=radio.units["P"],
            plan=radio.plan,
        ),
    )


def _results_dataset(radio):
    """A yearly results data set stating the radio measures by form, as the plan's results
    form states the mass media ones (reporting/demo.py): pre-filled from the activities."""
    indicators = [
        IndicatorFactory(
            code=f"KQTT.TT_XA_{i}",
            name=name,
            disaggregation=Disaggregation.FORM,
            prefill_source=PrefillSource.OUTPUT,
            prefill_key=code,
        )
        for i, (code, name) in enumerate(
            (
                ("radio.bulletins", "Bản tin gửi đài xã"),
                ("radio.airings_confirmed", "Lượt phát đài xã xác nhận"),
                ("radio.minutes_aired", "Phút phát sóng trên loa xã"),
            )
        )
    ]
    dataset = DataSetFactory(
        code="KQTT-T", plan=radio.plan, elements=indicators, organisations=[radio.orgs["so"]]
    )
    return PeriodFactory(dataset=dataset, name="Năm 2023")


def test_the_public_results_page_shows_the_radio_figures_of_approved_reports(
    radio, aired, results_page
):
    """No code of ours in results or reporting: the registered measures, stated by the
    results data set, reach /ket-qua/ once the Department's report is approved."""
    for version in BulletinVersion.objects.filter(bulletin=aired):
        version.duration_seconds = 60.0
        version.save(update_fields=["duration_seconds"])
    Airing.objects.filter(delivery__bulletin=aired, outcome="aired").update(
        seconds_aired=F("times") * 60
    )
    period = _results_dataset(radio)
    submission = reporting_services.start_submission(
        actor=radio.users["province_admin"],
        dataset=period.dataset,
        period=period,
        organisation=radio.orgs["so"],
    )
    page = _public_results()
    assert "Số lượt phát sóng được đài xã xác nhận" not in page  # not approved yet
    reporting_services.submit_submission(submission=submission, actor=radio.users["province_admin"])
    reporting_services.approve_submission(
        submission=submission, actor=radio.users["province_admin"]
    )
    # The page is cached whole for visitors; nothing commits in this test (and the approval
    # itself purges nothing), so it is emptied here.
    purge_page_cache()
    page = _public_results()
    rows = {
        label: page.split(f'<th scope="row" class="label-cell">{label}</th> <td>', 1)[1].split("<")[
            0
        ]
        for label in (
            "Số bản tin gửi đài truyền thanh cơ sở",
            "Số lượt phát sóng được đài xã xác nhận",
            "Số phút đã phát sóng trên loa truyền thanh xã",
        )
    }
    # One bulletin; C1a aired it twice and C1b once (3 airings, 3 minutes); C2a did not.
    assert rows == {
        "Số bản tin gửi đài truyền thanh cơ sở": "1",
        "Số lượt phát sóng được đài xã xác nhận": "3",
        "Số phút đã phát sóng trên loa truyền thanh xã": "3",
    }


def _public_results() -> str:
    response = Client().get("/ket-qua/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())
