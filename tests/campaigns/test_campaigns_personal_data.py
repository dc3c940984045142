"""The submitters' contacts in the personal-data registry (DESIGN §5.7): exported with the
labels a citizen reads, erased on request, and the erasure keeps the count of distinct participants."""

from __future__ import annotations

from datetime import date

from giamngheo.campaigns.models import ContactCode, Submission
from giamngheo.organisations.personal_data import erase_subject, export_subject, resolve_subject
from giamngheo.planning import registry


def _participants(cworld) -> dict[int, int]:
    activity = cworld.campaign.activity
    return registry.get_measure("campaign.participants").count(
        type(activity).objects.filter(pk=activity.pk),
        start=date(2000, 1, 1),
        end=date(2100, 12, 31),
    )


def test_a_submitters_items_are_exported_in_words(cworld):
    item = cworld.submit()
    found = export_subject(subject=resolve_subject("+84 912 345 678"))["categories"]
    assert found["campaigns.submitter"]["records"] == [
        {
            "chiến dịch": "Lan tỏa thông điệp giảm nghèo trên nền tảng số",
            "tiêu đề": "Hành trình thoát nghèo của gia đình chị Lan",
            "liên kết": "https://www.tiktok.com/@doanxa.c1a/video/7251234567890123456",
            "tên hiển thị": "",
            "kênh xác minh": "Tin nhắn SMS",
            "liên hệ": "0912345678",
            "đồng ý công khai": True,
            "người xuất hiện đã đồng ý": True,
            "gửi lúc": item.submitted_at.isoformat(),
            "trạng thái": "Chờ kiểm duyệt",
        }
    ]


def test_erasure_removes_the_contact_and_keeps_the_participant_count(cworld):
    first = cworld.submit()
    second = cworld.submit(title="Bài thứ hai của cùng người gửi")
    cworld.submit(contact="0987 654 321", title="Bài của người khác")
    assert _participants(cworld) == {cworld.campaign.activity_id: 2}
    report = erase_subject(subject=resolve_subject("0912345678"))
    assert report["campaigns.submitter"] == {"erased": 2}
    rows = dict(
        Submission.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "contact")
    )
    assert rows == {first.pk: "", second.pk: ""}
    assert Submission.objects.exclude(contact="").values_list("contact", flat=True).get() == (
        "0987654321"
    )
    # One person who sent two items is still one participant, and no hash of their number is
    # left to find them by: neither on the items nor on the one-time codes they were sent.
    assert _participants(cworld) == {cworld.campaign.activity_id: 2}
    old = first.contact_hash
    assert not Submission.objects.filter(contact_hash=old).exists()
    assert not ContactCode.objects.filter(contact_hash=old).exists()
    assert (
        "campaigns.submitter"
        not in export_subject(subject=resolve_subject("0912345678"))["categories"]
    )
