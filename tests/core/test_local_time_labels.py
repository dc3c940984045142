"""Issue 13 item 7: the labels Django and Wagtail show for a record (choosers, lists, the
history, a deleted object's name) write its time in Asia/Ho_Chi_Minh, like every page. They
formatted the stored UTC instant: a request made at 00:30 on 1 January in Vietnam read
31/12/2023."""

from __future__ import annotations

from datetime import UTC, datetime

from giamngheo.campaigns.models import ContactCode
from giamngheo.organisations.models import ConsentRecord
from giamngheo.selfcheck.models import ContactRequest

NEW_YEAR = datetime(2023, 12, 31, 17, 30, tzinfo=UTC)  # 00:30, 1 January 2024 in Vietnam


def test_a_self_check_contact_request_is_dated_in_vietnam():
    assert str(ContactRequest(name="Nguyễn Văn An", created_at=NEW_YEAR)) == (
        "Nguyễn Văn An — 01/01/2024"
    )


def test_a_consent_is_dated_in_vietnam():
    assert str(ConsentRecord(purpose_code="lien-he", given_at=NEW_YEAR)) == "lien-he — 01/01/2024"


def test_a_contact_code_is_timed_in_vietnam():
    assert str(ContactCode(channel="sms", created_at=NEW_YEAR)) == "Tin nhắn SMS 01/01/2024 00:30"
