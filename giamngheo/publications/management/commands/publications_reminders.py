"""``manage.py publications_reminders [--at ISO-DATETIME]``: remind the recipients of overdue
dispatches to confirm their receipt (for cron, once a day). Runs ``send_overdue_reminders``."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from giamngheo.publications.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Nhắc các đơn vị chưa xác nhận nhận ấn phẩm đã quá hạn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="Thời điểm tính quá hạn, dạng ISO có múi giờ (2023-06-01T07:00:00+07:00); "
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
        count = send_overdue_reminders.call(at=at)
        self.stdout.write(f"Đã nhắc {count} phiếu giao ấn phẩm quá hạn xác nhận.")
