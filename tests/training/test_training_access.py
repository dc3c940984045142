"""Access-control matrix rows for courses, places, participants, sessions, certificates and
tickets (tests/access_matrix.py), over HTTP with the organisations cast.

Course A is the Department's, with places given to district T1; course B is the Department's
too, with places given to district T2 only. ``organiser`` is an officer of the Department (it
runs both); ``district_officer`` (T1) names participants on A and sees nothing of B;
``other_district_officer`` (T2) the reverse; a commune officer of T1 is given no places and
sees neither. A participant has no account: their ticket code opens their own ticket and
nothing else. The outsider, the citizen and the public never enter the admin.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from giamngheo.organisations.enums import Role
from giamngheo.training.services import TICKET_LENGTH, new_code
from tests.access_matrix import (
    FORBIDDEN,
    NO_ADMIN_ROLES,
    NOT_FOUND,
    ROWS,
    Kind,
    add_rows,
    expect_denial,
    register_kind,
    row_grid,
    run_rows,
)
from tests.factories import MembershipFactory
from tests.organisations.conftest import world  # noqa: F401  (the organisations cast)

from .conftest import local, training_activity, training_plan

DAY = date(2023, 5, 15)
# A participant has no account: like the public, the admin sends them to sign in.
NO_ADMIN_ROLES.add("participant")


def _ensure(w):
    if getattr(w, "training", None):
        return w.training
    from giamngheo.training import services

    if "organiser" not in w.users:
        w.users["organiser"] = MembershipFactory(
            user__username="organiser", organisation=w.orgs["so"], role=Role.UNIT_OFFICER
        ).user
        w.users["other_district_officer"] = MembershipFactory(
            user__username="other_district_officer",
            organisation=w.orgs["D2"],
            role=Role.UNIT_OFFICER,
        ).user
    organiser = w.users["organiser"]
    plan = training_plan(w.orgs)
    activity = training_activity(
        actor=w.users["province_admin"],
        plan=plan,
        organisation=w.orgs["so"],
        start=date(2023, 5, 1),
        end=date(2023, 5, 31),
    )
    found = {}
    for key, district, officer, org in (
        ("A", "D1", "district_officer", "C1a"),
        ("B", "D2", "other_district_officer", "D2"),
    ):
        course = services.create_course(
            actor=organiser,
            activity=activity,
            title=f"Lớp kiểm tra quyền {key}",
            organiser=w.orgs["so"],
            venue_unit=w.units["P"],
            venue_address="Hội trường Sở",
            capacity=10,
            sessions=[services.SessionSpec(DAY, local(DAY, 7).time(), local(DAY, 16).time())],
            signer_title="Giám đốc",
            signer_name="Nguyễn Văn Ký",
        )
        allotment = services.allot_places(
            actor=organiser, course=course, organisation=w.orgs[district], places=3
        )
        enrolment = services.name_participant(
            actor=w.users[officer],
            allotment=allotment,
            full_name=f"Học viên lớp {key}",
            organisation=w.orgs[org],
            phone=f"09120000{ord(key):02d}",
            sex="male",
            ethnicity="kinh",
            notify_participant=False,
        )
        session = course.sessions.get()
        services.check_in(actor=organiser, session=session, code=enrolment.ticket, at=local(DAY, 7))
        services.close_attendance(actor=organiser, course=course)
        course.refresh_from_db()
        (certificate,) = services.issue_certificates(actor=organiser, course=course)
        found[key] = {
            "course": course,
            "allotment": allotment,
            "enrolment": enrolment,
            "session": session,
            "certificate": certificate,
        }
    w.training = found
    return found


# role -> the course inside its reach ("any" roles are shown A)
OWN = {"district_officer": "A", "other_district_officer": "B"}


def _pick(thing):
    def pick(w, role, scope):
        found = _ensure(w)
        mine = OWN.get(role, "A")
        if scope in ("own", "any"):
            return found[mine][thing]
        return found["B" if mine == "A" else "A"][thing]

    return pick


def _own_labels(label):
    def own(w, role):
        found = _ensure(w)
        if role in ("organiser", "province_admin"):
            return {label(found[k]) for k in found}
        return {label(found[OWN[role]])} if role in OWN else set()

    return own


def _kinds():
    from giamngheo.training.models import Allotment, Certificate, Course, Enrolment, Session

    register_kind(
        "tr_course",
        Kind(
            pick=_pick("course"),
            label=lambda c: c.title,
            model=Course,
            urls={
                "view": lambda c: reverse("training_course", args=[c.pk]),
                "manage": lambda c: reverse("training_allot", args=[c.pk]),
            },
            list_url=lambda: reverse("lop-tap-huan:index"),
            own_labels=_own_labels(lambda f: f["course"].title),
        ),
    )
    register_kind(
        "tr_allotment",
        Kind(
            pick=_pick("allotment"),
            label=lambda a: a.organisation.name,
            model=Allotment,
            urls={"name": lambda a: reverse("training_name", args=[a.pk])},
            own_labels=_own_labels(lambda f: f["allotment"].organisation.name),
        ),
    )
    register_kind(
        "tr_enrolment",
        Kind(
            pick=_pick("enrolment"),
            label=lambda e: e.trainee.full_name,
            model=Enrolment,
            urls={
                "invitation": lambda e: reverse("training_invitation", args=[e.pk, "docx"]),
                "withdraw": lambda e: reverse("training_withdraw", args=[e.pk]),
            },
            own_labels=_own_labels(lambda f: f["enrolment"].trainee.full_name),
        ),
    )
    register_kind(
        "tr_session",
        Kind(
            pick=_pick("session"),
            label=lambda s: s.course.title,
            model=Session,
            urls={"checkin": lambda s: reverse("training_checkin", args=[s.pk])},
            own_labels=_own_labels(lambda f: f["course"].title),
        ),
    )
    register_kind(
        "tr_certificate",
        Kind(
            pick=_pick("certificate"),
            label=lambda c: c.holder_name,
            model=Certificate,
            urls={
                "view": lambda c: reverse("giay-chung-nhan-tap-huan:inspect", args=[c.pk]),
                "revoke": lambda c: reverse("training_revoke", args=[c.pk]),
            },
            list_url=lambda: reverse("giay-chung-nhan-tap-huan:index"),
            own_labels=_own_labels(lambda f: f["certificate"].holder_name),
        ),
    )

    # The participant's ticket: its code is the only key (not an admin page).
    def pick_ticket(w, role, scope):
        if scope == "own":
            return _ensure(w)["A"]["enrolment"]
        # Another's ticket is reached by its code only: a code one does not hold is a guess.
        return SimpleNamespace(ticket=new_code(TICKET_LENGTH), trainee=None)

    register_kind(
        "tr_ticket",
        Kind(
            pick=pick_ticket,
            label=lambda e: e.trainee.full_name,
            urls={"view": lambda e: reverse("training:ticket", args=[e.ticket])},
            scoped=True,
        ),
    )


_kinds()


def _all(scope, value, actions):
    return {(scope, a): value for a in actions}


NO_ONE = ("outsider", "citizen", "anonymous", "participant")
READ = ("list", "export", "view")
UNIT_OFFICERS = ("district_officer", "other_district_officer")

add_rows(
    row_grid(
        "tr_course",
        {
            "organiser": _all("any", True, (*READ, "manage")),
            "province_admin": _all("any", True, (*READ, "manage")),
            **{
                role: {
                    **_all("own", True, READ),
                    ("own", "manage"): False,
                    **_all("foreign", False, (*READ, "manage")),
                }
                for role in UNIT_OFFICERS
            },
            "commune_officer": _all("foreign", False, ("view", "manage")),
            "editor": _all("foreign", False, ("view", "manage")),
            **{role: _all("own", False, (*READ, "manage")) for role in NO_ONE},
        },
    )
)
for _kind, _actions in (
    ("tr_allotment", ("name",)),
    ("tr_enrolment", ("invitation", "withdraw")),
):
    add_rows(
        row_grid(
            _kind,
            {
                "organiser": _all("any", True, _actions),
                **{
                    role: {**_all("own", True, _actions), **_all("foreign", False, _actions)}
                    for role in UNIT_OFFICERS
                },
                "commune_officer": _all("foreign", False, _actions),
                **{role: _all("own", False, _actions) for role in NO_ONE},
            },
        )
    )
add_rows(
    row_grid(
        "tr_session",
        {
            "organiser": _all("any", True, ("checkin",)),
            **{
                role: {("own", "checkin"): False, ("foreign", "checkin"): False}
                for role in UNIT_OFFICERS
            },
            **{role: _all("own", False, ("checkin",)) for role in NO_ONE},
        },
    )
)
add_rows(
    row_grid(
        "tr_certificate",
        {
            "organiser": _all("any", True, (*READ, "revoke")),
            **{
                role: {
                    **_all("own", True, READ),
                    ("own", "revoke"): False,
                    **_all("foreign", False, ("view", "revoke")),
                }
                for role in UNIT_OFFICERS
            },
            **{role: _all("own", False, ("view", "revoke")) for role in NO_ONE},
        },
    )
)
add_rows(
    row_grid(
        "tr_ticket",
        {
            "participant": {("own", "view"): True, ("foreign", "view"): False},
            "anonymous": {("foreign", "view"): False},
            "outsider": {("foreign", "view"): False},
        },
    )
)
# A unit given places sees the course's sessions (its page lists them) but checks no one in.
expect_denial("tr_session", {(role, "own", "checkin"): FORBIDDEN for role in UNIT_OFFICERS})
# Someone else's ticket is not found, whoever asks (the code is the only key).
expect_denial(
    "tr_ticket",
    {(role, "foreign", "view"): NOT_FOUND for role in ("participant", "anonymous", "outsider")},
)

TR_KINDS = {
    "tr_course",
    "tr_allotment",
    "tr_enrolment",
    "tr_session",
    "tr_certificate",
    "tr_ticket",
}
ROLES = sorted({r.role for r in ROWS if r.kind in TR_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_training_access_matrix(role, world):  # noqa: F811
    _ensure(world)
    client = Client()
    if role not in ("anonymous", "participant"):
        client.force_login(world.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in TR_KINDS]
    run_rows(rows, client=client, world=world)


def test_training_rows_cover_the_issues_roles():
    roles = {r.role for r in ROWS if r.kind in TR_KINDS}
    assert roles >= {
        "organiser",
        "district_officer",
        "other_district_officer",
        "participant",
        "outsider",
        "anonymous",
    }
