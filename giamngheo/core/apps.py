from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "giamngheo.core"
    label = "core"
    verbose_name = _("Dùng chung")

    def ready(self):
        from wagtail.models import Site  # noqa: PLC0415 (app registry not ready)

        from .admin import install_admin_permission_denied  # noqa: PLC0415 (app registry not ready)
        from .cache import purge_on_change  # noqa: PLC0415 (app registry not ready)
        from .constraints import install_constraint_messages  # noqa: PLC0415 (registry not ready)
        from .models import CalendarException  # noqa: PLC0415 (app registry not ready)
        from .security import connect_signals  # noqa: PLC0415 (app registry not ready)

        # Deadlines and each request's site are memoised (core.cache.memoised).
        purge_on_change(CalendarException, Site)
        # A refusal inside the admin answers 403 on an admin page, not Wagtail's redirect home.
        install_admin_permission_denied()
        # Sign-in successes, failures and lockouts as structured log lines (core.security).
        connect_signals()
        # Every constraint refuses in a Vietnamese sentence (core.constraints).
        install_constraint_messages()
