"""The demo story of item 2.3 (marked sample): the 2023 sơ kết with nominations from three
districts, one returned, two public comments, the council with two absentees in writing and the
decision; idempotent."""

from __future__ import annotations

import io

import pytest


@pytest.fixture
def demo(db):
    from giamngheo.awards.demo import load_demo_awards
    from giamngheo.organisations.demo import load_demo_organisations
    from giamngheo.planning.demo import load_demo_plan
    from giamngheo.reporting.demo import load_demo_reporting

    load_demo_organisations(with_users=True)
    load_demo_plan()
    load_demo_reporting()
    out = io.StringIO()
    accounts = load_demo_awards(stdout=out, with_users=True)
    return out.getvalue(), accounts


def test_demo_tells_the_2023_review_story(demo):
    from giamngheo.awards.demo import load_demo_awards
    from giamngheo.awards.models import Nomination, PublicComment, Round

    text, accounts = demo
    assert [a[0] for a in accounts] == ["vanphong.thidua"] + [f"hoidong.{i}" for i in range(1, 8)]
    round_ = Round.objects.get()
    assert round_.is_sample
    statuses = sorted(round_.nominations.values_list("status", flat=True))
    assert statuses == ["commended", "commended", "commended", "not_commended", "returned"]
    assert round_.nominations.values("nominating_organisation").distinct().count() == 3
    assert set(round_.nominations.values_list("created_by__username", flat=True)) >= {
        "canbo.lucngan"
    }
    assert PublicComment.objects.count() == 2
    meeting = round_.meetings.get()
    assert sorted(meeting.seats.values_list("attendance", flat=True)) == (
        ["absent_written"] * 2 + ["present"] * 5
    )
    assert "quyết định 1850/QĐ-UBND khen 3" in text
    load_demo_awards(with_users=True)
    assert Nomination.objects.count() == 5
