from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "giamngheo.funds"
    label = "funds"
    verbose_name = _("Quỹ Vì người nghèo")

    def ready(self):
        from giamngheo.core.cache import purge_on_change

        from . import measures  # noqa: F401  (registers the fund's output measures)
        from .models import (
            BankStatement,
            BankTransaction,
            Campaign,
            Disbursement,
            Donation,
            Fund,
            LedgerEntry,
        )

        # The public pages (campaign, statement, a donor's own gift) read these rows. An import
        # writes its transactions and entries in bulk (no signal): its BankStatement row, saved
        # in the same transaction, is what purges.
        purge_on_change(
            Fund, Campaign, Donation, LedgerEntry, BankTransaction, BankStatement, Disbursement
        )
