# The history of feedback items moves to the one status history of the project
# (core.StatusEvent, issue 12). Every row is copied with its exact values, in the order of its
# old id (so rows of the same instant keep their order); the way back copies them home.

from django.db import migrations

BATCH = 1000


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="feedback", model="feedback")[0]


def forward(apps, schema_editor):
    FeedbackEvent = apps.get_model("feedback", "FeedbackEvent")
    StatusEvent = apps.get_model("core", "StatusEvent")
    content_type = _content_type(apps)
    rows = [
        StatusEvent(
            content_type=content_type,
            object_id=event.feedback_id,
            from_status=event.from_status,
            to_status=event.to_status,
            action=event.action,
            actor_id=event.actor_id,
            organisation_id=event.organisation_id,
            reason=event.reason,
            at=event.created_at,
        )
        for event in FeedbackEvent.objects.order_by("pk").iterator(chunk_size=BATCH)
    ]
    StatusEvent.objects.bulk_create(rows, batch_size=BATCH)


def backward(apps, schema_editor):
    FeedbackEvent = apps.get_model("feedback", "FeedbackEvent")
    StatusEvent = apps.get_model("core", "StatusEvent")
    events = StatusEvent.objects.filter(content_type=_content_type(apps))
    rows = [
        FeedbackEvent(
            feedback_id=event.object_id,
            from_status=event.from_status,
            to_status=event.to_status,
            action=event.action,
            actor_id=event.actor_id,
            organisation_id=event.organisation_id,
            reason=event.reason,
            created_at=event.at,
        )
        for event in events.order_by("pk").iterator(chunk_size=BATCH)
    ]
    FeedbackEvent.objects.bulk_create(rows, batch_size=BATCH)
    events.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_status_event"),
        ("feedback", "0003_handling_moderation_stats"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="FeedbackEvent"),
    ]
