from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.core.figures import register_households_provider


class ResultsConfig(AppConfig):
    name = "giamngheo.results"
    label = "results"
    verbose_name = _("Kết quả thực hiện chương trình")

    def ready(self):
        from . import selectors, views  # noqa: PLC0415 (app registry not ready)
        from .models import ResultsIndexPage  # noqa: PLC0415 (app registry not ready)

        ResultsIndexPage.route_handlers.update(overview=views.overview, breakdown=views.breakdown)
        register_households_provider(selectors.poor_and_near_poor)
