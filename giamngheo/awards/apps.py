from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "giamngheo.awards"
    label = "awards"
    verbose_name = _("Thi đua, khen thưởng")

    def ready(self):
        from giamngheo.core.cache import purge_on_change  # noqa: PLC0415 (app registry not ready)

        from . import measures, personal_data  # noqa: F401, PLC0415 (registered at import)
        from .models import Decision, Nomination, PublicComment  # noqa: PLC0415

        # The portal shows the lists in their comment window and the honour roll.
        purge_on_change(Nomination, Decision, PublicComment)
