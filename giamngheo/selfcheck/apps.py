from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfcheckConfig(AppConfig):
    name = "giamngheo.selfcheck"
    label = "selfcheck"
    verbose_name = _("Tự đánh giá theo chuẩn nghèo đa chiều")

    def ready(self):
        from . import personal_data  # noqa: F401, PLC0415 (app registry not ready) — registers this app's personal data
