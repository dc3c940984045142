"""Every write of the contests app: keyword-only, validated, in one transaction.

Who may do what is decided here as well as in ``rules`` (a service is also called by the demo
loader and the benchmark): the secretariat (``Contest.secretariat``) checks entries and knows
identities; the organiser's officers (and the province administrator) set the contest up,
run the rounds and issue the decision; a juror scores only their own reviews of an open round.
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.notify import notify, site_url
from giamngheo.core.text import clean_name, fold, is_national_phone, normalise_phone, normalize_text
from giamngheo.core.uploads import validate_upload
from giamngheo.core.workflow import record_event, transition
from giamngheo.organisations import selectors as org_selectors
from giamngheo.organisations.enums import OrganisationKind
from giamngheo.organisations.models import Organisation
from giamngheo.planning.enums import FormKind

from .enums import (
    CONTEST_WORKFLOW,
    ENTRY_WORKFLOW,
    ROUND_WORKFLOW,
    ConflictSource,
    ContestAction,
    ContestStatus,
    EntryStatus,
    FileRole,
    Medium,
    RoundStatus,
)
from .models import (
    CoAuthor,
    CollectivePrize,
    Conflict,
    Contest,
    ContestMedium,
    Criterion,
    Entrant,
    Entry,
    EntryFile,
    Juror,
    PrizeTier,
    Review,
    Round,
    RoundEntry,
    Score,
)

PRESS_KINDS = (OrganisationKind.PRESS, OrganisationKind.BROADCASTER)
VERIFY_SALT = "contests.entrant-verify"
CODE_PREFIX = {
    Medium.PRINT: "BI",
    Medium.ONLINE: "DT",
    Medium.RADIO: "PT",
    Medium.TV: "TH",
    Medium.PHOTO: "AN",
}
# What each medium's evidence is (role → allowed kinds); a required role must be present.
EVIDENCE = {
    Medium.PRINT: {FileRole.WORK: {"pdf", "jpg", "png"}},
    Medium.ONLINE: {FileRole.CAPTURE: {"pdf"}},
    Medium.RADIO: {FileRole.WORK: {"mp3", "m4a", "ogg"}, FileRole.SCRIPT: {"pdf", "docx"}},
    Medium.TV: {FileRole.WORK: {"mp4", "webm"}, FileRole.SCRIPT: {"pdf", "docx"}},
    Medium.PHOTO: {FileRole.WORK: {"jpg", "png"}},
}
MB = 1024 * 1024
HUNDRED = Decimal("100")


def _q2(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- who is who ---------------------------------------------------------------------------------


def is_secretary(*, user, contest: Contest) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return contest.secretariat.filter(pk=user.pk).exists()


def may_organise(*, user, contest: Contest) -> bool:
    """The organiser's officers and the province administrator run the contest (without seeing
    who wrote what)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if org_selectors.is_province_admin(user=user):
        return True
    return org_selectors.organisations_for_user(user=user).filter(pk=contest.organiser_id).exists()


def is_contest_insider(*, user, contest: Contest) -> bool:
    """The organising board, the jury of any round and the secretariat cannot enter."""
    return (
        contest.secretariat.filter(pk=user.pk).exists()
        or contest.board.filter(pk=user.pk).exists()
        or Juror.objects.filter(round__contest=contest, user=user).exists()
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- the contest ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    maximum: int
    weight: Decimal = Decimal("1")
    required: bool = True


@transaction.atomic
def create_contest(
    *,
    actor,
    activity,
    name: str,
    slug: str,
    organiser: Organisation,
    entries_open: date,
    entries_close: date,
    published_from: date,
    published_to: date,
    media: Iterable[tuple[str, str]],
    secretariat: Iterable,
    board: Iterable = (),
    rules_text: str = "",
    max_works_per_author: int = 3,
    max_words: int = 0,
    max_minutes: int = 0,
    max_instalments: int = 5,
    signer_title: str = "",
    signer_name: str = "",
    is_sample: bool = False,
    rules_file=None,
) -> Contest:
    if activity.form.form_kind != FormKind.CONTEST:
        raise ValidationError(
            {"activity": _("Hoạt động được chọn không thuộc hình thức cuộc thi.")}
        )
    contest = Contest(
        activity=activity,
        name=clean_name(name),
        slug=slug,
        organiser=organiser,
        entries_open=entries_open,
        entries_close=entries_close,
        published_from=published_from,
        published_to=published_to,
        rules_text=normalize_text(rules_text).strip(),
        max_works_per_author=max_works_per_author,
        max_words=max_words,
        max_minutes=max_minutes,
        max_instalments=max_instalments,
        signer_title=clean_name(signer_title),
        signer_name=clean_name(signer_name),
        is_sample=is_sample,
    )
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức tạo cuộc thi."))
    errors = {}
    if entries_close < entries_open:
        errors["entries_close"] = _("Hạn nhận tác phẩm phải sau ngày bắt đầu nhận.")
    if published_to < published_from:
        errors["published_to"] = _("Khoảng thời gian đăng, phát không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    media = list(media)
    if not media:
        raise ValidationError({"media": _("Vui lòng chọn ít nhất một loại hình.")})
    secretariat = list(secretariat)
    if not secretariat:
        raise ValidationError({"secretariat": _("Cuộc thi cần ít nhất một thư ký.")})
    if rules_file is not None:
        contest.rules_file = store_rules_file(rules_file)
    contest.full_clean()
    contest.save()
    for position, (kind, label) in enumerate(media):
        ContestMedium.objects.create(contest=contest, kind=kind, name=label, position=position)
    contest.secretariat.set(list(secretariat))
    contest.board.set(list(board))
    record_event(contest, workflow=CONTEST_WORKFLOW, actor=actor, from_status="")
    return contest


def add_prize_tier(
    *,
    actor,
    contest: Contest,
    medium: ContestMedium | None,
    name: str,
    quota: int,
    amount: int,
    position: int = 0,
) -> PrizeTier:
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức sửa cơ cấu giải."))
    tier = PrizeTier(
        contest=contest,
        medium=medium,
        name=clean_name(name),
        quota=quota,
        amount=amount,
        position=position,
    )
    tier.full_clean()
    tier.save()
    return tier


def open_contest(*, actor, contest: Contest) -> Contest:
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức mở cuộc thi."))
    return transition(
        contest, workflow=CONTEST_WORKFLOW, to=ContestStatus.OPEN, actor=actor
    ).subject


def start_judging(*, actor, contest: Contest) -> Contest:
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức chuyển sang chấm."))
    return transition(
        contest, workflow=CONTEST_WORKFLOW, to=ContestStatus.JUDGING, actor=actor
    ).subject


# --- rounds and the jury ----------------------------------------------------------------------


@transaction.atomic
def add_round(
    *,
    actor,
    contest: Contest,
    number: int | None = None,
    name: str,
    starts_on: date,
    ends_on: date,
    media: Iterable[ContestMedium],
    criteria: Iterable[CriterionSpec],
    finalists_per_medium: int = 0,
    awards_prizes: bool = False,
    spread_flag: Decimal = Decimal("15"),
) -> Round:
    """A round of the contest; without ``number`` it follows the last one."""
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức lập vòng chấm."))
    if number is None:
        last = contest.rounds.order_by("-number").values_list("number", flat=True).first()
        number = (last or 0) + 1
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc chấm phải sau ngày bắt đầu.")})
    previous = contest.rounds.order_by("-number").first()
    if previous is not None and starts_on <= previous.ends_on:
        raise ValidationError(
            {"starts_on": _("Các vòng chấm không được trùng thời gian và phải nối tiếp nhau.")}
        )
    rnd = Round(
        contest=contest,
        number=number,
        name=clean_name(name),
        starts_on=starts_on,
        ends_on=ends_on,
        finalists_per_medium=finalists_per_medium,
        awards_prizes=awards_prizes,
        spread_flag=spread_flag,
    )
    rnd.full_clean()
    rnd.save()
    rnd.media.set(list(media))
    specs = list(criteria)
    if not specs:
        raise ValidationError(_("Vòng chấm cần ít nhất một tiêu chí."))
    for position, spec in enumerate(specs):
        criterion = Criterion(
            round=rnd,
            name=clean_name(spec.name),
            weight=spec.weight,
            maximum=spec.maximum,
            required=spec.required,
            position=position,
        )
        criterion.full_clean()
        criterion.save()
    record_event(rnd, workflow=ROUND_WORKFLOW, actor=actor, from_status="")
    return rnd


def add_juror(*, actor, round: Round, user, employer=None, panel=None) -> Juror:
    contest = round.contest
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức mời giám khảo."))
    if round.status != RoundStatus.PLANNED:
        raise ValidationError(_("Chỉ thêm giám khảo khi vòng chấm chưa mở."))
    if Entry.objects.filter(contest=contest, entrant__user=user).exists():
        raise ValidationError(_("Người đã gửi tác phẩm dự thi không thể là giám khảo."))
    try:
        with transaction.atomic():
            return Juror.objects.create(round=round, user=user, employer=employer, panel=panel)
    except IntegrityError:
        raise ValidationError(_("Người này đã là giám khảo của vòng chấm.")) from None


def declare_conflict(*, actor, juror: Juror, entry: Entry, reason: str) -> None:
    """A juror declares a conflict with an entry (before or during the round): the review is
    removed with any score, and the entry is never shown to them again."""
    _require(juror.user_id == getattr(actor, "pk", None), _("Chỉ giám khảo tự khai xung đột."))
    reason = clean_name(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Vui lòng nêu lý do xung đột lợi ích.")})
    with transaction.atomic():
        juror.conflicts.get_or_create(
            entry=entry, defaults={"source": ConflictSource.DECLARED, "reason": reason}
        )
        Review.objects.filter(juror=juror, entry=entry).delete()


def _entries_of_round(rnd: Round) -> list[Entry]:
    media = list(rnd.media.values_list("pk", flat=True))
    previous = rnd.contest.rounds.filter(number__lt=rnd.number).order_by("-number").first()
    if previous is None:
        rows = Entry.objects.filter(
            contest=rnd.contest, status=EntryStatus.ACCEPTED, medium__in=media
        )
    else:
        rows = Entry.objects.filter(
            round_entries__round=previous,
            round_entries__selected=True,
            medium__in=media,
            status=EntryStatus.ACCEPTED,
        )
    return list(rows.order_by("code"))


def open_round(*, actor, round: Round, notify_jurors: bool = True) -> Round:
    """Opens scoring: the round's entries (accepted ones in round 1, the previous round's
    selected finalists after it) and one review per juror × entry of the juror's media, except
    the entries of the juror's own outlet (an automatic conflict) and the declared ones."""
    contest = round.contest
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức mở vòng chấm."))
    previous = contest.rounds.filter(number__lt=round.number).order_by("-number").first()

    def check(locked):
        if contest.status != ContestStatus.JUDGING:
            raise ValidationError(_("Cuộc thi chưa chuyển sang giai đoạn chấm."))
        if previous is not None and previous.status != RoundStatus.SIGNED:
            raise ValidationError(_("Vòng trước chưa ký biên bản."))
        if not locked.jurors.exists():
            raise ValidationError(_("Vòng chấm chưa có giám khảo."))

    def apply(locked):
        entries = _entries_of_round(locked)
        RoundEntry.objects.bulk_create([RoundEntry(round=locked, entry=e) for e in entries])
        reviews = []
        conflicts = []
        declared = set(
            Conflict.objects.filter(juror__round=locked).values_list("juror_id", "entry_id")
        )
        for juror in locked.jurors.all():
            for entry in entries:
                if juror.panel_id and entry.medium_id != juror.panel_id:
                    continue
                if juror.employer_id and entry.outlet_id == juror.employer_id:
                    conflicts.append((juror, entry))
                    continue
                if (juror.pk, entry.pk) in declared:
                    continue
                reviews.append(Review(round=locked, juror=juror, entry=entry))
        Review.objects.bulk_create(reviews)
        Conflict.objects.bulk_create(
            [Conflict(juror=j, entry=e, source=ConflictSource.EMPLOYER) for j, e in conflicts],
            ignore_conflicts=True,
        )
        return ()

    event = transition(
        round,
        workflow=ROUND_WORKFLOW,
        to=RoundStatus.OPEN,
        actor=actor,
        check=check,
        apply=apply,
        notify=_tell_jurors if notify_jurors else None,
    )
    return event.subject


def _tell_jurors(event) -> None:
    rnd = event.subject
    for juror in rnd.jurors.select_related("user"):
        count = juror.reviews.count()
        notify(
            subject=_("Mời chấm %(round)s") % {"round": rnd.name},
            template="contests/email/round_open.txt",
            context={"round": rnd, "count": count, "url": site_url(reverse("contests:jury"))},
            emails=[juror.user.email],
        )


def _weighted_total(criteria: list[Criterion], values: Mapping[int, Decimal]) -> Decimal:
    """The weighted percentage: Σ weight × value / Σ weight × maximum × 100."""
    top = sum(c.weight * c.maximum for c in criteria)
    got = sum(c.weight * values.get(c.pk, Decimal(0)) for c in criteria)
    return _q2(got / top * HUNDRED) if top else Decimal(0)


def save_scores(
    *,
    actor,
    review: Review,
    values: Mapping[int, tuple[str | Decimal | None, str]],
    abstain: bool = False,
) -> Review:
    """One juror's scores of one entry (``values``: criterion id → (value, comment)), saved
    whole or refused whole; ``abstain`` drops the scores and excludes the review from the
    results. The review row is locked, so two tabs saving at once leave one set of scores."""
    with transaction.atomic():
        locked = (
            Review.objects.select_for_update().select_related("round", "juror").get(pk=review.pk)
        )
        if locked.juror.user_id != getattr(actor, "pk", None):
            raise PermissionDenied(_("Chỉ giám khảo được phân công chấm tác phẩm này."))
        rnd = Round.objects.get(pk=locked.round_id)
        if rnd.status != RoundStatus.OPEN:
            raise ValidationError(_("Vòng chấm đã khóa hoặc chưa mở: không thể lưu điểm."))
        criteria = list(rnd.criteria.all())
        errors = {}
        parsed: dict[int, tuple[Decimal, str]] = {}
        if not abstain:
            for criterion in criteria:
                raw, comment = values.get(criterion.pk, (None, ""))
                comment = normalize_text(comment or "").strip()[:1000]
                if raw in (None, ""):
                    if criterion.required:
                        errors[f"c{criterion.pk}"] = _("Chưa chấm tiêu chí “%(name)s”.") % {
                            "name": criterion.name
                        }
                    continue
                try:
                    value = Decimal(str(raw).replace(",", ".").strip())
                except ArithmeticError:
                    value = None
                if value is None or not value.is_finite() or value < 0:
                    errors[f"c{criterion.pk}"] = _("Điểm “%(name)s” không hợp lệ.") % {
                        "name": criterion.name
                    }
                elif value > criterion.maximum:
                    errors[f"c{criterion.pk}"] = _(
                        "Điểm “%(name)s” vượt quá điểm tối đa %(max)s."
                    ) % {"name": criterion.name, "max": criterion.maximum}
                else:
                    parsed[criterion.pk] = (_q2(value), comment)
        if errors:
            raise ValidationError(errors)
        Score.objects.filter(review=locked).delete()
        Score.objects.bulk_create(
            [
                Score(review=locked, criterion_id=pk, value=value, comment=comment)
                for pk, (value, comment) in parsed.items()
            ]
        )
        locked.abstained = abstain
        locked.total = (
            None
            if abstain
            else _weighted_total(criteria, {pk: v for pk, (v, _c) in parsed.items()})
        )
        locked.scored_at = timezone.now()
        locked.save(update_fields=["abstained", "total", "scored_at"])
    return locked


# --- results -------------------------------------------------------------------------------------


def compute_results(rnd: Round) -> list[RoundEntry]:
    """Per entry: weighted mean and median of the jurors' totals, the spread (highest − lowest),
    the mean of each juror's z-score (their totals normalised to their own mean and deviation);
    ranks by mean (then median) within each medium; ties at a quota boundary flagged; the
    proposal within quota (finalists, or prizes in tier order)."""
    reviews = list(
        Review.objects.filter(round=rnd, abstained=False, total__isnull=False).values_list(
            "juror_id", "entry_id", "total"
        )
    )
    by_juror: dict[int, list[Decimal]] = defaultdict(list)
    by_entry: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for juror_id, entry_id, total in reviews:
        by_juror[juror_id].append(total)
        by_entry[entry_id].append((juror_id, total))
    norms = {}
    for juror_id, totals in by_juror.items():
        floats = [float(t) for t in totals]
        mean = statistics.fmean(floats)
        sd = statistics.pstdev(floats) if len(floats) > 1 else 0.0
        norms[juror_id] = (mean, sd)
    rows = list(RoundEntry.objects.filter(round=rnd).select_related("entry"))
    for row in rows:
        scores = by_entry.get(row.entry_id, [])
        totals = [t for _j, t in scores]
        if totals:
            row.mean = _q2(sum(totals) / len(totals))
            row.median = _q2(statistics.median(totals))
            row.spread = _q2(max(totals) - min(totals))
            zs = [(float(t) - norms[j][0]) / norms[j][1] if norms[j][1] else 0.0 for j, t in scores]
            row.zscore = Decimal(str(round(statistics.fmean(zs), 3)))
        else:
            row.mean = row.median = row.spread = row.zscore = None
    tiers = defaultdict(list)
    if rnd.awards_prizes:
        for tier in PrizeTier.objects.filter(contest=rnd.contest, medium__isnull=False).order_by(
            "position", "pk"
        ):
            tiers[tier.medium_id].extend([tier] * tier.quota)
    by_medium = defaultdict(list)
    for row in rows:
        by_medium[row.entry.medium_id].append(row)
    for medium_id, group in by_medium.items():
        group.sort(
            key=lambda r: (
                r.mean is None,
                -(r.mean or 0),
                -(r.median or 0),
                r.entry.code,
            )
        )
        slots = tiers[medium_id] if rnd.awards_prizes else [None] * rnd.finalists_per_medium
        for index, row in enumerate(group):
            row.rank = index + 1 if row.mean is not None else None
            row.proposed = row.mean is not None and index < len(slots)
            row.proposed_prize = slots[index] if row.proposed and rnd.awards_prizes else None
            row.tie = False
        quota = len(slots)
        if 0 < quota < len(group):
            edge = group[quota - 1]
            after = group[quota]
            if edge.mean is not None and (edge.mean, edge.median) == (after.mean, after.median):
                for row in group:
                    if (row.mean, row.median) == (edge.mean, edge.median):
                        row.tie = True
        for row in group:
            row.selected = row.proposed
            row.prize = row.proposed_prize
            row.override_reason = ""
    RoundEntry.objects.bulk_update(
        rows,
        [
            "mean",
            "median",
            "spread",
            "zscore",
            "rank",
            "tie",
            "proposed",
            "selected",
            "proposed_prize",
            "prize",
            "override_reason",
        ],
    )
    return rows


def close_round(*, actor, round: Round) -> Round:
    """Locks the scores and computes the results and the proposal."""
    _require(may_organise(user=actor, contest=round.contest), _("Chỉ cơ quan tổ chức khóa điểm."))

    def apply(locked):
        compute_results(locked)
        return ()

    return transition(
        round, workflow=ROUND_WORKFLOW, to=RoundStatus.CLOSED, actor=actor, apply=apply
    ).subject


def override_result(
    *, actor, round_entry: RoundEntry, selected: bool, prize: PrizeTier | None, reason: str
) -> RoundEntry:
    """The council departs from the ranking (a finalist added or dropped, a prize changed),
    with its reason, before the minutes are signed."""
    rnd = round_entry.round
    _require(may_organise(user=actor, contest=rnd.contest), _("Chỉ hội đồng điều chỉnh kết quả."))
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do hội đồng điều chỉnh.")})
    with transaction.atomic():
        locked = RoundEntry.objects.select_for_update().get(pk=round_entry.pk)
        current = Round.objects.get(pk=locked.round_id)
        if current.status != RoundStatus.CLOSED:
            raise ValidationError(_("Chỉ điều chỉnh khi vòng đã khóa điểm và chưa ký biên bản."))
        if prize is not None and (
            not current.awards_prizes or prize.contest_id != current.contest_id
        ):
            raise ValidationError({"prize": _("Giải không thuộc vòng xét giải của cuộc thi.")})
        locked.selected = selected
        locked.prize = prize if selected else None
        locked.override_reason = reason
        locked.save(update_fields=["selected", "prize", "override_reason"])
        record_event(
            current,
            workflow=ROUND_WORKFLOW,
            actor=actor,
            reason=reason,
            action=ContestAction.OVERRIDE,
        )
    return locked


def sign_minutes(*, actor, round: Round) -> Round:
    _require(may_organise(user=actor, contest=round.contest), _("Chỉ hội đồng ký biên bản."))
    return transition(round, workflow=ROUND_WORKFLOW, to=RoundStatus.SIGNED, actor=actor).subject


def issue_decision(
    *, actor, contest: Contest, number: str, on: date, signer_title: str, signer_name: str
) -> Contest:
    """The organiser's decision awarding the prizes: the awarding round's signed choice becomes
    the awards, dated by the decision; identities become public."""
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức ra quyết định."))
    number = clean_name(number or "")
    errors = {}
    if not number:
        errors["number"] = _("Vui lòng nhập số quyết định.")
    if not clean_name(signer_name or ""):
        errors["signer_name"] = _("Vui lòng nhập người ký.")
    if errors:
        raise ValidationError(errors)

    def check(locked):
        last = locked.rounds.filter(awards_prizes=True).order_by("-number").first()
        if last is None or last.status != RoundStatus.SIGNED:
            raise ValidationError(_("Vòng xét giải chưa ký biên bản."))

    def apply(locked):
        last = locked.rounds.filter(awards_prizes=True).order_by("-number").first()
        RoundEntry.objects.filter(round=last, selected=True, prize__isnull=False).update(
            awarded_on=on
        )
        locked.decision_number = number
        locked.decision_on = on
        locked.signer_title = clean_name(signer_title)
        locked.signer_name = clean_name(signer_name)
        return ("decision_number", "decision_on", "signer_title", "signer_name")

    return transition(
        contest,
        workflow=CONTEST_WORKFLOW,
        to=ContestStatus.DECIDED,
        actor=actor,
        check=check,
        apply=apply,
    ).subject


def award_collective(
    *, actor, contest: Contest, tier: PrizeTier, organisation: Organisation, reason: str, on: date
) -> CollectivePrize:
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức trao giải."))
    if tier.contest_id != contest.pk or not tier.collective:
        raise ValidationError({"tier": _("Giải tập thể không thuộc cuộc thi.")})
    prize = CollectivePrize(
        contest=contest,
        tier=tier,
        organisation=organisation,
        reason=clean_name(reason),
        awarded_on=on,
    )
    prize.full_clean()
    prize.save()
    return prize


# --- entrants ----------------------------------------------------------------------------------


@transaction.atomic
def register_entrant(
    *,
    email: str,
    password: str,
    full_name: str,
    phone: str,
    pen_name: str = "",
    outlet: Organisation | None = None,
    send: bool = True,
    verified: bool = False,
    username: str = "",
) -> Entrant:
    """A journalist's account: inactive until the link sent to the e-mail is opened."""
    User = get_user_model()
    email = (email or "").strip().lower()
    full_name = clean_name(full_name or "")
    errors = {}
    if not full_name:
        errors["full_name"] = _("Vui lòng nhập họ và tên.")
    phone_n = normalise_phone(phone or "")
    if not phone_n or not is_national_phone(phone_n):
        errors["phone"] = _("Số điện thoại không hợp lệ.")
    if outlet is not None and outlet.kind not in PRESS_KINDS:
        errors["outlet"] = _("Cơ quan công tác phải là cơ quan báo chí được cấp phép.")
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=username or email)).exists():
        errors["email"] = _("Thư điện tử này đã được đăng ký.")
    if errors:
        raise ValidationError(errors)
    user = User(username=username or email, email=email, is_active=verified)
    family, _sep, given = full_name.rpartition(" ")
    user.last_name, user.first_name = family, given
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    entrant = Entrant(
        user=user,
        full_name=full_name,
        pen_name=clean_name(pen_name or ""),
        email=email,
        phone=phone_n,
        outlet=outlet,
        verified_at=timezone.now() if verified else None,
    )
    entrant.full_clean()
    entrant.save()
    if send:
        token = signing.dumps(entrant.pk, salt=VERIFY_SALT)
        link = site_url(reverse("contests:verify", args=[token]))
        transaction.on_commit(
            lambda: notify(
                subject=_("Xác nhận đăng ký dự thi tác phẩm báo chí"),
                template="contests/email/verify.txt",
                context={"entrant": entrant, "link": link},
                emails=[email],
            )
        )
    return entrant


def verify_entrant(*, token: str) -> Entrant:
    try:
        pk = signing.loads(token, salt=VERIFY_SALT, max_age=7 * 24 * 3600)
    except signing.BadSignature:
        raise ValidationError(_("Đường dẫn xác nhận không hợp lệ hoặc đã hết hạn.")) from None
    with transaction.atomic():
        entrant = Entrant.objects.select_for_update().select_related("user").get(pk=pk)
        if entrant.verified_at is None:
            entrant.verified_at = timezone.now()
            entrant.save(update_fields=["verified_at"])
            entrant.user.is_active = True
            entrant.user.save(update_fields=["is_active"])
    return entrant


# --- entries ------------------------------------------------------------------------------------

_PDF_INFO = re.compile(
    rb"/(Author|Creator|Producer|Title|Subject|Keywords)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"
)
_XMP = re.compile(
    rb"(<(dc:creator|dc:title|pdf:Producer|xmp:CreatorTool|pdf:Author|photoshop:AuthorsPosition)"
    rb"[^>]*>)(.*?)(</\2>)",
    re.S,
)


def _blank(match_bytes: bytes) -> bytes:
    return b" " * len(match_bytes)


def strip_metadata(data: bytes, kind: str) -> bytes:
    """Author, creator and title metadata removed from a PDF (values blanked in place, so the
    cross-reference offsets stay right), a DOCX (core and app properties rewritten), an MP3
    (ID3 tags dropped). Images are re-encoded by ``core.uploads`` already."""
    if kind == "pdf":
        out = _PDF_INFO.sub(
            lambda m: (
                b"/" + m.group(1) + b" " + (b"()" if m.group(2)[:1] == b"(" else b"<>")
            ).ljust(len(m.group(0))),
            data,
        )
        return _XMP.sub(lambda m: m.group(1) + _blank(m.group(3)) + m.group(4), out)
    if kind == "docx":
        source = zipfile.ZipFile(io.BytesIO(data))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "docProps/core.xml":
                    content = (
                        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
                        b'2006/metadata/core-properties"/>'
                    )
                elif item.filename == "docProps/app.xml":
                    content = re.sub(rb"<(Company|Manager)>.*?</\1>", b"", content, flags=re.S)
                target.writestr(item, content)
        return buffer.getvalue()
    if kind == "mp3":
        if data[:3] == b"ID3" and len(data) > 10:
            size = 0
            for byte in data[6:10]:
                size = (size << 7) | (byte & 0x7F)
            data = data[10 + size :]
        if len(data) > 128 and data[-128:-125] == b"TAG":
            data = data[:-128]
        return data
    return data


def _clean_files(medium: ContestMedium, files: Mapping[str, object]) -> dict[str, list]:
    """Check and clean each uploaded file for the medium: kinds by content, size cap, metadata
    stripped; the required evidence present."""
    needed = EVIDENCE[medium.kind]
    errors = {}
    cleaned: dict[str, list] = {}
    for role, kinds in needed.items():
        uploads = files.get(role) or []
        if not isinstance(uploads, list | tuple):
            uploads = [uploads]
        if not uploads:
            errors[role] = _("Thiếu %(what)s cho loại hình %(medium)s.") % {
                "what": FileRole(role).label.lower(),
                "medium": medium.name,
            }
            continue
        for upload in uploads:
            try:
                clean = validate_upload(upload, allowed=set(kinds), max_bytes=medium.max_mb * MB)
            except ValidationError as exc:
                errors[role] = exc.messages
                break
            data = strip_metadata(clean.content.read(), clean.kind)
            cleaned.setdefault(role, []).append(
                (ContentFile(data, name=clean.content.name), clean.kind, len(data))
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def entry_problems(*, entry: Entry) -> list[str]:
    """What the secretariat should look at: windows, limits, declarations, duplicates."""
    contest = entry.contest
    problems = []
    if not contest.published_from <= entry.published_on <= contest.published_to:
        problems.append(_("Ngày đăng, phát ngoài khoảng thời gian của thể lệ."))
    if entry.submitted_at and not (
        contest.entries_open <= timezone.localdate(entry.submitted_at) <= contest.entries_close
    ):
        problems.append(_("Gửi ngoài thời hạn nhận tác phẩm."))
    if not (entry.not_awarded_elsewhere and entry.not_entered_elsewhere and entry.grants_rights):
        problems.append(_("Thiếu cam kết của tác giả."))
    if entry.instalments > contest.max_instalments:
        problems.append(_("Loạt bài vượt số kỳ tối đa."))
    duplicates = (
        Entry.objects.filter(contest=contest, title_folded=entry.title_folded)
        .exclude(pk=entry.pk)
        .exclude(status__in=(EntryStatus.REFUSED, EntryStatus.WITHDRAWN))
    )
    if duplicates.exists():
        problems.append(_("Trùng tên với tác phẩm dự thi khác."))
    return problems


def submit_entry(
    *,
    entrant: Entrant,
    contest: Contest,
    medium: ContestMedium,
    title: str,
    outlet: Organisation,
    published_on: date,
    placement: str,
    url: str = "",
    instalments: int = 1,
    length: int = 0,
    summary: str = "",
    declarations: Mapping[str, bool],
    coauthors: Iterable[tuple[str, str]] = (),
    files: Mapping[str, object],
    now=None,
    is_sample: bool = False,
) -> Entry:
    """An entry sent once complete; refused whole with the Vietnamese reasons otherwise. The
    server never fetches the URL given."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    title = clean_name(title or "")
    errors: dict[str, list[str] | str] = {}
    if contest.status != ContestStatus.OPEN or not (
        contest.entries_open <= today <= contest.entries_close
    ):
        raise ValidationError(_("Cuộc thi không trong thời gian nhận tác phẩm."))
    if medium.contest_id != contest.pk:
        errors["medium"] = _("Loại hình không thuộc cuộc thi.")
    if entrant.verified_at is None:
        raise ValidationError(_("Vui lòng xác nhận thư điện tử trước khi gửi tác phẩm."))
    if is_contest_insider(user=entrant.user, contest=contest):
        raise ValidationError(
            _("Thành viên ban tổ chức, ban giám khảo và tổ thư ký không được gửi tác phẩm dự thi.")
        )
    if not title:
        errors["title"] = _("Vui lòng nhập tên tác phẩm.")
    if outlet.kind not in PRESS_KINDS:
        errors["outlet"] = _("Cơ quan đăng, phát phải là cơ quan báo chí được cấp phép.")
    if not contest.published_from <= published_on <= contest.published_to:
        errors["published_on"] = _(
            "Tác phẩm phải được đăng, phát từ ngày %(start)s đến ngày %(end)s."
        ) % {
            "start": contest.published_from.strftime("%d/%m/%Y"),
            "end": contest.published_to.strftime("%d/%m/%Y"),
        }
    if instalments < 1 or instalments > contest.max_instalments:
        errors["instalments"] = _("Loạt bài tối đa %(n)s kỳ.") % {"n": contest.max_instalments}
    if (
        medium.kind in (Medium.PRINT, Medium.ONLINE)
        and contest.max_words
        and length > (contest.max_words * instalments)
    ):
        errors["length"] = _("Tác phẩm vượt quá %(n)s chữ mỗi kỳ.") % {"n": contest.max_words}
    if (
        medium.kind in (Medium.RADIO, Medium.TV)
        and contest.max_minutes
        and length > (contest.max_minutes * instalments)
    ):
        errors["length"] = _("Tác phẩm vượt quá %(n)s phút mỗi kỳ.") % {"n": contest.max_minutes}
    if medium.kind == Medium.ONLINE and not url:
        errors["url"] = _("Tác phẩm báo điện tử cần đường dẫn.")
    missing = [
        k
        for k in ("not_awarded_elsewhere", "not_entered_elsewhere", "grants_rights")
        if not declarations.get(k)
    ]
    if missing:
        errors["declarations"] = _(
            "Vui lòng xác nhận đủ ba cam kết: chưa đoạt giải ở cuộc thi khác, không đồng thời "
            "dự giải khác, đồng ý cho Ban tổ chức sử dụng tác phẩm."
        )
    with transaction.atomic():
        # Two entries sent at once by one author cannot both pass the limit.
        Entrant.objects.select_for_update().get(pk=entrant.pk)
        live = Entry.objects.filter(contest=contest).exclude(
            status__in=(EntryStatus.REFUSED, EntryStatus.WITHDRAWN)
        )
        if live.filter(entrant=entrant).count() >= contest.max_works_per_author:
            errors["__all__"] = _("Mỗi tác giả gửi không quá %(n)s tác phẩm.") % {
                "n": contest.max_works_per_author
            }
        if title and live.filter(title_folded=fold(title)).exists():
            errors["title"] = _("Tác phẩm này đã được gửi dự thi.")
        cleaned = {}
        if not errors.get("medium"):
            try:
                cleaned = _clean_files(medium, files)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)
        entry = Entry(
            contest=contest,
            entrant=entrant,
            medium=medium,
            title=title,
            title_folded=fold(title),
            outlet=outlet,
            published_on=published_on,
            placement=clean_name(placement or ""),
            url=(url or "").strip(),
            instalments=instalments,
            length=length,
            summary=normalize_text(summary).strip(),
            not_awarded_elsewhere=True,
            not_entered_elsewhere=True,
            grants_rights=True,
            submitted_at=now,
            is_sample=is_sample,
        )
        entry.full_clean()
        entry.save()
        for full_name, pen_name in coauthors:
            if clean_name(full_name or ""):
                CoAuthor.objects.create(
                    entry=entry,
                    full_name=clean_name(full_name),
                    pen_name=clean_name(pen_name or ""),
                )
        for role, items in cleaned.items():
            for content, kind, size in items:
                EntryFile.objects.create(entry=entry, role=role, file=content, kind=kind, size=size)
        record_event(entry, workflow=ENTRY_WORKFLOW, actor=entrant.user, from_status="", at=now)
    return entry


def _tell_entrant(event) -> None:
    entry = event.subject
    entrant = entry.entrant
    notify(
        subject=_("Kết quả thẩm định tác phẩm dự thi"),
        template="contests/email/checked.txt",
        context={"entry": entry, "entrant": entrant, "reason": event.reason},
        emails=[entrant.email],
    )


def accept_entry(*, actor, entry: Entry, at=None, tell: bool = True) -> Entry:
    """Eligible: the entry gets its code (medium prefix and order in the contest)."""
    contest = entry.contest
    _require(is_secretary(user=actor, contest=contest), _("Chỉ tổ thư ký thẩm định tác phẩm."))

    def apply(locked):
        Contest.objects.select_for_update().get(pk=contest.pk)
        prefix = CODE_PREFIX[locked.medium.kind]
        taken = Entry.objects.filter(contest=contest, code__startswith=f"{prefix}-").count()
        locked.code = f"{prefix}-{taken + 1:03d}"
        return ("code",)

    return transition(
        entry,
        workflow=ENTRY_WORKFLOW,
        to=EntryStatus.ACCEPTED,
        actor=actor,
        apply=apply,
        at=at,
        select_related=("medium",),
        notify=_tell_entrant if tell else None,
    ).subject


def refuse_entry(*, actor, entry: Entry, reason: str, at=None, tell: bool = True) -> Entry:
    _require(
        is_secretary(user=actor, contest=entry.contest), _("Chỉ tổ thư ký thẩm định tác phẩm.")
    )
    reason = normalize_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Vui lòng ghi lý do không hợp lệ để báo tác giả.")})

    def apply(locked):
        locked.refusal_reason = reason
        return ("refusal_reason",)

    return transition(
        entry,
        workflow=ENTRY_WORKFLOW,
        to=EntryStatus.REFUSED,
        actor=actor,
        reason=reason,
        apply=apply,
        at=at,
        notify=_tell_entrant if tell else None,
    ).subject


def may_withdraw(entry: Entry) -> bool:
    """An entry sent or accepted may be withdrawn until the organiser's decision: the one rule
    the entrant's page (whether to offer the button) and ``withdraw_entry`` both ask."""
    return (
        ENTRY_WORKFLOW.allows(entry.status, EntryStatus.WITHDRAWN)
        and entry.contest.status != ContestStatus.DECIDED
    )


def withdraw_entry(*, entrant: Entrant, entry: Entry) -> Entry:
    if entry.entrant_id != entrant.pk:
        raise PermissionDenied(_("Chỉ tác giả rút tác phẩm của mình."))
    if entry.contest.status == ContestStatus.DECIDED:
        raise ValidationError(_("Cuộc thi đã có quyết định trao giải."))
    return transition(
        entry, workflow=ENTRY_WORKFLOW, to=EntryStatus.WITHDRAWN, actor=entrant.user
    ).subject


def upload_redacted(*, actor, entry: Entry, upload) -> EntryFile:
    """A copy where the byline or masthead is covered: the jury sees only it."""
    _require(is_secretary(user=actor, contest=entry.contest), _("Chỉ tổ thư ký tải bản che tên."))
    kinds = set().union(*EVIDENCE[entry.medium.kind].values())
    clean = validate_upload(upload, allowed=kinds, max_bytes=entry.medium.max_mb * MB)
    data = strip_metadata(clean.content.read(), clean.kind)
    with transaction.atomic():
        stored = EntryFile.objects.create(
            entry=entry,
            role=FileRole.REDACTED,
            file=ContentFile(data, name=clean.content.name),
            kind=clean.kind,
            size=len(data),
        )
        record_event(entry, workflow=ENTRY_WORKFLOW, actor=actor, action=ContestAction.REDACTED)
    return stored


def record_identity_view(*, actor, entry: Entry) -> None:
    """Every view of an identity is in the entry's history (and the personal-data log)."""
    record_event(entry, workflow=ENTRY_WORKFLOW, actor=actor, action=ContestAction.IDENTITY)


# --- set-up edits (the admin's set-up screens) --------------------------------------------------


def _check_windows(*, entries_open, entries_close, published_from, published_to) -> None:
    errors = {}
    if entries_close < entries_open:
        errors["entries_close"] = _("Hạn nhận tác phẩm phải sau ngày bắt đầu nhận.")
    if published_to < published_from:
        errors["published_to"] = _("Khoảng thời gian đăng, phát không hợp lệ.")
    if errors:
        raise ValidationError(errors)


def store_rules_file(upload):
    """The rules (thể lệ) as a document: PDF or DOCX, checked by content, author fields gone."""
    try:
        clean = validate_upload(upload, allowed={"pdf", "docx"}, max_bytes=10 * MB)
    except ValidationError as exc:
        raise ValidationError({"rules_file": exc.messages}) from None
    data = strip_metadata(clean.content.read(), clean.kind)
    return ContentFile(data, name=clean.content.name)


@transaction.atomic
def update_contest(
    *,
    actor,
    contest: Contest,
    media: Iterable[tuple[str, str]] | None = None,
    secretariat: Iterable | None = None,
    rules_file=None,
    **fields,
) -> Contest:
    """Edit a contest's data. Its windows, limits and rules are the contest's legal data: they
    are edited while it is being prepared or open and frozen once judging starts. The media
    change only while it is being prepared (an entry holds its medium); a medium with prizes or
    entries is never removed."""
    locked = Contest.objects.select_for_update().get(pk=contest.pk)
    _require(may_organise(user=actor, contest=locked), _("Chỉ cơ quan tổ chức sửa cuộc thi."))
    if locked.status not in (ContestStatus.DRAFT, ContestStatus.OPEN):
        raise ValidationError(_("Cuộc thi đã chuyển sang chấm: không sửa thể lệ được nữa."))
    allowed = {
        "name",
        "rules_text",
        "entries_open",
        "entries_close",
        "published_from",
        "published_to",
        "max_works_per_author",
        "max_words",
        "max_minutes",
        "max_instalments",
        "signer_title",
        "signer_name",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"update_contest: {sorted(unknown)}")
    for name, value in fields.items():
        if name in ("name", "signer_title", "signer_name"):
            value = clean_name(value or "")
        elif name == "rules_text":
            value = normalize_text(value or "").strip()
        setattr(locked, name, value)
    _check_windows(
        entries_open=locked.entries_open,
        entries_close=locked.entries_close,
        published_from=locked.published_from,
        published_to=locked.published_to,
    )
    if rules_file is not None:
        locked.rules_file = store_rules_file(rules_file)
    locked.full_clean()
    locked.save()
    if media is not None:
        wanted = dict(media)
        if not wanted:
            raise ValidationError({"media": _("Vui lòng chọn ít nhất một loại hình.")})
        current = {m.kind: m for m in locked.media.all()}
        if set(wanted) != set(current) and locked.status != ContestStatus.DRAFT:
            raise ValidationError(
                {"media": _("Cuộc thi đã mở nhận tác phẩm: không đổi loại hình được nữa.")}
            )
        for kind, medium in current.items():
            if kind not in wanted:
                if medium.entries.exists() or medium.prize_tiers.exists():
                    raise ValidationError(
                        {
                            "media": _(
                                "Loại hình “%(name)s” đã có cơ cấu giải hoặc tác phẩm, "
                                "không bỏ được."
                            )
                            % {"name": medium.name}
                        }
                    )
                medium.delete()
        for position, (kind, label) in enumerate(wanted.items()):
            if kind in current:
                ContestMedium.objects.filter(pk=current[kind].pk).update(position=position)
            else:
                ContestMedium.objects.create(
                    contest=locked, kind=kind, name=label, position=position
                )
    if secretariat is not None:
        members = list(secretariat)
        if not members:
            raise ValidationError({"secretariat": _("Cuộc thi cần ít nhất một thư ký.")})
        locked.secretariat.set(members)
    record_event(locked, workflow=CONTEST_WORKFLOW, actor=actor, action=ContestAction.UPDATED)
    return locked


def _check_round_dates(*, contest: Contest, number: int, starts_on, ends_on, exclude=None):
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc chấm phải sau ngày bắt đầu.")})
    others = contest.rounds.exclude(pk=getattr(exclude, "pk", None))
    before = others.filter(number__lt=number).order_by("-number").first()
    after = others.filter(number__gt=number).order_by("number").first()
    if (before is not None and starts_on <= before.ends_on) or (
        after is not None and ends_on >= after.starts_on
    ):
        raise ValidationError(
            {"starts_on": _("Các vòng chấm không được trùng thời gian và phải nối tiếp nhau.")}
        )


@transaction.atomic
def update_round(
    *,
    actor,
    round: Round,
    name: str,
    starts_on: date,
    ends_on: date,
    media: Iterable[ContestMedium],
    criteria: Iterable[CriterionSpec],
    finalists_per_medium: int = 0,
    awards_prizes: bool = False,
    spread_flag: Decimal = Decimal("15"),
) -> Round:
    """Edit a round that has not opened: its criteria are replaced as a whole (no score exists
    before the round opens)."""
    locked = Round.objects.select_for_update().select_related("contest").get(pk=round.pk)
    contest = locked.contest
    _require(may_organise(user=actor, contest=contest), _("Chỉ cơ quan tổ chức sửa vòng chấm."))
    if locked.status != RoundStatus.PLANNED:
        raise ValidationError(_("Vòng chấm đã mở: không sửa được nữa."))
    _check_round_dates(
        contest=contest, number=locked.number, starts_on=starts_on, ends_on=ends_on, exclude=locked
    )
    chosen = list(media)
    if not chosen:
        raise ValidationError({"media": _("Vui lòng chọn ít nhất một loại hình.")})
    specs = list(criteria)
    if not specs:
        raise ValidationError({"criteria": _("Vòng chấm cần ít nhất một tiêu chí.")})
    locked.name = clean_name(name)
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.finalists_per_medium = finalists_per_medium
    locked.awards_prizes = awards_prizes
    locked.spread_flag = spread_flag
    locked.full_clean()
    locked.save()
    locked.media.set(chosen)
    locked.criteria.all().delete()
    for position, spec in enumerate(specs):
        criterion = Criterion(
            round=locked,
            name=clean_name(spec.name),
            weight=spec.weight,
            maximum=spec.maximum,
            required=spec.required,
            position=position,
        )
        criterion.full_clean()
        criterion.save()
    record_event(locked, workflow=ROUND_WORKFLOW, actor=actor, action=ContestAction.ROUND_UPDATED)
    return locked


def remove_juror(*, actor, juror: Juror) -> None:
    rnd = juror.round
    _require(may_organise(user=actor, contest=rnd.contest), _("Chỉ cơ quan tổ chức mời giám khảo."))
    if rnd.status != RoundStatus.PLANNED:
        raise ValidationError(_("Chỉ bớt giám khảo khi vòng chấm chưa mở."))
    juror.delete()


def record_conflict(*, actor, juror: Juror, entry: Entry, reason: str) -> Conflict:
    """The organiser or the secretariat records a conflict a juror reported to them (a relative,
    a colleague of the author): the entry leaves the juror's reviews with any score, as when the
    juror declares it themselves."""
    contest = juror.round.contest
    _require(
        may_organise(user=actor, contest=contest) or is_secretary(user=actor, contest=contest),
        _("Chỉ ban tổ chức, tổ thư ký ghi nhận xung đột lợi ích."),
    )
    if entry.contest_id != contest.pk:
        raise ValidationError({"entry": _("Tác phẩm không thuộc cuộc thi của vòng chấm này.")})
    reason = clean_name(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Vui lòng nêu lý do xung đột lợi ích.")})
    with transaction.atomic():
        conflict, created = Conflict.objects.get_or_create(
            juror=juror, entry=entry, defaults={"source": ConflictSource.RECORDED, "reason": reason}
        )
        if not created:
            raise ValidationError(_("Xung đột này đã được ghi nhận."))
        Review.objects.filter(juror=juror, entry=entry).delete()
    return conflict
