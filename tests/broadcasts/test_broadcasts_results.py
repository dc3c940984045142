"""Coverage in the consolidated report (and the reports it pre-fills, which the public results
show once approved): the radio measures registered with planning.registry (measures.py) reach
it with no code of ours in reporting or results, which never import this app (the
import-linter contracts)."""

from __future__ import annotations

from datetime import date

import pytest

from giamngheo.broadcasts import services
from giamngheo.reporting import selectors as reporting_selectors
from tests.broadcasts.conftest import local

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
