from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "giamngheo.feedback"
    label = "feedback"
    verbose_name = _("Phản ánh, kiến nghị")

    def ready(self):
        from giamngheo.core.cache import purge_on_change  # noqa: PLC0415 (app registry not ready)

        from . import personal_data  # noqa: F401, PLC0415 (app registry not ready) — registers this app's personal data
        from .models import Category, DeadlinePolicy, RoutingRule  # noqa: PLC0415 (app registry not ready)

        # Categories, routing and deadlines are memoised for intake (core.cache.memoised).
        purge_on_change(Category, DeadlinePolicy, RoutingRule)
