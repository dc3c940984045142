"""Plain questions for indicators 9–12 of the 07/2021 standard (issue 13 item 17): the loaded
wording asked double negatives ("Có phải trong hộ không ai dùng điện thoại … không?"). Each now
asks one thing with one "có … không"; answering “Có” still means the household lacks it. Only a
question still as loaded is changed, so an editor's own wording is kept. Reversible."""

from datetime import date

from django.db import migrations

STANDARD_NAME = "Chuẩn nghèo đa chiều giai đoạn 2022–2025 (kéo dài đến hết năm 2026)"
VALID_FROM = date(2022, 1, 1)

def _replace(apps, *, forward: bool):
    from giamngheo.selfcheck.data_07_2021 import PLAIN_QUESTIONS

    Indicator = apps.get_model("selfcheck", "Indicator")
    indicators = Indicator.objects.filter(
        dimension__standard__name=STANDARD_NAME, dimension__standard__valid_from=VALID_FROM
    )
    for code, (loaded, plain) in PLAIN_QUESTIONS.items():
        old, new = (loaded, plain) if forward else (plain, loaded)
        indicators.filter(code=code, question=old).update(question=new)


def forwards(apps, schema_editor):
    _replace(apps, forward=True)


def backwards(apps, schema_editor):
    _replace(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("selfcheck", "0003_contact_status_to_core_status_event")]

    operations = [migrations.RunPython(forwards, backwards)]
