"""Notices of the awards flow (DESIGN §8.2: notifications after commit): the officer who filed a
nomination is told, by e-mail, that the office returned it and why; a refused move tells no one."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from giamngheo.awards import services

REASON = "Báo cáo thành tích chưa có xác nhận của Ủy ban nhân dân xã."


def test_the_filing_officer_is_told_of_a_returned_dossier_and_why(
    aworld, django_capture_on_commit_callbacks
):
    officer = aworld.users["district_officer"]
    officer.email = "canbo.t1@example.vn"
    officer.save(update_fields=["email"])
    n = aworld.complete(aworld.nomination())
    services.submit_nomination(actor=officer, nomination=n)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_nomination(actor=aworld.users["office"], nomination=n, reason=REASON)
    assert [m.to for m in mail.outbox] == [["canbo.t1@example.vn"]]
    message = mail.outbox[0]
    assert message.subject == f"Hồ sơ đề nghị khen thưởng “{n.name}” được trả lại để bổ sung"
    assert f"Lý do: {REASON}" in message.body
    assert f"/admin/thi-dua/ho-so/{n.pk}/" in message.body


def test_a_refused_return_tells_no_one(aworld, django_capture_on_commit_callbacks):
    officer = aworld.users["district_officer"]
    officer.email = "canbo.t1@example.vn"
    officer.save(update_fields=["email"])
    n = aworld.nomination()  # a draft: nothing to return
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.return_nomination(actor=aworld.users["office"], nomination=n, reason=REASON)
    assert mail.outbox == []
