"""Emulation and commendation (plan item 2.3).

``RuleSet`` rows say which law and decree apply on a date, with their forms of commendation
(``AwardForm``: level, subjects, vote threshold and its denominator, public comment, personal
data), the dossier components each form requires (``RequiredComponent``) and the council's
quorum. They are data (a migration seeds 2023, 2024 and mid-2025), never constants: a record
follows the rule set in force on its own date (``selectors.rule_set_on``).

A ``Round`` (đợt xét) hangs on a ``planning.Activity``; units file ``Nomination`` rows with
their ``DossierFile`` components; the office appraises and publishes them (``PublicComment``);
a ``CouncilMeeting`` with its ``CouncilSeat`` rows (attendance) records one ``Ballot`` of
*counts* per nominee — no row ever says what a member voted (``VoteMark`` only says that a seat
has cast its online vote on a nominee, and is deleted when the meeting closes); the ``Decision``
commends, a ``Revocation`` may undo it later.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.organisations.models import AdministrativeUnit, Membership, Organisation
from giamngheo.planning.models import Activity

from .enums import (
    Attendance,
    BallotSource,
    Denominator,
    Level,
    MeetingStatus,
    NominationStatus,
    Subject,
    Verification,
)


class RuleSet(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên bộ quy định"), max_length=200)
    law = models.CharField(_("luật áp dụng"), max_length=200)
    decree = models.CharField(_("nghị định hướng dẫn"), max_length=200)
    effective_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    verification = models.CharField(
        _("mức độ kiểm chứng"), max_length=16, choices=Verification, default=Verification.REPORTED
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("tỷ lệ dự họp tối thiểu (tử số)"))
    quorum_denominator = models.PositiveSmallIntegerField(
        _("tỷ lệ dự họp tối thiểu (mẫu số)"), validators=[MinValueValidator(1)]
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("bộ quy định thi đua, khen thưởng")
        verbose_name_plural = _("bộ quy định thi đua, khen thưởng")

    def __str__(self) -> str:
        return self.name


class AwardForm(models.Model):
    """A form of commendation under one rule set, with how its council vote is counted."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="forms")
    code = models.SlugField(_("mã"), max_length=60)
    name = models.CharField(_("hình thức khen thưởng"), max_length=200)
    level = models.CharField(_("cấp khen thưởng"), max_length=16, choices=Level)
    for_collective = models.BooleanField(_("khen tập thể"), default=True)
    for_household = models.BooleanField(_("khen hộ gia đình"), default=True)
    for_individual = models.BooleanField(_("khen cá nhân"), default=True)
    threshold_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ phiếu đồng ý (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    threshold_strict = models.BooleanField(
        _("phải vượt tỷ lệ (“trên”, không phải “từ … trở lên”)"), default=False
    )
    denominator = models.CharField(_("tính trên"), max_length=8, choices=Denominator)
    written_opinions_count = models.BooleanField(
        _("tính ý kiến bằng văn bản của thành viên vắng mặt"), default=True
    )
    public_comment_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc lấy ý kiến công khai"), default=0
    )
    personal_data = models.BooleanField(
        _("hồ sơ cần số định danh, ngày sinh, địa chỉ"), default=False
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rule_set", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "code"], name="awards_form_code_once")
        ]
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name

    def allows(self, subject: str) -> bool:
        return {
            Subject.COLLECTIVE: self.for_collective,
            Subject.HOUSEHOLD: self.for_household,
            Subject.INDIVIDUAL: self.for_individual,
        }.get(subject, False)


class RequiredComponent(models.Model):
    """A dossier component a form requires (tờ trình, báo cáo thành tích, biên bản …)."""

    form = models.ForeignKey(AwardForm, on_delete=models.CASCADE, related_name="components")
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("thành phần hồ sơ"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="awards_component_once")
        ]
        verbose_name = _("thành phần hồ sơ bắt buộc")
        verbose_name_plural = _("thành phần hồ sơ bắt buộc")

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """A round of commendation (đợt xét) of a movement, on the office's activity."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("hoạt động"), on_delete=models.PROTECT, related_name="award_rounds"
    )
    movement = models.CharField(_("phong trào thi đua"), max_length=300)
    name = models.CharField(_("tên đợt xét"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    period_start = models.DateField(_("giai đoạn sơ kết từ ngày"))
    period_end = models.DateField(_("giai đoạn sơ kết đến ngày"))
    nominations_close = models.DateField(_("hạn nộp hồ sơ"))
    office = models.ForeignKey(
        Organisation,
        verbose_name=_("cơ quan thường trực thi đua, khen thưởng"),
        on_delete=models.PROTECT,
        related_name="award_rounds_run",
    )
    council = models.ForeignKey(
        Organisation,
        verbose_name=_("hội đồng thi đua, khen thưởng"),
        on_delete=models.PROTECT,
        related_name="award_rounds_judged",
    )
    form_codes = models.JSONField(_("hình thức khen thưởng của đợt (mã)"), default=list)
    # The province's own emulation regulation may publish every list, even where the rule set
    # asks for none (2023): the window is the longer of the two.
    public_comment_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc công khai theo quy chế của tỉnh"), default=0
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("đợt xét khen thưởng")
        verbose_name_plural = _("đợt xét khen thưởng")

    def __str__(self) -> str:
        return self.name


class Nomination(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="nominations")
    nominating_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="award_nominations",
    )
    dated_on = models.DateField(_("ngày tờ trình"))
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("quy định áp dụng"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.ForeignKey(
        AwardForm, verbose_name=_("hình thức đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("đối tượng"), max_length=16, choices=Subject)
    # Collective: an organisation of the system, or a unit named in words (a village, a team).
    collective = models.ForeignKey(
        Organisation,
        verbose_name=_("tập thể (cơ quan, đơn vị)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_nominations_received",
    )
    name = models.CharField(
        _("tên tập thể, chủ hộ hoặc cá nhân"), max_length=200, help_text=_("tên công bố")
    )
    household_members = models.PositiveSmallIntegerField(_("số nhân khẩu"), null=True, blank=True)
    commune = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.CharField(_("thôn, bản"), max_length=120, blank=True)
    position = models.CharField(_("chức vụ"), max_length=160, blank=True)
    workplace = models.CharField(_("nơi công tác"), max_length=200, blank=True)
    achievements = models.TextField(_("tóm tắt thành tích"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=NominationStatus, default=NominationStatus.DRAFT
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    comment_until = models.DateField(_("hết hạn lấy ý kiến"), null=True, blank=True)
    decision = models.ForeignKey(
        "Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    appraised_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["round", "nominating_organisation", "pk"]
        indexes = [models.Index(fields=["round", "status"], name="awards_nom_round_status")]
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")

    def __str__(self) -> str:
        return f"{self.name} — {self.form.name}" if self.form_id else self.name


class NomineeIdentity(models.Model):
    """Citizen ID, birth date and address: kept only when the form's dossier needs them, read
    only by the emulation office, every read logged (organisations.audit)."""

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="identity")
    citizen_id = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    address = models.CharField(_("địa chỉ thường trú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thông tin cá nhân người được đề nghị")
        verbose_name_plural = _("thông tin cá nhân người được đề nghị")

    def __str__(self) -> str:
        return str(self.nomination_id)


def dossier_upload_to(instance, filename: str) -> str:
    # The name is already a random UUID (core.uploads); dossiers are never in public media.
    return f"private/awards/{instance.nomination.round_id}/{filename}"


class DossierFile(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(
        RequiredComponent, on_delete=models.PROTECT, related_name="+", verbose_name=_("thành phần")
    )
    file = models.FileField(_("tệp"), upload_to=dossier_upload_to, max_length=255)
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["component__position", "pk"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self) -> str:
        return self.component.name


class PublicComment(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("họ tên người góp ý"), max_length=120, blank=True)
    text = models.TextField(_("nội dung góp ý"), max_length=4000)
    is_objection = models.BooleanField(_("phản ánh không đồng ý"), default=False)
    received_at = models.DateTimeField(_("thời điểm nhận"))

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("ý kiến góp ý công khai")
        verbose_name_plural = _("ý kiến góp ý công khai")

    def __str__(self) -> str:
        return self.text[:60]


class CouncilMeeting(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    chair_name = models.CharField(_("chủ trì"), max_length=120, blank=True)
    secretary_name = models.CharField(_("thư ký"), max_length=120, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=MeetingStatus, default=MeetingStatus.SCHEDULED
    )
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("phiên họp hội đồng thi đua, khen thưởng")
        verbose_name_plural = _("phiên họp hội đồng thi đua, khen thưởng")

    def __str__(self) -> str:
        return f"{self.round} — {self.held_on:%d/%m/%Y}"


class CouncilSeat(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="seats")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    attendance = models.CharField(
        _("tình trạng dự họp"), max_length=16, choices=Attendance, default=Attendance.PRESENT
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="awards_seat_once")
        ]
        verbose_name = _("thành viên hội đồng dự họp")
        verbose_name_plural = _("thành viên hội đồng dự họp")

    def __str__(self) -> str:
        return str(self.membership)


class Ballot(models.Model):
    """The counts of one nominee's ballot — never who voted what."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="ballots")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="ballots")
    source = models.CharField(_("hình thức"), max_length=8, choices=BallotSource)
    agree = models.PositiveSmallIntegerField(_("đồng ý"), default=0)
    disagree = models.PositiveSmallIntegerField(_("không đồng ý"), default=0)
    invalid = models.PositiveSmallIntegerField(_("không hợp lệ"), default=0)
    written_agree = models.PositiveSmallIntegerField(_("đồng ý bằng văn bản"), default=0)
    written_disagree = models.PositiveSmallIntegerField(_("không đồng ý bằng văn bản"), default=0)

    class Meta:
        ordering = ["nomination__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="awards_ballot_once")
        ]
        verbose_name = _("kết quả kiểm phiếu")
        verbose_name_plural = _("kết quả kiểm phiếu")

    def __str__(self) -> str:
        return f"{self.agree}/{self.disagree}/{self.invalid}"


class VoteMark(models.Model):
    """That a seat has cast its online vote on a nominee (so it cannot vote twice). It holds no
    choice, and every mark of a meeting is deleted when the meeting closes."""

    seat = models.ForeignKey(CouncilSeat, on_delete=models.CASCADE, related_name="+")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seat", "nomination"], name="awards_vote_mark_once")
        ]

    def __str__(self) -> str:
        return str(self.pk)


class Decision(models.Model):
    """The Quyết định khen thưởng of a round."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("số quyết định"), max_length=40)
    signed_on = models.DateField(_("ngày ký"))
    authority = models.CharField(_("cơ quan ban hành"), max_length=200)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120)
    signer_name = models.CharField(_("người ký"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")

    def __str__(self) -> str:
        return self.number


class Revocation(models.Model):
    """The revocation register: one commendation undone, linked to its decision, with grounds."""

    nomination = models.OneToOneField(
        Nomination, on_delete=models.PROTECT, related_name="revocation"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="revocations")
    number = models.CharField(_("số quyết định hủy"), max_length=40)
    revoked_on = models.DateField(_("ngày hủy"))
    grounds = models.TextField(_("căn cứ, lý do hủy"))

    class Meta:
        ordering = ["-revoked_on", "-pk"]
        verbose_name = _("sổ hủy bỏ quyết định khen thưởng")
        verbose_name_plural = _("sổ hủy bỏ quyết định khen thưởng")

    def __str__(self) -> str:
        return self.number
