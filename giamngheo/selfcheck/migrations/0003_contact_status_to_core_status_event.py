# The status changes of contact requests were audited in Wagtail's log
# ("selfcheck.<status>" entries); they move to the one status history of the project
# (core.StatusEvent, issue 12). The log said only the new status: the status each change
# started from is the previous entry's, the first one's the status every request starts in.
# The way back writes the log entries again (their label, as Wagtail wrote it, from the
# request when it still exists).

from django.db import migrations

NEW = "moi"
PREFIX = "selfcheck."
BATCH = 1000


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="selfcheck", model="contactrequest")[0]


def forward(apps, schema_editor):
    LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    StatusEvent = apps.get_model("core", "StatusEvent")
    content_type = _content_type(apps)
    entries = LogEntry.objects.filter(content_type=content_type, action__startswith=PREFIX)
    previous: dict[str, str] = {}
    rows = []
    for entry in entries.order_by("timestamp", "pk").iterator(chunk_size=BATCH):
        to_status = entry.action[len(PREFIX) :]
        rows.append(
            StatusEvent(
                content_type=content_type,
                object_id=int(entry.object_id),
                from_status=previous.get(entry.object_id, NEW),
                to_status=to_status,
                actor_id=entry.user_id,
                at=entry.timestamp,
            )
        )
        previous[entry.object_id] = to_status
    StatusEvent.objects.bulk_create(rows, batch_size=BATCH)
    entries.delete()


def backward(apps, schema_editor):
    LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    StatusEvent = apps.get_model("core", "StatusEvent")
    ContactRequest = apps.get_model("selfcheck", "ContactRequest")
    content_type = _content_type(apps)
    events = StatusEvent.objects.filter(content_type=content_type)
    requests = ContactRequest.objects.in_bulk({e.object_id for e in events})
    rows = []
    for event in events.order_by("pk").iterator(chunk_size=BATCH):
        request = requests.get(event.object_id)
        rows.append(
            LogEntry(
                content_type=content_type,
                object_id=str(event.object_id),
                label=f"{request.name} — {request.created_at:%d/%m/%Y}" if request else "",
                action=f"{PREFIX}{event.to_status}",
                data={},
                timestamp=event.at,
                user_id=event.actor_id,
            )
        )
    LogEntry.objects.bulk_create(rows, batch_size=BATCH)
    events.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_status_event"),
        ("selfcheck", "0002_standard_07_2021"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forward, backward)]
