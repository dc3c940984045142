"""The CAP 1.2 message of a bulletin, read back as XML: the elements in the order of the OASIS
schema's sequences, an emergency as Immediate/Severe, each recorded language version's audio as
a ``resource`` (MIME type, size in bytes, address), each target commune as an ``area`` with its
official code."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree as ET
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.broadcasts import exchange, services
from giamngheo.broadcasts.enums import Language, Priority

pytestmark = pytest.mark.django_db

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"


def test_cap_message_of_an_emergency_with_its_audio(radio, settings, tmp_path):
    from giamngheo.broadcasts.speech.backends import speak

    settings.MEDIA_ROOT = str(tmp_path)
    bulletin = radio.bulletin(priority=Priority.EMERGENCY, communes=("C1a", "C2a"))
    mp3 = speak("Bão số ba sắp đổ bộ.").mp3
    vi = services.upload_recording(
        actor=radio.users["editor"], bulletin=bulletin, upload=SimpleUploadedFile("vi.mp3", mp3)
    )
    tay = services.upload_recording(
        actor=radio.users["editor"],
        bulletin=bulletin,
        upload=SimpleUploadedFile("tay.mp3", mp3),
        language=Language.TAY,
        text="Bản tin tiếng Tày.",
    )
    alert = ET.fromstring(exchange.cap_message(bulletin))
    assert alert.tag == f"{CAP}alert"
    assert [child.tag.removeprefix(CAP) for child in alert] == [
        "identifier", "sender", "sent", "status", "msgType", "scope", "info",
    ]  # fmt: skip
    info = alert.find(f"{CAP}info")
    assert [child.tag.removeprefix(CAP) for child in info] == [
        "language", "category", "event", "urgency", "severity", "certainty", "expires",
        "senderName", "headline", "description", "resource", "resource", "area", "area",
    ]  # fmt: skip
    assert (info.findtext(f"{CAP}urgency"), info.findtext(f"{CAP}severity")) == (
        "Immediate",
        "Severe",
    )
    resources = [
        (
            r.findtext(f"{CAP}resourceDesc"),
            r.findtext(f"{CAP}mimeType"),
            r.findtext(f"{CAP}size"),
            r.findtext(f"{CAP}uri").rsplit("/", 1)[-1],
        )
        for r in info.findall(f"{CAP}resource")
    ]
    assert sorted(resources) == sorted(
        [
            ("Tiếng Việt", "audio/mpeg", str(len(mp3)), f"{vi.pk}.mp3"),
            ("Tiếng Tày", "audio/mpeg", str(len(mp3)), f"{tay.pk}.mp3"),
        ]
    )
    areas = [
        (a.findtext(f"{CAP}areaDesc"), a.findtext(f"{CAP}geocode/{CAP}value"))
        for a in info.findall(f"{CAP}area")
    ]
    assert sorted(areas) == sorted(
        [(radio.units[c].name, radio.units[c].code) for c in ("C1a", "C2a")]
    )
