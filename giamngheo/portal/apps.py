from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "giamngheo.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from . import signals  # noqa: F401 — connects the page-cache purge
