"""Fill the day totals (``LedgerDay``) from the ledger and the imported bank lines already
written. Reversible: going back empties the table (0004 then drops it)."""

from django.db import migrations
from django.db.models import Count, Q, Sum

TRANSFER_IN = "transfer_in"
CORRECTION = "correction"


def fill(apps, schema_editor):
    LedgerEntry = apps.get_model("funds", "LedgerEntry")
    BankTransaction = apps.get_model("funds", "BankTransaction")
    LedgerDay = apps.get_model("funds", "LedgerDay")
    days = {}
    entries = (
        LedgerEntry.objects.values("fund_id", "entry_date")
        .annotate(
            n=Count("pk"),
            receipts=Sum("amount", filter=Q(amount__gt=0), default=0),
            payments=Sum("amount", filter=Q(amount__lt=0), default=0),
            transfers_in=Sum(
                "amount",
                filter=Q(kind=TRANSFER_IN) | Q(kind=CORRECTION, corrects__kind=TRANSFER_IN),
                default=0,
            ),
        )
        .order_by()
    )
    for row in entries:
        day = days.setdefault(
            (row["fund_id"], row["entry_date"]),
            LedgerDay(fund_id=row["fund_id"], day=row["entry_date"]),
        )
        day.entries = row["n"]
        day.receipts = row["receipts"]
        day.payments = -row["payments"]
        day.transfers_in = row["transfers_in"]
    lines = (
        BankTransaction.objects.values("fund_id", "booked_on")
        .annotate(credits=Sum("credit", default=0), debits=Sum("debit", default=0))
        .order_by()
    )
    for row in lines:
        day = days.setdefault(
            (row["fund_id"], row["booked_on"]),
            LedgerDay(fund_id=row["fund_id"], day=row["booked_on"]),
        )
        day.bank_credits = row["credits"]
        day.bank_debits = row["debits"]
    LedgerDay.objects.bulk_create(days.values(), batch_size=1000)


def empty(apps, schema_editor):
    apps.get_model("funds", "LedgerDay").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("funds", "0004_ledger_day_totals")]

    operations = [migrations.RunPython(fill, empty)]
