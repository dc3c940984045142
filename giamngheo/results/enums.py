"""Choices of the results pages and open data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Structure(models.TextChoices):
    AS_OF = "nam", _("Theo địa giới của năm số liệu")
    TODAY = "hien-nay", _("Quy về địa giới hiện nay")


# GET value → attribute of the row's figures (or "name"/"code" of the unit).
SORT_KEYS: dict[str, str] = {
    "ma": "code",
    "ten": "name",
    "tong-so-ho": "total_households",
    "ho-ngheo": "poor",
    "ty-le-ngheo": "poor_rate",
    "ho-can-ngheo": "near_poor",
    "ty-le-can-ngheo": "near_poor_rate",
    "thoat-ngheo": "escaped",
    "phat-sinh": "newly_poor",
}

# (sort key, column heading) of the breakdown table, in order.
COLUMNS = [
    ("tong-so-ho", _("Tổng số hộ")),
    ("ho-ngheo", _("Số hộ nghèo")),
    ("ty-le-ngheo", _("Tỷ lệ hộ nghèo (%)")),
    ("ho-can-ngheo", _("Số hộ cận nghèo")),
    ("ty-le-can-ngheo", _("Tỷ lệ hộ cận nghèo (%)")),
    ("thoat-ngheo", _("Số hộ thoát nghèo")),
    ("phat-sinh", _("Số hộ nghèo phát sinh")),
]

EXPORT_FORMATS = ("csv", "xlsx", "json")
