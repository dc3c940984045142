"""Writes of the campaigns app: campaigns, contact codes, submissions and their moderation.

Every status change of a submission goes through ``core.workflow.transition`` with
``SUBMISSION_WORKFLOW``. The server never fetches a submitted URL (no preview, no link check
over the network, not even a DNS look-up): ``check_link`` parses the text and matches it against
the invited platforms' patterns; what the moderator verified by opening it is recorded with the
approval (``checks``).
"""

from __future__ import annotations

import ipaddress
import secrets
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from giamngheo.core.notify import notify, site_url
from giamngheo.core.text import clean_name, is_national_phone, normalise_phone, normalize_text
from giamngheo.core.uploads import validate_upload
from giamngheo.core.workflow import record_event, transition
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.selectors import is_staff_member
from giamngheo.planning.enums import FormKind

from .enums import (
    SUBMISSION_WORKFLOW,
    ContactChannel,
    Declarer,
    ModerationDecision,
    ReportReason,
    SubmissionAction,
    SubmissionKind,
    SubmissionStatus,
)
from .models import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    URL_MAX,
    Ban,
    Campaign,
    ContactCode,
    Platform,
    ReachDeclaration,
    Submission,
    SubmissionReport,
)

S = SubmissionStatus

# One-time codes: 6 digits, valid 10 minutes, 5 tries, one new code a minute per contact.
CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=10)
CODE_MAX_ATTEMPTS = 5
CODE_RESEND_AFTER = timedelta(seconds=60)
# Upload caps (stated on the form): photos 5 MB, videos 50 MB; a reach screenshot 5 MB.
PHOTO_KINDS = {"jpg", "png", "webp"}
VIDEO_FILE_KINDS = {"mp4", "webm"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
VIDEO_MAX_BYTES = 50 * 1024 * 1024
# Kinds whose picture may show people: their consent is asked.
VISUAL_KINDS = frozenset({SubmissionKind.PHOTO, SubmissionKind.VIDEO, SubmissionKind.REPORTAGE})
BANNED_MESSAGE = _("Không thể nhận bài tham gia từ liên hệ này. Vui lòng liên hệ ban tổ chức.")


def keyed_hash(kind: str, value: str) -> str:
    # Keyed with SECRET_KEY: the hashes cannot be reversed by hashing every phone number.
    return salted_hmac(f"campaigns.{kind}", value, algorithm="sha256").hexdigest()


# --- links -------------------------------------------------------------------------------------


def _is_internal_host(host: str) -> bool:
    """An IP literal, a single-label name or a local/internal domain: never a public post."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    if "." not in host:
        return True
    return host.endswith((".local", ".localhost", ".internal", ".lan", ".home.arpa", ".intranet"))


def check_link(*, campaign: Campaign, url: str, platforms=None):
    """The invited platform a link belongs to, its id for the embed, and the link normalised.

    Refuses (ValidationError on ``url``, in Vietnamese) anything but an http(s) address of a
    public host name, and a link that is not a post on one of the campaign's platforms.
    Nothing is fetched: the text alone decides.
    """
    text = normalize_text(url or "").strip()
    if not text:
        raise ValidationError({"url": _("Vui lòng nhập liên kết bài đăng.")})
    if len(text) > URL_MAX or any(c.isspace() for c in text):
        raise ValidationError({"url": _("Liên kết không hợp lệ.")})
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        raise ValidationError({"url": _("Liên kết không hợp lệ.")}) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError(
            {"url": _("Liên kết phải là địa chỉ trang web, bắt đầu bằng https:// hoặc http://.")}
        )
    if not host or parts.username or parts.password or port not in (None, 80, 443):
        raise ValidationError({"url": _("Liên kết không hợp lệ.")})
    if _is_internal_host(host):
        raise ValidationError(
            {
                "url": _(
                    "Liên kết trỏ tới địa chỉ IP hoặc mạng nội bộ, không phải một bài đăng công khai."
                )
            }
        )
    invited = list(platforms if platforms is not None else campaign.platforms.all())
    platform = next((p for p in invited if p.is_active and p.owns_host(host)), None)
    if platform is None:
        raise ValidationError(
            {
                "url": _("Liên kết không thuộc nền tảng chiến dịch mời tham gia (%(platforms)s).")
                % {"platforms": ", ".join(p.name for p in invited)}
            }
        )
    path = parts.path or "/"
    found = platform.match(path + (f"?{parts.query}" if parts.query else ""))
    if found is None:
        raise ValidationError(
            {
                "url": _("Liên kết không phải địa chỉ của một bài đăng, video trên %(platform)s.")
                % {"platform": platform.name}
            }
        )
    embed_id = found.groupdict().get("id") or ""
    clean = urlunsplit(("https", host, path, parts.query, ""))
    return platform, embed_id, clean


# --- contact codes -----------------------------------------------------------------------------


def normalise_contact(*, channel: str, contact: str) -> str:
    value = normalize_text(contact or "").strip()
    if channel == ContactChannel.EMAIL:
        value = value.lower()
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError({"contact": _("Địa chỉ thư điện tử không hợp lệ.")}) from None
        return value
    if channel not in (ContactChannel.SMS, ContactChannel.ZALO):
        raise ValidationError({"contact_channel": _("Vui lòng chọn cách nhận mã xác minh.")})
    phone = normalise_phone(value)
    if not is_national_phone(phone):
        raise ValidationError(
            {"contact": _("Số điện thoại không hợp lệ (số Việt Nam, ví dụ 0912 345 678).")}
        )
    return phone


def issue_contact_code(
    *,
    campaign: Campaign,
    channel: str,
    contact: str,
    now: datetime | None = None,
    deliver: bool = True,
) -> tuple[ContactCode, str]:
    """A one-time code for the contact (only its hash is kept), sent by SMS, Zalo or e-mail.

    ``deliver=False`` keeps it unsent: sample data, whose contacts are nobody's, never message
    anyone. Returns the row and the code.
    """
    now = now or timezone.now()
    contact = normalise_contact(channel=channel, contact=contact)
    contact_hash = keyed_hash("contact", contact)
    if is_banned(contact_hash=contact_hash, on=timezone.localdate(now)):
        raise ValidationError(BANNED_MESSAGE, code="banned")
    recent = ContactCode.objects.filter(
        contact_hash=contact_hash, created_at__gt=timezone.now() - CODE_RESEND_AFTER,
        used_at__isnull=True,
    )  # fmt: skip
    if recent.exists():
        raise ValidationError(
            _("Mã xác minh vừa được gửi. Vui lòng chờ 1 phút trước khi yêu cầu mã mới."),
            code="too_soon",
        )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    row = ContactCode.objects.create(
        campaign=campaign,
        channel=channel,
        contact_hash=contact_hash,
        code_hash=keyed_hash("code", f"{contact_hash}:{code}"),
        expires_at=now + CODE_TTL,
    )
    if deliver:
        text = _("Mã xác minh tham gia chiến dịch “%(name)s”: %(code)s (hiệu lực 10 phút).") % {
            "name": campaign.name[:60],
            "code": code,
        }
        notify(
            subject=_("Mã xác minh tham gia chiến dịch"),
            template="campaigns/email/code.txt",
            context={"campaign": campaign, "code": code},
            emails=[contact] if channel == ContactChannel.EMAIL else [],
            phones=[contact] if channel == ContactChannel.SMS else [],
            zalo_ids=[contact] if channel == ContactChannel.ZALO else [],
            text=text,
        )
    return row, code


def send_contact_code(
    *, campaign: Campaign, channel: str, contact: str, now: datetime | None = None
) -> ContactCode:
    """Send a one-time code to the contact (SMS, Zalo or e-mail) and keep only its hash."""
    row, _code = issue_contact_code(campaign=campaign, channel=channel, contact=contact, now=now)
    return row


def _check_code(*, contact_hash: str, code: str, now: datetime) -> ContactCode:
    """The contact's latest unused code, if ``code`` is it; a wrong try is counted (five spend
    the code) and nothing else is written."""
    row = (
        ContactCode.objects.filter(contact_hash=contact_hash, used_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    code = (code or "").strip()
    if row is None:
        raise ValidationError({"code": _("Vui lòng yêu cầu mã xác minh trước khi gửi bài.")})
    if row.expires_at <= now or row.attempts >= CODE_MAX_ATTEMPTS:
        raise ValidationError(
            {"code": _("Mã xác minh đã hết hạn. Vui lòng yêu cầu mã mới.")}, code="expired"
        )
    if not constant_time_compare(row.code_hash, keyed_hash("code", f"{contact_hash}:{code}")):
        ContactCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
        raise ValidationError({"code": _("Mã xác minh không đúng.")}, code="wrong_code")
    return row


# --- bans --------------------------------------------------------------------------------------


def is_banned(*, contact_hash: str, on: date) -> bool:
    from django.db.models import Q  # noqa: PLC0415 (keeps the module's import block short)

    return (
        Ban.objects.filter(contact_hash=contact_hash)
        .filter(Q(until__isnull=True) | Q(until__gte=on))
        .exists()
    )


def ban_submitter(*, actor, submission: Submission, reason: str, until: date | None = None) -> Ban:
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng nêu lý do chặn.")})
    return Ban.objects.create(
        contact_hash=submission.contact_hash,
        hint=submission.contact_hint,
        reason=reason,
        until=until,
        created_by=actor,
    )


# --- submissions -------------------------------------------------------------------------------


def _moderator_notice(campaign: Campaign, *, reported: bool = False):
    emails = [u.email for u in campaign.moderators.all() if u.email]
    if not emails:
        return
    pending = campaign.submissions.filter(status=S.PENDING).count()
    notify(
        subject=_("Chiến dịch “%(name)s”: %(count)s bài chờ kiểm duyệt")
        % {"name": campaign.name, "count": pending},
        template="campaigns/email/pending.txt",
        context={
            "campaign": campaign,
            "pending": pending,
            "reported": reported,
            "url": site_url(f"/admin/chien-dich/kiem-duyet/?chien_dich={campaign.pk}"),
        },
        emails=emails,
    )


def submit_entry(
    *,
    campaign: Campaign,
    kind: str,
    title: str,
    commune,
    contact_channel: str,
    contact: str,
    code: str,
    url: str = "",
    upload=None,
    description: str = "",
    author_name: str = "",
    consent_show: bool = False,
    consent_people: bool = False,
    client: str = "",
    now: datetime | None = None,
    notify_moderators: bool = True,
) -> Submission:
    """A citizen's submission, filed as pending (nothing public before a moderator approves).

    Checks, before anything is written: the campaign's dates, the consents, the link (or the
    uploaded file: photos ≤ 5 MB, videos ≤ 50 MB), the commune, a ban; then the one-time code
    (a wrong try is counted on the code only). Moderators are told after commit.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    errors: dict[str, list] = {}
    if not campaign.is_open_on(today):
        raise ValidationError(
            _("Chiến dịch chỉ nhận bài từ ngày %(start)s đến ngày %(end)s.")
            % {
                "start": date_format(campaign.starts_on, "d/m/Y"),
                "end": date_format(campaign.ends_on, "d/m/Y"),
            },
            code="closed",
        )
    title = clean_name(title or "")
    description = normalize_text(description or "").strip()
    author_name = clean_name(author_name or "")
    if not title:
        errors["title"] = [_("Vui lòng nhập tiêu đề.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("Tiêu đề tối đa 200 ký tự.")]
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = [_("Mô tả tối đa 1.000 ký tự.")]
    if kind not in SubmissionKind.values:
        errors["kind"] = [_("Vui lòng chọn loại bài.")]
    if not consent_show:
        errors["consent_show"] = [_("Cần đồng ý để bài được công khai trên Cổng thông tin.")]
    if kind in VISUAL_KINDS and not consent_people:
        errors["consent_people"] = [
            _("Cần xác nhận những người xuất hiện trong ảnh, video đã đồng ý.")
        ]
    if commune is None or commune.level != UnitLevel.COMMUNE:
        errors["commune"] = [_("Vui lòng chọn xã, phường.")]
    elif campaign.communes.exists() and not campaign.communes.filter(pk=commune.pk).exists():
        errors["commune"] = [_("Xã, phường này không thuộc địa bàn của chiến dịch.")]
    platform = embed_id = None
    clean_url = ""
    stored = None
    if bool(url) == bool(upload):
        errors["url"] = [_("Vui lòng nhập liên kết bài đăng hoặc tải lên một tệp ảnh, video.")]
    elif url:
        try:
            platform, embed_id, clean_url = check_link(campaign=campaign, url=url)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    else:
        stored = _clean_upload(upload, errors)
    try:
        contact = normalise_contact(channel=contact_channel, contact=contact)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        contact = ""
    if errors:
        raise ValidationError(errors)
    contact_hash = keyed_hash("contact", contact)
    if is_banned(contact_hash=contact_hash, on=today):
        raise ValidationError(BANNED_MESSAGE, code="banned")
    checked = _check_code(contact_hash=contact_hash, code=code, now=now)
    with transaction.atomic():
        # The code is spent once: two tabs sending the same code file one submission.
        spent = ContactCode.objects.filter(pk=checked.pk, used_at__isnull=True).update(used_at=now)
        if not spent:
            raise ValidationError(
                {"code": _("Mã xác minh đã được sử dụng. Vui lòng yêu cầu mã mới.")}
            )
        item = Submission(
            campaign=campaign,
            platform=platform,
            url=clean_url,
            embed_id=embed_id or "",
            kind=kind,
            title=title,
            description=description,
            commune=commune,
            author_name=author_name,
            consent_show=True,
            consent_people=consent_people,
            contact_channel=contact_channel,
            contact=contact,
            contact_hash=contact_hash,
            client_hash=keyed_hash("client", client) if client else "",
            private_token=secrets.token_urlsafe(32),
            status=S.PENDING,
            submitted_at=now,
            is_sample=campaign.is_sample,
        )
        if stored is not None:
            item.file = stored.content
            item.file_kind = stored.kind
        item.full_clean(exclude=["file", "thumbnail"])
        item.save(force_insert=True)
        record_event(
            item, workflow=SUBMISSION_WORKFLOW, from_status="", actor=None, at=now,
            action=SubmissionAction.SUBMITTED,
        )  # fmt: skip
        if notify_moderators:
            transaction.on_commit(lambda: _moderator_notice(campaign))
    return item


def _clean_upload(upload, errors: dict):
    try:
        found = validate_upload(
            upload, allowed=PHOTO_KINDS | VIDEO_FILE_KINDS, max_bytes=VIDEO_MAX_BYTES
        )
    except ValidationError as exc:
        errors["upload"] = exc.messages
        return None
    if found.kind in PHOTO_KINDS and found.size > PHOTO_MAX_BYTES:
        errors["upload"] = [_("Ảnh quá lớn: dung lượng tối đa là 5 MB.")]
        return None
    return found


# --- moderation --------------------------------------------------------------------------------


def may_moderate(*, user, campaign: Campaign) -> bool:
    from . import selectors  # noqa: PLC0415 (selectors read the models this module writes)

    return selectors.is_moderator(user=user, campaign=campaign)


def _guard_moderator(actor):
    def check(locked: Submission) -> None:
        if not may_moderate(user=actor, campaign=locked.campaign):
            raise PermissionDenied(_("Bạn không phải người kiểm duyệt của chiến dịch này."))

    return check


def _tell_submitter(event) -> None:
    item: Submission = event.subject
    link = site_url(f"/chien-dich/theo-doi/{item.private_token}/")
    if item.status == S.APPROVED:
        text = _("Bài “%(title)s” đã được duyệt và hiển thị trên Cổng thông tin.")
    elif item.status == S.REJECTED:
        text = _("Bài “%(title)s” không được duyệt. Xem lý do tại đường dẫn theo dõi.")
    else:
        text = _("Bài “%(title)s” đã được cập nhật trạng thái.")
    text = text % {"title": item.title[:60]}
    notify(
        subject=_("Kết quả kiểm duyệt bài tham gia chiến dịch"),
        template="campaigns/email/decision.txt",
        context={"item": item, "link": link},
        emails=[item.contact] if item.contact_channel == ContactChannel.EMAIL else [],
        phones=[item.contact] if item.contact_channel == ContactChannel.SMS else [],
        zalo_ids=[item.contact] if item.contact_channel == ContactChannel.ZALO else [],
        text=f"{text} {link}",
    )


def _stored_thumbnail(thumbnail):
    if not thumbnail:
        return None
    return validate_upload(thumbnail, allowed=PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES)


def approve_submission(
    *,
    actor,
    submission: Submission,
    checks: dict,
    note: str = "",
    thumbnail=None,
    at=None,
    tell_submitter: bool = True,
) -> Submission:
    """Approve a pending item: what the moderator verified by opening the link (``checks``, a
    mapping of check code to True) is kept with it; a thumbnail they chose may be uploaded."""
    if not checks or not all(checks.values()):
        raise ValidationError(_("Vui lòng đánh dấu đủ các nội dung đã kiểm tra trước khi duyệt."))
    stored = _stored_thumbnail(thumbnail)

    def apply(locked: Submission):
        locked.decided_by = actor
        locked.reason = ""
        locked.report_count = 0
        locked.checks = {**{k: bool(v) for k, v in checks.items()}, "note": note.strip()}
        changed = ["decided_by", "reason", "report_count", "checks"]
        if stored is not None:
            locked.thumbnail = stored.content
            changed.append("thumbnail")
        return changed

    event = transition(
        submission,
        workflow=SUBMISSION_WORKFLOW,
        to=S.APPROVED,
        actor=actor,
        reason=note,
        at=at,
        check=_guard_moderator(actor),
        apply=apply,
        notify=_tell_submitter if tell_submitter else None,
        select_related=("campaign",),
    )
    return event.subject


def _reason_required(reason: str, message) -> str:
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def reject_submission(
    *, actor, submission: Submission, reason: str, at=None, tell_submitter: bool = True
) -> Submission:
    """Refuse a pending item with a reason the submitter sees on their private page."""
    reason = _reason_required(reason, _("Vui lòng nêu lý do để người gửi được biết."))

    def apply(locked: Submission):
        locked.decided_by = actor
        locked.reason = reason
        return ["decided_by", "reason"]

    event = transition(
        submission,
        workflow=SUBMISSION_WORKFLOW,
        to=S.REJECTED,
        actor=actor,
        reason=reason,
        at=at,
        check=_guard_moderator(actor),
        apply=apply,
        notify=_tell_submitter if tell_submitter else None,
        select_related=("campaign",),
    )
    return event.subject


def hide_submission(*, actor, submission: Submission, reason: str) -> Submission:
    reason = _reason_required(reason, _("Vui lòng nêu lý do ẩn bài."))

    def apply(locked: Submission):
        locked.reason = reason
        locked.featured = False
        return ["reason", "featured"]

    event = transition(
        submission,
        workflow=SUBMISSION_WORKFLOW,
        to=S.HIDDEN,
        actor=actor,
        reason=reason,
        check=_guard_moderator(actor),
        apply=apply,
        select_related=("campaign",),
    )
    return event.subject


def unhide_submission(*, actor, submission: Submission) -> Submission:
    def apply(locked: Submission):
        locked.reason = ""
        return ["reason"]

    event = transition(
        submission,
        workflow=SUBMISSION_WORKFLOW,
        to=S.APPROVED,
        actor=actor,
        check=_guard_moderator(actor),
        apply=apply,
        select_related=("campaign",),
    )
    return event.subject


def take_down_submission(
    *,
    actor,
    submission: Submission,
    requested_at: datetime,
    reason: str,
    now: datetime | None = None,
) -> Submission:
    """Take an item down on request (the submitter's, a person shown, an authority's): the time
    of the request and of the takedown are both kept, so the 24-hour rule is measured."""
    reason = _reason_required(reason, _("Vui lòng ghi nội dung yêu cầu gỡ bài."))
    now = now or timezone.now()
    if requested_at is None:
        raise ValidationError({"requested_at": _("Vui lòng nhập thời điểm nhận yêu cầu gỡ.")})
    if requested_at > now:
        raise ValidationError(
            {"requested_at": _("Thời điểm nhận yêu cầu không thể sau thời điểm hiện tại.")}
        )
    if requested_at < submission.submitted_at:
        raise ValidationError(
            {"requested_at": _("Thời điểm nhận yêu cầu không thể trước khi bài được gửi.")}
        )

    def apply(locked: Submission):
        locked.takedown_requested_at = requested_at
        locked.reason = reason
        locked.featured = False
        return ["takedown_requested_at", "reason", "featured"]

    event = transition(
        submission,
        workflow=SUBMISSION_WORKFLOW,
        to=S.TAKEN_DOWN,
        actor=actor,
        reason=reason,
        at=now,
        check=_guard_moderator(actor),
        apply=apply,
        select_related=("campaign",),
    )
    return event.subject


def set_featured(*, actor, submission: Submission, featured: bool) -> Submission:
    if not may_moderate(user=actor, campaign=submission.campaign):
        raise PermissionDenied(_("Bạn không phải người kiểm duyệt của chiến dịch này."))
    if featured and submission.status != S.APPROVED:
        raise ValidationError(_("Chỉ bài đã duyệt mới được chọn làm bài nổi bật."))
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        locked.featured = featured
        locked.save(update_fields=["featured"])
        record_event(
            locked,
            workflow=SUBMISSION_WORKFLOW,
            actor=actor,
            action=SubmissionAction.FEATURED if featured else SubmissionAction.UNFEATURED,
        )
    return locked


def report_submission(*, submission: Submission, reason: str, client: str) -> bool:
    """A visitor's report (one per visitor and item). At the campaign's threshold the item goes
    back into review and the moderators are told. Returns False for a repeated report."""
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Vui lòng chọn lý do báo cáo.")})
    if submission.status != S.APPROVED:
        raise ValidationError(_("Bài này hiện không hiển thị trên Cổng thông tin."))
    try:
        with transaction.atomic():
            SubmissionReport.objects.create(
                submission=submission, reason=reason, client_hash=keyed_hash("client", client)
            )
    except IntegrityError:
        return False
    with transaction.atomic():
        locked = Submission.objects.select_for_update().select_related("campaign")
        locked = locked.get(pk=submission.pk)
        locked.report_count += 1
        locked.save(update_fields=["report_count"])
        if locked.status == S.APPROVED and locked.report_count >= locked.campaign.report_threshold:
            transition(
                locked,
                workflow=SUBMISSION_WORKFLOW,
                to=S.PENDING,
                actor=None,
                reason=", ".join(
                    sorted({str(ReportReason(r).label) for r in locked.reports.values_list(
                        "reason", flat=True)})
                ),
                action=SubmissionAction.REPORTED_BACK,
                apply=lambda row: _unfeature(row),
                notify=lambda event: _moderator_notice(event.subject.campaign, reported=True),
                select_related=("campaign",),
            )  # fmt: skip
    return True


def _unfeature(row: Submission):
    row.featured = False
    return ["featured"]


def declare_reach(
    *,
    submission: Submission,
    declared_by: str,
    views: int,
    shares: int,
    evidence,
    on: date,
    actor=None,
) -> ReachDeclaration:
    """Views and shares as declared by the submitter (private link) or a moderator, with a
    screenshot as evidence: a declared estimate, counted apart from submissions."""
    errors = {}
    if submission.status != S.APPROVED:
        raise ValidationError(_("Chỉ khai báo lượt tiếp cận cho bài đã được duyệt."))
    if declared_by == Declarer.MODERATOR and not may_moderate(
        user=actor, campaign=submission.campaign
    ):
        raise PermissionDenied(_("Bạn không phải người kiểm duyệt của chiến dịch này."))
    if on is None or on > timezone.localdate():
        errors["on"] = [_("Ngày ghi nhận không hợp lệ.")]
    if not evidence:
        errors["evidence"] = [_("Vui lòng tải lên ảnh chụp màn hình số liệu của nền tảng.")]
    stored = None
    if evidence:
        try:
            stored = validate_upload(evidence, allowed=PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES)
        except ValidationError as exc:
            errors["evidence"] = exc.messages
    if errors:
        raise ValidationError(errors)
    row = ReachDeclaration(
        submission=submission,
        declared_by=declared_by,
        views=views or 0,
        shares=shares or 0,
        on=on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    row.evidence = stored.content
    row.full_clean(exclude=["evidence"])
    with transaction.atomic():
        row.save(force_insert=True)
        record_event(
            submission,
            workflow=SUBMISSION_WORKFLOW,
            actor=actor,
            action=SubmissionAction.REACH,
            reason=f"{row.views} / {row.shares}",
        )
    return row


@transaction.atomic
def erase_contact(*, submission: Submission) -> None:
    """Erasure on request: the contact goes from every item it verified, and their keyed hash
    is replaced by one random value shared by those items — so a person who sent three items is
    still one participant (``campaign.participants`` counts distinct hashes), yet nothing left
    can be recomputed from their number. The one-time codes sent to it go too. An item already
    erased (a sibling of one erased before, in the same request) is left as it is."""
    current = (
        Submission.objects.select_for_update()
        .filter(pk=submission.pk)
        .values_list("contact", "contact_hash")
        .first()
    )
    if current is None or not current[0]:
        return
    _contact, old_hash = current
    Submission.objects.filter(contact_hash=old_hash).update(
        contact="", contact_hash=secrets.token_hex(32), client_hash=""
    )
    ContactCode.objects.filter(contact_hash=old_hash).delete()


# --- campaigns ---------------------------------------------------------------------------------


def create_campaign(
    *,
    actor,
    activity,
    name: str,
    slug: str,
    hashtags: str,
    starts_on: date,
    ends_on: date,
    description: str,
    rules: str,
    platforms,
    themes=(),
    communes=(),
    moderators=(),
    report_threshold: int = 2,
    is_sample: bool = False,
) -> Campaign:
    """A campaign on an activity whose form is a digital-communication item (2.6)."""
    if activity.form.form_kind != FormKind.DIGITAL:
        raise ValidationError(
            {"activity": _("Hoạt động không thuộc hình thức truyền thông trên nền tảng số.")}
        )
    platforms = list(platforms)
    if not platforms:
        raise ValidationError({"platforms": _("Vui lòng chọn ít nhất một nền tảng.")})
    campaign = Campaign(
        activity=activity,
        name=name,
        slug=slug,
        hashtags=hashtags,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        rules=rules,
        report_threshold=report_threshold,
        is_sample=is_sample,
        created_by=actor,
    )
    campaign.full_clean()
    with transaction.atomic():
        campaign.save(force_insert=True)
        campaign.platforms.set(platforms)
        campaign.themes.set(themes)
        campaign.communes.set(communes)
        campaign.moderators.set(moderators)
    return campaign


def _require_owner(actor, campaign: Campaign) -> None:
    if not actor.has_perm("campaigns.change_campaign", campaign):
        raise PermissionDenied(_("Chỉ cơ quan chủ trì chiến dịch mới sửa được chiến dịch."))


@transaction.atomic
def update_campaign(
    *,
    actor,
    campaign: Campaign,
    name: str,
    hashtags: str,
    starts_on: date,
    ends_on: date,
    description: str,
    rules: str,
    platforms,
    themes=(),
    communes=(),
    report_threshold: int = 2,
) -> Campaign:
    """Edit a campaign (its activity and address stay). An invited platform that already has
    items stays invited: the items keep their platform."""
    _require_owner(actor, campaign)
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    platforms = list(platforms)
    if not platforms:
        raise ValidationError({"platforms": _("Vui lòng chọn ít nhất một nền tảng.")})
    used = set(
        locked.submissions.exclude(platform=None).values_list("platform", flat=True).distinct()
    )
    dropped = used - {p.pk for p in platforms}
    if dropped:
        names = ", ".join(Platform.objects.filter(pk__in=dropped).values_list("name", flat=True))
        raise ValidationError(
            {
                "platforms": _("Đã có bài gửi trên %(names)s: không bỏ nền tảng này được.")
                % {"names": names}
            }
        )
    locked.name = name
    locked.hashtags = hashtags
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.description = description
    locked.rules = rules
    locked.report_threshold = report_threshold
    locked.full_clean()
    locked.save()
    locked.platforms.set(platforms)
    locked.themes.set(themes)
    locked.communes.set(communes)
    return locked


def set_moderators(*, actor, campaign: Campaign, moderators) -> Campaign:
    _require_owner(actor, campaign)
    campaign.moderators.set(moderators)
    return campaign


def add_moderator(*, actor, campaign: Campaign, user) -> None:
    """The campaign owner assigns a staff member to moderate it (an assignment, not a unit)."""
    _require_owner(actor, campaign)
    if not is_staff_member(user=user):
        raise ValidationError(
            {"account": _("Người kiểm duyệt phải là cán bộ có tài khoản quản trị đang hiệu lực.")}
        )
    if campaign.moderators.filter(pk=user.pk).exists():
        raise ValidationError({"account": _("Người này đã là người kiểm duyệt của chiến dịch.")})
    campaign.moderators.add(user)


def remove_moderator(*, actor, campaign: Campaign, user) -> None:
    _require_owner(actor, campaign)
    campaign.moderators.remove(user)


@transaction.atomic
def moderate_submissions(
    *,
    actor,
    submissions,
    decision: str,
    reason: str = "",
    checks: dict | None = None,
    tell_submitter: bool = True,
) -> list[Submission]:
    """Bulk moderation: the same decision and reason for several pending items, each moved by
    its own service (``approve_submission`` / ``reject_submission`` → ``core.workflow``'s one
    transition, one status event each), all in one transaction: one item that may not move
    (no longer pending, not this moderator's) leaves every item as it was, and no submitter is
    told anything (the notices wait for the commit)."""
    items = list(submissions)
    if not items:
        raise ValidationError(_("Vui lòng chọn ít nhất một bài."))
    if decision == ModerationDecision.REJECT:
        reason = _reason_required(reason, _("Vui lòng nêu lý do để người gửi được biết."))
    elif decision != ModerationDecision.APPROVE:
        raise ValidationError(_("Vui lòng chọn duyệt hoặc không duyệt."))
    done = []
    for item in items:
        try:
            if decision == ModerationDecision.APPROVE:
                moved = approve_submission(
                    actor=actor,
                    submission=item,
                    checks=checks or {},
                    note=reason,
                    tell_submitter=tell_submitter,
                )
            else:
                moved = reject_submission(
                    actor=actor, submission=item, reason=reason, tell_submitter=tell_submitter
                )
        except ValidationError as exc:
            raise ValidationError(
                _("Bài “%(title)s”: %(error)s")
                % {"title": item.title[:80], "error": " ".join(exc.messages)}
            ) from None
        done.append(moved)
    return done
