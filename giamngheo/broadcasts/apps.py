from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastsConfig(AppConfig):
    name = "giamngheo.broadcasts"
    label = "broadcasts"
    verbose_name = _("Truyền thanh cơ sở")

    def ready(self):
        from giamngheo.core.cache import purge_on_change  # noqa: PLC0415 (app registry not ready)

        from . import measures, personal_data, rules  # noqa: F401, PLC0415 (registrations)
        from .models import Bulletin, BulletinVersion  # noqa: PLC0415 (app registry not ready)

        # The public archive and the podcast feed show approved bulletins and their audio.
        purge_on_change(Bulletin, BulletinVersion)
