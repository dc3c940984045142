"""Access table of the contest: every object × role × action with its one exact answer, and the
ids just below and above tried for each object view.

Objects: the contest page, an entry page, an entry's stored file, the accept action, a round's
ranking (admin); a review's scoring page and its file (the jury's area); the entrant's area and
withdrawal (portal). Roles: the entrant (nb1), another entrant (nb2), the secretary, juror1,
juror3 (excluded from the newspaper's entry), the organiser, a district officer (another body),
the outsider and the public. Entrants and jurors hold no staff role: the admin sends them to sign
in (302), as it does the outsider and the public; the jury's and entrant's areas send the public
to the contest's sign-in page.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.contests import services
from giamngheo.contests.models import EntryFile, Review
from tests.contests.conftest import AUTHOR, to_judging

pytestmark = pytest.mark.django_db

ROLES = (
    "nb1",
    "nb2",
    "secretary",
    "juror1",
    "juror3",
    "organiser",
    "district_officer",
    "outsider",
    "anonymous",
)
ADMIN_LOGIN = 302
OK, GONE, NO = 200, 404, 403

# object/action → {role: status}; a role left out answers like the outsider.
TABLE = {
    ("contest", "view"): {"secretary": OK, "organiser": OK, "district_officer": GONE},
    ("entry", "view"): {"secretary": OK, "organiser": OK, "district_officer": GONE},
    ("file", "download"): {"secretary": OK, "organiser": GONE, "district_officer": GONE},
    ("round", "view"): {"secretary": OK, "organiser": OK, "district_officer": GONE},
    # the set-up screens (the organiser's officers; the secretary is one of them here)
    **{
        key: {"secretary": OK, "organiser": OK, "district_officer": GONE}
        for key in (
            ("contest", "edit"),
            ("contest", "add_prize"),
            ("contest", "add_round"),
            ("round", "edit"),
            ("round", "add_juror"),
            ("round", "record_conflict"),
        )
    },
    ("review", "score"): {
        "juror1": OK,
        "juror3": GONE,
        "nb1": GONE,
        "nb2": GONE,
        "secretary": GONE,
        "organiser": GONE,
        "district_officer": GONE,
        "outsider": GONE,
        "anonymous": "login",
    },
    ("review", "file"): {
        "juror1": OK,
        "juror3": GONE,
        "nb1": GONE,
        "nb2": GONE,
        "secretary": GONE,
        "organiser": GONE,
        "district_officer": GONE,
        "outsider": GONE,
        "anonymous": "login",
    },
    ("mine", "view"): {
        "nb1": OK,
        "nb2": OK,
        "juror1": GONE,
        "juror3": GONE,
        "secretary": GONE,
        "organiser": GONE,
        "district_officer": GONE,
        "outsider": GONE,
        "anonymous": "login",
    },
}
ADMIN_KINDS = {"contest", "entry", "file", "round"}


@pytest.fixture
def setup(cw):
    to_judging(cw)
    services.open_round(actor=cw.users["organiser"], round=cw.rounds[0], notify_jurors=False)
    # the paper's entry: juror3 is excluded; juror1's review of it is the object
    review = Review.objects.get(juror__user=cw.users["juror1"], entry=cw.entries[2])
    stored = EntryFile.objects.filter(entry=cw.entries[2]).first()
    cw.objects = {
        "contest": cw.contest.pk,
        "entry": cw.entries[2].pk,
        "file": stored.pk,
        "round": cw.rounds[0].pk,
        "review": review.pk,
    }
    cw.file_of_review = stored.pk
    return cw


def url(kind, action, pk, cw):
    return {
        ("contest", "view"): lambda: reverse("contests_contest", args=[pk]),
        ("entry", "view"): lambda: reverse("contests_entry", args=[pk]),
        ("file", "download"): lambda: reverse("contests_file", args=[pk]),
        ("round", "view"): lambda: reverse("contests_round", args=[pk]),
        ("contest", "edit"): lambda: reverse("contests_edit", args=[pk]),
        ("contest", "add_prize"): lambda: reverse("contests_prize_add", args=[pk]),
        ("contest", "add_round"): lambda: reverse("contests_round_add", args=[pk]),
        ("round", "edit"): lambda: reverse("contests_round_edit", args=[pk]),
        ("round", "add_juror"): lambda: reverse("contests_juror_add", args=[pk]),
        ("round", "record_conflict"): lambda: reverse("contests_conflict_add", args=[pk]),
        ("review", "score"): lambda: reverse("contests:score", args=[pk]),
        ("review", "file"): lambda: reverse("contests:jury_file", args=[pk, cw.file_of_review]),
        ("mine", "view"): lambda: reverse("contests:mine"),
    }[(kind, action)]()


def answer(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return ADMIN_LOGIN
        if location.startswith(reverse("contests:login")):
            return "login"
        return f"302 → {location}"
    return response.status_code


def expected(kind, action, role):
    cell = TABLE[(kind, action)]
    if role in cell:
        return cell[role]
    return ADMIN_LOGIN if kind in ADMIN_KINDS else GONE


@pytest.mark.parametrize("role", ROLES)
def test_contest_access_table(setup, role):
    cw = setup
    client = Client()
    if role != "anonymous":
        client.force_login(cw.users[role])
    failures = []
    for kind, action in TABLE:
        pk = cw.objects.get(kind, 0)
        want = expected(kind, action, role)
        got = answer(client.get(url(kind, action, pk, cw)))
        if got != want:
            failures.append(f"{role} {kind} {action}: expected {want}, got {got}")
        if kind == "mine":
            continue
        # ±1: a neighbour opens only where the same role may open it too (never for another
        # juror's review, another body's entry).
        for other in (pk - 1, pk + 1):
            got = answer(client.get(url(kind, action, other, cw)))
            allowed = want == OK and _also_allowed(cw, kind, role, other)
            if allowed:
                continue
            if got == OK:
                failures.append(f"{role} {kind} {action} id {other}: opened")
    assert not failures, "\n".join(failures)


def _also_allowed(cw, kind, role, pk) -> bool:
    if kind == "review":
        return Review.objects.filter(pk=pk, juror__user=cw.users[role]).exists()
    if kind == "file":
        return EntryFile.objects.filter(pk=pk, entry__contest=cw.contest).exists()
    if kind == "entry":
        return cw.contest.entries.filter(pk=pk).exists()
    if kind == "round":
        return cw.contest.rounds.filter(pk=pk).exists()
    return False


def test_organiser_sees_codes_not_authors(setup):
    client = Client()
    client.force_login(setup.users["organiser"])
    for target in (
        reverse("contests_contest", args=[setup.contest.pk]),
        reverse("contests_entry", args=[setup.entries[0].pk]),
    ):
        page = client.get(target).content.decode()
        assert setup.entries[0].code in page
        assert AUTHOR not in page and "Đài Phát thanh Mẫu" not in page
    client.force_login(setup.users["secretary"])
    page = client.get(reverse("contests_entry", args=[setup.entries[0].pk])).content.decode()
    assert AUTHOR in page


@pytest.mark.parametrize(
    "role,status",
    [
        ("secretary", "302 → entry"),
        ("organiser", NO),
        ("district_officer", GONE),
        ("juror1", ADMIN_LOGIN),
        ("nb1", ADMIN_LOGIN),
        ("anonymous", ADMIN_LOGIN),
    ],
)
def test_accept_action_by_role(cw, role, status):
    entry = cw.submit(title="Chờ thẩm định")
    client = Client()
    if role != "anonymous":
        client.force_login(cw.users[role])
    got = answer(client.post(reverse("contests_accept", args=[entry.pk])))
    entry.refresh_from_db()
    if status == "302 → entry":
        assert got == f"302 → {reverse('contests_entry', args=[entry.pk])}"
        assert (entry.status, entry.code) == ("accepted", "PT-001")
    else:
        assert got == status
        assert (entry.status, entry.code) == ("submitted", "")


def test_withdraw_someone_elses_entry_is_not_found(cw):
    entry = cw.submit(title="Của người khác")
    client = Client()
    client.force_login(cw.users["nb2"])
    assert client.post(reverse("contests:withdraw", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert entry.status == "submitted"
