from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "giamngheo.training"
    label = "training"
    verbose_name = _("Tập huấn, bồi dưỡng nghiệp vụ")

    def ready(self):
        from giamngheo.core.cache import purge_on_change  # noqa: PLC0415 (app registry not ready)

        from . import measures, personal_data  # noqa: F401, PLC0415 (registered at import)
        from .models import Certificate, Course, Material, Session  # noqa: PLC0415

        # The portal shows courses, their sessions and public materials, and the verification
        # page shows certificates: any change purges the page cache.
        purge_on_change(Course, Session, Material, Certificate)
