"""Every read of the awards app that a request makes.

Three roles reach nominations, none of them by a bare membership: the nominating unit (a unit
officer or leader whose organisation covers the nominating organisation), the emulation office
(any staff membership of the round's ``office``) and the council (a ``juror`` membership of the
round's ``council``, and only once a nomination reaches the council). Everyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations import selectors as org_selectors
from giamngheo.organisations.enums import Role
from giamngheo.organisations.models import Membership, Organisation

from .enums import Attendance, Denominator, MeetingStatus, NominationStatus, Subject
from .models import (
    AwardForm,
    Ballot,
    CouncilMeeting,
    CouncilSeat,
    Nomination,
    PublicComment,
    Revocation,
    Round,
    RuleSet,
)

NOMINATING_ROLES = frozenset({Role.UNIT_OFFICER, Role.APPROVER})
# The emulation office works the dossiers: its officers and leaders, not its editors.
OFFICE_ROLES = frozenset({Role.UNIT_OFFICER, Role.APPROVER, Role.PROVINCE_ADMIN})
COUNCIL_STATUSES = frozenset(
    {
        NominationStatus.COUNCIL,
        NominationStatus.COMMENDED,
        NominationStatus.NOT_COMMENDED,
        NominationStatus.REVOKED,
    }
)
HONOURED = NominationStatus.COMMENDED


# --- rule sets --------------------------------------------------------------------------------


def rule_set_on(day: date) -> RuleSet:
    """The rule set in force on ``day``: the latest that started on or before it."""
    found = RuleSet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if found is None:
        raise ValidationError(
            _("Chưa có quy định thi đua, khen thưởng áp dụng cho ngày %(day)s."),
            code="no_rule_set",
            params={"day": f"{day:%d/%m/%Y}"},
        )
    return found


def form_on(*, day: date, code: str) -> AwardForm:
    rule_set = rule_set_on(day)
    form = rule_set.forms.filter(code=code).first()
    if form is None:
        raise ValidationError(
            _("Hình thức khen thưởng “%(code)s” không có trong %(rules)s."),
            code="no_form",
            params={"code": code, "rules": rule_set.name},
        )
    return form


# --- roles ------------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _memberships(user, *, roles=None):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Membership.objects.none()
    qs = Membership.objects.valid_on(_today()).filter(user=user)
    return qs.filter(role__in=roles) if roles is not None else qs


def nominating_organisations(*, user) -> QuerySet[Organisation]:
    """Organisations the user may nominate for: covered by a unit officer's or leader's
    membership (a district officer files for the district and its communes)."""
    covering = (
        _memberships(user, roles=NOMINATING_ROLES)
        .annotate(_p=org_selectors._outer_text("unit__path"))
        .filter(_p__startswith=F("organisation__unit__path"))
    )
    return Organisation.objects.filter(Exists(covering))


def office_organisation_ids(*, user) -> set[int]:
    cache = user.__dict__.setdefault("_awards_office", {}) if user is not None else {}
    if "v" not in cache:
        cache["v"] = set(
            _memberships(user, roles=OFFICE_ROLES).values_list("organisation_id", flat=True)
        )
    return cache["v"]


def council_organisation_ids(*, user) -> set[int]:
    cache = user.__dict__.setdefault("_awards_council", {}) if user is not None else {}
    if "v" not in cache:
        cache["v"] = set(
            _memberships(user, roles={Role.JUROR}).values_list("organisation_id", flat=True)
        )
    return cache["v"]


def is_office(*, user, round: Round) -> bool:
    return org_selectors.is_province_admin(user=user) or round.office_id in office_organisation_ids(
        user=user
    )


def may_nominate(*, user, organisation: Organisation) -> bool:
    return nominating_organisations(user=user).filter(pk=organisation.pk).exists()


# --- rounds and nominations -------------------------------------------------------------------


def rounds_for_user(*, user) -> QuerySet[Round]:
    if org_selectors.is_province_admin(user=user):
        return Round.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Round.objects.none()
    # A unit nominates in every round of an office whose area covers it.
    covered = nominating_organisations(user=user).filter(
        unit__path__startswith=OuterRef("office__unit__path")
    )
    return Round.objects.filter(
        Q(office_id__in=office_organisation_ids(user=user))
        | Q(council_id__in=council_organisation_ids(user=user))
        | Q(Exists(covered))
    )


def round_activities(*, user) -> QuerySet:
    """Activities of the plan's emulation item (2.3) in the user's planning scope, for a user
    who holds an office membership (the activity may be another body's: the Department's
    sub-plan carries the movement's review that the emulation office runs)."""
    from giamngheo.planning.enums import FormKind  # noqa: PLC0415 (the set-up screen only)
    from giamngheo.planning.selectors import activities_for_user  # noqa: PLC0415

    if not (org_selectors.is_province_admin(user=user) or office_organisation_ids(user=user)):
        return activities_for_user(user=user).none()
    return activities_for_user(user=user).filter(form__form_kind=FormKind.EMULATION)


def round_offices(*, user) -> QuerySet[Organisation]:
    """Bodies the user may run a round for: those of the user's office memberships today."""
    if org_selectors.is_province_admin(user=user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=office_organisation_ids(user=user))


def council_candidates() -> QuerySet[Organisation]:
    """Bodies with at least one member today in the role of council member (Role.JUROR)."""
    members = Membership.objects.valid_on(_today()).filter(
        organisation=OuterRef("pk"), role=Role.JUROR
    )
    return Organisation.objects.filter(Exists(members))


def get_round_for_user(*, user, pk) -> Round:
    found = rounds_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404
    return found


def nominations_for_user(*, user) -> QuerySet[Nomination]:
    qs = Nomination.objects.select_related(
        "round", "form", "rule_set", "nominating_organisation", "commune"
    )
    if org_selectors.is_province_admin(user=user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(
        Q(nominating_organisation__in=nominating_organisations(user=user))
        | Q(round__office_id__in=office_organisation_ids(user=user))
        | Q(round__council_id__in=council_organisation_ids(user=user), status__in=COUNCIL_STATUSES)
    )


def todo_counts(*, user) -> dict:
    """What waits for this user on the dashboard, per round: nominations to appraise (the
    office's), nominations returned to the user's own organisation to complete (the one that
    filed them, not every unit it covers); and the
    council meetings open for the user's vote. Two queries."""
    offices = office_organisation_ids(user=user)
    rows = (
        Nomination.objects.filter(
            Q(round__office_id__in=offices, status=NominationStatus.SUBMITTED)
            | Q(
                nominating_organisation__in=_memberships(user, roles=NOMINATING_ROLES).values(
                    "organisation_id"
                ),
                status=NominationStatus.RETURNED,
            )
        )
        .values("round_id", "round__name", "status")
        .annotate(count=Count("pk"))
        .order_by("round__name", "round_id", "status")
    )
    meetings = (
        CouncilMeeting.objects.filter(status=MeetingStatus.OPEN, seats__membership__user=user)
        .values("pk", "round__name")
        .distinct()
        .order_by("pk")
    )
    return {"nominations": list(rows), "meetings": list(meetings)}


def get_nomination_for_user(*, user, pk) -> Nomination:
    found = nominations_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404  # missing and foreign are the same answer
    return found


def meetings_for_user(*, user) -> QuerySet[CouncilMeeting]:
    qs = CouncilMeeting.objects.select_related("round")
    if org_selectors.is_province_admin(user=user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(
        Q(round__office_id__in=office_organisation_ids(user=user)) | Q(seats__membership__user=user)
    ).distinct()


def get_meeting_for_user(*, user, pk) -> CouncilMeeting:
    found = meetings_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404
    return found


def seat_of(*, user, meeting: CouncilMeeting) -> CouncilSeat | None:
    return meeting.seats.filter(membership__user=user).first()


# --- the council's arithmetic -----------------------------------------------------------------


@dataclass(frozen=True)
class Attendances:
    members: int
    present: int
    written: int

    @property
    def absent(self) -> int:
        return self.members - self.present - self.written


def attendances(meeting: CouncilMeeting) -> Attendances:
    counts = meeting.seats.aggregate(
        members=Count("pk"),
        present=Count("pk", filter=Q(attendance=Attendance.PRESENT)),
        written=Count("pk", filter=Q(attendance=Attendance.ABSENT_WRITTEN)),
    )
    return Attendances(counts["members"], counts["present"], counts["written"])


def _percent(num: int, den: int) -> str:
    if not den:
        return "0"
    value = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value}".replace(".", ",").removesuffix(",00")


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    numerator: int
    denominator: int

    @property
    def required(self) -> int:
        # The least whole number of members that is at least numerator/denominator of them.
        return -(-self.members * self.numerator // self.denominator)

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present * self.denominator >= self.numerator * self.members

    @property
    def arithmetic(self) -> str:
        return _g(
            "Dự họp %(present)s/%(members)s thành viên (%(pct)s %%); cần ít nhất "
            "%(num)s/%(den)s, tức %(required)s thành viên: %(verdict)s."
        ) % {
            "present": self.present,
            "members": self.members,
            "pct": _percent(self.present, self.members),
            "num": self.numerator,
            "den": self.denominator,
            "required": self.required,
            "verdict": _g("đủ") if self.met else _g("không đủ"),
        }


def quorum(meeting: CouncilMeeting, *, rule_set: RuleSet, counts: Attendances | None = None):
    counts = counts or attendances(meeting)
    # Members who sent their opinion in writing are not present: the quorum counts the room.
    return Quorum(
        counts.members, counts.present, rule_set.quorum_numerator, rule_set.quorum_denominator
    )


@dataclass(frozen=True)
class Tally:
    agree: int
    disagree: int
    invalid: int
    denominator: int
    denominator_label: str
    percent: int
    strict: bool
    quorum_met: bool

    @property
    def required(self) -> int:
        """The least number of agreeing votes that passes."""
        exact = self.denominator * self.percent
        need = -(-exact // 100)
        if self.strict and need * 100 == exact:
            need += 1
        return need

    @property
    def met(self) -> bool:
        if not self.quorum_met or not self.denominator:
            return False
        share = self.agree * 100
        bar = self.percent * self.denominator
        return share > bar if self.strict else share >= bar

    @property
    def arithmetic(self) -> str:
        comparison = _g("trên") if self.strict else _g("từ")
        return _g(
            "Đồng ý %(agree)s/%(den)s %(den_label)s = %(pct)s %%; cần %(cmp)s %(bar)s %% "
            "(ít nhất %(required)s phiếu): %(verdict)s."
        ) % {
            "agree": self.agree,
            "den": self.denominator,
            "den_label": self.denominator_label.lower(),
            "pct": _percent(self.agree, self.denominator),
            "cmp": comparison,
            "bar": self.percent,
            "required": self.required,
            "verdict": _g("đạt") if self.met else _g("không đạt"),
        }


def tally(
    *,
    form: AwardForm,
    counts: Attendances,
    quorum_met: bool,
    agree: int,
    disagree: int = 0,
    invalid: int = 0,
    written_agree: int = 0,
    written_disagree: int = 0,
) -> Tally:
    """The vote's result under ``form``'s threshold and denominator (rule-set data)."""
    if form.written_opinions_count:
        agree, disagree = agree + written_agree, disagree + written_disagree
    if form.denominator == Denominator.ALL_MEMBERS:
        denominator = counts.members
    else:
        denominator = counts.present + (counts.written if form.written_opinions_count else 0)
    return Tally(
        agree=agree,
        disagree=disagree,
        invalid=invalid,
        denominator=denominator,
        denominator_label=str(Denominator(form.denominator).label),
        percent=form.threshold_percent,
        strict=form.threshold_strict,
        quorum_met=quorum_met,
    )


def ballot_tally(ballot: Ballot, *, counts: Attendances, quorum_met: bool) -> Tally:
    return tally(
        form=ballot.nomination.form,
        counts=counts,
        quorum_met=quorum_met,
        agree=ballot.agree,
        disagree=ballot.disagree,
        invalid=ballot.invalid,
        written_agree=ballot.written_agree,
        written_disagree=ballot.written_disagree,
    )


# A page of the council's screen. Each row is read as plain values (no model instances): at 300
# nominees the instances and their related objects, built four per row, were most of the
# screen's 430-520 ms, and a single page of 300 rows of ballot forms is more than a secretary
# can work with anyway.
COUNCIL_PAGE = 50


BALLOT_COUNTS = ("agree", "disagree", "invalid", "written_agree", "written_disagree")


@dataclass(frozen=True)
class CouncilRow:
    pk: int
    name: str
    commune: str
    form_name: str
    comments: int
    ballot: Ballot | None
    tally: Tally | None
    # The row as the ballot form writes it, already text: the screen repeats the id a dozen
    # times and the five counts in every row, and the template engine localises each integer
    # it prints.
    key: str
    counts: dict[str, str]


@dataclass(frozen=True)
class CouncilScreen:
    counts: Attendances
    quorum: Quorum
    rows: list[CouncilRow]
    page: Page | None  # None when every row is asked for (the minutes)
    nominees: int
    ballots: int


def council_nominations(*, meeting: CouncilMeeting) -> QuerySet[Nomination]:
    return Nomination.objects.filter(
        round_id=meeting.round_id, status__in=COUNCIL_STATUSES
    ).order_by("nominating_organisation__name", "name", "pk")


def council_screen(
    *, meeting: CouncilMeeting, page: str | int | None = None, per_page: int | None = None
) -> CouncilScreen:
    """The council's screen: attendance, quorum and the nominees with their ballot and result,
    one page of ``per_page`` at a time (every nominee when ``page`` is None), in a constant
    number of queries whatever the number of nominees."""
    counts = attendances(meeting)
    rule_set = rule_set_on(meeting.held_on)
    q = quorum(meeting, rule_set=rule_set, counts=counts)
    comments = (
        PublicComment.objects.filter(nomination=OuterRef("pk"))
        .order_by()
        .values("nomination")
        .annotate(n=Count("pk"))
        .values("n")
    )
    columns = {
        "commune_name": F("commune__name"),
        "form_name": F("form__name"),
        "n_comments": Coalesce(Subquery(comments), 0),
    }
    nominations = council_nominations(meeting=meeting)
    if page is None:
        found, page_obj, nominees = (
            list(nominations.values("pk", "name", "form_id", **columns)),
            None,
            None,
        )
    else:
        # The paginator counts the plain queryset (COUNT(*) on the nominations alone: counting
        # the values query kept its inner joins to the communes and the forms); only the page's
        # slice is read with its joins and comment counts.
        page_obj = Paginator(nominations, per_page or COUNCIL_PAGE).get_page(page)
        found = list(page_obj.object_list.values("pk", "name", "form_id", **columns))
        page_obj.object_list = found  # the page holds its rows as before, read once
        nominees = page_obj.paginator.count
    ids = [r["pk"] for r in found]
    forms = {f.pk: f for f in AwardForm.objects.filter(pk__in={r["form_id"] for r in found})}
    ballots = {b.nomination_id: b for b in meeting.ballots.filter(nomination_id__in=ids)}
    rows = []
    for r in found:
        b = ballots.get(r["pk"])
        rows.append(
            CouncilRow(
                pk=r["pk"],
                name=r["name"],
                commune=r["commune_name"],
                form_name=r["form_name"],
                comments=r["n_comments"],
                ballot=b,
                tally=tally(
                    form=forms[r["form_id"]],
                    counts=counts,
                    quorum_met=q.met,
                    agree=b.agree,
                    disagree=b.disagree,
                    invalid=b.invalid,
                    written_agree=b.written_agree,
                    written_disagree=b.written_disagree,
                )
                if b is not None
                else None,
                key=str(r["pk"]),
                counts={c: str(getattr(b, c, 0) or 0) for c in BALLOT_COUNTS},
            )
        )
    return CouncilScreen(
        counts=counts,
        quorum=q,
        rows=rows,
        page=page_obj,
        nominees=len(rows) if nominees is None else nominees,
        ballots=meeting.ballots.count(),
    )


def revocation_of(*, nomination: Nomination) -> Revocation | None:
    """The register's entry of a revoked nomination (one the caller already reached)."""
    if nomination.status != NominationStatus.REVOKED:
        return None
    return Revocation.objects.select_related("decision").filter(nomination=nomination).first()


def revocations(*, round: Round) -> list[Revocation]:
    """The round's revocation register, latest first."""
    return list(
        Revocation.objects.filter(nomination__round=round).select_related("nomination", "decision")
    )


# --- public -----------------------------------------------------------------------------------


def published_for_comment(*, today: date) -> QuerySet[Nomination]:
    """The lists on the portal: nominations in their comment window today."""
    return (
        Nomination.objects.filter(status=NominationStatus.PUBLIC_COMMENT, comment_until__gte=today)
        .select_related("round", "form", "commune", "nominating_organisation")
        .order_by("round", "form__position", "name", "pk")
    )


def get_published_nomination(*, pk, today: date) -> Nomination:
    found = published_for_comment(today=today).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404
    return found


def honour_roll(*, year: int | None = None, form_code: str = "", commune_id=None):
    """Commended nominees for the portal: only name, commune, form and year are ever read."""
    qs = Nomination.objects.filter(status=HONOURED, decision__isnull=False)
    if year:
        qs = qs.filter(decision__signed_on__year=year)
    if form_code:
        qs = qs.filter(form__code=form_code)
    if commune_id and str(commune_id).isdigit():
        qs = qs.filter(commune_id=commune_id)
    return qs.order_by("-decision__signed_on", "form__position", "name", "pk").values(
        "pk",
        "name",
        "subject",
        "form__name",
        "form__code",
        "commune__name",
        "decision__number",
        "decision__signed_on",
    )


def honour_roll_filters() -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """The forms and the communes the honour roll may be filtered by: those of the commended.

    A form's code is kept across rule sets (``bang_khen_tinh`` in 2023 and 2024): one choice per
    code, named as its first form (by position) names it."""
    honoured = Nomination.objects.filter(status=HONOURED, decision__isnull=False)
    forms: dict[str, str] = {}
    for code, name in honoured.order_by("form__position", "form__code").values_list(
        "form__code", "form__name"
    ):
        forms.setdefault(code, name)
    communes = list(
        honoured.order_by("commune__name", "commune_id")
        .values_list("commune_id", "commune__name")
        .distinct()
    )
    return list(forms.items()), communes


def honour_years() -> list[int]:
    return sorted(
        {
            d.year
            for d in Nomination.objects.filter(status=HONOURED).values_list(
                "decision__signed_on", flat=True
            )
            if d
        },
        reverse=True,
    )


def nominations_prefetch_files() -> Prefetch:
    return Prefetch("files")


SUBJECT_LABELS = dict(Subject.choices)
