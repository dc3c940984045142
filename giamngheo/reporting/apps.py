from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "giamngheo.reporting"
    label = "reporting"
    verbose_name = _("Báo cáo, chỉ tiêu và tổng hợp")
