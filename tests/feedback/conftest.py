"""The feedback cast: the organisations world (tests/organisations/conftest.py), plus routing,
categories, an approver, and items routed to different bodies."""

from __future__ import annotations

import pytest

from tests.feedback.fb_world import add_feedback_world, make_png, post_data  # noqa: F401
from tests.organisations.conftest import PASSWORD, world  # noqa: F401


@pytest.fixture
def fb(world):  # noqa: F811
    return add_feedback_world(world)


@pytest.fixture
def today_commune(fb):
    return fb.units["N1a"]
