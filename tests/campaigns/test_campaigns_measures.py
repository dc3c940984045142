"""The output measures of item 2.6 keep the registry's contract (period both ends included,
scope, constant queries) and count exactly; declared reach is counted apart."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.campaigns import services
from giamngheo.planning import registry
from tests.campaigns.conftest import make_activity, make_campaign
from tests.campaigns.test_campaigns_services import _png
from tests.factories import HCM
from tests.planning.measure_contract import check_measure_contract

CHECKS = {"opened": True, "on_topic": True, "lawful": True, "people_consent": True}
_serial = itertools.count(1)


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=HCM)


def _item(cworld, day, *, kind="video", approve=False):
    n = next(_serial)
    activity = make_activity(cworld.base, cworld.plan, title=f"Chiến dịch số {n}")
    campaign = make_campaign(
        cworld.base,
        activity,
        slug=f"chien-dich-{n}",
        start=day,
        end=day,
        moderators=[cworld.users["moderator"]],
    )
    item = cworld.submit(campaign=campaign, now=_noon(day), kind=kind, contact=f"0912{n:06d}")
    if approve:
        item = services.approve_submission(
            actor=cworld.users["moderator"], submission=item, checks=CHECKS, at=_noon(day)
        )
    return item


def _declared(cworld, day):
    item = _item(cworld, date(2023, 3, 1), approve=True)
    services.declare_reach(
        submission=item,
        declared_by="submitter",
        views=250,
        shares=4,
        evidence=SimpleUploadedFile("so-lieu.png", _png()),
        on=day,
    )
    return item.campaign.activity, 250


RECORDS = {
    "campaign.campaigns": lambda w, day: (_item(w, day).campaign.activity, 1),
    "campaign.submissions": lambda w, day: (_item(w, day).campaign.activity, 1),
    "campaign.approved": lambda w, day: (_item(w, day, approve=True).campaign.activity, 1),
    "campaign.approved_videos": lambda w, day: (
        _item(w, day, approve=True, kind="reportage").campaign.activity,
        1,
    ),
    "campaign.participants": lambda w, day: (_item(w, day).campaign.activity, 1),
    "campaign.declared_views": _declared,
}


@pytest.mark.parametrize("code", sorted(RECORDS))
def test_measure_keeps_the_contract(cworld, code):
    check_measure_contract(
        registry.get_measure(code), record=lambda day: RECORDS[code](cworld, day)
    )


def test_measures_count_exactly(cworld):
    day = date(2023, 8, 16)
    activity = make_activity(cworld.base, cworld.plan, title="Chiến dịch tháng 8")
    campaign = make_campaign(
        cworld.base,
        activity,
        slug="thang-8",
        start=date(2023, 8, 1),
        end=date(2023, 8, 31),
        moderators=[cworld.users["moderator"]],
    )
    made = []
    # Two people: one sends three items (a video, a reportage, a post), the other one post.
    for contact, kind in (("0912000001", "video"), ("0912000001", "reportage"),
                          ("0912000001", "post"), ("0912000002", "post")):  # fmt: skip
        made.append(cworld.submit(campaign=campaign, now=_noon(day), kind=kind, contact=contact))
    for item in made[:3]:
        services.approve_submission(
            actor=cworld.users["moderator"], submission=item, checks=CHECKS, at=_noon(day)
        )
    services.reject_submission(
        actor=cworld.users["moderator"], submission=made[3], reason="Trùng bài", at=_noon(day)
    )
    found = {
        code: registry.get_measure(code).count(
            type(activity).objects.filter(pk=activity.pk),
            start=date(2023, 1, 1),
            end=date(2023, 12, 31),
        )
        for code in sorted(RECORDS)
    }
    assert found == {
        "campaign.approved": {activity.pk: 3},
        "campaign.approved_videos": {activity.pk: 2},
        "campaign.campaigns": {activity.pk: 1},
        "campaign.declared_views": {},
        "campaign.participants": {activity.pk: 2},
        "campaign.submissions": {activity.pk: 4},
    }
    assert {m.code for m in registry.measures(form_kind="digital")} >= set(RECORDS)
    assert not any(code.startswith("mass_media.") for code in RECORDS)
