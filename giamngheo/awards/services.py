"""Every write of the awards app: keyword-only, validated, atomic; one transition per state.

Each refusal is a Vietnamese ``ValidationError`` raised before anything is written (or inside
the transaction that it rolls back).
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from giamngheo.core.notify import notify, site_url
from giamngheo.core.text import normalize_text
from giamngheo.core.uploads import validate_upload
from giamngheo.core.workdays import add_working_days
from giamngheo.core.workflow import record_event, transition
from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation

from . import selectors
from .enums import (
    MEETING_WORKFLOW,
    NOMINATION_WORKFLOW,
    Attendance,
    AwardsAction,
    BallotSource,
    Choice,
    MeetingStatus,
    NominationStatus,
    Subject,
)
from .models import (
    Ballot,
    CouncilMeeting,
    CouncilSeat,
    Decision,
    DossierFile,
    Nomination,
    NomineeIdentity,
    PublicComment,
    Revocation,
    Round,
    VoteMark,
)

N = NominationStatus
EDITABLE = frozenset({N.DRAFT, N.RETURNED})
DOSSIER_KINDS = {"pdf", "docx"}
DOSSIER_MAX_BYTES = 20 * 1024 * 1024


def _clean(text: str) -> str:
    return normalize_text(text or "").strip()


def _need(actor, perm: str, obj, message) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


# --- rounds -----------------------------------------------------------------------------------


def create_round(
    *,
    actor,
    activity,
    movement: str,
    name: str,
    slug: str,
    period_start: date,
    period_end: date,
    nominations_close: date,
    office: Organisation,
    council: Organisation,
    form_codes: list[str],
    public_comment_days: int = 0,
    is_sample: bool = False,
) -> Round:
    """A round on an emulation activity (plan item 2.3) of the actor's scope, run by a body the
    actor belongs to as office; the forms offered are forms of the rules in force on the
    closing date of nominations."""
    if not actor.has_perm("awards.create_round"):
        raise PermissionDenied(
            _(
                "Chỉ cơ quan thường trực thi đua, khen thưởng có hoạt động thi đua (mục 2.3) tạo đợt xét."
            )
        )
    errors = {}
    if not selectors.round_activities(user=actor).filter(pk=activity.pk).exists():
        errors["activity"] = _(
            "Hoạt động không thuộc mục thi đua, khen thưởng (2.3) của cơ quan anh/chị."
        )
    if not selectors.round_offices(user=actor).filter(pk=office.pk).exists():
        errors["office"] = _("Anh/chị chỉ tạo đợt xét cho cơ quan mình.")
    if not selectors.council_candidates().filter(pk=council.pk).exists():
        errors["council"] = _("Cơ quan được chọn chưa có thành viên hội đồng thi đua, khen thưởng.")
    offered = set(selectors.rule_set_on(nominations_close).forms.values_list("code", flat=True))
    if not form_codes or set(form_codes) - offered:
        errors["form_codes"] = _(
            "Chọn hình thức khen thưởng trong quy định có hiệu lực ngày hết hạn nộp hồ sơ."
        )
    if period_end < period_start:
        errors["period_end"] = _("Giai đoạn sơ kết kết thúc trước khi bắt đầu.")
    if errors:
        raise ValidationError(errors)
    round_ = Round(
        activity=activity,
        movement=_clean(movement),
        name=_clean(name),
        slug=slug,
        period_start=period_start,
        period_end=period_end,
        nominations_close=nominations_close,
        office=office,
        council=council,
        form_codes=list(form_codes),
        public_comment_days=public_comment_days,
        is_sample=is_sample,
    )
    round_.full_clean()
    round_.save()
    return round_


# --- nominations ------------------------------------------------------------------------------


def _within(unit: AdministrativeUnit, root: AdministrativeUnit) -> bool:
    return unit.path.startswith(root.path)


def create_nomination(
    *,
    actor,
    round: Round,
    nominating_organisation: Organisation,
    subject: str,
    name: str,
    commune: AdministrativeUnit,
    achievements: str,
    form_code: str,
    dated_on: date,
    collective: Organisation | None = None,
    household_members: int | None = None,
    village: str = "",
    position: str = "",
    workplace: str = "",
    identity: dict | None = None,
    is_sample: bool = False,
) -> Nomination:
    """A unit files a nomination; the rule set is the one in force on ``dated_on`` (the date of
    its tờ trình), and the form must be one of that rule set's forms for the subject."""
    _need(
        actor,
        "awards.nominate",
        nominating_organisation,
        _("Anh/chị không phải cán bộ của đơn vị đề nghị."),
    )
    if not _within(commune, nominating_organisation.unit):
        raise ValidationError(
            _("Đối tượng ở %(commune)s, ngoài địa bàn của %(org)s: đơn vị không được đề nghị."),
            code="out_of_scope",
            params={"commune": commune.name, "org": nominating_organisation.name},
        )
    if collective is not None and not _within(collective.unit, nominating_organisation.unit):
        raise ValidationError(
            _("Tập thể %(name)s không thuộc phạm vi của đơn vị đề nghị."),
            code="out_of_scope",
            params={"name": collective.name},
        )
    if dated_on > round.nominations_close:
        raise ValidationError(
            _("Đã quá hạn nộp hồ sơ của đợt xét (%(day)s)."),
            params={"day": f"{round.nominations_close:%d/%m/%Y}"},
        )
    form = selectors.form_on(day=dated_on, code=form_code)
    if round.form_codes and form_code not in round.form_codes:
        raise ValidationError(
            _("Đợt xét này không xét hình thức “%(form)s”."), params={"form": form}
        )
    if subject not in Subject.values or not form.allows(subject):
        raise ValidationError(
            _("Hình thức “%(form)s” không áp dụng cho đối tượng này."), params={"form": form}
        )
    errors = {}
    if subject == Subject.HOUSEHOLD and not household_members:
        errors["household_members"] = _("Ghi số nhân khẩu của hộ.")
    if subject == Subject.INDIVIDUAL and not _clean(position):
        errors["position"] = _("Ghi chức vụ hoặc nghề nghiệp của cá nhân.")
    if identity and any(identity.values()) and not form.personal_data:
        errors["identity"] = _(
            "Hình thức này không cần số định danh, ngày sinh, địa chỉ: không lưu các thông tin đó."
        )
    if form.personal_data and subject != Subject.COLLECTIVE:
        if not identity or not (identity.get("citizen_id") and identity.get("birth_date")):
            errors["identity"] = _("Hồ sơ hình thức này cần số định danh cá nhân và ngày sinh.")
    if errors:
        raise ValidationError(errors)
    nomination = Nomination(
        round=round,
        nominating_organisation=nominating_organisation,
        dated_on=dated_on,
        rule_set=form.rule_set,
        form=form,
        subject=subject,
        collective=collective,
        name=_clean(name),
        household_members=household_members if subject == Subject.HOUSEHOLD else None,
        commune=commune,
        village=_clean(village),
        position=_clean(position),
        workplace=_clean(workplace),
        achievements=_clean(achievements),
        created_by=actor,
        is_sample=is_sample,
    )
    nomination.full_clean()
    with transaction.atomic():
        nomination.save()
        if form.personal_data and identity and subject != Subject.COLLECTIVE:
            person = NomineeIdentity(
                nomination=nomination,
                citizen_id=_clean(identity.get("citizen_id", "")),
                birth_date=identity.get("birth_date"),
                address=_clean(identity.get("address", "")),
            )
            person.full_clean()
            person.save()
        record_event(nomination, workflow=NOMINATION_WORKFLOW, actor=actor, from_status="")
    return nomination


def attach_component(*, actor, nomination: Nomination, component_code: str, upload) -> DossierFile:
    _need(actor, "awards.edit_nomination", nomination, _("Anh/chị không được sửa hồ sơ này."))
    if nomination.status not in EDITABLE:
        raise ValidationError(_("Hồ sơ đã trình, không bổ sung thành phần được."))
    component = nomination.form.components.filter(code=component_code).first()
    if component is None:
        raise ValidationError(_("Thành phần hồ sơ không có trong quy định của hình thức này."))
    clean = validate_upload(upload, allowed=DOSSIER_KINDS, max_bytes=DOSSIER_MAX_BYTES)
    with transaction.atomic():
        item = DossierFile(
            nomination=nomination, component=component, kind=clean.kind, size=clean.size
        )
        item.file.save(clean.content.name, clean.content, save=False)
        item.save()
        record_event(
            nomination,
            workflow=NOMINATION_WORKFLOW,
            actor=actor,
            action=AwardsAction.COMPONENT,
            reason=component.name,
        )
    return item


def missing_components(nomination: Nomination) -> list[str]:
    present = set(nomination.files.values_list("component_id", flat=True))
    return [c.name for c in nomination.form.components.all() if c.pk not in present]


def submit_nomination(*, actor, nomination: Nomination, at: datetime | None = None) -> Nomination:
    _need(actor, "awards.edit_nomination", nomination, _("Anh/chị không được trình hồ sơ này."))

    def check(locked):
        missing = missing_components(locked)
        if missing:
            raise ValidationError(
                _("Hồ sơ còn thiếu thành phần bắt buộc: %(list)s."),
                code="missing_component",
                params={"list": "; ".join(missing)},
            )

    transition(
        nomination, workflow=NOMINATION_WORKFLOW, to=N.SUBMITTED, actor=actor, at=at, check=check
    )
    nomination.refresh_from_db()
    return nomination


def _office(actor, nomination: Nomination) -> None:
    _need(
        actor,
        "awards.appraise",
        nomination,
        _("Chỉ cơ quan thường trực thi đua, khen thưởng được thực hiện việc này."),
    )


def _tell_filer(event) -> None:
    """The officer who filed the nomination learns, by e-mail, that it was returned and why."""
    n = event.subject
    email = getattr(n.created_by, "email", "")
    if not email:
        return
    notify(
        subject=_("Hồ sơ đề nghị khen thưởng “%(name)s” được trả lại để bổ sung")
        % {"name": n.name},
        template="awards/email/returned.txt",
        context={
            "n": n,
            "reason": event.reason,
            "url": site_url(reverse("awards_nomination", args=[n.pk])),
        },
        emails=[email],
    )


def return_nomination(*, actor, nomination: Nomination, reason: str, at=None) -> Nomination:
    _office(actor, nomination)
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Ghi lý do trả lại hồ sơ.")})

    def apply(locked):
        locked.return_reason = reason
        return ["return_reason"]

    transition(
        nomination,
        workflow=NOMINATION_WORKFLOW,
        to=N.RETURNED,
        actor=actor,
        reason=reason,
        at=at,
        apply=apply,
        notify=_tell_filer,
    )
    nomination.refresh_from_db()
    return nomination


def pass_appraisal(*, actor, nomination: Nomination, at=None) -> Nomination:
    _office(actor, nomination)
    transition(nomination, workflow=NOMINATION_WORKFLOW, to=N.APPRAISED, actor=actor, at=at)
    nomination.refresh_from_db()
    return nomination


def comment_days(nomination: Nomination) -> int:
    return max(nomination.form.public_comment_days, nomination.round.public_comment_days)


def publish_nomination(*, actor, nomination: Nomination, today: date) -> Nomination:
    """Put an appraised nomination on the portal for its window of working days (the longer of
    the rule set's and the province's), or straight to the council when there is none."""
    _office(actor, nomination)
    days = comment_days(nomination)
    if not days:
        transition(nomination, workflow=NOMINATION_WORKFLOW, to=N.COUNCIL, actor=actor)
    else:
        until = add_working_days(today, days)

        def apply(locked):
            locked.comment_until = until
            return ["comment_until"]

        transition(
            nomination, workflow=NOMINATION_WORKFLOW, to=N.PUBLIC_COMMENT, actor=actor, apply=apply
        )
    nomination.refresh_from_db()
    return nomination


def add_public_comment(
    *, nomination: Nomination, text: str, author_name: str = "", is_objection=False, at=None
) -> PublicComment:
    at = at or timezone.now()
    text = _clean(text)
    if not text:
        raise ValidationError({"text": _("Ghi nội dung góp ý.")})
    if nomination.status != N.PUBLIC_COMMENT or timezone.localdate(at) > nomination.comment_until:
        raise ValidationError(_("Danh sách này không còn trong thời gian lấy ý kiến."))
    comment = PublicComment(
        nomination=nomination,
        text=text,
        author_name=_clean(author_name),
        is_objection=bool(is_objection),
        received_at=at,
    )
    comment.full_clean()
    comment.save()
    return comment


def send_to_council(*, actor, nomination: Nomination, today: date) -> Nomination:
    _office(actor, nomination)

    def check(locked):
        if locked.comment_until and today <= locked.comment_until:
            raise ValidationError(
                _("Chưa hết thời gian lấy ý kiến công khai (đến hết ngày %(day)s)."),
                code="window_open",
                params={"day": f"{locked.comment_until:%d/%m/%Y}"},
            )

    transition(nomination, workflow=NOMINATION_WORKFLOW, to=N.COUNCIL, actor=actor, check=check)
    nomination.refresh_from_db()
    return nomination


# --- the council ------------------------------------------------------------------------------


def _manage(actor, meeting_or_round) -> None:
    _need(
        actor,
        "awards.manage_meeting",
        meeting_or_round,
        _("Chỉ cơ quan thường trực thi đua, khen thưởng được điều hành phiên họp."),
    )


def create_meeting(
    *,
    actor,
    round: Round,
    held_on: date,
    place: str = "",
    chair_name: str = "",
    secretary_name: str = "",
) -> CouncilMeeting:
    """A meeting of the round's council; its seats are the council's juror memberships in
    force on the day."""
    _manage(actor, round)
    members = Membership.objects.valid_on(held_on).filter(
        organisation=round.council, role=Role.JUROR
    )
    if not members.exists():
        raise ValidationError(_("Hội đồng chưa có thành viên."))
    with transaction.atomic():
        meeting = CouncilMeeting(
            round=round,
            held_on=held_on,
            place=_clean(place),
            chair_name=_clean(chair_name),
            secretary_name=_clean(secretary_name),
        )
        meeting.full_clean()
        meeting.save()
        CouncilSeat.objects.bulk_create(
            CouncilSeat(meeting=meeting, membership=m) for m in members.order_by("pk")
        )
        record_event(meeting, workflow=MEETING_WORKFLOW, actor=actor, from_status="")
    return meeting


def set_attendance(*, actor, meeting: CouncilMeeting, attendance: dict[int, str]) -> None:
    """``attendance`` maps seat ids to an ``Attendance``; only before the meeting opens."""
    _manage(actor, meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("Phiên họp đã bắt đầu: không sửa điểm danh được."))
    seats = {s.pk: s for s in meeting.seats.all()}
    if not set(attendance) <= set(seats) or not set(attendance.values()) <= set(Attendance.values):
        raise ValidationError(_("Điểm danh không hợp lệ."))
    for pk, value in attendance.items():
        seats[pk].attendance = value
    CouncilSeat.objects.bulk_update([seats[pk] for pk in attendance], ["attendance"])


def open_meeting(*, actor, meeting: CouncilMeeting) -> CouncilMeeting:
    _manage(actor, meeting)

    def check(locked):
        q = selectors.quorum(locked, rule_set=selectors.rule_set_on(locked.held_on))
        if not q.met:
            raise ValidationError(
                _("Phiên họp không đủ số thành viên dự họp. %(arith)s"),
                code="no_quorum",
                params={"arith": q.arithmetic},
            )

    transition(meeting, workflow=MEETING_WORKFLOW, to=MeetingStatus.OPEN, actor=actor, check=check)
    meeting.refresh_from_db()
    return meeting


def _open_for_votes(meeting: CouncilMeeting, nomination: Nomination) -> None:
    if meeting.status != MeetingStatus.OPEN:
        raise ValidationError(
            _("Phiên họp không trong thời gian bỏ phiếu (%(status)s)."),
            code="meeting_closed",
            params={"status": meeting.get_status_display()},
        )
    if nomination.round_id != meeting.round_id or nomination.status != N.COUNCIL:
        raise ValidationError(_("Hồ sơ này không được trình phiên họp."))


def record_ballot(
    *,
    actor,
    meeting: CouncilMeeting,
    nomination: Nomination,
    agree: int,
    disagree: int,
    invalid: int = 0,
    written_agree: int = 0,
    written_disagree: int = 0,
) -> Ballot:
    """The counts of the paper ballot of one nominee, entered by the office's secretary."""
    _manage(actor, meeting)
    with transaction.atomic():
        meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
        _open_for_votes(meeting, nomination)
        counts = selectors.attendances(meeting)
        values = (agree, disagree, invalid, written_agree, written_disagree)
        if any(v is None or v < 0 for v in values):
            raise ValidationError(_("Số phiếu phải là số không âm."))
        if agree + disagree + invalid > counts.present:
            raise ValidationError(
                _("Tổng số phiếu (%(total)s) vượt số thành viên có mặt (%(present)s)."),
                code="too_many_votes",
                params={"total": agree + disagree + invalid, "present": counts.present},
            )
        if written_agree + written_disagree > counts.written:
            raise ValidationError(
                _(
                    "Số ý kiến bằng văn bản (%(total)s) vượt số thành viên vắng mặt có ý kiến "
                    "(%(written)s)."
                ),
                code="too_many_votes",
                params={"total": written_agree + written_disagree, "written": counts.written},
            )
        ballot, _created = Ballot.objects.update_or_create(
            meeting=meeting,
            nomination=nomination,
            defaults={
                "source": BallotSource.PAPER,
                "agree": agree,
                "disagree": disagree,
                "invalid": invalid,
                "written_agree": written_agree,
                "written_disagree": written_disagree,
            },
        )
        record_event(
            nomination, workflow=NOMINATION_WORKFLOW, actor=actor, action=AwardsAction.BALLOT
        )
    return ballot


def cast_vote(*, actor, meeting: CouncilMeeting, nomination: Nomination, choice: str) -> None:
    """A member present votes online: the count goes up and a mark says the seat has voted on
    this nominee — the choice is never stored beside the seat."""
    if choice not in Choice.values:
        raise ValidationError(_("Lựa chọn không hợp lệ."))
    seat = selectors.seat_of(user=actor, meeting=meeting)
    if seat is None:
        raise PermissionDenied(_("Anh/chị không phải thành viên của phiên họp này."))
    if seat.attendance != Attendance.PRESENT:
        raise ValidationError(_("Thành viên vắng mặt không bỏ phiếu trực tuyến."))
    field = {Choice.AGREE: "agree", Choice.DISAGREE: "disagree", Choice.INVALID: "invalid"}[choice]
    try:
        with transaction.atomic():
            meeting = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
            _open_for_votes(meeting, nomination)
            VoteMark.objects.create(seat=seat, nomination=nomination)
            ballot, _created = Ballot.objects.get_or_create(
                meeting=meeting, nomination=nomination, defaults={"source": BallotSource.ONLINE}
            )
            Ballot.objects.filter(pk=ballot.pk).update(**{field: F(field) + 1})
    except IntegrityError:
        raise ValidationError(_("Anh/chị đã bỏ phiếu cho hồ sơ này.")) from None


def close_meeting(*, actor, meeting: CouncilMeeting) -> CouncilMeeting:
    """Close the ballot: only the counts remain; the marks of who has voted are deleted."""
    _manage(actor, meeting)

    def apply(locked):
        VoteMark.objects.filter(seat__meeting=locked).delete()
        return []

    transition(
        meeting, workflow=MEETING_WORKFLOW, to=MeetingStatus.CLOSED, actor=actor, apply=apply
    )
    meeting.refresh_from_db()
    return meeting


# --- decision and revocation ------------------------------------------------------------------


def decide_round(
    *,
    actor,
    round: Round,
    number: str,
    signed_on: date,
    authority: str,
    signer_title: str,
    signer_name: str,
) -> Decision:
    """The Quyết định khen thưởng: every nomination before the council whose ballot (in a closed
    meeting) reached its threshold is commended, the others not."""
    _manage(actor, round)
    pending = list(Nomination.objects.filter(round=round, status=N.COUNCIL).select_related("form"))
    if not pending:
        raise ValidationError(_("Không còn hồ sơ nào chờ quyết định."))
    for n in pending:
        if n.comment_until and signed_on <= n.comment_until:
            raise ValidationError(
                _(
                    "Chưa hết thời gian lấy ý kiến công khai của “%(name)s” (đến hết ngày %(day)s): "
                    "chưa ra quyết định được."
                ),
                code="window_open",
                params={"name": n.name, "day": f"{n.comment_until:%d/%m/%Y}"},
            )
    ballots = {
        b.nomination_id: b
        for b in Ballot.objects.filter(
            nomination__in=pending, meeting__status=MeetingStatus.CLOSED
        ).select_related("meeting", "nomination__form")
    }
    missing = [n.name for n in pending if n.pk not in ballots]
    if missing:
        raise ValidationError(
            _("Chưa có kết quả bỏ phiếu của phiên họp đã kết thúc cho: %(list)s."),
            params={"list": "; ".join(missing)},
        )
    with transaction.atomic():
        decision = Decision(
            round=round,
            number=_clean(number),
            signed_on=signed_on,
            authority=_clean(authority),
            signer_title=_clean(signer_title),
            signer_name=_clean(signer_name),
        )
        decision.full_clean()
        decision.save()
        results = {}
        for n in pending:
            b = ballots[n.pk]
            counts = selectors.attendances(b.meeting)
            q = selectors.quorum(
                b.meeting, rule_set=selectors.rule_set_on(b.meeting.held_on), counts=counts
            )
            results[n.pk] = selectors.ballot_tally(b, counts=counts, quorum_met=q.met)

        def apply(locked):
            locked.decision = decision
            return ["decision"]

        for n in pending:
            t = results[n.pk]
            transition(
                n,
                workflow=NOMINATION_WORKFLOW,
                to=N.COMMENDED if t.met else N.NOT_COMMENDED,
                actor=actor,
                reason=t.arithmetic,
                apply=apply,
            )
    return decision


def revoke_commendation(
    *, actor, nomination: Nomination, number: str, revoked_on: date, grounds: str
) -> Revocation:
    """Record a revocation in the register, linked to the decision that commended the nominee
    (its annex keeps listing them: the decision stands as it was issued), and move the
    nomination to revoked; the honour roll drops it."""
    _office(actor, nomination)
    grounds = _clean(grounds)
    if not grounds:
        raise ValidationError({"grounds": _("Ghi căn cứ, lý do hủy bỏ.")})
    if revoked_on is None:
        raise ValidationError({"revoked_on": _("Ghi ngày hủy bỏ.")})
    decision = nomination.decision
    if decision is not None and revoked_on < decision.signed_on:
        raise ValidationError(
            {
                "revoked_on": _(
                    "Ngày hủy bỏ (%(day)s) trước ngày ký Quyết định khen thưởng %(number)s "
                    "(%(signed)s)."
                )
                % {
                    "day": f"{revoked_on:%d/%m/%Y}",
                    "number": decision.number,
                    "signed": f"{decision.signed_on:%d/%m/%Y}",
                }
            }
        )
    with transaction.atomic():
        transition(
            nomination, workflow=NOMINATION_WORKFLOW, to=N.REVOKED, actor=actor, reason=grounds
        )
        entry = Revocation(
            nomination=nomination,
            decision_id=nomination.decision_id,
            number=_clean(number),
            revoked_on=revoked_on,
            grounds=grounds,
        )
        entry.full_clean()
        entry.save()
    return entry


def erase_identity(*, identity: NomineeIdentity) -> None:
    identity.delete()
