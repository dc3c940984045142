"""Bulletins through their life, the station's confirmations and the refusals (nothing written)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from giamngheo.broadcasts import exchange, selectors, services
from giamngheo.broadcasts.enums import BULLETIN_WORKFLOW, AiringOutcome, BulletinStatus, Priority
from giamngheo.broadcasts.models import Airing, Bulletin, Delivery, Station
from giamngheo.core import channels
from giamngheo.core.models import StatusEvent
from tests.broadcasts.conftest import SENT, local

pytestmark = pytest.mark.django_db


def test_bulletin_sent_to_three_communes_makes_three_deliveries(radio):
    bulletin = radio.sent()
    assert bulletin.status == BulletinStatus.SENT
    assert bulletin.sent_at == SENT
    assert sorted(d.station.name for d in bulletin.deliveries.all()) == [
        "Đài truyền thanh xã C1a",
        "Đài truyền thanh xã C1b",
        "Đài truyền thanh xã C2a",
    ]
    # A normal bulletin has no acknowledgement deadline (the rule in force says none).
    assert set(bulletin.deliveries.values_list("ack_due_at", flat=True)) == {None}
    events = StatusEvent.objects.filter(object_id=bulletin.pk).order_by("pk")
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", "draft"),
        ("draft", "approved"),
        ("approved", "sent"),
    ]


def test_bulletin_without_target_is_refused_and_nothing_written(radio):
    with pytest.raises(ValidationError) as exc:
        radio.bulletin(communes=())
    assert exc.value.message_dict["communes"] == ["Bản tin phải có ít nhất một xã nhận."]
    assert Bulletin.objects.count() == 0


def test_bulletin_with_schedule_out_of_order_is_refused(radio):
    with pytest.raises(ValidationError) as exc:
        radio.bulletin(air_from=date(2023, 11, 20), air_to=date(2023, 11, 13))
    assert exc.value.message_dict["air_to"] == [
        "Ngày kết thúc phát không được trước ngày bắt đầu phát."
    ]
    assert Bulletin.objects.count() == 0


def test_outsider_and_unit_officer_may_not_write(radio):
    for who in ("outsider", "commune_officer"):
        with pytest.raises(PermissionDenied):
            radio.bulletin(actor=radio.users[who])
    assert Bulletin.objects.count() == 0


def test_editor_may_not_approve(radio):
    bulletin = radio.bulletin()
    with pytest.raises(PermissionDenied):
        services.approve_bulletin(actor=radio.users["editor"], bulletin=bulletin)
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DRAFT


@pytest.mark.parametrize(("start", "target"), BULLETIN_WORKFLOW.pairs_outside())
def test_refused_transitions(radio, start, target):
    bulletin = radio.bulletin()
    Bulletin.objects.filter(pk=bulletin.pk).update(status=start)
    from giamngheo.core.workflow import transition

    with pytest.raises(ValidationError) as exc:
        transition(bulletin, workflow=BULLETIN_WORKFLOW, to=target, actor=radio.users["approver"])
    assert exc.value.code == "bad_transition"
    bulletin.refresh_from_db()
    assert bulletin.status == start


def test_confirm_two_airings_and_one_not_aired(radio):
    bulletin = radio.sent()
    version = bulletin.vietnamese
    version.duration_seconds = 90.0
    version.save()
    c1a = radio.delivery(bulletin, "C1a")
    operator = radio.users["operator_c1a"]
    at = local(date(2023, 11, 14), 12)
    first = services.confirm_airing(
        actor=operator, delivery=c1a, aired_at=local(date(2023, 11, 13), 17), times=1, at=at
    )
    second = services.confirm_airing(
        actor=operator, delivery=c1a, aired_at=local(date(2023, 11, 14), 6), times=2, at=at
    )
    assert (first.seconds_aired, second.seconds_aired) == (90, 180)
    c2a = radio.delivery(bulletin, "C2a")
    missed = services.record_not_aired(
        actor=radio.users["operator_c2a"], delivery=c2a, reason="Mất điện cả ngày", at=at
    )
    assert missed.outcome == AiringOutcome.NOT_AIRED
    assert missed.reason == "Mất điện cả ngày"
    report = selectors.coverage(
        bulletins=Bulletin.objects.all(), start=date(2023, 11, 13), end=date(2023, 11, 19)
    )
    assert [(r.commune.name, r.airings, r.weeks_aired, r.minutes) for r in report.rows] == [
        ("Xã C1a", 2, 1, 4),
        ("Xã C1b", 0, 0, 0),
        ("Xã C2a", 0, 0, 0),
    ]
    assert report.communes_reached == 1
    assert report.minutes == 4
    assert report.share_by_week == [pytest.approx(1 / 3)]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("future", "Thời điểm phát không được ở tương lai."),
        ("before_sent", "Thời điểm phát không được trước khi bản tin được gửi."),
    ],
)
def test_airing_time_refused(radio, case, message):
    bulletin = radio.sent()
    delivery = radio.delivery(bulletin)
    at = local(date(2023, 11, 14), 12)
    aired = at + timedelta(hours=1) if case == "future" else SENT - timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        services.confirm_airing(
            actor=radio.users["operator_c1a"], delivery=delivery, aired_at=aired, at=at
        )
    assert exc.value.message_dict["aired_at"] == [message]
    assert Airing.objects.count() == 0


def test_confirmation_before_the_bulletin_was_sent_is_refused(radio):
    bulletin = radio.sent()
    delivery = radio.delivery(bulletin)
    Bulletin.objects.filter(pk=bulletin.pk).update(status=BulletinStatus.APPROVED)
    delivery.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.confirm_airing(
            actor=radio.users["operator_c1a"],
            delivery=delivery,
            aired_at=SENT,
            at=SENT + timedelta(hours=1),
        )
    assert exc.value.messages == ["Bản tin chưa được gửi đến đài: chưa thể xác nhận phát."]
    assert Airing.objects.count() == 0


def test_confirmation_for_a_commune_not_targeted_is_refused(radio):
    bulletin = radio.sent()
    # A delivery to a station whose commune the bulletin does not target (written by hand).
    stray = Delivery.objects.create(
        bulletin=bulletin,
        station=radio.stations["C2b"],
        commune=radio.units["C2b"],
        delivered_at=SENT,
    )
    with pytest.raises(ValidationError) as exc:
        services.confirm_airing(
            actor=radio.users["operator_c2b"],
            delivery=stray,
            aired_at=SENT,
            at=SENT + timedelta(hours=1),
        )
    assert exc.value.messages == ["Xã của đài không nằm trong danh sách xã nhận bản tin."]
    assert Airing.objects.count() == 0


def test_another_stations_operator_may_not_confirm(radio):
    bulletin = radio.sent()
    with pytest.raises(PermissionDenied):
        services.confirm_airing(
            actor=radio.users["operator_c2a"], delivery=radio.delivery(bulletin, "C1a"),
            aired_at=SENT, at=SENT + timedelta(hours=1),
        )  # fmt: skip
    assert Airing.objects.count() == 0


def test_not_aired_needs_a_reason(radio):
    bulletin = radio.sent()
    with pytest.raises(ValidationError) as exc:
        services.record_not_aired(
            actor=radio.users["operator_c1a"], delivery=radio.delivery(bulletin), reason="  "
        )
    assert exc.value.message_dict["reason"] == ["Nêu lý do không phát."]
    assert Airing.objects.count() == 0


def test_evidence_that_is_not_a_document_is_refused(radio):
    bulletin = radio.sent()
    junk = SimpleUploadedFile("nhat-ky.pdf", b"#!/bin/sh\necho khong phai tai lieu\n")
    with pytest.raises(ValidationError) as exc:
        services.record_not_aired(
            actor=radio.users["operator_c1a"],
            delivery=radio.delivery(bulletin),
            reason="Hỏng loa",
            evidence=junk,
        )
    assert "Loại tệp không được chấp nhận" in exc.value.message_dict["evidence"][0]
    assert Airing.objects.count() == 0


def test_emergency_notifies_every_target_operator_and_goes_overdue(
    radio, django_capture_on_commit_callbacks
):
    Station.objects.filter(pk=radio.stations["C2a"].pk).update(contact_zalo_id="zalo-c2a")
    channels.outbox.clear()
    bulletin = radio.bulletin(priority=Priority.EMERGENCY, title="Cảnh báo lũ quét")
    services.approve_bulletin(
        actor=radio.users["approver"], bulletin=bulletin, generate_audio=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_bulletin(actor=radio.users["editor"], bulletin=bulletin, at=SENT)
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == [
        "dai.c1a@example.vn",
        "dai.c1b@example.vn",
        "dai.c2a@example.vn",
    ]
    assert mail.outbox[0].subject == "Bản tin khẩn cấp: Cảnh báo lũ quét"
    # The stations' phones by SMS, and by Zalo the one that gave its follower id.
    assert sorted((m.channel, m.to) for m in channels.outbox) == [
        ("sms", "0912000000"),
        ("sms", "0912000001"),
        ("sms", "0912000002"),
        ("zalo", "zalo-c2a"),
    ]
    deliveries = bulletin.deliveries.all()
    # Thông tư 39/2020 rules seeded by the migration: 30 minutes to acknowledge an emergency.
    assert {d.ack_due_at for d in deliveries} == {SENT + timedelta(minutes=30)}
    services.acknowledge(
        actor=radio.users["operator_c1a"],
        delivery=radio.delivery(bulletin, "C1a"),
        at=SENT + timedelta(minutes=10),
    )
    overdue = selectors.overdue_deliveries(at=SENT + timedelta(minutes=31))
    assert [d.commune.name for d in overdue] == ["Xã C1b", "Xã C2a"]
    assert list(selectors.overdue_deliveries(at=SENT + timedelta(minutes=29))) == []


def test_cap_export_and_acknowledgements_import(radio):
    bulletin = radio.sent(priority=Priority.PRIORITY)
    xml = exchange.cap_message(bulletin)
    assert "<urgency>Expected</urgency>" in xml
    assert "<severity>Moderate</severity>" in xml
    assert f"<identifier>giamngheo.truyenthanh.bulletin.{bulletin.pk}</identifier>" in xml
    station = radio.stations["C1b"]
    ack = f"""<?xml version="1.0"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>ack-1</identifier><sender>station.{station.pk}</sender>
  <sent>2023-11-13T07:20:00+07:00</sent><status>Actual</status><msgType>Ack</msgType>
  <scope>Public</scope>
  <references>giamngheo.truyenthanh,giamngheo.truyenthanh.bulletin.{bulletin.pk},2023-11-13T07:00:00+07:00</references>
</alert>""".encode()
    result = services.import_acknowledgements(actor=radio.users["editor"], data=ack)
    assert result.acknowledged == 1
    delivery = radio.delivery(bulletin, "C1b")
    assert delivery.acknowledged_at == SENT + timedelta(minutes=20)
    # An outsider's import reaches nothing.
    assert (
        services.import_acknowledgements(actor=radio.users["outsider"], data=ack).acknowledged == 0
    )


def test_file_package_holds_text_metadata_and_cap(radio):
    import io
    import json
    import zipfile

    bulletin = radio.sent()
    data = exchange.get_adapter().export(bulletin)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["cap.xml", "metadata.json", "noi-dung.txt"]
    meta = json.loads(archive.read("metadata.json"))
    assert meta["communes"] == [radio.units[c].code for c in ("C1a", "C1b", "C2a")]
    assert meta["times_per_day"] == 2


def test_bulletin_themes_are_contents_of_its_activitys_plan(radio, client):
    items = {i.code: i for i in radio.plan.items.all()}
    client.force_login(radio.users["editor"])
    form = client.get(reverse("broadcasts_new")).content.decode()
    assert f'name="themes" value="{items["1.1"].pk}"' in form
    assert f'name="themes" value="{items["2.1"].pk}"' not in form  # a form (2.x), not a content
    data = {
        "activity": radio.activity.pk,
        "title": "Bản tin về chính sách giảm nghèo",
        "text": "UBND xã thông báo chính sách hỗ trợ hộ nghèo.",
        "priority": "normal",
        "communes": [radio.units["C1a"].pk],
        "themes": [items["1.1"].pk, items["1.2"].pk],
        "air_from": "2023-11-13",
        "air_to": "2023-11-19",
        "times_per_day": 1,
        "valid_until": "2023-11-30",
    }
    response = client.post(reverse("broadcasts_new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    bulletin = Bulletin.objects.get()
    assert sorted(t.code for t in bulletin.themes.all()) == ["1.1", "1.2"]
    with pytest.raises(ValidationError) as exc:
        radio.bulletin(themes=[items["2.1"]])
    assert exc.value.message_dict["themes"] == [
        "Nội dung bản tin phải là các mục 1.x của kế hoạch của hoạt động."
    ]
    assert Bulletin.objects.count() == 1
