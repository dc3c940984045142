"""``manage.py send_report_reminders [--at ISO-DATETIME]``: remind the organisations whose report
falls due soon and is not yet submitted (for cron, once a day). Runs ``send_due_reminders`` now."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from giamngheo.reporting.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc các cơ quan, đơn vị chưa gửi báo cáo sắp đến hạn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="Thời điểm tính nhắc hạn, dạng ISO có múi giờ (2023-11-10T08:00:00+07:00); "
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
        count = send_due_reminders.call(at=at)
        self.stdout.write(f"Đã gửi {count} thư nhắc báo cáo.")
