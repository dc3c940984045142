"""Every read of the contests app, scoped to the user.

Three kinds of reader: the organiser's officers (and the province administrator) see contests,
entries by code, rounds and rankings; the secretariat sees identities too (each read logged by
the views); a juror sees only their own reviews of an open round — through ``reviews_for_juror``
and ``jury_entry`` — which never select the entrant, the co-authors or the outlet.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from giamngheo.organisations import selectors as org_selectors

from .enums import ConflictSource, ContestStatus, EntryStatus, FileRole, RoundStatus
from .models import (
    CollectivePrize,
    Conflict,
    Contest,
    ContestMedium,
    Entrant,
    Entry,
    EntryFile,
    Juror,
    Review,
    Round,
    RoundEntry,
)


def _pk(pk) -> int | None:
    text = str(pk)
    return int(text) if text.isdigit() and len(text) < 19 else None


def _found(qs, pk):
    key = _pk(pk)
    row = qs.filter(pk=key).first() if key is not None else None
    if row is None:
        raise Http404  # missing and foreign are the same answer
    return row


def contests_for_user(*, user) -> QuerySet[Contest]:
    """Contests the user runs (organiser's officers, province administrator), or serves as
    secretary or board member."""
    if not getattr(user, "is_authenticated", False):
        return Contest.objects.none()
    if org_selectors.is_province_admin(user=user):
        return Contest.objects.all()
    organisations = org_selectors.organisations_for_user(user=user).values("pk")
    return Contest.objects.filter(
        Q(organiser__in=organisations) | Q(secretariat=user) | Q(board=user)
    ).distinct()


def get_contest_for_user(*, user, pk) -> Contest:
    return _found(contests_for_user(user=user).select_related("organiser", "activity"), pk)


def secretariat_contests(*, user) -> QuerySet[Contest]:
    if not getattr(user, "is_authenticated", False):
        return Contest.objects.none()
    return Contest.objects.filter(secretariat=user)


def entries_for_user(*, user) -> QuerySet[Entry]:
    """Entries of the contests the user runs or serves (by code for the organiser)."""
    return Entry.objects.filter(contest__in=contests_for_user(user=user).values("pk"))


def get_entry_for_user(*, user, pk) -> Entry:
    return _found(entries_for_user(user=user).select_related("contest", "medium"), pk)


def entries_to_check(*, user) -> list[dict]:
    """The dashboard's count for the secretariat: entries sent and waiting for the eligibility
    check, per contest the user is secretary of (``contest_id``, ``contest__name``, ``count``).
    One query."""
    return list(
        Entry.objects.filter(
            contest__in=secretariat_contests(user=user).values("pk"), status=EntryStatus.SUBMITTED
        )
        .values("contest_id", "contest__name")
        .annotate(count=Count("pk"))
        .order_by("contest__name", "contest_id")
    )


def entries_with_identity(*, user) -> QuerySet[Entry]:
    """For the secretariat only: entries with author and outlet."""
    return Entry.objects.filter(
        contest__in=secretariat_contests(user=user).values("pk")
    ).select_related("entrant", "entrant__outlet", "outlet", "medium")


def contest_entries(*, user, contest: Contest) -> QuerySet[Entry]:
    return (
        entries_for_user(user=user)
        .filter(contest=contest)
        .select_related("medium")
        .order_by("status", "code", "pk")
    )


def get_entry_file_for_user(*, user, pk) -> EntryFile:
    """Staff download: the secretariat every file, the organiser the redacted copy or, where
    there is none, the work (by code)."""
    return _found(EntryFile.objects.filter(entry__in=entries_for_user(user=user).values("pk")), pk)


def get_round_for_user(*, user, pk) -> Round:
    return _found(
        Round.objects.filter(contest__in=contests_for_user(user=user).values("pk")).select_related(
            "contest"
        ),
        pk,
    )


def get_round_entry_for_user(*, user, pk) -> RoundEntry:
    return _found(
        RoundEntry.objects.filter(
            round__contest__in=contests_for_user(user=user).values("pk")
        ).select_related("round", "round__contest", "entry"),
        pk,
    )


def ranking(*, round: Round, medium: ContestMedium | None = None) -> QuerySet[RoundEntry]:
    """The round's results, grouped by medium and ranked (one query; the screen pages it)."""
    rows = RoundEntry.objects.filter(round=round)
    if medium is not None:
        rows = rows.filter(entry__medium=medium)
    return rows.select_related("entry__medium", "proposed_prize", "prize").order_by(
        "entry__medium__position", "rank", "entry__code", "pk"
    )


def round_media(*, round: Round) -> list[ContestMedium]:
    """The media a round covers, in the contest's order (the ranking screen's tabs)."""
    return list(round.media.order_by("position", "pk"))


# --- the jury ----------------------------------------------------------------------------------


def reviews_for_juror(*, user) -> QuerySet[Review]:
    """The user's reviews in open rounds: entry code, title, medium and their own scores —
    never the entrant, the co-authors or the outlet (none is selected or joined)."""
    if not getattr(user, "is_authenticated", False):
        return Review.objects.none()
    return (
        Review.objects.filter(juror__user=user, round__status=RoundStatus.OPEN)
        .select_related("round", "entry__medium")
        .only(
            "abstained",
            "total",
            "scored_at",
            "round__name",
            "round__number",
            "round__status",
            "round__ends_on",
            "juror",
            "round__contest",
            "entry__code",
            "entry__title",
            "entry__published_on",
            "entry__placement",
            "entry__instalments",
            "entry__length",
            "entry__summary",
            "entry__medium__name",
            "entry__medium__kind",
        )
        .order_by("round__number", "entry__code")
    )


def get_review_for_juror(*, user, pk) -> Review:
    return _found(reviews_for_juror(user=user), pk)


def jurors_of_user(*, user) -> QuerySet[Juror]:
    if not getattr(user, "is_authenticated", False):
        return Juror.objects.none()
    return Juror.objects.filter(user=user).select_related("round")


def is_juror(*, user) -> bool:
    return jurors_of_user(user=user).exists()


def jury_files(*, review: Review) -> list[EntryFile]:
    """What the juror may open: the redacted copy when there is one, else the work, script and
    capture (the scan names nobody)."""
    files = list(
        EntryFile.objects.filter(entry_id=review.entry_id).only(
            "pk", "role", "kind", "size", "entry_id"
        )
    )
    redacted = [f for f in files if f.role == FileRole.REDACTED]
    return redacted or files


def get_jury_file(*, user, review_pk, pk) -> tuple[Review, EntryFile]:
    review = get_review_for_juror(user=user, pk=review_pk)
    for stored in jury_files(review=review):
        if str(stored.pk) == str(pk):
            return review, EntryFile.objects.only("pk", "file", "kind", "role").get(pk=stored.pk)
    raise Http404


def next_review(*, user, after: Review) -> Review | None:
    """ "Save and next": the least-scored entry of the same round still to score (fewest scored
    reviews by all jurors, then code) — the counts of others, never their scores."""
    pending = reviews_for_juror(user=user).filter(round_id=after.round_id, scored_at__isnull=True)
    pending = pending.exclude(pk=after.pk).annotate(
        done=Count(
            "entry__reviews",
            filter=Q(
                entry__reviews__round_id=after.round_id, entry__reviews__scored_at__isnull=False
            ),
        )
    )
    return pending.order_by("done", "entry__code").first()


# --- entrants and the public ------------------------------------------------------------------


def entrant_for_user(*, user) -> Entrant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Entrant.objects.filter(user=user).select_related("outlet").first()


def entries_of_entrant(*, entrant: Entrant) -> QuerySet[Entry]:
    """The entrant's entries, each with ``prize_name``: the prize the decision awarded it (as the
    public results show it), or None before the decision or without a prize."""
    awarded = RoundEntry.objects.filter(
        entry=OuterRef("pk"),
        round__contest__status=ContestStatus.DECIDED,
        awarded_on__isnull=False,
        prize__isnull=False,
    ).order_by("-round__number")
    return (
        Entry.objects.filter(entrant=entrant)
        .select_related("contest", "medium", "outlet")
        .prefetch_related("coauthors")
        .annotate(prize_name=Subquery(awarded.values("prize__name")[:1]))
        .order_by("-submitted_at")
    )


def juror_rounds(*, user) -> list[Juror]:
    """The rounds the user sits on as a juror, with what they have scored there (``assigned``,
    ``scored``): the jury page lists closed rounds too, read-only. One query."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Juror.objects.filter(user=user)
        .select_related("round")
        .annotate(
            assigned=Count("reviews"),
            scored=Count("reviews", filter=Q(reviews__scored_at__isnull=False)),
        )
        .order_by("-round__starts_on", "round__number", "pk")
    )


def public_contests() -> QuerySet[Contest]:
    return (
        Contest.objects.exclude(status=ContestStatus.DRAFT)
        .select_related("organiser")
        .prefetch_related("media")
        .order_by("-entries_open")
    )


def get_public_contest(*, slug: str) -> Contest:
    found = public_contests().filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def open_contests_now(*, today) -> QuerySet[Contest]:
    return public_contests().filter(
        status=ContestStatus.OPEN, entries_open__lte=today, entries_close__gte=today
    )


def public_awards(*, contest: Contest) -> list[RoundEntry]:
    """Winners with their names and outlets: only once the decision is issued."""
    if contest.status != ContestStatus.DECIDED:
        return []
    return list(
        RoundEntry.objects.filter(
            round__contest=contest, awarded_on__isnull=False, prize__isnull=False
        )
        .select_related("entry__entrant", "entry__outlet", "entry__medium", "prize")
        .prefetch_related("entry__coauthors")
        .order_by("entry__medium__position", "prize__position", "rank")
    )


def certificate_rows(*, contest: Contest) -> list[RoundEntry]:
    """The prize-winning entries whose certificates can be printed (after the decision), by
    code only — the certificate itself names the authors, as the published decision does."""
    if contest.status != ContestStatus.DECIDED:
        return []
    return list(
        RoundEntry.objects.filter(
            round__contest=contest, awarded_on__isnull=False, prize__isnull=False
        )
        .select_related("entry__medium", "prize")
        .only("pk", "entry__code", "entry__medium__name", "prize__name")
        .order_by("entry__medium__position", "prize__position", "rank", "pk")
    )


def get_certificate_row_for_user(*, user, pk) -> RoundEntry:
    """A winning entry of a decided contest the user runs or serves; anything else is a 404."""
    rows = RoundEntry.objects.filter(
        round__contest__in=contests_for_user(user=user).values("pk"),
        round__contest__status=ContestStatus.DECIDED,
        awarded_on__isnull=False,
        prize__isnull=False,
    ).select_related("round__contest", "entry")
    return _found(rows, pk)


def public_collective(*, contest: Contest) -> list[CollectivePrize]:
    if contest.status != ContestStatus.DECIDED:
        return []
    return list(
        CollectivePrize.objects.filter(contest=contest).select_related("organisation", "tier")
    )


def accepted_count(contest: Contest) -> int:
    return contest.entries.filter(status=EntryStatus.ACCEPTED).count()


def has_redacted() -> Exists:
    return Exists(EntryFile.objects.filter(entry=OuterRef("pk"), role=FileRole.REDACTED))


# --- the set-up screens -----------------------------------------------------------------------


def contest_activities(*, user) -> QuerySet:
    """Activities of plan item 2.2 in the user's planning scope: where a new contest hangs."""
    from giamngheo.planning.enums import FormKind  # noqa: PLC0415 (set-up screens only)
    from giamngheo.planning.selectors import activities_for_user  # noqa: PLC0415

    return activities_for_user(user=user).filter(form__form_kind=FormKind.CONTEST)


def organisers_for_user(*, user) -> QuerySet:
    """The bodies a user may name as a contest's organiser (those ``may_organise`` accepts)."""
    return org_selectors.organisations_for_user(user=user).order_by("name", "pk")


def secretary_candidates(*, user, contest: Contest | None = None) -> QuerySet:
    """Staff of the bodies in the user's reach, in force today: who may serve as secretary
    (and, on edit, the contest's present secretaries, kept even when their membership ended)."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 (set-up screens only)

    from giamngheo.organisations.models import Membership  # noqa: PLC0415

    members = Membership.objects.valid_on(timezone.localdate()).filter(
        organisation__in=organisers_for_user(user=user).values("pk")
    )
    chosen = Q(is_active=True, pk__in=members.values("user"))
    if contest is not None:
        chosen |= Q(pk__in=contest.secretariat.values("pk"))
    return get_user_model().objects.filter(chosen).order_by("last_name", "first_name", "username")


def find_account(*, identifier: str):
    """An active account by its user name or e-mail (a juror is invited by the one they gave),
    or None. Only the exact account: nothing is listed."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 (set-up screens only)

    text = (identifier or "").strip()
    if not text:
        return None
    found = get_user_model().objects.filter(is_active=True)
    if "@" in text:
        rows = list(found.filter(email__iexact=text)[:2])
        return rows[0] if len(rows) == 1 else None
    return found.filter(username=text).first()


def get_juror_for_user(*, user, pk) -> Juror:
    return _found(
        Juror.objects.filter(
            round__contest__in=contests_for_user(user=user).values("pk")
        ).select_related("round", "round__contest", "user"),
        pk,
    )


def conflict_entries(*, round: Round) -> QuerySet[Entry]:
    """The entries a conflict of this round may name: the contest's entries of the round's
    media (by code; the form never shows an author)."""
    return (
        Entry.objects.filter(contest=round.contest, medium__in=round.media.all())
        .exclude(status=EntryStatus.WITHDRAWN)
        .select_related("medium")
        .order_by("code", "pk")
    )


def round_conflicts(*, round: Round):
    """The conflicts declared by a juror or recorded by the organisers (the automatic ones of
    a juror's own outlet are counted apart: there may be hundreds)."""
    return (
        Conflict.objects.filter(juror__round=round)
        .exclude(source=ConflictSource.EMPLOYER)
        .select_related("juror__user", "entry")
        .order_by("juror_id", "entry__code", "pk")
    )
