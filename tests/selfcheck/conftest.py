"""The self-check cast: the 07/2021 standard loaded by migration 0002, a second standard added as
data only, a clock set to a chosen day, and a province with two communes in force."""

from __future__ import annotations

from datetime import date

import pytest

from tests.organisations.conftest import PASSWORD, world  # noqa: F401
from tests.selfcheck.sc_world import SECOND


@pytest.fixture
def standard(db):
    from giamngheo.selfcheck.selectors import standard_for

    found = standard_for(on=date(2024, 1, 1))
    assert found is not None, "migration 0002 loads the 07/2021 standard"
    return found


@pytest.fixture
def second_standard(db):
    from giamngheo.selfcheck.data_07_2021 import DIMENSIONS
    from giamngheo.selfcheck.services import create_standard

    return create_standard(data=SECOND, dimensions=DIMENSIONS)


@pytest.fixture
def on_day(monkeypatch):
    """Sets the day the site believes it is (the clock lies outside the code under test)."""
    from django.utils import timezone

    real = timezone.localdate

    def _set(day: date):
        def fake(value=None, timezone=None):
            return day if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", fake)
        return day

    return _set


@pytest.fixture
def communes(db):
    from giamngheo.organisations import services
    from giamngheo.organisations.enums import UnitLevel

    province = services.create_unit(
        code="S24", name="Tỉnh Bắc Ninh", level=UnitLevel.PROVINCE, valid_from=date(2025, 7, 1)
    )
    return {
        "tan_yen": services.create_unit(
            code="S901",
            name="Xã Tân Yên",
            level=UnitLevel.COMMUNE,
            parent=province,
            valid_from=date(2025, 7, 1),
        ),
        "lang_giang": services.create_unit(
            code="S902",
            name="Xã Lạng Giang",
            level=UnitLevel.COMMUNE,
            parent=province,
            valid_from=date(2025, 7, 1),
        ),
    }
