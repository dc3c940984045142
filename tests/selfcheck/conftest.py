"""The self-check cast: the 07/2021 standard loaded by migration 0002, a second standard added as
data only, a clock set to a chosen day, and a province with two communes in force."""

from __future__ import annotations

from datetime import date

import pytest

from giamngheo.organisations.enums import UnitLevel
from tests.factories import REFORM_DAY, UnitFactory
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
    province = UnitFactory(
        code="S24", name="Tỉnh Bắc Ninh", level=UnitLevel.PROVINCE, valid_from=REFORM_DAY
    )
    return {
        key: UnitFactory(code=code, name=name, parent=province, valid_from=REFORM_DAY)
        for key, code, name in (
            ("tan_yen", "S901", "Xã Tân Yên"),
            ("lang_giang", "S902", "Xã Lạng Giang"),
        )
    }
