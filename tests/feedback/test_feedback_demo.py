"""The demo feedback: answer templates, deadlines by kind as data, a transferred item, a hidden
item, figures for the statistics; a second run adds nothing."""

from __future__ import annotations

import io

import pytest


@pytest.fixture
def demo(db):
    from giamngheo.feedback.demo import load_demo_feedback
    from giamngheo.organisations.demo import load_demo_organisations

    load_demo_organisations(with_users=True)
    out = io.StringIO()
    created = load_demo_feedback(stdout=out)
    return created, out.getvalue()


def test_demo_has_templates_transfer_hidden_item_and_statistics(demo):
    from giamngheo.core.models import StatusEvent
    from giamngheo.feedback import selectors
    from giamngheo.feedback.demo import HIDE_REASON, TRANSFER_REASON, load_demo_feedback
    from giamngheo.feedback.enums import EventAction
    from giamngheo.feedback.models import AnswerTemplate, DeadlinePolicy, Feedback

    created, _out = demo
    assert created == 30
    assert AnswerTemplate.objects.count() == 3
    assert dict(DeadlinePolicy.objects.values_list("kind", "working_days")) == {
        "feedback": 10,
        "recommendation": 15,
        "question": 7,
        "wrongdoing": 15,
    }
    transfer = StatusEvent.objects.get(action=EventAction.TRANSFER)
    assert transfer.reason == TRANSFER_REASON
    assert transfer.subject.organisation == transfer.organisation
    hidden = Feedback.objects.get(is_hidden=True)
    assert hidden.moderation_reason == HIDE_REASON
    assert selectors.get_public_feedback(code=hidden.tracking_code) is None
    figures = selectors.public_statistics(year=2023)
    assert figures["received"] == 18
    assert figures["answered"] > 0 and figures["median_days"] is not None
    assert load_demo_feedback() == 0
    assert AnswerTemplate.objects.count() == 3
    # The public Q&A lists each demo question once (issue 13 item 17).
    subjects = list(selectors.published_answers(query="").values_list("subject", flat=True))
    assert len(subjects) == len(set(subjects)) > 0


def test_demo_commune_officers_hold_current_memberships_with_open_items(demo):
    """canbo.lucngan and canbo.tansoi answer today's items about their communes: current
    memberships of today's commune People's Committees, open items routed there, and commune
    bodies in the transfer list."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from giamngheo.feedback import selectors
    from giamngheo.feedback.admin.actions import assignable_organisations
    from giamngheo.feedback.enums import NOT_RUNNING
    from giamngheo.organisations.models import Membership

    today = timezone.localdate()
    users = get_user_model().objects
    bodies = {}
    for username in ("canbo.lucngan", "canbo.tansoi"):
        user = users.get(username=username)
        [current] = Membership.objects.valid_on(today).filter(
            user=user, organisation__in=assignable_organisations()
        )
        assert current.organisation.kind == "ubnd"
        assert current.organisation.unit.level == "commune"
        bodies[username] = current.organisation
        open_items = selectors.feedback_for_user(user=user).exclude(status__in=NOT_RUNNING)
        assert open_items.filter(organisation=current.organisation).count() >= 2
    assert bodies["canbo.lucngan"].name == "Ủy ban nhân dân xã Lục Ngạn"
    assert set(bodies.values()) <= set(assignable_organisations())
