"""Handlers' register: scoping (rows of tests/access_matrix.py), the item screen, the actions."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from giamngheo.feedback import selectors, services
from giamngheo.feedback.enums import FeedbackStatus as S
from giamngheo.feedback.models import Feedback
from tests.access_matrix import ROWS, Kind, add_rows, register_kind, row_grid, run_rows
from tests.feedback.fb_world import add_feedback_world, at

# --- access-matrix rows ----------------------------------------------------------------------

_OWN = {"commune_officer": "C1a", "district_officer": "D1"}
_FOREIGN = {"commune_officer": "C2a", "district_officer": "C1a"}  # C1a: in D1's district,
# but routed to the commune's own body: reporters' details stay with the body that answers.


def _pick(world, role, scope):
    add_feedback_world(world)
    if scope == "own":
        return world.feedback[_OWN[role]]
    if scope == "foreign":
        return world.feedback[_FOREIGN[role]]
    return world.feedback["C2a"]


def _own_labels(world, role):
    add_feedback_world(world)
    if role == "province_admin":
        return {f.tracking_code for f in world.feedback.values()}
    return {world.feedback[_OWN[role]].tracking_code} if role in _OWN else set()


if "feedback" not in {r.kind for r in ROWS}:
    register_kind(
        "feedback",
        Kind(
            pick=_pick,
            label=lambda f: f.tracking_code,
            model=Feedback,
            urls={
                "view": lambda f: reverse("phan-anh:inspect", args=[f.pk]),
                "edit": lambda f: reverse("phan-anh:edit", args=[f.pk]),
                "delete": lambda f: reverse("phan-anh:delete", args=[f.pk]),
            },
            list_url=lambda: reverse("phan-anh:index"),
            add_url=lambda: reverse("phan-anh:add"),
            own_labels=_own_labels,
        ),
    )
    _read = {"list": True, "export": True, "view": True, "edit": False, "delete": False}
    _none = dict.fromkeys(("list", "export", "view", "edit", "delete"), False)

    def _cells(scope, values):
        return {(scope, a): v for a, v in values.items()}

    add_rows(
        row_grid(
            "feedback",
            {
                "province_admin": {**_cells("any", _read), ("any", "add"): False},
                "commune_officer": {
                    **_cells("own", _read),
                    **_cells("foreign", _none),
                    ("any", "add"): False,
                },
                "district_officer": {
                    **_cells("own", _read),
                    **_cells("foreign", _none),
                    ("any", "add"): False,
                },
                "editor": {**_cells("any", _none), ("any", "add"): False},
                "outsider": {**_cells("any", _none), ("any", "add"): False},
                "citizen": {**_cells("any", _none), ("any", "add"): False},
                "anonymous": {**_cells("any", _none), ("any", "add"): False},
            },
        )
    )

FEEDBACK_ROLES = sorted({r.role for r in ROWS if r.kind == "feedback"})


@pytest.mark.parametrize("role", FEEDBACK_ROLES)
def test_feedback_access_matrix(role, fb):
    client = Client()
    if role != "anonymous":
        client.force_login(fb.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind == "feedback"]
    run_rows(rows, client=client, world=fb)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("province_admin", {"C1a", "C2a", "D1", "so"}),
        ("commune_officer", {"C1a"}),
        ("approver_c1a", {"C1a"}),
        ("other_commune_officer", {"C2a"}),
        ("district_officer", {"D1"}),
        ("editor", set()),
        ("outsider", set()),
        ("citizen", set()),
    ],
)
def test_feedback_for_user_holds_only_own_rows(fb, role, expected):
    codes = set(
        selectors.feedback_for_user(user=fb.users[role]).values_list("tracking_code", flat=True)
    )
    assert codes == {fb.feedback[k].tracking_code for k in expected}


def test_lead_department_handler_sees_all(fb, django_user_model):
    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import Role

    user = django_user_model.objects.create_user("lead_officer")
    org_services.create_membership(
        user=user, organisation=fb.orgs["so"], role=Role.UNIT_OFFICER, valid_from=date(2023, 1, 1)
    )
    assert selectors.feedback_for_user(user=user).count() == 4


def test_outsider_gets_404_on_foreign_ids_plus_minus_one(fb):
    from django.http import Http404

    officer = fb.users["commune_officer"]
    own = fb.feedback["C1a"]
    assert selectors.get_feedback_for_user(user=officer, pk=own.pk) == own
    for pk in (fb.feedback["C2a"].pk, own.pk - 1, own.pk + 1, "1 OR 1=1", -1):
        if pk == own.pk:
            continue
        with pytest.raises(Http404):
            selectors.get_feedback_for_user(user=officer, pk=pk)


# --- the item screen and its actions ---------------------------------------------------------


def test_inspect_shows_confidential_reporter_to_handler_and_logs_the_read(client, fb):
    from giamngheo.organisations.audit import personal_data_reads_of

    item = fb.feedback["C1a"]
    client.force_login(fb.users["commune_officer"])
    response = client.get(reverse("phan-anh:inspect", args=[item.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Văn C1a" in html and "nguoi.gui.c1a@example.vn" in html
    assert "chỉ cán bộ xử lý được biết" in html
    reads = list(personal_data_reads_of(subject=item))
    assert [(r.actor_username, r.purpose) for r in reads] == [("commune_officer", "handle")]


def test_an_item_routed_correctly_is_answered_in_one_step(client, fb):
    """At 'received' the body that holds the item sees 'Trả lời ngay' and the actions that apply
    there, each its own short form (no 'Chuyển đến cơ quan' box on every action); one post
    answers it (before: accept → transfer to itself → start → answer)."""
    item = fb.feedback["C1a"]
    assert item.status == S.RECEIVED
    client.force_login(fb.users["commune_officer"])
    html = client.get(reverse("phan-anh:inspect", args=[item.pk])).content.decode()
    assert "Trả lời ngay" in html and "Chuyển đến cơ quan (khi chọn" not in html
    assert html.count('name="to" value="') == 2  # accept, refuse: what 'received' allows
    assert 'name="to" value="closed"' not in html
    url = reverse("phan-anh:process", args=[item.pk])
    assert client.post(url, {"action": "answer", "body": "Đã cấp thẻ."}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.answer.body) == (S.ANSWERED, "Đã cấp thẻ.")
    assert [e.to_status for e in selectors.events_for(feedback=item)][-1] == S.ANSWERED


def test_handler_answers_and_approver_publishes(client, fb):
    item = fb.feedback["C1a"]
    url = reverse("phan-anh:process", args=[item.pk])
    client.force_login(fb.users["commune_officer"])
    for step in (S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS):
        response = client.post(
            url, {"action": "transition", "to": step, "organisation": fb.orgs["C1a"].pk}
        )
        assert response.status_code == 302
    client.post(url, {"action": "answer", "body": "Đã cấp thẻ bảo hiểm y tế."})
    item.refresh_from_db()
    assert item.status == S.ANSWERED
    assert item.answer.body == "Đã cấp thẻ bảo hiểm y tế."
    # A unit officer may not publish; the approver of the same body may.
    client.post(url, {"action": "publish"})
    item.answer.refresh_from_db()
    assert item.answer.is_published is False
    client.force_login(fb.users["approver_c1a"])
    client.post(url, {"action": "publish"})
    item.answer.refresh_from_db()
    assert item.answer.is_published is True
    public = Client().get(reverse("feedback:status", args=[item.tracking_code]))
    assert "Đã cấp thẻ bảo hiểm y tế." in public.content.decode()


def test_refused_transition_is_a_message_not_an_error(client, fb):
    item = fb.feedback["C1a"]
    client.force_login(fb.users["commune_officer"])
    response = client.post(
        reverse("phan-anh:process", args=[item.pk]),
        {"action": "transition", "to": S.REFUSED, "reason": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "Vui lòng nêu lý do." in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.RECEIVED


def test_outsider_cannot_act_on_foreign_item(client, fb):
    item = fb.feedback["C2a"]
    for role in ("commune_officer", "district_officer", "editor", "outsider"):
        client.force_login(fb.users[role])
        for pk in (item.pk, item.pk + 1000):
            response = client.post(
                reverse("phan-anh:process", args=[pk]), {"action": "transition", "to": S.ACCEPTED}
            )
            if role == "outsider":  # no admin access: to sign-in
                assert response.status_code == 302, role
                assert response["Location"].startswith("/admin/login/"), role
            else:  # a foreign or missing item is not found
                assert response.status_code == 404, (role, pk)
    item.refresh_from_db()
    assert item.status == S.RECEIVED
    response = client.get(reverse("phan-anh:process", args=[item.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_attachment_served_only_in_scope(client, fb):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from giamngheo.core.uploads import validate_upload
    from tests.feedback.fb_world import make_png

    clean = validate_upload(SimpleUploadedFile("a.png", make_png()), allowed={"png"})
    item = services.submit_feedback(
        kind="feedback",
        category=fb.categories["bhyt"],
        subject="Có ảnh",
        description="Ảnh.",
        unit=fb.units["C1a"],
        identity_mode="anonymous",
        consent_processing=False,
        consent_publish=False,
        files=[clean],
        received_at=at(date(2023, 5, 11)),
        notify=False,
    )
    attachment = item.attachments.get()
    url = reverse("phan-anh:attachment", args=[attachment.pk])
    client.force_login(fb.users["commune_officer"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(fb.users["other_commune_officer"])
    assert client.get(url).status_code == 404


def test_admin_list_query_count_does_not_grow(client, fb):
    client.force_login(fb.users["commune_officer"])
    url = reverse("phan-anh:index")
    client.get(url)

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx)

    one = measure()
    for n in range(2):
        services.submit_feedback(
            kind="feedback",
            category=fb.categories["bhyt"],
            subject=f"Thêm {n}",
            description="Nội dung.",
            unit=fb.units["C1a"],
            identity_mode="anonymous",
            consent_processing=False,
            consent_publish=False,
            received_at=at(date(2023, 5, 12)),
            notify=False,
        )
    assert selectors.feedback_for_user(user=fb.users["commune_officer"]).count() == 3
    assert measure() == one


def test_officer_enters_a_phone_item_in_own_commune_only(client, fb):
    from giamngheo.feedback.admin.forms import OfficerIntakeForm

    url = reverse("phan-anh:intake")
    officer = fb.users["province_admin"]
    client.force_login(officer)
    page = client.get(url)
    assert page.status_code == 200
    assert "Xã mới N1a" in page.content.decode()
    assert "Nhập phản ánh qua điện thoại" in client.get(reverse("phan-anh:index")).content.decode()
    data = {
        "kind": "question",
        "category": fb.categories["bhyt"].pk,
        "subject": "Gọi điện hỏi",
        "description": "Người dân gọi điện hỏi về thẻ bảo hiểm y tế.",
        "province": fb.units["P2025"].pk,
        "unit": fb.units["N1a"].pk,
        "identity_mode": "identified",
        "reporter_name": "Hoàng Văn D",
        "reporter_phone": "0912 111 222",
        "consent_processing": "on",
        "channel": "phone",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    item = Feedback.objects.get(subject="Gọi điện hỏi")
    assert (item.channel, item.entered_by, item.reporter_name) == ("phone", officer, "Hoàng Văn D")
    assert response["Location"] == reverse("phan-anh:inspect", args=[item.pk])
    # A commune officer is offered no commune outside their reach (all of theirs closed in 2025).
    form = OfficerIntakeForm(user=fb.users["commune_officer"])
    assert form.groups == []
    client.force_login(fb.users["outsider"])  # no admin access: to sign-in
    refused = client.get(url)
    assert (refused.status_code, refused["Location"]) == (302, f"/admin/login/?next={url}")
    client.force_login(fb.users["editor"])  # in the admin, not a handler: the 403 page
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Chỉ cán bộ xử lý phản ánh, kiến nghị được mở trang này." in refused.content.decode()


# --- statistics screen and its export: access-matrix rows (issue #4) ----------------------------

_STATS_OWN = {"commune_officer": "C1a", "district_officer": "D1", "province_admin": "C2a"}
_STATS_FOREIGN = {"commune_officer": "C2a", "district_officer": "C1a"}


def _stats_pick(world, role, scope):
    add_feedback_world(world)
    key = (_STATS_OWN if scope in ("own", "any") else _STATS_FOREIGN).get(role, "C2a")
    return world.feedback[key].organisation


if "feedback_stats" not in {r.kind for r in ROWS}:
    register_kind(
        "feedback_stats",
        Kind(
            pick=_stats_pick,
            label=lambda org: org.name,
            urls={},
            list_url=lambda: reverse("thong-ke-phan-anh:index") + "?nam=2023&theo=organisation",
        ),
    )
    _yes = {"list": True, "export": True}
    _no = {"list": False, "export": False}
    add_rows(
        row_grid(
            "feedback_stats",
            {
                "province_admin": {("any", a): v for a, v in _yes.items()},
                "commune_officer": {
                    **{("own", a): v for a, v in _yes.items()},
                    **{("foreign", a): v for a, v in _no.items()},
                },
                "district_officer": {
                    **{("own", a): v for a, v in _yes.items()},
                    **{("foreign", a): v for a, v in _no.items()},
                },
                **{
                    role: {("any", a): v for a, v in _no.items()}
                    for role in ("editor", "outsider", "citizen", "anonymous")
                },
            },
        )
    )

STATS_ROLES = sorted({r.role for r in ROWS if r.kind == "feedback_stats"})


@pytest.mark.parametrize("role", STATS_ROLES)
def test_feedback_statistics_access_matrix(role, fb):
    client = Client()
    if role != "anonymous":
        client.force_login(fb.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind == "feedback_stats"]
    run_rows(rows, client=client, world=fb)


# --- the handlers' actions (POST), role × scope × action ------------------------------------------

_ACTION_OWN = {
    "commune_officer": "C1a",
    "approver_c1a": "C1a",
    "district_officer": "D1",
    "province_admin": "C2a",
}
_ACTION_FOREIGN = {"commune_officer": "C2a", "approver_c1a": "C2a", "district_officer": "C1a"}
ACTION_ROWS = [
    # role, scope, action, allowed
    ("commune_officer", "own", "transfer", True),
    ("commune_officer", "foreign", "transfer", False),
    ("commune_officer", "own", "return", True),
    ("commune_officer", "foreign", "return", False),
    ("commune_officer", "own", "moderate", True),
    ("commune_officer", "foreign", "moderate", False),
    ("commune_officer", "own", "ban", False),
    ("commune_officer", "own", "publish", False),
    ("approver_c1a", "own", "ban", True),
    ("approver_c1a", "own", "publish", True),
    ("approver_c1a", "foreign", "ban", False),
    ("approver_c1a", "foreign", "publish", False),
    ("district_officer", "own", "transfer", True),
    ("district_officer", "own", "return", True),
    ("district_officer", "foreign", "transfer", False),
    ("district_officer", "foreign", "moderate", False),
    ("province_admin", "any", "reassign", True),
    ("province_admin", "any", "moderate", True),
    ("province_admin", "any", "ban", True),
    ("province_admin", "any", "publish", True),
    *[
        (role, "any", action, False)
        for role in ("editor", "outsider", "citizen", "anonymous")
        for action in ("transfer", "return", "moderate", "ban", "publish")
    ],
]


def _prepare(fb, item, action):
    from giamngheo.feedback import services as s

    s.transition_feedback(feedback=item, to=S.ACCEPTED, actor=None)
    s.transition_feedback(feedback=item, to=S.ASSIGNED, actor=None, organisation=item.organisation)
    if action == "publish":
        s.transition_feedback(feedback=item, to=S.IN_PROGRESS, actor=None)
        s.answer_feedback(feedback=item, body="Trả lời.", actor=None)


def _post_and_effect(fb, client, item, action):
    from giamngheo.feedback.models import Ban

    url = reverse("phan-anh:process", args=[item.pk])
    other = fb.orgs["C1b"]
    data = {
        "transfer": {
            "action": "transition",
            "to": S.ASSIGNED,
            "organisation": other.pk,
            "reason": "Sai địa bàn.",
        },
        "reassign": {"action": "transition", "to": S.ASSIGNED, "organisation": other.pk},
        "return": {"action": "transition", "to": S.RETURNED, "reason": "Không thuộc thẩm quyền."},
        "moderate": {"action": "moderate", "moderation": "hide", "reason": "Xúc phạm."},
        "ban": {"action": "ban", "ban_reason": "Quấy rối."},
        "publish": {"action": "publish"},
    }[action]
    response = client.post(url, data)
    assert response.status_code in (302, 403, 404)
    item.refresh_from_db()
    if action in ("transfer", "reassign"):
        return item.organisation == other
    if action == "return":
        return item.status == S.RETURNED
    if action == "moderate":
        return item.is_hidden
    if action == "ban":
        return Ban.objects.filter(feedback=item).exists()
    return item.answer.is_published


@pytest.mark.parametrize(
    ("role", "scope", "action", "allowed"),
    ACTION_ROWS,
    ids=[f"{r}-{s}-{a}-{'allowed' if ok else 'denied'}" for r, s, a, ok in ACTION_ROWS],
)
def test_feedback_action_matrix(fb, role, scope, action, allowed):
    key = (_ACTION_FOREIGN if scope == "foreign" else _ACTION_OWN).get(role, "C2a")
    item = fb.feedback[key]
    _prepare(fb, item, action)
    client = Client()
    if role != "anonymous":
        client.force_login(fb.users[role])
    assert _post_and_effect(fb, client, item, action) is allowed
