"""Choices of the fund, with the disbursement's allowed moves next to its statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow


class FundMemberRole(models.TextChoices):
    TREASURER = "treasurer", _("Thủ quỹ, kế toán quỹ")
    BOARD = "board", _("Thành viên Ban vận động, điều hành quỹ")


class DonorKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Cơ quan, tổ chức")
    BUSINESS = "business", _("Doanh nghiệp")


class DonationChannel(models.TextChoices):
    TRANSFER = "transfer", _("Chuyển khoản (VietQR)")
    CASH = "cash", _("Tiền mặt")


class EntryKind(models.TextChoices):
    TRANSFER_IN = "transfer_in", _("Thu qua tài khoản ngân hàng")
    CASH_IN = "cash_in", _("Thu tiền mặt")
    DISBURSEMENT = "disbursement", _("Chi hỗ trợ")
    CORRECTION = "correction", _("Bút toán điều chỉnh")


class RecipientKind(models.TextChoices):
    HOUSEHOLD = "household", _("Hộ gia đình")
    PROJECT = "project", _("Công trình, dự án (nhà Đại đoàn kết, quỹ học bổng…)")
    FUND = "fund", _("Quỹ khác")


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("Chuyển khoản")
    CASH = "cash", _("Tiền mặt")


class DisbursementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất, chờ phê duyệt")
    APPROVED = "approved", _("Ban điều hành đã phê duyệt")
    REFUSED = "refused", _("Không phê duyệt")
    PAID = "paid", _("Đã chi")


D = DisbursementStatus

# A proposal is decided by the board; an approved one is paid (with evidence) once. A paid
# disbursement is final: a mistake is corrected by a counter-entry in the ledger, not undone.
DISBURSEMENT_WORKFLOW = Workflow(
    statuses=DisbursementStatus,
    transitions={
        D.PROPOSED: frozenset({D.APPROVED, D.REFUSED}),
        D.APPROVED: frozenset({D.PAID, D.REFUSED}),
        D.REFUSED: frozenset(),
        D.PAID: frozenset(),
    },
    stamps={D.APPROVED: "decided_at", D.REFUSED: "decided_at", D.PAID: "paid_at"},
    refusal=_("Không thể chuyển khoản chi từ “%(from)s” sang “%(to)s”."),
    organisation_field="organisation",
)
