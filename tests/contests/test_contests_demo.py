"""The demo loader on the seed: the 2023 contest, idempotent, its accounts."""

import io

import pytest
from django.core.management import call_command

from giamngheo.contests.models import Contest, Entry, RoundEntry

pytestmark = pytest.mark.django_db


def test_demo_contest_story_and_second_run_adds_nothing(settings):
    settings.DEMO_USERS_ENABLED = True
    call_command("load_demo", stdout=io.StringIO())
    contest = Contest.objects.get(slug="bao-chi-giam-ngheo-2023")
    assert (contest.status, contest.decision_number) == ("decided", "215/QĐ-SLĐTBXH")
    assert Entry.objects.filter(contest=contest).count() == 30
    assert Entry.objects.filter(contest=contest, status="accepted").count() == 28
    assert RoundEntry.objects.filter(round__contest=contest, awarded_on__isnull=False).count() == 16
    assert Entry.objects.filter(entrant__user__username="nhabao.demo").count() == 3
    call_command("load_demo", stdout=io.StringIO())
    assert Entry.objects.filter(contest__slug="bao-chi-giam-ngheo-2023").count() == 30
