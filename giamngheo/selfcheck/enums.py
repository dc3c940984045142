"""Choices of the self-check: the area types and the classes of the multidimensional standard."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.workflow import Workflow


class Area(models.TextChoices):
    RURAL = "nong_thon", _("Nông thôn")
    URBAN = "thanh_thi", _("Thành thị")


class Classification(models.TextChoices):
    POOR = "ho_ngheo", _("Hộ nghèo")
    NEAR_POOR = "ho_can_ngheo", _("Hộ cận nghèo")
    AVERAGE = "ho_muc_song_trung_binh", _("Hộ có mức sống trung bình")
    ABOVE = (
        "tren_muc_song_trung_binh",
        _("Không thuộc diện hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình"),
    )


# The class as it reads inside a sentence ("… có thể thuộc diện hộ nghèo.").
CLASS_PHRASE = {
    Classification.POOR: _("hộ nghèo"),
    Classification.NEAR_POOR: _("hộ cận nghèo"),
    Classification.AVERAGE: _("hộ có mức sống trung bình"),
}


class ContactStatus(models.TextChoices):
    NEW = "moi", _("Chưa liên hệ")
    CONTACTED = "da_lien_he", _("Đã liên hệ, hướng dẫn")
    UNREACHABLE = "khong_lien_he_duoc", _("Chưa liên hệ được")


# The only map of allowed changes; services.transition_contact_request is the only writer.
CONTACT_TRANSITIONS: dict[str, frozenset[str]] = {
    ContactStatus.NEW: frozenset({ContactStatus.CONTACTED, ContactStatus.UNREACHABLE}),
    ContactStatus.UNREACHABLE: frozenset({ContactStatus.CONTACTED}),
    ContactStatus.CONTACTED: frozenset(),
}

CONTACT_WORKFLOW = Workflow(
    statuses=ContactStatus,
    transitions=CONTACT_TRANSITIONS,
    stamps={ContactStatus.CONTACTED: "handled_at", ContactStatus.UNREACHABLE: "handled_at"},
    refusal=_("Không thể chuyển từ “%(from)s” sang “%(to)s”."),
)
