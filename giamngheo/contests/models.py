"""The journalism contest (plan item 2.2): a contest on a ``planning.Activity`` with its rules as
data (windows, media, limits, prizes), the journalists who enter (``Entrant``, not staff), their
entries and files, the rounds with their jurors, criteria, assignments and scores, the results
of each round and the prizes.

Anonymity: a juror reaches an entry only through a ``Review`` (an assignment) and sees only its
``code``, title, medium, dates and the files the selectors let through (the redacted copy when
there is one). Names, pen names, e-mails, phones and outlets live on ``Entrant``, ``CoAuthor``
and ``Entry.outlet``, which no jury selector reads.

Writes go through ``services``; reads through ``selectors``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.models import Organisation
from giamngheo.planning.models import Activity

from .enums import (
    Assignment,
    ConflictSource,
    ContestStatus,
    EntryStatus,
    FileRole,
    Medium,
    RoundStatus,
)

MAX_MB = {
    Medium.PRINT: 20,
    Medium.ONLINE: 20,
    Medium.PHOTO: 20,
    Medium.RADIO: 100,
    Medium.TV: 500,
}


def private_upload_to(instance, filename: str) -> str:
    # The name is already a random UUID (core.uploads); entries are never in public media.
    return f"private/contests/{instance.entry.contest_id}/{filename}"


def rules_upload_to(instance, filename: str) -> str:
    return f"contests/the-le/{filename}"


class Contest(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("hoạt động"), on_delete=models.PROTECT, related_name="contests"
    )
    name = models.CharField(_("tên cuộc thi"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan tổ chức"),
        on_delete=models.PROTECT,
        related_name="organised_contests",
    )
    rules_text = models.TextField(_("thể lệ (tóm tắt)"), blank=True)
    rules_file = models.FileField(_("thể lệ (văn bản)"), upload_to=rules_upload_to, blank=True)
    entries_open = models.DateField(_("ngày bắt đầu nhận tác phẩm"))
    entries_close = models.DateField(_("hạn nhận tác phẩm"))
    published_from = models.DateField(_("tác phẩm đăng, phát từ ngày"))
    published_to = models.DateField(_("tác phẩm đăng, phát đến ngày"))
    max_works_per_author = models.PositiveSmallIntegerField(
        _("số tác phẩm tối đa mỗi tác giả"), default=3, validators=[MinValueValidator(1)]
    )
    max_words = models.PositiveIntegerField(_("số chữ tối đa (báo in, điện tử)"), default=0)
    max_minutes = models.PositiveSmallIntegerField(_("thời lượng tối đa (phút)"), default=0)
    max_instalments = models.PositiveSmallIntegerField(_("số kỳ tối đa của loạt bài"), default=5)
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("tổ thư ký"), related_name="contest_secretariats"
    )
    board = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ban tổ chức"),
        related_name="contest_boards",
        blank=True,
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ContestStatus, default=ContestStatus.DRAFT
    )
    decision_number = models.CharField(_("số quyết định"), max_length=40, blank=True)
    decision_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-entries_open", "-pk"]
        verbose_name = _("cuộc thi")
        verbose_name_plural = _("cuộc thi")

    def __str__(self) -> str:
        return self.name


class ContestMedium(models.Model):
    """One medium the contest accepts (the configurable list), with its evidence cap."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(_("loại hình"), max_length=16, choices=Medium)
    name = models.CharField(_("tên loại hình"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "kind"], name="contest_medium_once")
        ]
        verbose_name = _("loại hình dự thi")
        verbose_name_plural = _("loại hình dự thi")

    def __str__(self) -> str:
        return self.name

    @property
    def max_mb(self) -> int:
        return MAX_MB[self.kind]


class PrizeTier(models.Model):
    """A prize of one medium (A/B/C/Khuyến khích) or, without a medium, a collective prize for
    outlets; with its quota and amount (đồng)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="prize_tiers")
    medium = models.ForeignKey(
        ContestMedium,
        verbose_name=_("loại hình"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prize_tiers",
    )
    name = models.CharField(_("tên giải"), max_length=80)
    quota = models.PositiveSmallIntegerField(_("số giải"), validators=[MinValueValidator(1)])
    amount = models.PositiveBigIntegerField(_("tiền thưởng mỗi giải (đồng)"), default=0)
    position = models.PositiveSmallIntegerField(_("thứ bậc"), default=0)

    class Meta:
        ordering = ["medium_id", "position", "pk"]
        verbose_name = _("cơ cấu giải")
        verbose_name_plural = _("cơ cấu giải")

    def __str__(self) -> str:
        return self.name

    @property
    def collective(self) -> bool:
        return self.medium_id is None


class Entrant(models.Model):
    """A journalist (not staff) with an account on the portal's contest area."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contest_entrant"
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    pen_name = models.CharField(_("bút danh"), max_length=120, blank=True)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=20)
    outlet = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan báo chí"),
        on_delete=models.PROTECT,
        related_name="contest_entrants",
        null=True,
        blank=True,
    )
    verified_at = models.DateTimeField(_("xác nhận thư điện tử lúc"), null=True, blank=True)
    is_sample = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("tác giả dự thi")
        verbose_name_plural = _("tác giả dự thi")

    def __str__(self) -> str:
        return self.full_name


class Entry(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="entries")
    entrant = models.ForeignKey(Entrant, on_delete=models.PROTECT, related_name="entries")
    medium = models.ForeignKey(ContestMedium, on_delete=models.PROTECT, related_name="entries")
    title = models.CharField(_("tên tác phẩm"), max_length=300)
    title_folded = models.CharField(max_length=300, editable=False, db_index=True)
    outlet = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan đăng, phát"),
        on_delete=models.PROTECT,
        related_name="contest_entries",
    )
    published_on = models.DateField(_("ngày đăng, phát"))
    placement = models.CharField(_("số báo, trang / chương trình, giờ phát"), max_length=200)
    url = models.URLField(_("đường dẫn tác phẩm"), blank=True, max_length=500)
    instalments = models.PositiveSmallIntegerField(_("số kỳ"), default=1)
    length = models.PositiveIntegerField(_("số chữ hoặc số phút"), default=0)
    summary = models.TextField(_("tóm tắt"), blank=True)
    not_awarded_elsewhere = models.BooleanField(default=False)
    not_entered_elsewhere = models.BooleanField(default=False)
    grants_rights = models.BooleanField(default=False)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=EntryStatus, default=EntryStatus.SUBMITTED
    )
    code = models.CharField(_("mã tác phẩm"), max_length=16, blank=True, db_index=True)
    refusal_reason = models.TextField(_("lý do không hợp lệ"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"))
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_sample = models.BooleanField(default=False)

    class Meta:
        ordering = ["contest", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "code"],
                condition=~models.Q(code=""),
                name="contest_entry_code_once",
            )
        ]
        verbose_name = _("tác phẩm dự thi")
        verbose_name_plural = _("tác phẩm dự thi")

    def __str__(self) -> str:
        # Never the title with the author: the code when there is one.
        return self.code or _("Tác phẩm số %(pk)s") % {"pk": self.pk}


class CoAuthor(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="coauthors")
    full_name = models.CharField(_("họ và tên"), max_length=120)
    pen_name = models.CharField(_("bút danh"), max_length=120, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("đồng tác giả")
        verbose_name_plural = _("đồng tác giả")

    def __str__(self) -> str:
        return self.full_name


class EntryFile(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=16, choices=FileRole)
    file = models.FileField(upload_to=private_upload_to, max_length=200)
    kind = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "role", "pk"]
        verbose_name = _("tệp tác phẩm")
        verbose_name_plural = _("tệp tác phẩm")

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.kind})"


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("vòng"))
    name = models.CharField(_("tên vòng"), max_length=80)
    starts_on = models.DateField(_("bắt đầu chấm"))
    ends_on = models.DateField(_("kết thúc chấm"))
    media = models.ManyToManyField(ContestMedium, verbose_name=_("loại hình"), related_name="+")
    finalists_per_medium = models.PositiveSmallIntegerField(
        _("số tác phẩm vào vòng sau mỗi loại hình"), default=0
    )
    awards_prizes = models.BooleanField(_("vòng xét giải"), default=False)
    assignment = models.CharField(
        _("phân công chấm"), max_length=16, choices=Assignment, default=Assignment.ALL
    )
    spread_flag = models.DecimalField(
        _("độ lệch cần xem lại (điểm)"), max_digits=6, decimal_places=2, default=Decimal("15")
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=RoundStatus, default=RoundStatus.PLANNED
    )
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="contest_round_once")
        ]
        verbose_name = _("vòng chấm")
        verbose_name_plural = _("vòng chấm")

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("tiêu chí"), max_length=160)
    weight = models.DecimalField(
        _("trọng số"), max_digits=5, decimal_places=2, default=Decimal("1")
    )
    maximum = models.PositiveSmallIntegerField(
        _("điểm tối đa"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    required = models.BooleanField(_("bắt buộc"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("tiêu chí chấm")
        verbose_name_plural = _("tiêu chí chấm")

    def __str__(self) -> str:
        return self.name


class Juror(models.Model):
    """A member of one round's jury; ``employer`` is the outlet they work for (its entries are
    excluded from them automatically); ``panel`` limits them to one medium."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contest_jurors"
    )
    employer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    panel = models.ForeignKey(
        ContestMedium, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="juror_once")]
        verbose_name = _("giám khảo")
        verbose_name_plural = _("giám khảo")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class Conflict(models.Model):
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    source = models.CharField(max_length=16, choices=ConflictSource)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.juror_id} × {self.entry_id}"


class RoundEntry(models.Model):
    """An entry in a round, with its computed result and the council's choice."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_entries")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="round_entries")
    mean = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    spread = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    zscore = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    tie = models.BooleanField(default=False)
    proposed = models.BooleanField(default=False)
    selected = models.BooleanField(default=False)
    proposed_prize = models.ForeignKey(
        PrizeTier, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    prize = models.ForeignKey(
        PrizeTier, on_delete=models.PROTECT, null=True, blank=True, related_name="awards"
    )
    override_reason = models.TextField(blank=True)
    awarded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["round", "rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "entry"], name="round_entry_once")]

    def __str__(self) -> str:
        return f"{self.round_id} × {self.entry_id}"


class Review(models.Model):
    """One juror's assignment to one entry of a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reviews")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="reviews")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reviews")
    abstained = models.BooleanField(default=False)
    total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "entry", "pk"]
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="review_once")]

    def __str__(self) -> str:
        return f"{self.juror_id} × {self.entry_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(max_digits=6, decimal_places=2)
    comment = models.CharField(max_length=1000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_once")]

    def __str__(self) -> str:
        return f"{self.review_id} × {self.criterion_id}"


class CollectivePrize(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="collective")
    tier = models.ForeignKey(PrizeTier, on_delete=models.PROTECT, related_name="collective_awards")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    awarded_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "organisation"], name="collective_prize_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tier_id} × {self.organisation_id}"
