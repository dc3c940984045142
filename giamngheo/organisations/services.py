"""Writes: units, successions, organisations, memberships, accounts, consent, two factors.

Every change is validated (``full_clean``), written in one transaction, and audited through
Wagtail: a revision (the whole record as it was) and a log entry naming who, when and which
fields changed from what to what (``data["changes"]``), shown in the admin's history view.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from giamngheo.core.cache import purge_page_cache
from giamngheo.core.text import subject_key

from .enums import ROLE_GROUPS, ConsentChannel, OrganisationSuccessionKind, Role, SuccessionKind
from .models import (
    AdministrativeUnit,
    ConsentRecord,
    Membership,
    Organisation,
    PublicProfile,
    UnitBoundary,
    UnitSuccession,
)
from .selectors import is_staff_member, user_roles

User = get_user_model()

RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10


def _value(obj: models.Model, field: models.Field):
    value = getattr(obj, field.attname)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _changes(before: models.Model | None, after: models.Model) -> dict[str, list]:
    fields = [
        f
        for f in after._meta.concrete_fields
        if f.editable and f.name not in {"id", "latest_revision", "path", "name_folded"}
    ]
    if before is None:
        return {
            f.name: [None, _value(after, f)] for f in fields if _value(after, f) not in (None, "")
        }
    return {
        f.name: [_value(before, f), _value(after, f)]
        for f in fields
        if _value(before, f) != _value(after, f)
    }


def _save_audited(obj: models.Model, *, actor, action: str) -> models.Model:
    """full_clean, save, keep a revision and log the change with its old and new values."""
    before = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    obj.full_clean()
    changes = _changes(before, obj)
    obj.save()
    revision = obj.save_revision(user=actor, clean=False) if hasattr(obj, "save_revision") else None
    log(
        instance=obj,
        action=action,
        user=actor,
        revision=revision,
        data={"changes": changes},
        content_changed=bool(changes),
    )
    return obj


def _forget_roles(user) -> None:
    if user is not None:
        user.__dict__.pop("_organisation_roles", None)


# --- administrative units ---------------------------------------------------------------------


@transaction.atomic
def create_unit(
    *,
    code: str,
    name: str,
    level: str,
    parent: AdministrativeUnit | None = None,
    unit_type: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    source: str = "",
    source_key: str = "",
    actor=None,
    audit: bool = True,
) -> AdministrativeUnit:
    """A unit, validated, with its tree path. ``audit=False`` is for bulk imports, which log
    one entry for the whole run instead of a revision per unit."""
    unit = AdministrativeUnit(
        code=code,
        name=name,
        level=level,
        parent=parent,
        unit_type=unit_type,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
        source_key=source_key,
        path="/pending/",
    )
    unit.full_clean()
    unit.save()
    # The path holds the unit's own id, known only after the INSERT.
    unit.path = f"{parent.path if parent else '/'}{unit.pk:08d}/"
    unit.save(update_fields=["path"])
    if not audit:
        return unit
    revision = unit.save_revision(user=actor, clean=False)
    log(
        instance=unit,
        action="wagtail.create",
        user=actor,
        revision=revision,
        data={"changes": _changes(None, unit)},
        content_changed=True,
    )
    return unit


@transaction.atomic
def bulk_create_units(*, units: list[AdministrativeUnit]) -> list[AdministrativeUnit]:
    """Create many units of one level at once (an import). Parents must already be saved.

    Each unit is normalised and checked without queries (fields, dates, parent level); the
    database's unique constraint guards the codes. Three queries whatever the number of units.
    No revision per unit: the import is one act, logged by its caller.
    """
    if not units:
        return []
    for unit in units:
        unit.normalise()
        unit.path = "/pending/"
        unit.clean_fields(exclude=["parent", "latest_revision"])
        unit.clean_structure()
    created = AdministrativeUnit.objects.bulk_create(units)
    for unit in created:
        parent = unit.parent
        unit.path = f"{parent.path if parent else '/'}{unit.pk:08d}/"
    AdministrativeUnit.objects.bulk_update(created, ["path"])
    # bulk_create sends no post_save: purge the memoised communes and pages here.
    purge_page_cache()
    transaction.on_commit(purge_page_cache)
    return created


@transaction.atomic
def update_unit(*, unit: AdministrativeUnit, actor) -> AdministrativeUnit:
    """Save corrections to a unit (a misspelt name, a missing code). A reform is not a
    correction: use close_unit and record_succession."""
    before = AdministrativeUnit.objects.get(pk=unit.pk)
    if before.parent_id != unit.parent_id:
        raise ValidationError(
            {
                "parent": _(
                    "Không chuyển đơn vị sang đơn vị cấp trên khác; hãy kết thúc đơn vị và "
                    "ghi nhận đơn vị kế thừa."
                )
            }
        )
    return _save_audited(unit, actor=actor, action="wagtail.edit")


@transaction.atomic
def close_unit(*, unit: AdministrativeUnit, on: date, actor=None) -> AdministrativeUnit:
    """The unit's last day in force is ``on``."""
    unit.valid_to = on
    return _save_audited(unit, actor=actor, action="wagtail.edit")


@transaction.atomic
def record_succession(
    *,
    predecessor: AdministrativeUnit,
    successor: AdministrativeUnit,
    kind: str,
    on: date,
    is_primary: bool = True,
    legal_basis: str = "",
    actor=None,
    audit: bool = True,
) -> UnitSuccession:
    """Link an old unit to a new one from ``on`` (idempotent on the pair)."""
    if kind not in SuccessionKind.values:
        raise ValueError(kind)
    succession = UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).first()
    if succession is None:
        succession = UnitSuccession(predecessor=predecessor, successor=successor)
    elif (succession.kind, succession.date, succession.is_primary, succession.legal_basis) == (
        kind,
        on,
        is_primary,
        legal_basis,
    ):
        return succession
    succession.kind, succession.date = kind, on
    succession.is_primary, succession.legal_basis = is_primary, legal_basis
    if not audit:
        succession.full_clean()
        succession.save()
        return succession
    action = "wagtail.edit" if succession.pk else "wagtail.create"
    return _save_audited(succession, actor=actor, action=action)


@transaction.atomic
def bulk_record_successions(*, successions: list[UnitSuccession]) -> list[UnitSuccession]:
    """Many new successions at once (an import): checked without queries, one INSERT."""
    for succession in successions:
        succession.clean_fields(exclude=["predecessor", "successor"])
        succession.clean()
    return UnitSuccession.objects.bulk_create(successions)


# --- organisations ----------------------------------------------------------------------------


@transaction.atomic
def create_organisation(
    *,
    name: str,
    kind: str,
    unit: AdministrativeUnit,
    short_name: str = "",
    is_lead: bool = False,
    responsibilities: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    actor=None,
) -> Organisation:
    org = Organisation(
        name=name,
        kind=kind,
        unit=unit,
        short_name=short_name,
        is_lead=is_lead,
        responsibilities=responsibilities,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return _save_audited(org, actor=actor, action="wagtail.create")


@transaction.atomic
def update_organisation(*, organisation: Organisation, actor) -> Organisation:
    """Save an organisation whose fields the caller (an admin form) has changed."""
    return _save_audited(organisation, actor=actor, action="wagtail.edit")


@transaction.atomic
def set_organisation_successor(
    *,
    organisation: Organisation,
    successor: Organisation,
    kind: str,
    last_day: date,
    note: str = "",
    actor=None,
) -> Organisation:
    """Close ``organisation`` on ``last_day`` and name the body that took over its work.

    Memberships are not moved: who works where after a reform is decided person by person.
    """
    if kind not in OrganisationSuccessionKind.values:
        raise ValueError(kind)
    organisation.successor = successor
    organisation.succession_kind = kind
    organisation.valid_to = last_day
    organisation.succession_note = note
    return _save_audited(organisation, actor=actor, action="wagtail.edit")


# --- memberships and accounts -----------------------------------------------------------------


@transaction.atomic
def sync_role_groups(*, user, on: date | None = None) -> set[str]:
    """Give the user exactly the Wagtail groups their roles in force bring (pages, documents
    and images are granted by group in Wagtail). Groups not managed by roles are left alone."""
    _forget_roles(user)
    roles = user_roles(user=user, on=on)
    managed = {g for groups in ROLE_GROUPS.values() for g in groups}
    wanted = {g for role in roles for g in ROLE_GROUPS.get(role, ())}
    # Groups given by hand (outside memberships) stay: only those a role brought are removed.
    granted_by_roles = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    existing = {g.name: g for g in Group.objects.filter(name__in=managed)}
    to_add = [existing[n] for n in wanted - granted_by_roles if n in existing]
    if to_add:
        user.groups.add(*to_add)
    if roles or Membership.objects.filter(user=user).exists():
        to_remove = [existing[n] for n in granted_by_roles - wanted if n in existing]
        if to_remove:
            user.groups.remove(*to_remove)
    return wanted


@transaction.atomic
def create_membership(
    *,
    user,
    organisation: Organisation,
    role: str,
    position: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    actor=None,
) -> Membership:
    membership = Membership(
        user=user,
        organisation=organisation,
        role=role,
        position=position,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _save_audited(membership, actor=actor, action="wagtail.create")
    sync_role_groups(user=user)
    return membership


@transaction.atomic
def update_membership(*, membership: Membership, actor) -> Membership:
    _save_audited(membership, actor=actor, action="wagtail.edit")
    sync_role_groups(user=membership.user)
    return membership


@transaction.atomic
def end_membership(*, membership: Membership, last_day: date, actor=None) -> Membership:
    membership.valid_to = last_day
    _save_audited(membership, actor=actor, action="wagtail.edit")
    sync_role_groups(user=membership.user)
    return membership


def revoke_sessions(*, user) -> int:
    """Sign the user out everywhere: delete every stored session that belongs to them."""
    doomed = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            doomed.append(session.session_key)
    Session.objects.filter(session_key__in=doomed).delete()
    return len(doomed)


@transaction.atomic
def deactivate_user(*, user, actor=None, last_day: date | None = None) -> int:
    """Lock an account: no sign-in, every open membership ended, every session revoked.
    Returns the number of sessions revoked."""
    day = last_day or timezone.localdate()
    for membership in Membership.objects.filter(user=user).valid_on(day):
        end_membership(membership=membership, last_day=day, actor=actor)
    user.is_active = False
    user.save(update_fields=["is_active"])
    log(instance=user, action="organisations.deactivate", user=actor)
    return revoke_sessions(user=user)


@transaction.atomic
def create_staff_account(
    *,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    actor=None,
):
    """A staff account (no role yet: give it one with create_membership). The password must
    pass the validators of AUTH_PASSWORD_VALIDATORS."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    log(instance=user, action="wagtail.create", user=actor)
    return user


@transaction.atomic
def create_public_profile(
    *, user, kind: str, phone: str = "", press_organisation: Organisation | None = None
) -> PublicProfile:
    profile = PublicProfile(
        user=user,
        kind=kind,
        phone=subject_key(phone) if phone else "",
        press_organisation=press_organisation,
    )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def anonymise_user(*, user) -> None:
    """Erase a person's account data but keep the row, so that official acts they signed
    (memberships, log entries) still point at *an* account."""
    revoke_sessions(user=user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.username = f"da-xoa-{user.pk}-{secrets.token_hex(4)}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


# --- consent ----------------------------------------------------------------------------------


def consent_subject_hash(value: str) -> str:
    """A keyed hash (HMAC-SHA256, key derived from SECRET_KEY) of a subject's normalised e-mail
    address or phone number: the consent proof that survives erasure of the identifier."""
    key = subject_key(value)
    if not key:
        return ""
    return salted_hmac("organisations.consent.subject", key, algorithm="sha256").hexdigest()


@transaction.atomic
def record_consent(
    *,
    subject: str,
    purpose_code: str,
    purpose: str,
    channel: str = ConsentChannel.WEB,
    user=None,
    notice_version: str = "",
    given_at: datetime | None = None,
) -> ConsentRecord:
    consent = ConsentRecord(
        subject_key=subject_key(subject),
        subject_hash=consent_subject_hash(subject),
        user=user,
        purpose_code=purpose_code,
        purpose=purpose,
        channel=channel,
        notice_version=notice_version,
        given_at=given_at or timezone.now(),
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def withdraw_consent(*, consent: ConsentRecord, at: datetime | None = None) -> ConsentRecord:
    if consent.withdrawn_at is None:
        consent.withdrawn_at = at or timezone.now()
        consent.full_clean()
        consent.save(update_fields=["withdrawn_at"])
    return consent


def has_consent(*, subject: str, purpose_code: str) -> bool:
    return ConsentRecord.objects.filter(
        subject_hash=consent_subject_hash(subject),
        purpose_code=purpose_code,
        withdrawn_at__isnull=True,
    ).exists()


@transaction.atomic
def redact_consent(*, consent: ConsentRecord, at: datetime | None = None) -> ConsentRecord:
    """Erasure of the subject: the identifier and the account link go, the keyed hash, purpose,
    time and notice version stay as the proof; an erased subject's consent counts as withdrawn."""
    if not consent.subject_hash and consent.subject_key:
        consent.subject_hash = consent_subject_hash(consent.subject_key)
    consent.subject_key = ""
    consent.user = None
    if consent.withdrawn_at is None:
        consent.withdrawn_at = at or timezone.now()
    consent.save(update_fields=["subject_key", "subject_hash", "user", "withdrawn_at"])
    return consent


# --- two factors ------------------------------------------------------------------------------


def requires_two_factor(*, user) -> bool:
    """Staff must use two factors: superusers, anyone with a role in force, anyone who may
    enter the admin."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.is_staff
        or is_staff_member(user=user)
        or user.has_perm("wagtailadmin.access_admin")
    )


@transaction.atomic
def start_totp_enrolment(*, user) -> TOTPDevice:
    """A fresh unconfirmed authenticator for the user (replacing an unfinished one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def confirm_totp_enrolment(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the authenticator if ``token`` is right; older confirmed ones are removed."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log(instance=device.user, action="organisations.two_factor_enrolled", user=device.user)
    return True


@transaction.atomic
def generate_recovery_codes(*, user, count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """New single-use recovery codes (the old ones stop working). Shown to the user once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [
        f"{secrets.token_hex(2)}-{secrets.token_hex(2)}-{secrets.token_hex(2)}"
        for _ in range(count)
    ]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    log(instance=user, action="organisations.recovery_codes_generated", user=user)
    return codes


__all__ = [
    "Role",
    "anonymise_user",
    "close_unit",
    "confirm_totp_enrolment",
    "create_membership",
    "create_organisation",
    "create_public_profile",
    "create_staff_account",
    "create_unit",
    "deactivate_user",
    "end_membership",
    "generate_recovery_codes",
    "has_consent",
    "record_consent",
    "record_succession",
    "requires_two_factor",
    "revoke_sessions",
    "set_organisation_successor",
    "start_totp_enrolment",
    "sync_role_groups",
    "update_membership",
    "update_organisation",
    "update_unit",
    "withdraw_consent",
]


# Mainland Việt Nam and its islands, in WGS 84: a file in another projection (VN-2000 metres) or
# with swapped coordinates lands far outside and is refused.
_VIETNAM_BOUNDS = (102.0, 8.0, 117.5, 23.5)  # west, south, east, north


@transaction.atomic
def import_boundaries(
    *, features: list[dict], code_property: str, source: str, licence: str, on: date | None = None
) -> int:
    """Import commune boundaries from GeoJSON features, all or nothing.

    Each feature names its commune by the official (GSO) code in ``code_property``; the commune
    must be in force on ``on``. Every problem is collected (with the feature's position) and
    raised together as one ValidationError; nothing is written unless the whole file is clean.
    Re-importing a commune replaces its boundary. Returns the number of boundaries written.
    """
    from shapely.geometry import shape  # noqa: PLC0415 (heavy module, loaded only when used)

    day = on or timezone.localdate()
    source, licence = source.strip(), licence.strip()
    errors: list[str] = []
    if not source or not licence:
        errors.append(_("Cần ghi rõ nguồn dữ liệu và giấy phép của dữ liệu ranh giới."))
    codes = [str((f.get("properties") or {}).get(code_property, "")).strip() for f in features]
    units = {
        u.code: u
        for u in AdministrativeUnit.objects.valid_on(day).filter(
            level="commune", code__in=[c for c in codes if c]
        )
    }
    seen: set[str] = set()
    rows: list[tuple[AdministrativeUnit, dict]] = []
    for number, (feature, code) in enumerate(zip(features, codes, strict=True), start=1):
        where = _("Đối tượng %(n)s (mã %(code)s)") % {"n": number, "code": code or "—"}
        unit = units.get(code)
        if unit is None:
            errors.append(_("%(where)s: không có xã, phường đang có hiệu lực với mã này.") % {
                "where": where})  # fmt: skip
            continue
        if code in seen:
            errors.append(_("%(where)s: mã bị lặp trong tệp.") % {"where": where})
            continue
        seen.add(code)
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            errors.append(_("%(where)s: ranh giới phải là Polygon hoặc MultiPolygon.") % {
                "where": where})  # fmt: skip
            continue
        try:
            polygon = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError):
            errors.append(_("%(where)s: tọa độ không đọc được.") % {"where": where})
            continue
        west, south, east, north = polygon.bounds
        if not polygon.is_valid or polygon.is_empty:
            errors.append(_("%(where)s: ranh giới tự cắt hoặc rỗng.") % {"where": where})
        elif (west < _VIETNAM_BOUNDS[0] or south < _VIETNAM_BOUNDS[1]
              or east > _VIETNAM_BOUNDS[2] or north > _VIETNAM_BOUNDS[3]):  # fmt: skip
            errors.append(
                _("%(where)s: tọa độ nằm ngoài Việt Nam (cần kinh độ, vĩ độ WGS 84).")
                % {"where": where}
            )
        else:
            rows.append((unit, geometry))
    if not features:
        errors.append(_("Tệp không có đối tượng nào."))
    if errors:
        raise ValidationError(errors)
    for unit, geometry in rows:
        UnitBoundary.objects.update_or_create(
            unit=unit, defaults={"geometry": geometry, "source": source, "licence": licence}
        )
    return len(rows)
