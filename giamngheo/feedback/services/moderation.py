"""Moderation of feedback: hiding and spam flags, bans of abusive senders, and what of the
attachments the public may see (redacted copies)."""

from __future__ import annotations

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from giamngheo.core.cache import purge_page_cache
from giamngheo.core.text import normalize_text
from giamngheo.core.workflow import real_actor

from ..enums import BanKind, EventAction, Redaction
from ..models import Ban, Feedback, FeedbackAttachment
from ..selectors import ban_hash, normalise_ban_value
from .handling import _audit

# --- moderation and bans ---------------------------------------------------------------------------


def moderate_feedback(
    *,
    feedback: Feedback,
    actor,
    hidden: bool | None = None,
    spam: bool | None = None,
    reason: str = "",
) -> Feedback:
    """Hide an item from every public page (kept, never deleted) and/or flag it as spam — or
    undo either. Hiding and flagging need a reason; each change is an audited event. A hidden
    item's published answer leaves the Q&A with it (the page cache is purged)."""
    reason = normalize_text(reason or "").strip()
    if len(reason) > 4000:
        raise ValidationError(_("Lý do quá dài (tối đa 4.000 ký tự)."))
    with transaction.atomic():
        current = Feedback.objects.select_for_update().get(pk=feedback.pk)
        changes = []
        if hidden is not None and hidden != current.is_hidden:
            changes.append(EventAction.HIDE if hidden else EventAction.UNHIDE)
            current.is_hidden = hidden
        if spam is not None and spam != current.is_spam:
            changes.append(EventAction.SPAM if spam else EventAction.UNSPAM)
            current.is_spam = spam
        if not changes:
            raise ValidationError(_("Không có thay đổi nào."))
        if {EventAction.HIDE, EventAction.SPAM} & set(changes) and not reason:
            raise ValidationError(_("Vui lòng nêu lý do ẩn hoặc đánh dấu tin rác."))
        current.moderation_reason = reason
        current.moderated_by = real_actor(actor)
        current.moderated_at = timezone.now()
        current.save(
            update_fields=[
                "is_hidden",
                "is_spam",
                "moderation_reason",
                "moderated_by",
                "moderated_at",
                "updated_at",
            ]
        )
        for action in changes:
            _audit(feedback=current, actor=actor, action=action, reason=reason)
        transaction.on_commit(purge_page_cache)
    feedback.refresh_from_db()
    return feedback


@transaction.atomic
def create_ban(
    *,
    kind: str,
    value: str,
    reason: str,
    actor,
    until=None,
    feedback: Feedback | None = None,
) -> Ban:
    """Refuse further submissions from a phone, e-mail or network address. Only a keyed hash
    of the value is stored, with its last characters as a reminder for the administrator."""
    if kind not in BanKind.values:
        raise ValidationError(_("Loại chặn không hợp lệ."))
    normalised = normalise_ban_value(kind=kind, value=value)
    if not normalised:
        raise ValidationError({"value": _("Vui lòng nhập giá trị cần chặn.")})
    if until is not None and until < timezone.localdate():
        raise ValidationError({"until": _("Ngày hết hạn chặn phải từ hôm nay trở đi.")})
    ban = Ban(
        kind=kind,
        value_hash=ban_hash(kind=kind, value=normalised),
        hint="…" + normalised[-4:] if kind != BanKind.CLIENT else "",
        until=until,
        reason=reason,
        created_by=real_actor(actor),
        feedback=feedback,
    )
    ban.full_clean()
    ban.save()
    return ban


def ban_reporter(*, feedback: Feedback, actor, reason: str, until=None) -> list[Ban]:
    """Ban the sender of ``feedback``: their phone, e-mail and (web form) network address,
    whichever are known; audited on the item. The item itself is left as it is."""
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError(_("Vui lòng nêu lý do chặn."))
    with transaction.atomic():
        bans = []
        for kind, value in (
            (BanKind.PHONE, feedback.reporter_phone),
            (BanKind.EMAIL, feedback.reporter_email),
        ):
            if value:
                bans.append(
                    create_ban(
                        kind=kind,
                        value=value,
                        reason=reason,
                        actor=actor,
                        until=until,
                        feedback=feedback,
                    )
                )
        if feedback.client_hash:
            ban = Ban(
                kind=BanKind.CLIENT,
                value_hash=feedback.client_hash,
                until=until,
                reason=reason,
                created_by=real_actor(actor),
                feedback=feedback,
            )
            ban.full_clean()
            ban.save()
            bans.append(ban)
        if not bans:
            raise ValidationError(
                _("Người gửi ẩn danh qua kênh không ghi nhận địa chỉ: không có gì để chặn.")
            )
        _audit(feedback=feedback, actor=actor, action=EventAction.BAN, reason=reason)
    return bans


# --- attachments: what the public may see ---------------------------------------------------------

IMAGE_KINDS = {"jpg", "png", "webp"}
MIN_BLUR_RADIUS = 12


def _parse_boxes(boxes, width: int, height: int) -> list[tuple[int, int, int, int]]:
    result = []
    for box in boxes:
        if len(box) != 4:
            raise ValidationError(_("Mỗi vùng che gồm 4 số: x1, y1, x2, y2."))
        x1, y1, x2, y2 = (int(v) for v in box)
        if not (0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height):
            raise ValidationError(
                _("Vùng che %(box)s nằm ngoài ảnh (%(w)s × %(h)s điểm ảnh)."),
                params={"box": f"{x1},{y1},{x2},{y2}", "w": width, "h": height},
            )
        result.append((x1, y1, x2, y2))
    return result


def redact_attachment(
    *, attachment: FeedbackAttachment, actor, mode: str, boxes=()
) -> FeedbackAttachment:
    """Make the copy of an image the public may see once the answer is published: re-encoded
    as PNG (no metadata), with black rectangles over ``boxes`` ((x1, y1, x2, y2) in pixels of
    the original) or blurred as a whole. The original is never touched and never public.
    Documents (PDF, DOCX) cannot be made public; hide them instead."""
    if mode not in Redaction.values:
        raise ValidationError(_("Cách xử lý ảnh không hợp lệ."))
    if attachment.kind not in IMAGE_KINDS:
        raise ValidationError(_("Chỉ xử lý được tệp ảnh; tài liệu không được công khai."))
    with attachment.file.open("rb") as handle:
        image = Image.open(handle)
        image = ImageOps.exif_transpose(image).convert("RGB")
    if mode == Redaction.BOXES:
        regions = _parse_boxes(boxes, *image.size)
        if not regions:
            raise ValidationError(_("Vui lòng nhập ít nhất một vùng cần che."))
        draw = ImageDraw.Draw(image)
        for region in regions:
            draw.rectangle(region, fill=(0, 0, 0))
    elif mode == Redaction.BLUR:
        radius = max(MIN_BLUR_RADIUS, max(image.size) // 40)
        image = image.filter(ImageFilter.GaussianBlur(radius))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    with transaction.atomic():
        current = FeedbackAttachment.objects.select_for_update().get(pk=attachment.pk)
        old = current.public_file.name if current.public_file else ""
        current.public_file.save(
            f"cong-khai-{secrets.token_hex(12)}.png", ContentFile(out.getvalue()), save=False
        )
        current.redaction = mode
        current.is_hidden_from_public = False
        current.redacted_by = real_actor(actor)
        current.redacted_at = timezone.now()
        current.save()
        _audit(
            feedback=current.feedback,
            actor=actor,
            action=EventAction.REDACT,
            reason=Redaction(mode).label,
        )
        if old:
            transaction.on_commit(lambda: current.public_file.storage.delete(old))
        transaction.on_commit(purge_page_cache)
    attachment.refresh_from_db()
    return attachment


def hide_attachment(*, attachment: FeedbackAttachment, actor, hidden: bool = True):
    """Keep an attachment off the public pages (or allow its public copy again)."""
    with transaction.atomic():
        FeedbackAttachment.objects.filter(pk=attachment.pk).update(
            is_hidden_from_public=hidden, redacted_by=real_actor(actor), redacted_at=timezone.now()
        )
        _audit(
            feedback=attachment.feedback,
            actor=actor,
            action=EventAction.REDACT,
            reason=_("Không công khai tệp đính kèm")
            if hidden
            else _("Cho phép công khai bản đã xử lý"),
        )
        transaction.on_commit(purge_page_cache)
    attachment.refresh_from_db()
    return attachment
