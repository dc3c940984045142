from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "giamngheo.organisations"
    label = "organisations"
    verbose_name = _("Tổ chức và phân quyền")

    def ready(self):
        from giamngheo.core.cache import purge_on_change  # noqa: PLC0415 (app registry not ready)

        from . import personal_data, signals  # noqa: F401, PLC0415 (app registry not ready) — registry entries, login hook
        from .models import AdministrativeUnit, Organisation, UnitBoundary  # noqa: PLC0415 (app registry not ready)

        # The communes in force and routing decisions are memoised (core.cache.memoised).
        purge_on_change(AdministrativeUnit, Organisation, UnitBoundary)
