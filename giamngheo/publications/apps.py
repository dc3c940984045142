from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "giamngheo.publications"
    label = "publications"
    verbose_name = _("Ấn phẩm truyền thông")

    def ready(self):
        from giamngheo.core.cache import purge_on_change

        from . import measures  # noqa: F401  (the output counters of plan item 2.5)
        from .models import Edition, Title

        # The public library shows titles and editions: any change purges the page cache.
        purge_on_change(Title, Edition)
