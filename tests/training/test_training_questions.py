"""The evaluation's questions are data the organiser edits (issue #16: "questions as data, 1–5
scales and text"): added, reworded, moved and removed on the course's question screen until
the first answer comes in, then frozen; only the organiser's officers reach the screen; bad
input is refused in Vietnamese with nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from giamngheo.training import services
from giamngheo.training.models import Question

from .conftest import DAY1, local

DEFAULT_TEXTS = [text for text, _kind in services.DEFAULT_QUESTIONS]


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _texts(course) -> list[str]:
    return list(course.questions.values_list("text", flat=True))


def _present(tworld, course):
    """One participant, checked in on the first day: the evaluation is open to them."""
    enrolment = tworld.name(tworld.allot(course), n=1)
    services.check_in(
        actor=tworld.users["organiser"],
        session=course.sessions.first(),
        code=enrolment.ticket,
        at=local(DAY1, 7, 35),
    )
    return enrolment


def test_organiser_adds_rewords_moves_and_removes_questions(tworld):
    course = tworld.course()
    client = _client(tworld.users["organiser"])
    url = reverse("training_questions", args=[course.pk])
    page = client.get(url).content.decode()
    assert all(text in page for text in DEFAULT_TEXTS)
    assert (
        client.post(url, {"text": "Thời lượng lớp học hợp lý", "kind": "scale"}).status_code == 302
    )
    added = Question.objects.get(course=course, text="Thời lượng lớp học hợp lý")
    assert (added.kind, added.position) == ("scale", 6)
    edit = reverse("training_question_edit", args=[added.pk])
    assert 'value="Thời lượng lớp học hợp lý"' in client.get(edit).content.decode()
    response = client.post(
        edit, {"text": "Anh/chị muốn học thêm nội dung gì?", "kind": "text", "position": "0"}
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.text, added.kind, added.position) == (
        "Anh/chị muốn học thêm nội dung gì?",
        "text",
        0,
    )
    first_default = Question.objects.get(course=course, text=DEFAULT_TEXTS[0])
    assert (
        client.post(reverse("training_question_delete", args=[first_default.pk])).status_code == 302
    )
    assert _texts(course) == ["Anh/chị muốn học thêm nội dung gì?", *DEFAULT_TEXTS[1:]]
    # The participant's evaluation form asks what the organiser wrote, in that order.
    enrolment = _present(tworld, course)
    form = _client().get(reverse("training:evaluate", args=[enrolment.ticket])).content.decode()
    assert form.index("Anh/chị muốn học thêm nội dung gì?") < form.index(DEFAULT_TEXTS[1])
    assert DEFAULT_TEXTS[0] not in form


def test_questions_are_frozen_once_an_answer_is_in(tworld):
    course = tworld.course()
    enrolment = _present(tworld, course)
    questions = list(course.questions.all())
    services.submit_evaluation(
        enrolment=enrolment,
        answers={q.pk: 5 if q.kind == "scale" else "" for q in questions},
    )
    client = _client(tworld.users["organiser"])
    url = reverse("training_questions", args=[course.pk])
    page = client.get(url).content.decode()
    assert "Lớp đã có 1 phiếu đánh giá: các câu hỏi không còn thay đổi được." in page
    assert 'id="btn-submit"' not in page
    refused = (
        "Lớp đã có 1 phiếu đánh giá: không thay đổi được câu hỏi (các câu trả lời đã gửi sẽ "
        "sai nghĩa)."
    )
    added = client.post(url, {"text": "Câu hỏi thêm sau", "kind": "scale"})
    assert added.status_code == 400
    assert refused in added.content.decode()
    changed = client.post(
        reverse("training_question_edit", args=[questions[0].pk]),
        {"text": "Đổi câu hỏi", "kind": "scale", "position": "0"},
    )
    assert changed.status_code == 400
    assert refused in changed.content.decode()
    with pytest.raises(ValidationError) as exc:
        services.remove_question(actor=tworld.users["organiser"], question=questions[0])
    assert exc.value.messages == [refused]
    assert _texts(course) == DEFAULT_TEXTS


def test_bad_questions_are_refused_and_nothing_is_written(tworld):
    course = tworld.course()
    organiser = tworld.users["organiser"]
    client = _client(organiser)
    url = reverse("training_questions", args=[course.pk])
    empty = client.post(url, {"text": "   ", "kind": "scale"})
    assert empty.status_code == 400
    assert "Vui lòng nhập câu hỏi." in empty.content.decode()
    kind = client.post(url, {"text": "Câu hỏi", "kind": "yes_no"})
    assert kind.status_code == 400
    assert _texts(course) == DEFAULT_TEXTS
    with pytest.raises(ValidationError) as exc:
        services.add_question(actor=organiser, course=course, text="Câu hỏi", kind="yes_no")
    assert exc.value.message_dict == {"kind": ["Loại câu hỏi không hợp lệ."]}
    for question in list(course.questions.all())[1:]:
        services.remove_question(actor=organiser, question=question)
    last = course.questions.get()
    with pytest.raises(ValidationError) as exc:
        services.remove_question(actor=organiser, question=last)
    assert exc.value.messages == ["Phiếu đánh giá cần ít nhất một câu hỏi."]
    assert course.questions.count() == 1


def test_only_the_organiser_reaches_the_question_screens(tworld):
    course = tworld.course()
    tworld.allot(course, "D1")
    question = course.questions.first()
    screens = [
        ("get", reverse("training_questions", args=[course.pk])),
        ("get", reverse("training_question_edit", args=[question.pk])),
        ("post", reverse("training_question_delete", args=[question.pk])),
    ]
    # The district given places sees the course but not its questions' screens.
    district = _client(tworld.users["district_officer"])
    assert [getattr(district, m)(u).status_code for m, u in screens] == [403, 404, 404]
    other = _client(tworld.users["other_district_officer"])
    assert [getattr(other, m)(u).status_code for m, u in screens] == [404, 404, 404]
    for client in (_client(tworld.users["outsider"]), _client()):
        assert all("/login/" in getattr(client, m)(u).get("Location", "") for m, u in screens)
    assert _texts(course) == DEFAULT_TEXTS


def test_answers_missing_a_question_added_since_are_refused(tworld):
    course = tworld.course()
    enrolment = _present(tworld, course)
    old = {q.pk: 4 if q.kind == "scale" else "" for q in course.questions.all()}
    services.add_question(
        actor=tworld.users["organiser"], course=course, text="Câu hỏi mới", kind="scale"
    )
    with pytest.raises(ValidationError) as exc:
        services.submit_evaluation(enrolment=enrolment, answers=old)
    assert exc.value.message_dict["q" + str(course.questions.last().pk)] == [
        "Vui lòng chọn một mức từ 1 đến 5."
    ]
    assert course.responses.count() == 0
