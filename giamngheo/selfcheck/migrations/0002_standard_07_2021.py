"""Loads the multidimensional poverty standard of Nghị định 07/2021/NĐ-CP (2022–2025, continued
through 31/12/2026), so that every installation — production included — has it. Reversible."""

from datetime import date

from django.db import migrations


def load(apps, schema_editor):
    from giamngheo.selfcheck.data_07_2021 import DIMENSIONS, STANDARD

    PovertyStandard = apps.get_model("selfcheck", "PovertyStandard")
    Dimension = apps.get_model("selfcheck", "Dimension")
    Indicator = apps.get_model("selfcheck", "Indicator")
    valid_from = date.fromisoformat(STANDARD["valid_from"])
    if PovertyStandard.objects.filter(name=STANDARD["name"], valid_from=valid_from).exists():
        return
    standard = PovertyStandard.objects.create(
        **{
            **STANDARD,
            "valid_from": valid_from,
            "valid_to": date.fromisoformat(STANDARD["valid_to"]),
        }
    )
    order = 0
    for d_order, (dimension_name, indicators) in enumerate(DIMENSIONS, start=1):
        dimension = Dimension.objects.create(standard=standard, name=dimension_name, order=d_order)
        for code, name, question, criterion in indicators:
            order += 1
            Indicator.objects.create(
                dimension=dimension,
                code=code,
                name=name,
                question=question,
                criterion=criterion,
                order=order,
            )


def unload(apps, schema_editor):
    from giamngheo.selfcheck.data_07_2021 import STANDARD

    PovertyStandard = apps.get_model("selfcheck", "PovertyStandard")
    PovertyStandard.objects.filter(
        name=STANDARD["name"], valid_from=date.fromisoformat(STANDARD["valid_from"])
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("selfcheck", "0001_standards_policies_contact_requests")]

    operations = [migrations.RunPython(load, unload)]
