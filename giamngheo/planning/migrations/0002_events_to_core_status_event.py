# The status history of subplans moves to the one status history of the project
# (core.StatusEvent, issue 12). Every row is copied with its exact values, in the order of its
# old id (so rows of the same instant keep their order); the way back copies them home.

from django.db import migrations

BATCH = 1000


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="planning", model="subplan")[0]


def forward(apps, schema_editor):
    OldEvent = apps.get_model("planning", "SubPlanEvent")
    StatusEvent = apps.get_model("core", "StatusEvent")
    content_type = _content_type(apps)
    rows = [
        StatusEvent(
            content_type=content_type,
            object_id=event.subplan_id,
            from_status=event.from_status,
            to_status=event.to_status,
            actor_id=event.actor_id,
            reason=event.reason,
            at=event.at,
        )
        for event in OldEvent.objects.order_by("pk").iterator(chunk_size=BATCH)
    ]
    StatusEvent.objects.bulk_create(rows, batch_size=BATCH)


def backward(apps, schema_editor):
    OldEvent = apps.get_model("planning", "SubPlanEvent")
    StatusEvent = apps.get_model("core", "StatusEvent")
    events = StatusEvent.objects.filter(content_type=_content_type(apps))
    rows = [
        OldEvent(
            subplan_id=event.object_id,
            from_status=event.from_status,
            to_status=event.to_status,
            actor_id=event.actor_id,
            reason=event.reason,
            at=event.at,
        )
        for event in events.order_by("pk").iterator(chunk_size=BATCH)
    ]
    OldEvent.objects.bulk_create(rows, batch_size=BATCH)
    # auto_now_add set the time of the copy: put the time of the event back.
    for row, event in zip(OldEvent.objects.order_by("pk"), events.order_by("pk"), strict=True):
        OldEvent.objects.filter(pk=row.pk).update(at=event.at)
    events.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_status_event"),
        ("planning", "0002_plan_item_form_kind"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="SubPlanEvent"),
    ]
