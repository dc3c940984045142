"""Services: the state machine, codes, deadlines, routing, identity, publication."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from giamngheo.feedback import selectors, services
from giamngheo.feedback.enums import FEEDBACK_WORKFLOW, TRANSITIONS, FeedbackStatus, IdentityMode
from giamngheo.feedback.models import Feedback
from tests.feedback.fb_world import at

S = FeedbackStatus
CODE_RE = re.compile(
    r"^PA-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{2}$"
)


def _submit(fb, **extra):
    kwargs = {
        "kind": "question",
        "category": fb.categories["bhyt"],
        "subject": "Câu hỏi",
        "description": "Nội dung.",
        "unit": fb.units["N1a"],
        "identity_mode": IdentityMode.ANONYMOUS,
        "consent_processing": False,
        "consent_publish": True,
        "notify": False,
    }
    kwargs.update(extra)
    return services.submit_feedback(**kwargs)


def _walk(item, *steps, actor=None):
    for step in steps:
        reason = "Lý do." if step in (S.REFUSED, S.INFO_REQUESTED, S.WITHDRAWN) else ""
        services.transition_feedback(feedback=item, to=step, actor=actor, reason=reason)
    return item


def test_transition_full_path_is_audited(fb):
    item = _submit(fb)
    admin = fb.users["province_admin"]
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.INFO_REQUESTED, actor=admin)
    services.supply_information(feedback=item, text="Thôn Đồng Tâm, nộp hồ sơ tháng 3.")
    _walk(item, S.IN_PROGRESS, actor=admin)
    services.answer_feedback(feedback=item, body="Trả lời.", actor=admin)
    _walk(item, S.CLOSED, actor=admin)
    item.refresh_from_db()
    assert item.status == S.CLOSED
    assert item.closed_at is not None
    events = list(item.events.values_list("from_status", "to_status"))
    assert events == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.ACCEPTED),
        (S.ACCEPTED, S.ASSIGNED),
        (S.ASSIGNED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.INFO_REQUESTED),
        (S.INFO_REQUESTED, S.INFO_SUPPLIED),
        (S.INFO_SUPPLIED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.ANSWERED),
        (S.ANSWERED, S.CLOSED),
    ]
    assert item.events.get(to_status=S.INFO_SUPPLIED).reason == (
        "Thôn Đồng Tâm, nộp hồ sơ tháng 3."
    )


@pytest.mark.parametrize(
    ("frm", "to"),
    [
        (S.RECEIVED, S.CLOSED),
        (S.REFUSED, S.ANSWERED),
        (S.ACCEPTED, S.IN_PROGRESS),
        (S.ANSWERED, S.IN_PROGRESS),
        (S.CLOSED, S.IN_PROGRESS),
        (S.REFUSED, S.ACCEPTED),
        (S.WITHDRAWN, S.RECEIVED),
        (S.RECEIVED, S.RECEIVED),
        (S.RECEIVED, "bogus"),
    ],
)
def test_transition_not_allowed_is_refused_and_leaves_no_trace(fb, frm, to):
    item = _submit(fb)
    paths = {
        S.RECEIVED: [],
        S.ACCEPTED: [S.ACCEPTED],
        S.REFUSED: [S.REFUSED],
        S.WITHDRAWN: [S.WITHDRAWN],
        S.ANSWERED: [S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS],
    }
    if frm in (S.ANSWERED, S.CLOSED):
        _walk(item, *paths[S.ANSWERED])
        services.answer_feedback(feedback=item, body="Trả lời.", actor=None)
        if frm == S.CLOSED:
            _walk(item, S.CLOSED)
    else:
        _walk(item, *paths[frm])
    events_before = item.events.count()
    with pytest.raises(ValidationError) as exc:
        services.transition_feedback(feedback=item, to=to, actor=None, reason="x")
    assert "Không thể chuyển từ trạng thái" in exc.value.messages[0]
    item.refresh_from_db()
    assert item.status == frm
    assert item.events.count() == events_before


def test_transition_feedback_refuses_every_pair_outside_the_map(fb):
    """The service itself is called on every (from, to) the map refuses, by the lead
    department with a reason and another body: the exact message, and nothing written (status,
    body, closing time, history)."""
    item = _submit(fb)
    admin = fb.users["province_admin"]
    other = next(o for o in fb.orgs.values() if o.pk != item.organisation_id)
    fields = ("status", "organisation_id", "closed_at")
    events = list(item.events.values_list("pk", flat=True))
    pairs = FEEDBACK_WORKFLOW.pairs_outside()
    assert len(pairs) == len(S.values) ** 2 - sum(len(t) for t in TRANSITIONS.values())
    # Received → answered is allowed (answer now); closed without an answer is not.
    assert (S.RECEIVED, S.ANSWERED) not in pairs
    assert (S.RECEIVED, S.CLOSED) in pairs and (S.ANSWERED, S.WITHDRAWN) in pairs
    for frm, to in pairs:
        Feedback.objects.filter(pk=item.pk).update(status=frm)  # arrange: the row as found
        before = Feedback.objects.values(*fields).get(pk=item.pk)
        with pytest.raises(ValidationError) as exc:
            services.transition_feedback(
                feedback=item, to=to, actor=admin, reason="Lý do.", organisation=other
            )
        assert exc.value.code == "bad_transition"
        assert exc.value.messages == [
            f"Không thể chuyển từ trạng thái “{S(frm).label}” sang “{S(to).label}”."
        ], (frm, to)
        assert Feedback.objects.values(*fields).get(pk=item.pk) == before
        assert list(item.events.values_list("pk", flat=True)) == events


@pytest.mark.parametrize("to", [S.REFUSED, S.WITHDRAWN])
def test_transition_needs_a_reason(fb, to):
    item = _submit(fb)
    with pytest.raises(ValidationError) as exc:
        services.transition_feedback(feedback=item, to=to, actor=None, reason="  ")
    assert exc.value.messages == ["Vui lòng nêu lý do."]
    item.refresh_from_db()
    assert item.status == S.RECEIVED


def test_tracking_code_format_and_uniqueness(fb):
    codes = {services.new_tracking_code() for _ in range(3000)}
    assert all(CODE_RE.match(c) for c in codes)
    assert not any(c in code for code in codes for c in "01OI")
    items = [_submit(fb) for _ in range(5)]
    assert len({i.tracking_code for i in items}) == 5
    assert all(CODE_RE.match(i.tracking_code) for i in items)


def test_tracking_code_clash_draws_again(fb, monkeypatch):
    first = _submit(fb)
    draws = iter([first.tracking_code, first.tracking_code, "PA-2345-67"])
    monkeypatch.setattr(services.intake, "new_tracking_code", lambda: next(draws))
    second = _submit(fb)
    assert second.tracking_code == "PA-2345-67"
    assert Feedback.objects.filter(tracking_code=first.tracking_code).count() == 1


def test_tracking_code_exhausted_raises_and_saves_nothing(fb, monkeypatch):
    first = _submit(fb)
    count = Feedback.objects.count()
    monkeypatch.setattr(services.intake, "new_tracking_code", lambda: first.tracking_code)
    with pytest.raises(IntegrityError):
        _submit(fb)
    assert Feedback.objects.count() == count


def test_code_lookup_forgives_case_spaces_and_dashes(fb):
    item = _submit(fb)
    body = item.tracking_code.replace("PA-", "").replace("-", "")
    for typed in (item.tracking_code.lower(), f"pa {body[:4]} {body[4:]}", body, f"  PA—{body}  "):
        assert selectors.get_public_feedback(code=typed) == item
    assert selectors.get_public_feedback(code="PA-0000-OO") is None
    assert selectors.get_public_feedback(code="x" * 500) is None


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # Friday 28/4/2023; 29/4–3/5 are the Reunification Day and Labour Day holidays.
        (at(date(2023, 4, 28), 10), date(2023, 5, 10)),
        # 23:59:59 local on Thursday is Thursday (16:59:59 UTC); one second later it is Friday.
        (at(date(2023, 4, 27), 23, 59, 59), date(2023, 5, 9)),
        (at(date(2023, 4, 28), 0, 0, 0), date(2023, 5, 10)),
    ],
)
def test_deadline_in_working_days_in_hanoi_time(fb, settings, received, expected):
    settings.FEEDBACK_DEADLINE_DAYS = {**settings.FEEDBACK_DEADLINE_DAYS, "question": 5}
    item = _submit(fb, unit=fb.units["C1a"], received_at=received)
    assert item.deadline == expected


def test_deadline_by_kind_is_configurable(fb, settings):
    settings.FEEDBACK_DEADLINE_DAYS = {
        "feedback": 1,
        "recommendation": 2,
        "question": 3,
        "wrongdoing": 4,
    }
    monday = at(date(2023, 6, 5))
    got = {
        k: _submit(fb, kind=k, unit=fb.units["C1a"], received_at=monday).deadline
        for k in settings.FEEDBACK_DEADLINE_DAYS
    }
    assert got == {
        "feedback": date(2023, 6, 6),
        "recommendation": date(2023, 6, 7),
        "question": date(2023, 6, 8),
        "wrongdoing": date(2023, 6, 9),
    }


def test_routing_most_specific_rule_in_force_wins(fb):
    u, o, c = fb.units, fb.orgs, fb.categories
    on_2023 = date(2023, 5, 10)
    assert (
        selectors.route_for(unit=u["C1a"], category=c["bhyt"], on=on_2023).organisation == o["C1a"]
    )
    assert (
        selectors.route_for(unit=u["C1b"], category=c["bhyt"], on=on_2023).organisation == o["D1"]
    )
    assert (
        selectors.route_for(unit=u["C2b"], category=c["bhyt"], on=on_2023).organisation == o["so"]
    )
    # A rule for the category beats a deeper rule for every category.
    assert (
        selectors.route_for(unit=u["C1a"], category=c["truc-loi"], on=on_2023).organisation
        == o["so"]
    )
    # Today the 2023 rules are closed; the 2025 province rule applies.
    assert (
        selectors.route_for(unit=u["N1a"], category=c["bhyt"], on=date(2026, 1, 5)).organisation
        == o["so"]
    )
    assert selectors.route_for(unit=u["C1a"], category=c["bhyt"], on=date(2026, 1, 5)) is None


def test_submit_refuses_unit_not_in_force(fb):
    with pytest.raises(ValidationError):
        _submit(fb, unit=fb.units["C1a"])  # closed on 30/6/2025
    with pytest.raises(ValidationError):
        _submit(fb, unit=fb.units["D1"], received_at=at(date(2023, 5, 10)))  # not a commune


def test_anonymous_keeps_no_identity_and_identified_needs_contact_and_consent(fb):
    item = _submit(fb, reporter_name="Trần Thị B", reporter_email="b@example.vn")
    assert (item.reporter_name, item.reporter_email) == ("", "")
    with pytest.raises(ValidationError) as exc:
        _submit(fb, identity_mode=IdentityMode.IDENTIFIED, reporter_name="Trần Thị B")
    assert set(exc.value.message_dict) == {"reporter_phone", "consent_processing"}


def test_receipt_mail_has_code_and_private_link(fb, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = _submit(
            fb,
            identity_mode=IdentityMode.IDENTIFIED,
            reporter_name="Lê Văn C",
            reporter_email="c@example.vn",
            consent_processing=True,
            notify=True,
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["c@example.vn"]
    assert item.tracking_code in message.subject
    assert f"/phan-anh/rieng/{item.private_token}/" in message.body
    assert item.token_hash != item.private_token
    assert selectors.get_feedback_by_token(token=item.private_token) == item


def test_consents_are_recorded(fb):
    from giamngheo.organisations.models import ConsentRecord

    _submit(
        fb,
        identity_mode=IdentityMode.IDENTIFIED,
        reporter_name="Lê Văn C",
        reporter_phone="0912 000 111",
        consent_processing=True,
        consent_publish=True,
    )
    assert set(
        ConsentRecord.objects.filter(subject_key="0912000111").values_list(
            "purpose_code", flat=True
        )
    ) == {"feedback-processing", "feedback-publish"}


def test_publish_needs_consent_and_an_answer(fb):
    item = _submit(fb, consent_publish=False)
    with pytest.raises(ValidationError):
        services.publish_answer(feedback=item, actor=None)
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS)
    services.answer_feedback(feedback=item, body="Trả lời.", actor=None)
    with pytest.raises(ValidationError) as exc:
        services.publish_answer(feedback=item, actor=None)
    assert "không đồng ý công khai" in exc.value.messages[0]
    assert not selectors.published_answers().exists()


def test_published_answer_cannot_be_edited(fb):
    item = _submit(fb)
    _walk(item, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS)
    services.answer_feedback(feedback=item, body="Trả lời về bảo hiểm y tế.", actor=None)
    services.publish_answer(feedback=item, actor=None)
    assert list(selectors.published_answers(query="BAO HIEM")) == [item]
    assert list(selectors.published_answers(query="bảo hiểm")) == [item]
    assert list(selectors.published_answers(query="ho ngheo")) == []
    with pytest.raises(ValidationError):
        services.answer_feedback(feedback=item, body="Sửa.", actor=None)


def test_personal_data_registry_exports_and_erases_reporter(fb):
    from giamngheo.organisations.personal_data import (
        erase_subject,
        export_subject,
        resolve_subject,
    )

    item = fb.feedback["C1a"]
    subject = resolve_subject("nguoi.gui.c1a@example.vn")
    exported = export_subject(subject=subject)["categories"]["feedback.reporter"]["records"]
    assert [r["tracking_code"] for r in exported] == [item.tracking_code]
    assert erase_subject(subject=subject)["feedback.reporter"] == {"erased": 1}
    item.refresh_from_db()
    assert (item.identity_mode, item.reporter_name, item.reporter_email, item.reporter_phone) == (
        IdentityMode.ANONYMOUS,
        "",
        "",
        "",
    )
