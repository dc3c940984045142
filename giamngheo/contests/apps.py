from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    name = "giamngheo.contests"
    label = "contests"
    verbose_name = _("Cuộc thi tác phẩm báo chí")

    def ready(self):
        from giamngheo.core.cache import purge_on_change  # noqa: PLC0415 (app registry not ready)

        from . import measures, personal_data  # noqa: F401, PLC0415 (registered at import)
        from .models import CollectivePrize, Contest, RoundEntry  # noqa: PLC0415

        # The portal shows the contest, its rules and (after the decision) its results.
        purge_on_change(Contest, RoundEntry, CollectivePrize)
