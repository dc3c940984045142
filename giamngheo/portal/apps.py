from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "giamngheo.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from . import signals  # noqa: F401, PLC0415 (app registry not ready) — connects the page-cache purge
        from .forms import PortalPageForm  # noqa: PLC0415 (app registry not ready)
        from .models import HomePage, PortalPage  # noqa: PLC0415 (app registry not ready)
        from .selectors import home_sections  # noqa: PLC0415 (app registry not ready)

        HomePage.sections_reader = staticmethod(home_sections)
        # Set here, not in models.py: models never import forms (import-linter contract).
        PortalPage.base_form_class = PortalPageForm
