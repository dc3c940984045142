"""The four radio measures keep planning.registry's contract."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from giamngheo.broadcasts import services
from giamngheo.broadcasts.models import Bulletin
from giamngheo.planning import registry
from tests.broadcasts.conftest import radio_activity
from tests.factories import HCM
from tests.planning.measure_contract import check_measure_contract

pytestmark = pytest.mark.django_db


def _sent_on(radio, day: date, *, aired: bool):
    activity = radio_activity(
        actor=radio.users["province_admin"], plan=radio.plan, organisation=radio.orgs["so"]
    )
    at = datetime.combine(day, time(7), tzinfo=HCM)
    bulletin = radio.bulletin(
        activity=activity,
        communes=("C1a",),
        air_from=date(2023, 1, 1),
        air_to=date(2023, 12, 31),
        valid_until=date(2023, 12, 31),
    )
    services.approve_bulletin(
        actor=radio.users["approver"], bulletin=bulletin, generate_audio=False
    )
    services.send_bulletin(actor=radio.users["editor"], bulletin=bulletin, at=at, tell=False)
    version = bulletin.versions.get()
    version.duration_seconds = 120.0
    version.save()
    if aired:
        services.confirm_airing(
            actor=radio.users["operator_c1a"], delivery=bulletin.deliveries.get(),
            aired_at=at.replace(hour=17), times=3, at=at.replace(hour=18),
        )  # fmt: skip
    return activity


@pytest.mark.parametrize(
    ("code", "quantity"),
    [
        ("radio.bulletins", 1),
        ("radio.airings_confirmed", 3),
        ("radio.communes_reached", 1),
        ("radio.minutes_aired", 6),
    ],
)
def test_radio_measure_keeps_the_contract(radio, code, quantity):
    def record(day):
        return _sent_on(radio, day, aired=True), quantity

    check_measure_contract(registry.get_measure(code), record=record)
    assert Bulletin.objects.exists()
