from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "giamngheo.campaigns"
    label = "campaigns"
    verbose_name = _("Chiến dịch truyền thông số")

    def ready(self):
        from giamngheo.core.cache import purge_on_change  # noqa: PLC0415 (app registry not ready)

        from . import measures, personal_data  # noqa: F401, PLC0415 (registered at import)
        from .models import Campaign, Platform, Submission  # noqa: PLC0415 (app registry not ready)

        # The campaign pages and the gallery show campaigns and approved submissions: any change
        # (a moderation move included) purges the page cache.
        purge_on_change(Campaign, Platform, Submission)
