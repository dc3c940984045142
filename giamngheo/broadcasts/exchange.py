"""Exchange with the provincial source information system (Thông tư 39/2020/TT-BTTTT, chapter
on data connection): no public API is specified, so an adapter interface with the file export
as the default. Each bulletin becomes an OASIS CAP 1.2 message (priority as urgency and
severity, the audio as a resource) and a file package; acknowledgements come back as CAP
``Ack`` messages. The server fetches nothing from outside.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.utils.module_loading import import_string

from giamngheo.core.notify import site_url

from .enums import Priority

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
SENDER = "giamngheo.truyenthanh"
# TT 39/2020's three levels onto CAP's urgency and severity.
CAP_LEVELS = {
    Priority.NORMAL: ("Future", "Minor"),
    Priority.PRIORITY: ("Expected", "Moderate"),
    Priority.EMERGENCY: ("Immediate", "Severe"),
}


def identifier(bulletin) -> str:
    return f"{SENDER}.bulletin.{bulletin.pk}"


def _stamp(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def cap_message(bulletin) -> str:
    ET.register_namespace("", CAP_NS)
    q = lambda tag: f"{{{CAP_NS}}}{tag}"  # noqa: E731
    alert = ET.Element(q("alert"))
    for tag, value in (
        ("identifier", identifier(bulletin)),
        ("sender", SENDER),
        ("sent", _stamp(bulletin.sent_at or bulletin.approved_at or bulletin.created_at)),
        ("status", "Actual"),
        ("msgType", "Alert"),
        ("scope", "Public"),
    ):
        ET.SubElement(alert, q(tag)).text = value
    info = ET.SubElement(alert, q("info"))
    urgency, severity = CAP_LEVELS[bulletin.priority]
    for tag, value in (
        ("language", "vi-VN"),
        ("category", "Other"),
        ("event", "Bản tin truyền thanh cơ sở"),
        ("urgency", urgency),
        ("severity", severity),
        ("certainty", "Observed"),
        ("expires", f"{bulletin.valid_until.isoformat()}T23:59:59+07:00"),
        ("senderName", str(bulletin.activity.subplan.organisation)),
        ("headline", bulletin.title),
        ("description", bulletin.text),
    ):
        ET.SubElement(info, q(tag)).text = value
    for version in bulletin.versions.all():
        if not version.audio:
            continue
        resource = ET.SubElement(info, q("resource"))
        ET.SubElement(resource, q("resourceDesc")).text = version.get_language_display()
        ET.SubElement(resource, q("mimeType")).text = "audio/mpeg"
        ET.SubElement(resource, q("size")).text = str(version.audio_bytes)
        ET.SubElement(resource, q("uri")).text = site_url(
            f"/truyen-thanh/am-thanh/{version.pk}.mp3"
        )
    for commune in bulletin.communes.all():
        area = ET.SubElement(info, q("area"))
        ET.SubElement(area, q("areaDesc")).text = commune.name
        code = ET.SubElement(area, q("geocode"))
        ET.SubElement(code, q("valueName")).text = "MA_DVHC"
        ET.SubElement(code, q("value")).text = commune.code
    return ET.tostring(alert, encoding="unicode", xml_declaration=True)


def metadata(bulletin) -> dict:
    return {
        "identifier": identifier(bulletin),
        "title": bulletin.title,
        "priority": bulletin.priority,
        "air_from": bulletin.air_from.isoformat(),
        "air_to": bulletin.air_to.isoformat(),
        "times_per_day": bulletin.times_per_day,
        "valid_until": bulletin.valid_until.isoformat(),
        "communes": [c.code for c in bulletin.communes.all()],
        "versions": [
            {
                "language": v.language,
                "duration_seconds": v.duration_seconds,
                "loudness_lufs": v.loudness_lufs,
                "bytes": v.audio_bytes,
            }
            for v in bulletin.versions.all()
        ],
    }


@dataclass(frozen=True)
class Ack:
    identifier: str
    bulletin_id: int
    station_id: int
    sent: datetime


def parse_acks(data: bytes) -> list[Ack]:
    """CAP 1.2 ``Ack`` alerts, one or several under any root: ``references`` is
    ``sender,identifier,sent`` of our alert; ``sender`` is ``station.<id>``."""
    root = SafeET.fromstring(data)
    alerts = [root] if root.tag == f"{{{CAP_NS}}}alert" else root.iter(f"{{{CAP_NS}}}alert")
    found = []
    for alert in alerts:
        get = lambda tag, a=alert: (a.findtext(f"{{{CAP_NS}}}{tag}") or "").strip()  # noqa: E731
        if get("msgType") != "Ack":
            continue
        references = get("references").split(",")
        sender = get("sender")
        if len(references) < 2 or not sender.startswith("station."):
            continue
        ref = references[1].rsplit(".", 1)[-1]
        station = sender.removeprefix("station.")
        if not (ref.isdigit() and station.isdigit()):
            continue
        found.append(
            Ack(
                identifier=get("identifier"),
                bulletin_id=int(ref),
                station_id=int(station),
                sent=datetime.fromisoformat(get("sent")),
            )
        )
    return found


def package_bulletin(*, bulletin) -> bytes:
    """The file package for the provincial source information system: text, MP3, metadata."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("noi-dung.txt", bulletin.text)
        archive.writestr(
            "metadata.json", json.dumps(metadata(bulletin), ensure_ascii=False, indent=2)
        )
        archive.writestr("cap.xml", cap_message(bulletin))
        for version in bulletin.versions.all():
            if version.audio:
                with version.audio.open("rb") as handle:
                    archive.writestr(f"am-thanh-{version.language}.mp3", handle.read())
    return buffer.getvalue()


class ExchangeAdapter:
    """Hands a bulletin to the provincial system; the default writes the file package."""

    def export(self, bulletin) -> bytes:
        return package_bulletin(bulletin=bulletin)


def get_adapter() -> ExchangeAdapter:
    return import_string(
        getattr(
            settings, "BROADCASTS_EXCHANGE_ADAPTER", "giamngheo.broadcasts.exchange.ExchangeAdapter"
        )
    )()
