"""The shared shape of the two reminder commands: an optional ``--at`` moment, then one task."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError


class ReminderCommand(BaseCommand):
    task = None  # a django-tasks task taking ``at``
    done = ""  # "%(count)s" sentence printed at the end

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="Thời điểm tính quá hạn, dạng ISO có múi giờ (2023-11-20T07:00:00+07:00); "
            "mặc định bây giờ.",
        )

    def handle(self, *args, at=None, **options):
        if at is not None:
            try:
                parsed = datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(
                    "Thời điểm không hợp lệ, cần dạng ISO 8601 có múi giờ."
                ) from None
            if parsed.tzinfo is None:
                raise CommandError("Thời điểm cần ghi rõ múi giờ, ví dụ +07:00.")
        count = self.task.call(at=at)
        self.stdout.write(self.done % {"count": count})
