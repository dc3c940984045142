from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "giamngheo.funds"
    label = "funds"
    verbose_name = _("Quỹ Vì người nghèo")

    def ready(self):
        from giamngheo.core.cache import purge_on_change

        from . import measures  # noqa: F401  (registers the fund's output measures)
        from .models import BankTransaction, Campaign, Disbursement, Donation, Fund, LedgerEntry

        # The public pages (campaign, statement, a donor's own gift) read these rows.
        purge_on_change(Fund, Campaign, Donation, LedgerEntry, BankTransaction, Disbursement)
