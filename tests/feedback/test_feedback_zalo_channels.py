"""Sender backends (feedback/channels.py): receipts and status notices by SMS as well as e-mail;
console backends print; a broken gateway never breaks a submission."""

from __future__ import annotations

import pytest
from django.core import mail

from giamngheo.feedback import channels, services
from giamngheo.feedback.channels import SmsBackend
from giamngheo.feedback.enums import FeedbackStatus as S


class BrokenSms(SmsBackend):
    def send(self, *, to: str, text: str) -> None:
        raise ConnectionError("gateway down")


@pytest.fixture
def memory(fb, settings):
    settings.FEEDBACK_SMS_BACKEND = "giamngheo.feedback.channels.MemorySmsBackend"
    settings.FEEDBACK_ZALO_BACKEND = "giamngheo.feedback.channels.MemoryZaloBackend"
    channels.outbox.clear()
    yield fb
    channels.outbox.clear()


def _submit(fb, **extra):
    kwargs = {
        "kind": "question",
        "category": fb.categories["bhyt"],
        "subject": "Hỏi về thẻ bảo hiểm y tế",
        "description": "Nội dung.",
        "unit": fb.units["N1a"],
        "identity_mode": "confidential",
        "reporter_name": "Trần Thị Hoa",
        "reporter_phone": "0912345678",
        "reporter_email": "hoa@example.vn",
        "consent_processing": True,
        "consent_publish": False,
    }
    kwargs.update(extra)
    return services.submit_feedback(**kwargs)


def test_receipt_goes_by_email_and_sms(memory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = _submit(memory)
    [email] = mail.outbox
    assert email.to == ["hoa@example.vn"]
    assert item.tracking_code in email.subject
    [sms] = channels.outbox
    assert (sms.channel, sms.to) == ("sms", "0912345678")
    assert sms.text.startswith(
        f"Đã tiếp nhận phản ánh, kiến nghị. Mã tra cứu: {item.tracking_code}. "
        f"Hạn xử lý: {item.deadline:%d/%m/%Y}. Tra cứu: "
    )
    assert sms.text.endswith(f"/phan-anh/tra-cuu/{item.tracking_code}/")
    assert "/phan-anh/rieng/" not in sms.text  # the private link stays out of an SMS


def test_status_change_goes_by_email_and_sms(memory, django_capture_on_commit_callbacks):
    item = _submit(memory, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_feedback(feedback=item, to=S.ACCEPTED, actor=None)
    [email] = mail.outbox
    assert "Đã thụ lý" in email.subject
    [sms] = channels.outbox
    assert sms.to == "0912345678"
    assert sms.text.startswith(
        f"Phản ánh, kiến nghị {item.tracking_code} đã chuyển sang trạng thái: Đã thụ lý. "
    )


def test_broken_sms_gateway_never_breaks_a_submission(
    memory, settings, django_capture_on_commit_callbacks, caplog
):
    settings.FEEDBACK_SMS_BACKEND = "tests.feedback.test_feedback_zalo_channels.BrokenSms"
    with django_capture_on_commit_callbacks(execute=True):
        item = _submit(memory)
    assert item.pk is not None
    assert len(mail.outbox) == 1
    assert "outgoing sms message failed" in caplog.text
    assert channels.send_sms(to="0912345678", text="x") is False


def test_console_backends_print_the_message(settings, capsys):
    settings.FEEDBACK_SMS_BACKEND = ""  # not configured: the console default
    settings.FEEDBACK_ZALO_BACKEND = "giamngheo.feedback.channels.ConsoleZaloBackend"
    assert channels.send_sms(to="0912345678", text="Mã tra cứu: PA-7K3M-9Q.") is True
    assert channels.send_zalo(to="2468458835296117922", text="Xin chào") is True
    out = capsys.readouterr().out
    assert "[sms] → 0912345678\nMã tra cứu: PA-7K3M-9Q.\n" in out
    assert "[zalo] → 2468458835296117922\nXin chào\n" in out
