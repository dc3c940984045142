"""Reads. A handler reaches a feedback item only through ``feedback_for_user`` /
``get_feedback_for_user``; the public reaches it only by tracking code or private token, and then
only through the fields of ``PUBLIC_FIELDS`` (never the reporter)."""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import salted_hmac

from giamngheo.core.cache import memoised
from giamngheo.core.text import fold, normalise_phone
from giamngheo.core.workdays import WorkingCalendar
from giamngheo.organisations.enums import OrganisationKind, UnitLevel
from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.organisations.selectors import (
    ProvinceCommunes,
    communes_by_province,
    is_province_admin,
)

from .enums import (
    CITIZEN_REASON_STATUSES,
    CITIZEN_VISIBLE_ACTIONS,
    NOT_RUNNING,
    BanKind,
    EventAction,
    FeedbackKind,
    StatsGroup,
)
from .models import (
    AnswerTemplate,
    Ban,
    Category,
    DeadlinePolicy,
    Feedback,
    FeedbackAttachment,
    RoutingRule,
)
from .rules import (
    CODE_ALPHABET,
    CODE_PREFIX,
    HANDLER_ROLES,
    PUBLISHER_ROLES,  # noqa: F401
    _anonymous,
    handler_memberships,
    handler_organisation_ids,  # noqa: F401  (callers of selectors keep their name)
    in_reach,  # noqa: F401
    is_feedback_handler,  # noqa: F401
    may_publish_answers,  # noqa: F401
    sees_all_feedback,
)

# A group with fewer items than this is shown but not ranked: a rate over 3 items says nothing.
STATS_MIN_GROUP = 5
# Without a DeadlinePolicy row: remind the handlers 2 working days before the due date.
DEFAULT_REMIND_BEFORE = 2


def feedback_for_user(*, user) -> QuerySet[Feedback]:
    """The register as the user may see it: items routed to the organisations the user handles
    feedback for (not their subtree: reporters' details stay with the body that answers)."""
    qs = Feedback.objects.select_related("category", "unit", "organisation", "answer")
    if _anonymous(user):
        return qs.none()
    if sees_all_feedback(user=user):
        return qs
    orgs = handler_memberships(user=user).values("organisation_id")
    return qs.filter(organisation_id__in=orgs)


def get_feedback_for_user(*, user, pk) -> Feedback:
    """The item, or 404 when it does not exist *or* lies outside the user's reach."""
    item = feedback_for_user(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if item is None:
        raise Http404
    return item


def get_attachment_for_user(*, user, pk) -> FeedbackAttachment:
    """An attachment of an item within the user's reach, or 404 (missing and foreign alike):
    one query, the reach inside it."""
    attachment = (
        FeedbackAttachment.objects.filter(
            pk=pk, feedback__in=feedback_for_user(user=user).values("pk")
        )
        .select_related("feedback")
        .first()
        if str(pk).isdigit()
        else None
    )
    if attachment is None:
        raise Http404
    return attachment


# --- routing ---------------------------------------------------------------------------------


def _ancestor_paths(unit: AdministrativeUnit | None) -> list[str]:
    parts = [p for p in unit.path.split("/") if p] if unit is not None else []
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def route_for(*, unit: AdministrativeUnit, category: Category, on: date) -> RoutingRule | None:
    """The most specific rule in force on ``on``: the category's own rule before a rule for every
    category, then the deepest unit. One query."""
    rules = list(
        RoutingRule.objects.valid_on(on)
        .filter(unit__path__in=_ancestor_paths(unit))
        .filter(Q(category=category) | Q(category__isnull=True))
        .select_related("unit", "organisation")
    )
    if not rules:
        return None
    return max(rules, key=lambda r: (r.category_id is not None, len(r.unit.path), r.pk))


def routed_organisation_id(*, unit: AdministrativeUnit, category: Category, on: date) -> int | None:
    """The id of the body ``route_for`` sends to — memoised for intake until routing, units or
    organisations change (core.cache.memoised)."""

    def compute():
        rule = route_for(unit=unit, category=category, on=on)
        if rule is not None and (rule.category_id is not None or rule.unit_id == unit.pk):
            return rule.organisation_id  # a rule for this category, or for this very commune
        committee = peoples_committee_of(unit=unit, on=on)
        if committee is not None:
            return committee.pk
        return rule.organisation_id if rule else None

    return memoised(("feedback.route", unit.pk, unit.path, category.pk, on), compute)


def peoples_committee_of(*, unit: AdministrativeUnit, on: date) -> Organisation | None:
    """The People's Committee in charge of a commune or ward on the day: as Vietnamese practice
    has it, an item about a commune goes first to that commune's People's Committee, unless a
    routing rule for its category or for the commune itself says otherwise (a province-wide
    rule for every category is the fallback for communes without a body of their own)."""
    if unit.level != UnitLevel.COMMUNE:
        return None
    return (
        Organisation.objects.valid_on(on)
        .filter(unit=unit, kind=OrganisationKind.PEOPLES_COMMITTEE)
        .order_by("pk")
        .first()
    )


# --- public ----------------------------------------------------------------------------------


def normalise_code(raw: str) -> str:
    """``"pa 7k3m 9q"`` → ``"PA-7K3M-9Q"``: what a citizen reads over the phone, however typed."""
    text = re.sub(r"[\s\-–—_.]", "", (raw or "").upper())
    if text.startswith(CODE_PREFIX):
        text = text[len(CODE_PREFIX) :]
    if len(text) != 6 or any(c not in CODE_ALPHABET for c in text):
        return ""
    return f"{CODE_PREFIX}-{text[:4]}-{text[4:]}"


def public_feedback() -> QuerySet[Feedback]:
    """Every item a public page or the Open311 GET may show: hidden and spam items never."""
    return Feedback.objects.filter(is_hidden=False, is_spam=False).select_related(
        "category", "unit", "organisation", "answer"
    )


def get_public_feedback(*, code: str) -> Feedback | None:
    normalised = normalise_code(code)
    if not normalised:
        return None
    return public_feedback().filter(tracking_code=normalised).first()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get_feedback_by_token(*, token: str) -> Feedback:
    if not token or len(token) > 100:
        raise Http404
    item = (
        Feedback.objects.select_related("category", "unit", "organisation", "answer")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if item is None:
        raise Http404
    return item


def published_answers(*, query: str = "") -> QuerySet[Feedback]:
    """Items whose answer was published (with the citizen's consent), newest answer first;
    ``query`` matches without diacritics, every word."""
    qs = (
        public_feedback()
        .filter(answer__is_published=True, consent_publish=True)
        .order_by("-answer__published_at", "-pk")
    )
    for word in fold(query).split()[:10]:
        qs = qs.filter(search_folded__contains=word)
    return qs


def events_for(*, feedback: Feedback, citizen: bool = False):
    """The audit trail; ``citizen`` keeps only what the sender is told (status and routing),
    not moderation, publication or redaction."""
    qs = feedback.events.select_related("organisation").order_by("at", "pk")
    if citizen:
        # ``citizen_reason``: only the reasons written to the sender (a refusal's grounds, what
        # to supply, a withdrawal); a handler's internal note ("Giao phòng chuyên môn xử lý")
        # never reaches the citizen's history.
        qs = qs.filter(action__in=CITIZEN_VISIBLE_ACTIONS).annotate(
            citizen_reason=Case(
                When(
                    action=EventAction.STATUS,
                    to_status__in=list(CITIZEN_REASON_STATUSES),
                    then=F("reason"),
                ),
                default=Value(""),
                output_field=CharField(),
            )
        )
    return qs


def public_attachments(*, feedback: Feedback) -> list:
    """Attachments a public page may show: those with a public copy, not hidden, of an item
    whose answer is published. Never the original file."""
    answer = getattr(feedback, "answer", None)
    if feedback.is_hidden or feedback.is_spam or answer is None or not answer.is_published:
        return []
    return [a for a in feedback.attachments.all() if a.is_public]


def get_public_attachment(*, pk) -> object:
    if not str(pk).isdigit():
        raise Http404
    attachment = (
        FeedbackAttachment.objects.filter(pk=pk, is_hidden_from_public=False)
        .exclude(public_file="")
        .select_related("feedback", "feedback__answer")
        .first()
    )
    if attachment is None or attachment not in public_attachments(feedback=attachment.feedback):
        raise Http404
    return attachment


# --- similar items (before submitting) ---------------------------------------------------------

# Words too common in feedback subjects to say two items are about the same thing.
_STOPWORDS = frozenset(
    fold(w)
    for w in (
        "và của cho các những được không đã chưa về tại với theo xin hỏi đề nghị phản ánh "
        "kiến người dân gia đình tôi hộ nghèo là có ở một này việc"
    ).split()
)
SIMILAR_LIMIT = 5
SIMILAR_SCAN = 200


def similar_open_items(
    *, unit: AdministrativeUnit, category: Category, subject: str, limit: int = SIMILAR_LIMIT
) -> list[Feedback]:
    """Open, public items of the same commune and category that share a word of ``subject``
    (folded, so "the BHYT" finds "thẻ BHYT"), best match first. One query; public fields only."""
    words = {w for w in re.findall(r"\w+", fold(subject or "")) if len(w) > 1}
    words -= _STOPWORDS
    if not words:
        return []
    candidates = list(
        Feedback.objects.filter(is_hidden=False, is_spam=False, unit=unit, category=category)
        .exclude(status__in=NOT_RUNNING)
        .only("tracking_code", "subject", "status", "received_at", "search_folded")
        .order_by("-received_at", "-pk")[:SIMILAR_SCAN]
    )
    scored = []
    for item in candidates:
        item_words = set(re.findall(r"\w+", fold(item.subject)))
        score = len(words & item_words)
        if score:
            scored.append((score, item.received_at, item))
    scored.sort(key=lambda t: (-t[0], -t[1].timestamp()))
    return [item for _score, _at, item in scored[:limit]]


# --- routing helpers, deadlines, templates, bans -------------------------------------------------


def lead_organisation_for(
    *, unit: AdministrativeUnit | None, on: date | None = None
) -> Organisation | None:
    """The lead department covering ``unit`` on the day (the deepest if several), else any lead
    department in force (``unit=None``: an item whose commune is not known yet). One query."""
    day = on or timezone.localdate()
    leads = list(Organisation.objects.valid_on(day).filter(is_lead=True).select_related("unit"))
    paths = set(_ancestor_paths(unit))
    covering = [o for o in leads if o.unit.path in paths]
    if covering:
        return max(covering, key=lambda o: len(o.unit.path))
    return min(leads, key=lambda o: o.pk) if leads else None


def deadline_policy(*, kind: str) -> tuple[int, int]:
    """(working days to answer, reminder this many working days before) for ``kind``.
    Memoised until a policy changes (core.cache.memoised)."""
    default = settings.FEEDBACK_DEADLINE_DAYS[kind]

    def compute():
        row = DeadlinePolicy.objects.filter(kind=kind).values_list("working_days", "remind_before")
        return row.first() or (default, DEFAULT_REMIND_BEFORE)

    return memoised(("feedback.deadline-policy", kind, default), compute)


def answer_templates_for(*, category: Category | None) -> QuerySet[AnswerTemplate]:
    qs = AnswerTemplate.objects.filter(is_active=True).select_related("category")
    if category is None:
        return qs.filter(category__isnull=True)
    return qs.filter(Q(category__isnull=True) | Q(category=category))


def normalise_ban_value(*, kind: str, value: str) -> str:
    value = (value or "").strip()
    if kind == BanKind.PHONE:
        return normalise_phone(value)
    if kind == BanKind.EMAIL:
        return value.lower()
    return value


def ban_hash(*, kind: str, value: str) -> str:
    # Keyed with SECRET_KEY: the list cannot be reversed by hashing every phone number.
    normalised = normalise_ban_value(kind=kind, value=value)
    return salted_hmac(f"feedback.ban.{kind}", normalised, algorithm="sha256").hexdigest()


def is_banned(*, phone: str = "", email: str = "", client: str = "", on: date | None = None):
    """True when an active ban covers any of the sender's identifiers. One query."""
    day = on or timezone.localdate()
    hashes = [
        ban_hash(kind=k, value=v)
        for k, v in ((BanKind.PHONE, phone), (BanKind.EMAIL, email), (BanKind.CLIENT, client))
        if normalise_ban_value(kind=k, value=v)
    ]
    if not hashes:
        return False
    return (
        Ban.objects.filter(is_active=True, value_hash__in=hashes)
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .exists()
    )


def bans_for_user(*, user) -> QuerySet[Ban]:
    if _anonymous(user) or not (user.is_superuser or is_province_admin(user=user)):
        return Ban.objects.none()
    return Ban.objects.select_related("created_by", "feedback")


# --- reminders ----------------------------------------------------------------------------------


def items_due_for_reminder(*, today: date | None = None) -> list[Feedback]:
    """Open items whose deadline is at most ``remind_before`` working days away (by kind) and
    not already reminded for that deadline. A query per kind's policy, one for the items, one for
    the calendar."""
    day = today or timezone.localdate()
    policies = {kind: deadline_policy(kind=kind)[1] for kind in _kinds()}
    horizon = day + timedelta(days=max(policies.values(), default=0) * 2 + 20)
    candidates = (
        Feedback.objects.exclude(status__in=NOT_RUNNING)
        .filter(is_spam=False, organisation__isnull=False, deadline__gte=day)
        .filter(deadline__lte=horizon)
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("deadline")))
        .select_related("organisation", "category")
        .order_by("deadline", "pk")
    )
    # One calendar for the whole window: no query per item.
    calendar = WorkingCalendar(day, horizon)
    due = []
    for item in candidates:
        left = sum(
            1
            for offset in range(1, (item.deadline - day).days + 1)
            if calendar.is_working_day(day + timedelta(days=offset))
        )
        if left <= policies[item.kind]:
            due.append(item)
    return due


def _kinds():
    return FeedbackKind.values


def handler_emails_by_organisation(*, organisation_ids, on: date | None = None) -> dict:
    """{organisation id: [e-mail, …]} of the people who handle feedback for each body."""
    result: dict[int, list[str]] = {}
    rows = (
        Membership.objects.valid_on(on or timezone.localdate())
        .filter(organisation_id__in=organisation_ids, role__in=HANDLER_ROLES, user__is_active=True)
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
        .order_by("organisation_id", "user__email")
    )
    for org_id, email in rows:
        if email not in result.setdefault(org_id, []):
            result[org_id].append(email)
    return result


# --- statistics ----------------------------------------------------------------------------------


@dataclass
class StatsRow:
    key: object
    label: str
    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    # Unanswered, still running and past their deadline: late already, whatever happens next.
    overdue: int = 0
    days: list = field(default_factory=list, repr=False)
    rank: int | None = None

    @property
    def due(self) -> int:
        """The on-time rate's denominator: items answered plus items overdue unanswered (items
        not yet due and items closed without an answer — refused, withdrawn — are left out)."""
        return self.answered + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        """Answered by the deadline ÷ (answered + overdue unanswered), in per cent."""
        return round(100 * self.answered_on_time / self.due, 1) if self.due else None

    @property
    def median_days(self) -> float | None:
        return round(statistics.median(self.days), 1) if self.days else None

    @property
    def too_small(self) -> bool:
        return self.received < STATS_MIN_GROUP

    def add(self, *, received_at, deadline, answered_at, status="", today=None) -> None:
        self.received += 1
        if answered_at is None:
            today = today or timezone.localdate()
            if status not in NOT_RUNNING and deadline is not None and deadline < today:
                self.overdue += 1
            return
        self.answered += 1
        if timezone.localdate(answered_at) <= deadline:
            self.answered_on_time += 1
        self.days.append((answered_at - received_at).total_seconds() / 86400)


@dataclass
class Statistics:
    rows: list[StatsRow]
    total: StatsRow
    group_by: str
    ranked: bool


def _year_range(year: int) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))
    return start, end


_GROUP_FIELDS = {
    StatsGroup.ORGANISATION: ("organisation_id", "organisation__name"),
    StatsGroup.UNIT: ("unit_id", "unit__name"),
    StatsGroup.CATEGORY: ("category_id", "category__name"),
    StatsGroup.MONTH: ("pk", "pk"),  # month computed from received_at in local time
    StatsGroup.YEAR: ("pk", "pk"),  # year of receipt in local time
}


def statistics_for_user(
    *,
    user,
    year: int | None = None,
    group_by: str = StatsGroup.ORGANISATION,
    category: Category | None = None,
    organisation: Organisation | None = None,
) -> Statistics:
    """Received, answered, answered on time, median days to answer — per body, commune,
    category or month — over the items the user may see (spam excluded). One query.

    Groups with fewer than STATS_MIN_GROUP items are listed but not ranked; months are never
    ranked."""
    qs = feedback_for_user(user=user).filter(is_spam=False)
    return _statistics(
        qs, year=year, group_by=group_by, category=category, organisation=organisation
    )


def _statistics(qs, *, year, group_by, category=None, organisation=None) -> Statistics:
    if group_by not in StatsGroup.values:
        group_by = StatsGroup.ORGANISATION
    if year:
        qs = qs.filter(received_at__range=_year_range(year))
    if category is not None:
        qs = qs.filter(category=category)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    key_field, label_field = _GROUP_FIELDS[group_by]
    rows: dict[object, StatsRow] = {}
    total = StatsRow(key=None, label="")
    values = qs.order_by().values_list(
        key_field, label_field, "received_at", "deadline", "answer__answered_at", "status"
    )
    today = timezone.localdate()
    for key, label, received_at, deadline, answered_at, status in values:
        if group_by == StatsGroup.MONTH:
            local = timezone.localtime(received_at)
            key, label = (local.year, local.month), f"{local.month:02d}/{local.year}"
        elif group_by == StatsGroup.YEAR:
            key = timezone.localtime(received_at).year
            label = str(key)
        row = rows.get(key)
        if row is None:
            row = rows[key] = StatsRow(key=key, label=label or "—")
        figures = {
            "received_at": received_at,
            "deadline": deadline,
            "answered_at": answered_at,
            "status": status,
            "today": today,
        }
        row.add(**figures)
        total.add(**figures)
    ranked = group_by not in (StatsGroup.MONTH, StatsGroup.YEAR)
    if not ranked:
        ordered = sorted(rows.values(), key=lambda r: r.key)
    else:
        eligible = [r for r in rows.values() if not r.too_small and r.answered]
        eligible.sort(key=lambda r: (-(r.on_time_rate or 0), r.median_days or 0, fold(r.label)))
        for position, row in enumerate(eligible, start=1):
            row.rank = position
        others = sorted(
            (r for r in rows.values() if r.rank is None), key=lambda r: fold(str(r.label))
        )
        ordered = eligible + others
    return Statistics(rows=ordered, total=total, group_by=group_by, ranked=ranked)


def _public_figures(row: StatsRow) -> dict:
    return {
        "received": row.received,
        "answered": row.answered,
        "answered_on_time": row.answered_on_time,
        "overdue": row.overdue,
        "on_time_rate": row.on_time_rate,
        "median_days": row.median_days,
    }


def public_statistics(*, year: int | None = None) -> dict:
    """Aggregate figures for the public pages (the results page reads feedback only through
    this): no group, no personal data, spam not counted. One query.

    ``{"year", "received", "answered", "answered_on_time", "overdue", "on_time_rate",
    "median_days", "years"}``: ``overdue`` counts unanswered running items past their deadline;
    ``on_time_rate`` is answered by the deadline (the answer's day in Vietnam's time zone on or
    before it, a Vietnamese working day) ÷ (answered + overdue), in per cent, ``None`` when
    nothing is due yet; ``years`` holds the same figures per year of receipt (local time),
    oldest first, each with its ``year``."""
    stats = _statistics(Feedback.objects.filter(is_spam=False), year=year, group_by=StatsGroup.YEAR)
    return {
        "year": year,
        **_public_figures(stats.total),
        "years": [{"year": r.key, **_public_figures(r)} for r in stats.rows],
    }


def communes_today(*, on: date | None = None) -> list[ProvinceCommunes]:
    """Communes in force today, grouped by their province. One query, memoised until a unit
    changes (core.cache.memoised): every form page and every submission reads them."""
    day = on or timezone.localdate()
    return memoised(("feedback.communes", day), lambda: communes_by_province(on=day))


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True)


@dataclass(frozen=True)
class CategoryIndex:
    by_id: dict[str, Category]
    by_code: dict[str, Category]


def active_category_index() -> CategoryIndex:
    """The active categories by id (as a string) and by code: what the form and the API resolve
    a submitted value against. Memoised until a category changes (core.cache.memoised)."""

    def compute():
        rows = list(active_categories())
        return CategoryIndex({str(c.pk): c for c in rows}, {c.code: c for c in rows})

    return memoised(("feedback.categories",), compute)


def commune_in_force(*, code: str, on: date | None = None) -> AdministrativeUnit | None:
    """The commune with this code among ``communes_today`` (memoised: no query)."""

    def compute():
        return {c.code: c for g in communes_today(on=day) for c in g.communes}

    day = on or timezone.localdate()
    return memoised(("feedback.communes-by-code", day), compute).get(code)


def triage_feedback_for_user(*, user) -> QuerySet[Feedback]:
    """Items whose commune nobody could tell yet, for those who see the whole register (the
    province administrator, the lead department): the triage queue. Nobody else sees them."""
    if not sees_all_feedback(user=user):
        return Feedback.objects.none()
    return feedback_for_user(user=user).filter(unit__isnull=True)
