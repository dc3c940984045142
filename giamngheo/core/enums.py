from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarExceptionKind(models.TextChoices):
    HOLIDAY = "holiday", _("Ngày nghỉ (nghỉ bù, nghỉ theo quyết định)")
    WORKDAY = "workday", _("Ngày làm việc bù")
