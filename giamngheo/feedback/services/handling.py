"""Handling of feedback: the one status change (``transition_feedback``), answers and their
publication, the citizen's own acts through the private link, answer templates and the
handlers' deadline reminders."""

from __future__ import annotations

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.cache import purge_page_cache
from giamngheo.core.models import StatusEvent
from giamngheo.core.notify import notify, site_url
from giamngheo.core.text import fold, normalize_text
from giamngheo.core.workflow import real_actor, record_event, transition
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Organisation

from ..enums import (
    FEEDBACK_WORKFLOW,
    REASON_REQUIRED,
    EventAction,
    FeedbackStatus,
    IdentityMode,
)
from ..models import Answer, AnswerTemplate, Category, Feedback
from ..selectors import (
    handler_emails_by_organisation,
    items_due_for_reminder,
    lead_organisation_for,
    routed_organisation_id,
    sees_all_feedback,
)

logger = logging.getLogger(__name__)


# --- the state machine -------------------------------------------------------------------------


def transition_feedback(
    *,
    feedback: Feedback,
    to: str,
    actor,
    reason: str = "",
    organisation: Organisation | None = None,
    at: datetime | None = None,
) -> Feedback:
    """Move ``feedback`` to ``to`` if ``TRANSITIONS`` allows it; audit and notify.

    ``reason`` is required for a refusal, a request for information, a withdrawal and a return;
    ``organisation`` (for *assigned*) hands the item to another body; ``at`` back-dates an
    entry of paper history (demo data, records typed in later). Raises ValidationError
    with a Vietnamese message when the change is not allowed.

    Routing after the first assignment goes through here too:

    - *assigned* again from assigned / in progress / information supplied: the body
      **transfers** the item to another body (reason required), or — when the actor is of the
      lead department — the lead department **reassigns** it;
    - *returned*: the body **returns** the item to the lead department covering the commune
      (reason required); from there the lead department reassigns it (or refuses it).

    Each is one status event (``core.StatusEvent``) naming the new body, and the sender is
    notified.
    """
    reason = normalize_text(reason or "").strip()
    # Decided once the row is locked (check), written with the move (apply).
    routing = {"action": EventAction.STATUS, "organisation": organisation}

    def check(current: Feedback) -> None:
        from_status = current.status
        if to in REASON_REQUIRED and not reason:
            raise ValidationError(_("Vui lòng nêu lý do."), code="reason_required")
        if len(reason) > 4000:
            raise ValidationError(_("Lý do quá dài (tối đa 4.000 ký tự)."), code="too_long")
        if to == FeedbackStatus.ASSIGNED and from_status != FeedbackStatus.ACCEPTED:
            if organisation is None or organisation.pk == current.organisation_id:
                raise ValidationError(
                    _("Vui lòng chọn cơ quan khác để chuyển xử lý."), code="same_organisation"
                )
            lead = from_status == FeedbackStatus.RETURNED or (
                actor is not None and sees_all_feedback(user=actor)
            )
            routing["action"] = EventAction.REASSIGN if lead else EventAction.TRANSFER
            if routing["action"] == EventAction.TRANSFER and not reason:
                raise ValidationError(
                    _("Vui lòng nêu lý do chuyển sang cơ quan khác."), code="reason_required"
                )
        elif to == FeedbackStatus.RETURNED:
            routing["organisation"] = lead_organisation_for(unit=current.unit)
            if routing["organisation"] is None:
                raise ValidationError(
                    _("Chưa xác định được cơ quan đầu mối để trả lại."), code="no_lead"
                )
            routing["action"] = EventAction.RETURN
        elif to == FeedbackStatus.ASSIGNED and organisation is None and not current.organisation:
            raise ValidationError(_("Vui lòng chọn cơ quan xử lý."), code="no_organisation")

    def apply(current: Feedback) -> list[str]:
        if routing["organisation"] is None:
            return []
        current.organisation = routing["organisation"]
        return ["organisation"]

    def send(event: StatusEvent) -> None:
        item = event.subject
        if item.reporter_email or item.reporter_phone or item.channel_user_id:
            _send_status_change(code=item.tracking_code, email=item.reporter_email)

    transition(
        feedback,
        workflow=FEEDBACK_WORKFLOW,
        to=to,
        actor=actor,
        reason=reason,
        at=at,
        action=lambda current: routing["action"],
        check=check,
        apply=apply,
        notify=send,
    )
    feedback.refresh_from_db()
    return feedback


def locate_feedback(*, feedback: Feedback, unit: AdministrativeUnit, actor, reason: str = ""):
    """Name the commune of an item filed without one (the triage queue) and route it by the
    routing table as if the citizen had named it; the lead department keeps it when no rule
    covers that commune. Refused when the item already has its commune."""
    day = timezone.localdate()
    if unit.level != UnitLevel.COMMUNE or not unit.is_valid_on(day):
        raise ValidationError({"unit": _("Vui lòng chọn xã, phường đang có hiệu lực.")})
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if locked.unit_id is not None:
            raise ValidationError(_("Phản ánh này đã có địa bàn."), code="located")
        locked.unit = unit
        routed = routed_organisation_id(unit=unit, category=locked.category, on=day)
        if routed is not None:
            locked.organisation_id = routed
        locked.save(update_fields=["unit", "organisation"])
        note = _("Địa bàn: %(unit)s.") % {"unit": unit.name}
        _audit(
            feedback=locked,
            actor=actor,
            action=EventAction.LOCATE,
            reason=f"{note} {normalize_text(reason or '').strip()}".strip(),
        )
    feedback.refresh_from_db()
    return feedback


def _audit(*, feedback: Feedback, actor, action: str, reason: str = "", at=None) -> StatusEvent:
    """An event that leaves the status alone (moderation, publication, redaction)."""
    return record_event(
        feedback, workflow=FEEDBACK_WORKFLOW, actor=actor, action=action, reason=reason, at=at
    )


def _send_status_change(*, code: str, email: str = "") -> None:
    """A status notice by e-mail, SMS and/or Zalo, as for the receipt. The handler's reason goes
    only into the e-mail (a private channel that can carry it in full); SMS and Zalo carry the
    new status and the link to the status page."""
    item = Feedback.objects.get(tracking_code=code)
    event = item.events.order_by("-at", "-pk").first()
    status_url = site_url(reverse("feedback:status", args=[code]))
    notify(
        subject=_("Cập nhật phản ánh, kiến nghị %(code)s: %(status)s")
        % {"code": code, "status": item.get_status_display()},
        template="feedback/email/status.txt",
        context={"item": item, "event": event, "status_url": status_url},
        emails=[email or item.reporter_email],
        phones=[item.reporter_phone],
        zalo_ids=[item.channel_user_id],
        text=_(
            "Phản ánh, kiến nghị %(code)s đã chuyển sang trạng thái: %(status)s. Tra cứu: %(url)s"
        )
        % {"code": code, "status": item.get_status_display(), "url": status_url},
    )


def answer_feedback(
    *,
    feedback: Feedback,
    body: str,
    actor,
    at: datetime | None = None,
    template: AnswerTemplate | None = None,
    propose_publication: bool = False,
) -> Answer:
    """Record (or replace, before it is published) the answer and mark the item answered.
    ``template`` records which answer template it started from; ``propose_publication`` asks
    an approver to publish it to the Q&A (see ``propose_publication``)."""
    with transaction.atomic():
        answer = Answer.objects.filter(feedback=feedback).first() or Answer(feedback=feedback)
        if answer.is_published:
            raise ValidationError(_("Câu trả lời đã được công khai, không thể sửa."))
        answer.body = body
        answer.organisation = feedback.organisation
        answer.answered_by = actor
        answer.answered_at = at or timezone.now()
        answer.template = template
        answer.full_clean()
        answer.save()
        transition_feedback(feedback=feedback, to=FeedbackStatus.ANSWERED, actor=actor, at=at)
        if propose_publication:
            _propose(feedback=feedback, answer=answer, actor=actor, at=at)
    return answer


def propose_publication(*, feedback: Feedback, actor, at: datetime | None = None) -> Answer:
    """The handler asks an approver to publish the answer to the Q&A."""
    with transaction.atomic():
        answer = Answer.objects.select_for_update().filter(feedback=feedback).first()
        if answer is None:
            raise ValidationError(_("Chỉ đề nghị công khai được phản ánh đã có câu trả lời."))
        return _propose(feedback=feedback, answer=answer, actor=actor, at=at)


def _propose(*, feedback, answer, actor, at) -> Answer:
    if answer.is_published:
        raise ValidationError(_("Câu trả lời đã được công khai."))
    if not feedback.consent_publish:
        raise ValidationError(_("Người gửi không đồng ý công khai câu hỏi và trả lời."))
    answer.publish_proposed_at = at or timezone.now()
    answer.publish_proposed_by = real_actor(actor)
    answer.save(update_fields=["publish_proposed_at", "publish_proposed_by"])
    feedback.refresh_from_db()
    _audit(feedback=feedback, actor=actor, action=EventAction.PROPOSE, at=at)
    return answer


def publish_answer(*, feedback: Feedback, actor, at: datetime | None = None) -> Answer:
    """Publish the answer to the public Q&A (the approver's act). Only with the citizen's
    consent to publish; the reporter's identity is never part of what is published."""
    with transaction.atomic():
        answer = Answer.objects.select_for_update().filter(feedback=feedback).first()
        if answer is None or feedback.status not in (
            FeedbackStatus.ANSWERED,
            FeedbackStatus.CLOSED,
        ):
            raise ValidationError(_("Chỉ công khai được phản ánh đã có câu trả lời."))
        if not feedback.consent_publish:
            raise ValidationError(_("Người gửi không đồng ý công khai câu hỏi và trả lời."))
        if feedback.is_hidden or feedback.is_spam:
            raise ValidationError(_("Phản ánh đang bị ẩn hoặc là tin rác, không thể công khai."))
        answer.is_published = True
        answer.published_at = at or timezone.now()
        answer.published_by = actor
        answer.save(update_fields=["is_published", "published_at", "published_by"])
        Feedback.objects.filter(pk=feedback.pk).update(
            search_folded=fold(f"{feedback.subject}\n{feedback.description}\n{answer.body}")
        )
        _audit(feedback=feedback, actor=actor, action=EventAction.PUBLISH, at=at)
        transaction.on_commit(purge_page_cache)
    return answer


def unpublish_answer(*, feedback: Feedback, actor) -> Answer:
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(feedback=feedback)
        answer.is_published = False
        answer.save(update_fields=["is_published"])
        _audit(feedback=feedback, actor=actor, action=EventAction.UNPUBLISH)
        transaction.on_commit(purge_page_cache)
    return answer


def supply_information(*, feedback: Feedback, text: str) -> Feedback:
    """The citizen answers a request for information (through the private link)."""
    text = normalize_text(text or "").strip()
    if not text:
        raise ValidationError(_("Vui lòng nhập thông tin bổ sung."))
    return transition_feedback(
        feedback=feedback, to=FeedbackStatus.INFO_SUPPLIED, actor=None, reason=text
    )


def rate_answer(*, feedback: Feedback, rating: int) -> Feedback:
    """The citizen rates the answer (1–5) through the private link; a later rating replaces it."""
    if feedback.status not in (FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED):
        raise ValidationError(_("Chỉ đánh giá được khi đã có câu trả lời."))
    if rating not in range(1, 6):
        raise ValidationError(_("Mức đánh giá từ 1 đến 5."))
    Feedback.objects.filter(pk=feedback.pk).update(rating=rating)
    feedback.refresh_from_db()
    return feedback


def withdraw_feedback(*, feedback: Feedback, reason: str) -> Feedback:
    return transition_feedback(
        feedback=feedback, to=FeedbackStatus.WITHDRAWN, actor=None, reason=reason
    )


@transaction.atomic
def anonymise_reporter(*, feedback: Feedback) -> Feedback:
    """Erase the reporter's identity (data subject's request); the item and answer stay."""
    Feedback.objects.filter(pk=feedback.pk).update(
        identity_mode=IdentityMode.ANONYMOUS,
        reporter_name="",
        reporter_phone="",
        reporter_email="",
        channel_user_id="",
    )
    feedback.refresh_from_db()
    return feedback


# --- answer templates ------------------------------------------------------------------------------


@transaction.atomic
def create_answer_template(
    *, title: str, body: str, category: Category | None = None
) -> AnswerTemplate:
    template = AnswerTemplate(title=title, body=body, category=category)
    template.full_clean()
    template.save()
    return template


# --- reminders ----------------------------------------------------------------------------------


def send_due_reminders(*, today=None) -> int:
    """E-mail each responsible body's handlers about their open items that fall due within the
    reminder window of their kind (DeadlinePolicy.remind_before working days); one mail per
    person, one reminder per item and deadline. Returns the number of items reminded."""
    day = today or timezone.localdate()
    items = items_due_for_reminder(today=day)
    if not items:
        return 0
    emails = handler_emails_by_organisation(organisation_ids={i.organisation_id for i in items})
    per_person: dict[str, list[Feedback]] = {}
    for item in items:
        for email in emails.get(item.organisation_id, []):
            per_person.setdefault(email, []).append(item)
    for email, own in per_person.items():
        rows = [(i, site_url(reverse("phan-anh:inspect", args=[i.pk]))) for i in own]
        notify(
            subject=_("Nhắc hạn xử lý: %(n)s phản ánh, kiến nghị sắp đến hạn") % {"n": len(own)},
            template="feedback/email/reminder.txt",
            context={"rows": rows, "today": day},
            emails=[email],
        )
    reminded = [i.pk for i in items if emails.get(i.organisation_id)]
    Feedback.objects.filter(pk__in=reminded).update(reminded_for=F("deadline"))
    logger.info("feedback reminders: %s items, %s people", len(reminded), len(per_person))
    return len(reminded)
