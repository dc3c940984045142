from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "giamngheo.organisations"
    label = "organisations"
    verbose_name = _("Tổ chức và phân quyền")

    def ready(self):
        from . import personal_data, signals  # noqa: F401  (registry entries, login hook)
