from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "giamngheo.planning"
    label = "planning"
    verbose_name = _("Kế hoạch và hoạt động truyền thông")

    def ready(self):
        from . import registry  # noqa: F401, PLC0415 (app registry not ready) — the mass-media output counters
