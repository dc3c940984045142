"""Reads. Every function that returns rows to a person takes the user and filters to their scope.

Staff reach a campaign in two ways: as an officer of the body whose sub-plan holds its activity
(``organisations_for_user``: their own and, for a district, the bodies under it), or as one of
its assigned moderators (an assignment, not a unit). The province administrator reaches all.
The public sees campaigns and the approved, consented items only; a submitter reaches their own
item through its private link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.organisations.enums import Role
from giamngheo.organisations.selectors import (
    is_province_admin,
    is_staff_member,
    organisations_for_user,
    user_roles,
)

from .enums import SubmissionKind, SubmissionStatus
from .models import Campaign, Platform, Submission


def _pk(value) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else None


def _anonymous(user) -> bool:
    return user is None or not getattr(user, "is_authenticated", False)


# --- staff -------------------------------------------------------------------------------------

# Roles that run a body's campaigns. A portal editor or a juror of the department runs none:
# their membership does not open the campaigns of every body under it.
OWNER_ROLES = frozenset({Role.UNIT_OFFICER, Role.APPROVER})


def _owned_bodies(*, user):
    if not user_roles(user=user) & OWNER_ROLES:
        return None
    return organisations_for_user(user=user).values("pk")


def owned_campaigns(*, user) -> QuerySet[Campaign]:
    """Campaigns of the bodies in the user's reach (the campaign owner's view)."""
    if _anonymous(user) or not is_staff_member(user=user):
        return Campaign.objects.none()
    if is_province_admin(user=user):
        return Campaign.objects.all()
    bodies = _owned_bodies(user=user)
    if bodies is None:
        return Campaign.objects.none()
    return Campaign.objects.filter(activity__subplan__organisation__in=bodies)


def campaigns_for_user(*, user) -> QuerySet[Campaign]:
    if _anonymous(user) or not is_staff_member(user=user):
        return Campaign.objects.none()
    if is_province_admin(user=user):
        found = Campaign.objects.all()
    else:
        bodies = _owned_bodies(user=user)
        moderated = Q(
            pk__in=Campaign.moderators.through.objects.filter(user=user).values("campaign")
        )
        owned = Q(activity__subplan__organisation__in=bodies) if bodies is not None else Q()
        found = Campaign.objects.filter(owned | moderated if bodies is not None else moderated)
    return found.select_related("activity__subplan__organisation")


def get_campaign_for_user(*, user, pk) -> Campaign:
    found = campaigns_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if found is None:
        raise Http404  # missing and foreign are the same answer
    return found


def is_moderator(*, user, campaign: Campaign) -> bool:
    if _anonymous(user) or not is_staff_member(user=user):
        return False
    if is_province_admin(user=user):
        return True
    return Campaign.moderators.through.objects.filter(user=user, campaign=campaign).exists()


def is_owner(*, user, campaign: Campaign) -> bool:
    return owned_campaigns(user=user).filter(pk=campaign.pk).exists()


def submissions_for_user(*, user) -> QuerySet[Submission]:
    return Submission.objects.filter(
        campaign__in=campaigns_for_user(user=user).values("pk")
    ).select_related("campaign", "platform", "commune")


def get_submission_for_user(*, user, pk) -> Submission:
    found = submissions_for_user(user=user).filter(pk=pk).first() if _pk(pk) else None
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True, slots=True)
class QueueRow:
    """A row of the moderation queue as plain values (no model instances).

    At 10,000 submissions the queue's page of 50 cost more in building four model instances a
    row (submission, campaign, platform, commune: every column of each), in
    ``get_kind_display`` (which rebuilds and hashes the whole choice list, translating every
    label, on each call) and in per-row ``{% url %}`` and ``|date`` than in its two queries.
    The labels and the local time are still worked out when the template reads them, under the
    language and time zone the admin renders in.
    """

    pk: int
    title: str
    kind: str
    platform_id: int | None
    platform_name: str | None
    commune_name: str
    submitted_at: datetime
    report_count: int
    url: str
    key: str  # the id as text: printed three times a row, the template would localise each

    def get_kind_display(self) -> str:
        return str(_KIND_LABELS.get(self.kind, self.kind))

    @property
    def submitted_text(self) -> str:
        """As ``|date:"d/m/Y H:i"`` prints it: the local time of the current time zone."""
        return timezone.localtime(self.submitted_at).strftime("%d/%m/%Y %H:%M")

    @property
    def choose_label(self) -> str:
        return _("Chọn bài “%(title)s”") % {"title": self.title}


_KIND_LABELS = dict(SubmissionKind.choices)

QUEUE_COLUMNS = (
    "pk",
    "title",
    "kind",
    "platform_id",
    "submitted_at",
    "report_count",
)


def moderation_queue(*, user, campaign=None, status: str = SubmissionStatus.PENDING):
    """The items to act on, oldest first: a queryset with no join, so that the paginator's
    COUNT(*) reads the queue's index alone (on PostgreSQL a count of the values query kept
    the inner join to the communes: 13 ms over 3,334 rows). Paginate it, then turn the page
    into rows with ``queue_rows`` (one query for the page, whatever the queue's length)."""
    found = Submission.objects.filter(campaign__in=campaigns_for_user(user=user).values("pk"))
    if campaign is not None:
        found = found.filter(campaign=campaign)
    if status:
        found = found.filter(status=status)
    return found.order_by("submitted_at", "pk")


def pending_by_campaign(*, user) -> list[dict]:
    """The dashboard's count for a moderator: items waiting for moderation (new, or put back
    into review by public reports) per campaign the user moderates (``campaign_id``,
    ``campaign__name``, ``count``); the province administrator moderates every campaign. One
    query, on the queue's (campaign, status, submitted_at) index."""
    if _anonymous(user) or not is_staff_member(user=user):
        return []
    found = Submission.objects.filter(status=SubmissionStatus.PENDING)
    if not is_province_admin(user=user):
        found = found.filter(
            campaign__in=Campaign.moderators.through.objects.filter(user=user).values("campaign")
        )
    return list(
        found.values("campaign_id", "campaign__name")
        .annotate(count=Count("pk"))
        .order_by("campaign__name", "campaign_id")
    )


def queue_rows(page: QuerySet[Submission]) -> list[QueueRow]:
    """A page (a slice) of ``moderation_queue`` as rows, the platform's and the commune's
    names joined in the same query; the link to each item is reversed once."""
    values = page.values(
        *QUEUE_COLUMNS, platform_name=F("platform__name"), commune_name=F("commune__name")
    )
    head, tail = reverse("campaigns_submission", args=["__pk__"]).rsplit("__pk__", 1)
    return [QueueRow(**v, url=f"{head}{v['pk']}{tail}", key=str(v["pk"])) for v in values]


# --- public ------------------------------------------------------------------------------------


def public_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.prefetch_related("platforms").order_by("-starts_on", "-pk")


def get_public_campaign(*, slug: str) -> Campaign:
    found = (
        Campaign.objects.filter(slug=slug)
        .prefetch_related("platforms", "themes", "communes")
        .first()
    )
    if found is None:
        raise Http404
    return found


def gallery(*, campaign=None, commune=None, kind: str = "") -> QuerySet[Submission]:
    """Approved items whose submitter consented to show them; featured ones first. The
    contact is never read here."""
    found = Submission.objects.filter(status=SubmissionStatus.APPROVED, consent_show=True)
    if campaign is not None:
        found = found.filter(campaign=campaign)
    if commune is not None:
        found = found.filter(commune=commune)
    if kind:
        found = found.filter(kind=kind)
    return (
        found.select_related("platform", "commune", "campaign")
        .defer("contact", "contact_hash", "client_hash", "checks")
        .order_by("-featured", "-decided_at", "-pk")
    )


def gallery_communes(*, campaign=None):
    from giamngheo.organisations.models import AdministrativeUnit  # noqa: PLC0415 (one use)

    shown = gallery(campaign=campaign).values("commune")
    return AdministrativeUnit.objects.filter(pk__in=shown).order_by("name")


def get_public_item(*, pk) -> Submission:
    found = gallery().filter(pk=pk).first() if _pk(pk) else None
    if found is None:
        raise Http404
    return found


def get_submission_by_token(*, token: str) -> Submission:
    found = (
        Submission.objects.filter(private_token=token)
        .select_related("campaign", "platform")
        .first()
        if token and len(token) <= 64
        else None
    )
    if found is None:
        raise Http404
    return found


def embed_hosts() -> list[str]:
    """The hosts the gallery's players load from, once a visitor clicks (its frame-src)."""
    return sorted({p.embed_host for p in Platform.objects.filter(is_active=True) if p.embed_host})


# --- the set-up screens ------------------------------------------------------------------------


def digital_activities(*, user):
    """Activities of plan item 2.6 in the user's planning scope: where a new campaign hangs."""
    from giamngheo.planning.enums import FormKind  # noqa: PLC0415 (set-up screens only)
    from giamngheo.planning.selectors import activities_for_user  # noqa: PLC0415

    return activities_for_user(user=user).filter(form__form_kind=FormKind.DIGITAL)


def theme_choices(*, activities):
    """The contents (1.x) of the plans the activities belong to."""
    from giamngheo.planning.enums import ItemKind  # noqa: PLC0415 (set-up screens only)
    from giamngheo.planning.models import PlanItem  # noqa: PLC0415

    return PlanItem.objects.filter(
        kind=ItemKind.CONTENT, plan__in=activities.values("subplan__plan")
    ).order_by("plan_id", "code")


def commune_choices(*, user):
    """Communes in the user's reach (the province administrator: all), those of the districts
    before 1/7/2025 too: a 2023 campaign keeps its communes when it is edited."""
    from giamngheo.organisations.enums import UnitLevel  # noqa: PLC0415 (set-up screens only)
    from giamngheo.organisations.models import AdministrativeUnit  # noqa: PLC0415
    from giamngheo.organisations.selectors import units_for_user  # noqa: PLC0415

    found = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
    if not is_province_admin(user=user):
        found = found.filter(pk__in=units_for_user(user=user).values("pk"))
    return found.select_related("parent").order_by("parent__name", "name")


def find_staff_account(*, identifier: str):
    """A staff account by user name or e-mail (a moderator is named by the owner), or None."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 (set-up screens only)

    text = (identifier or "").strip()
    if not text:
        return None
    found = get_user_model().objects.filter(is_active=True)
    if "@" in text:
        rows = list(found.filter(email__iexact=text)[:2])
        return rows[0] if len(rows) == 1 else None
    return found.filter(username=text).first()


def campaign_moderators(*, campaign: Campaign):
    return campaign.moderators.order_by("last_name", "first_name", "username")
