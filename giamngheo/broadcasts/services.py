"""Every write of the commune radio app: keyword-only arguments, ``full_clean()``, atomic.

A bulletin is written (draft), approved — which queues the Vietnamese speech as a task —, sent
(one delivery per target station in force, written in bulk, and for an emergency every target
station's operator notified at once), then closed or withdrawn; every status move goes through
``core.workflow.transition``. Stations confirm each airing or say it did not air, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.notify import notify, site_url
from giamngheo.core.text import normalise_phone, normalize_text
from giamngheo.core.uploads import validate_upload
from giamngheo.core.workflow import record_event, transition
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.planning.enums import ItemKind

from . import selectors
from .enums import (
    BULLETIN_WORKFLOW,
    AiringOutcome,
    AudioSource,
    BroadcastAction,
    BulletinStatus,
    Language,
    Priority,
)
from .exchange import parse_acks
from .models import Airing, Bulletin, BulletinVersion, Delivery, Station
from .speech.backends import SpeechError, measure_bytes, to_mp3
from .tasks import generate_bulletin_audio

AUDIO_KINDS = {"mp3", "ogg", "m4a"}
EVIDENCE_KINDS = {"jpg", "png", "pdf", "xlsx", "ods"}


def _text(value: str) -> str:
    return normalize_text(value or "").strip()


# --- stations ---------------------------------------------------------------------------------


def create_station(
    *,
    actor,
    name: str,
    commune: AdministrativeUnit,
    kind: str,
    operator_organisation,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    contact_zalo_id: str = "",
    operators=(),
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Station:
    """A commune's station (the province keeps them; the demo and the tests call this)."""
    if commune.level != UnitLevel.COMMUNE:
        raise ValidationError({"commune": [_("Đài truyền thanh cơ sở thuộc một xã.")]})
    station = Station(
        name=_text(name),
        commune=commune,
        kind=kind,
        operator_organisation=operator_organisation,
        contact_name=_text(contact_name),
        contact_phone=normalise_phone(contact_phone) if contact_phone else "",
        contact_email=contact_email,
        contact_zalo_id=_text(contact_zalo_id),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    station.full_clean()
    with transaction.atomic():
        station.save()
        station.operators.set(operators)
    return station


# --- bulletins --------------------------------------------------------------------------------


def resolve_communes(
    *, on: date, communes=(), district: AdministrativeUnit | None = None, everywhere=False
) -> list[AdministrativeUnit]:
    """Target communes: a list, a district's communes, or every commune, in force on ``on``."""
    qs = AdministrativeUnit.objects.valid_on(on).filter(level=UnitLevel.COMMUNE)
    if everywhere:
        return list(qs)
    if district is not None:
        return list(qs.filter(path__startswith=district.path).exclude(pk=district.pk))
    return list(communes)


def create_bulletin(
    *,
    actor,
    activity,
    title: str,
    text: str,
    communes,
    air_from: date,
    air_to: date,
    valid_until: date,
    priority: str = Priority.NORMAL,
    times_per_day: int = 1,
    themes=(),
    is_public: bool = True,
    source_feedback: str = "",
    is_sample: bool = False,
) -> Bulletin:
    """A draft. Refused without a target commune, with the schedule out of order, or for an
    activity outside the actor's reach."""
    if not actor.has_perm("broadcasts.add_bulletin", activity):
        raise PermissionDenied(
            _("Chỉ biên tập viên của đơn vị thực hiện hoạt động mới soạn bản tin.")
        )
    communes = list(communes)
    themes = list(themes)
    errors: dict[str, list[str]] = {}
    if not communes:
        errors["communes"] = [_("Bản tin phải có ít nhất một xã nhận.")]
    if themes and any(
        t.kind != ItemKind.CONTENT or t.plan_id != activity.subplan.plan_id for t in themes
    ):
        errors["themes"] = [_("Nội dung bản tin phải là các mục 1.x của kế hoạch của hoạt động.")]
    if any(c.level != UnitLevel.COMMUNE for c in communes):
        errors.setdefault("communes", []).append(_("Chỉ gửi bản tin đến cấp xã."))
    if air_from and air_to and air_to < air_from:
        errors["air_to"] = [_("Ngày kết thúc phát không được trước ngày bắt đầu phát.")]
    if valid_until and air_to and valid_until < air_to:
        errors["valid_until"] = [_("Ngày hết giá trị không được trước ngày kết thúc phát.")]
    bulletin = Bulletin(
        activity=activity,
        title=_text(title),
        text=_text(text),
        priority=priority,
        air_from=air_from,
        air_to=air_to,
        valid_until=valid_until,
        times_per_day=times_per_day,
        at_once=priority == Priority.EMERGENCY,
        is_public=is_public,
        source_feedback=source_feedback,
        is_sample=is_sample,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        bulletin.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        bulletin.save()
        bulletin.communes.set(communes)
        bulletin.themes.set(themes)
        BulletinVersion.objects.create(
            bulletin=bulletin, language=Language.VIETNAMESE, text=bulletin.text
        )
        record_event(
            bulletin,
            workflow=BULLETIN_WORKFLOW,
            actor=actor,
            from_status="",
            action=BroadcastAction.CREATED,
        )
    return bulletin


def approve_bulletin(*, actor, bulletin: Bulletin, generate_audio: bool = True) -> Bulletin:
    """Editorial approval; the Vietnamese audio is generated afterwards, as a task, unless a
    recording was already uploaded."""

    def check(locked):
        if not actor.has_perm("broadcasts.approve_bulletin", locked):
            raise PermissionDenied(_("Chỉ lãnh đạo phê duyệt mới duyệt bản tin."))

    transition(
        bulletin, workflow=BULLETIN_WORKFLOW, to=BulletinStatus.APPROVED, actor=actor, check=check
    )
    bulletin.refresh_from_db()
    if generate_audio:
        version = bulletin.versions.get(language=Language.VIETNAMESE)
        if version.audio_source != AudioSource.UPLOADED:
            transaction.on_commit(lambda: generate_bulletin_audio.enqueue(version.pk))
    return bulletin


def upload_recording(
    *, actor, bulletin: Bulletin, upload, language: str = Language.VIETNAMESE, text: str = ""
) -> BulletinVersion:
    """A recording (Vietnamese, replacing the generated audio, or an ethnic-language version
    with its own text). Refused unless the file is audio by its content. An MP3 is kept as
    recorded; an OGG or M4A recording is encoded to MP3 the way generated speech is
    (loudness-normalised): the stations' players, the podcast's enclosures and the file
    package all serve and declare ``audio/mpeg``."""
    if not actor.has_perm("broadcasts.change_bulletin", bulletin):
        raise PermissionDenied(_("Bạn không được sửa bản tin này."))
    try:
        clean = validate_upload(upload, allowed=AUDIO_KINDS)
    except ValidationError as exc:
        raise ValidationError(
            {"audio": [_("Tệp tải lên không phải là tệp âm thanh (MP3, OGG, M4A).")]}
        ) from exc
    data = clean.content.read()
    name = clean.content.name
    try:
        if clean.kind == "mp3":
            duration, loudness = measure_bytes(data, suffix=clean.kind)
        else:
            encoded = to_mp3(data, suffix=clean.kind)
            data, duration, loudness = (
                encoded.mp3,
                encoded.duration_seconds,
                encoded.loudness_lufs,
            )
            name = f"{name.rsplit('.', 1)[0]}.mp3"
    except SpeechError as exc:
        raise ValidationError({"audio": [_("Không đọc được tệp âm thanh.")]}) from exc
    with transaction.atomic():
        version, _created = BulletinVersion.objects.select_for_update().get_or_create(
            bulletin=bulletin, language=language
        )
        if text:
            version.text = _text(text)
        if version.audio:
            version.audio.delete(save=False)
        version.audio.save(name, ContentFile(data), save=False)
        version.audio_source = AudioSource.UPLOADED
        version.audio_bytes = len(data)
        version.duration_seconds = duration
        version.loudness_lufs = loudness
        version.full_clean()
        version.save()
        record_event(
            bulletin, workflow=BULLETIN_WORKFLOW, actor=actor, action=BroadcastAction.AUDIO
        )
    return version


def send_bulletin(
    *, actor, bulletin: Bulletin, at: datetime | None = None, tell: bool = True
) -> Bulletin:
    """One delivery per target station in force (bulk), then the emergency notice to every
    target station's operators after commit."""
    at = at or timezone.now()
    day = timezone.localdate(at)
    created: list[Delivery] = []

    def check(locked):
        if not actor.has_perm("broadcasts.send_bulletin", locked):
            raise PermissionDenied(_("Bạn không được gửi bản tin này."))
        if not locked.communes.exists():
            raise ValidationError(_("Bản tin chưa có xã nhận: không thể gửi."))

    def apply(locked):
        rule = selectors.priority_rule(priority=locked.priority, on=day)
        due = at + timedelta(minutes=rule.ack_minutes) if rule and rule.ack_minutes else None
        stations = Station.objects.valid_on(day).filter(commune__in=locked.communes.all())
        created.extend(
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        bulletin=locked,
                        station=s,
                        commune_id=s.commune_id,
                        delivered_at=at,
                        ack_due_at=due,
                    )
                    for s in stations
                ]
            )
        )
        return ()

    def tell_operators(event):
        if not tell or bulletin.priority != Priority.EMERGENCY:
            return
        operators = _operators_of(bulletin_id=bulletin.pk)
        contacts = list(
            Station.objects.filter(deliveries__bulletin_id=bulletin.pk).values_list(
                "contact_phone", "contact_zalo_id"
            )
        )
        notify(
            subject=_("Bản tin khẩn cấp: %(title)s") % {"title": bulletin.title},
            template="broadcasts/email/emergency.txt",
            context={"bulletin": bulletin, "url": site_url("/truyen-thanh/tram/")},
            emails=[u.email for u in operators],
            phones=[phone for phone, _zalo in contacts],
            zalo_ids=[zalo for _phone, zalo in contacts],
            text=_("Bản tin khẩn cấp cần phát ngay. Mở trang đài xã để xác nhận."),
        )

    transition(
        bulletin, workflow=BULLETIN_WORKFLOW, to=BulletinStatus.SENT, actor=actor, at=at,
        check=check, apply=apply, notify=tell_operators,
    )  # fmt: skip
    bulletin.refresh_from_db()
    return bulletin


def _operators_of(*, bulletin_id: int):
    return list(
        get_user_model()
        .objects.filter(radio_stations__deliveries__bulletin_id=bulletin_id)
        .distinct()
    )


def close_bulletin(*, actor, bulletin: Bulletin) -> Bulletin:
    def check(locked):
        if not actor.has_perm("broadcasts.send_bulletin", locked):
            raise PermissionDenied(_("Bạn không được kết thúc bản tin này."))

    transition(
        bulletin, workflow=BULLETIN_WORKFLOW, to=BulletinStatus.CLOSED, actor=actor, check=check
    )
    bulletin.refresh_from_db()
    return bulletin


def withdraw_bulletin(*, actor, bulletin: Bulletin, reason: str) -> Bulletin:
    def check(locked):
        if not actor.has_perm("broadcasts.approve_bulletin", locked):
            raise PermissionDenied(_("Chỉ lãnh đạo phê duyệt mới thu hồi bản tin."))
        if not _text(reason):
            raise ValidationError({"reason": [_("Nêu lý do thu hồi bản tin.")]})

    transition(
        bulletin,
        workflow=BULLETIN_WORKFLOW,
        to=BulletinStatus.WITHDRAWN,
        actor=actor,
        reason=reason,
        check=check,
    )
    bulletin.refresh_from_db()
    return bulletin


# --- the station's side -----------------------------------------------------------------------


def _check_operator(*, actor, delivery: Delivery) -> None:
    if not actor.has_perm("broadcasts.confirm_delivery", delivery):
        raise PermissionDenied(_("Bạn không vận hành đài nhận bản tin này."))


def confirm_airing(
    *,
    actor,
    delivery: Delivery,
    aired_at: datetime,
    times: int = 1,
    evidence=None,
    at: datetime | None = None,
) -> Airing:
    """An airing the station made. Refused before the bulletin was sent, in the future, for a
    commune the bulletin did not target, or with no times."""
    at = at or timezone.now()
    _check_operator(actor=actor, delivery=delivery)
    bulletin = delivery.bulletin
    errors: dict[str, list[str]] = {}
    if (
        bulletin.status not in (BulletinStatus.SENT, BulletinStatus.CLOSED)
        or bulletin.sent_at is None
    ):
        raise ValidationError(_("Bản tin chưa được gửi đến đài: chưa thể xác nhận phát."))
    if not bulletin.communes.filter(pk=delivery.commune_id).exists():
        raise ValidationError(_("Xã của đài không nằm trong danh sách xã nhận bản tin."))
    if aired_at is None:
        errors["aired_at"] = [_("Nhập ngày giờ phát.")]
    elif aired_at > at:
        errors["aired_at"] = [_("Thời điểm phát không được ở tương lai.")]
    elif aired_at < bulletin.sent_at.replace(second=0, microsecond=0):
        errors["aired_at"] = [_("Thời điểm phát không được trước khi bản tin được gửi.")]
    if not times or times < 1 or times > 50:
        errors["times"] = [_("Số lần phát phải từ 1 đến 50.")]
    stored = _evidence(evidence, errors)
    if errors:
        raise ValidationError(errors)
    version = bulletin.vietnamese
    seconds = round((version.duration_seconds or 0) * times) if version else 0
    return _write_airing(
        actor=actor, delivery=delivery, at=at, evidence=stored,
        outcome=AiringOutcome.AIRED, aired_at=aired_at, times=times, seconds_aired=seconds,
    )  # fmt: skip


def record_not_aired(
    *, actor, delivery: Delivery, reason: str, evidence=None, at: datetime | None = None
) -> Airing:
    at = at or timezone.now()
    _check_operator(actor=actor, delivery=delivery)
    bulletin = delivery.bulletin
    if bulletin.status not in (BulletinStatus.SENT, BulletinStatus.CLOSED):
        raise ValidationError(_("Bản tin chưa được gửi đến đài: chưa thể ghi nhận."))
    errors: dict[str, list[str]] = {}
    if not _text(reason):
        errors["reason"] = [_("Nêu lý do không phát.")]
    stored = _evidence(evidence, errors)
    if errors:
        raise ValidationError(errors)
    return _write_airing(
        actor=actor, delivery=delivery, at=at, evidence=stored,
        outcome=AiringOutcome.NOT_AIRED, reason=_text(reason),
    )  # fmt: skip


def _evidence(evidence, errors):
    if not evidence:
        return None
    try:
        return validate_upload(evidence, allowed=EVIDENCE_KINDS)
    except ValidationError as exc:
        errors["evidence"] = exc.messages
        return None


def _write_airing(*, actor, delivery, at, evidence, **fields) -> Airing:
    airing = Airing(delivery=delivery, recorded_by=actor, recorded_at=at, **fields)
    with transaction.atomic():
        if evidence is not None:
            airing.evidence.save(evidence.content.name, evidence.content, save=False)
        airing.full_clean()
        airing.save()
        if delivery.acknowledged_at is None:
            # An airing reported acknowledges an emergency as well.
            Delivery.objects.filter(pk=delivery.pk, acknowledged_at__isnull=True).update(
                acknowledged_at=at
            )
        record_event(
            delivery.bulletin,
            workflow=BULLETIN_WORKFLOW,
            actor=actor,
            action=BroadcastAction.AIRING,
        )
    return airing


def acknowledge(*, actor, delivery: Delivery, at: datetime | None = None) -> Delivery:
    at = at or timezone.now()
    _check_operator(actor=actor, delivery=delivery)
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=delivery.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=at
        )
        if updated:
            record_event(
                delivery.bulletin,
                workflow=BULLETIN_WORKFLOW,
                actor=actor,
                action=BroadcastAction.ACKNOWLEDGED,
            )
    delivery.refresh_from_db()
    return delivery


# --- from a published answer ------------------------------------------------------------------


def draft_from_answer(*, actor, activity, answer, air_from: date, days: int = 7) -> Bulletin:
    """A draft bulletin from a published answer to citizens' feedback (Nghị định 49/2024: commune
    radio carries the authorities' answers), for the commune it concerns. ``answer`` is a row of
    ``feedback.selectors.published_answers()``: the caller reads it there, never here."""
    unit = answer.unit
    communes = [unit] if unit is not None and unit.level == UnitLevel.COMMUNE else []
    text = _("Trả lời phản ánh, kiến nghị của người dân (mã %(code)s): %(answer)s") % {
        "code": answer.tracking_code,
        "answer": answer.answer.body,
    }
    return create_bulletin(
        actor=actor,
        activity=activity,
        title=_("Trả lời kiến nghị: %(title)s") % {"title": answer.subject[:200]},
        text=text,
        communes=communes,
        air_from=air_from,
        air_to=air_from + timedelta(days=days - 1),
        valid_until=air_from + timedelta(days=days - 1),
        source_feedback=answer.tracking_code,
    )


# --- exchange ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    acknowledged: int
    unknown: list[str]


def import_acknowledgements(*, actor, data: bytes) -> ImportResult:
    """CAP 1.2 ``Ack`` messages (one per station) from the provincial source system: each
    ``references`` names our bulletin's identifier, ``sender`` the station's id. Only deliveries
    of bulletins in the actor's reach are written."""
    acknowledged, unknown = 0, []
    reachable = selectors.bulletins_for_user(user=actor)
    with transaction.atomic():
        for ack in parse_acks(data):
            updated = Delivery.objects.filter(
                bulletin__in=reachable,
                bulletin_id=ack.bulletin_id,
                station_id=ack.station_id,
                acknowledged_at__isnull=True,
            ).update(acknowledged_at=ack.sent)
            if updated:
                acknowledged += updated
            else:
                unknown.append(ack.identifier)
    return ImportResult(acknowledged=acknowledged, unknown=unknown)
