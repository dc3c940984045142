"""``manage.py training_purge``: erase the names and contacts of course participants whose
every course ended longer ago than it keeps them (for the scheduler, once a day). Runs the
``erase_expired_trainees`` task now."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from giamngheo.training.tasks import erase_expired_trainees


class Command(BaseCommand):
    help = "Xóa họ tên, liên lạc của học viên các lớp tập huấn đã quá thời hạn lưu trữ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Ngày tính thời hạn (YYYY-MM-DD); mặc định là hôm nay (giờ Việt Nam)."
        )

    def handle(self, *args, **options):
        today = options.get("today")
        if today:
            try:
                date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"Ngày không hợp lệ: {today!r} (cần YYYY-MM-DD).") from exc
        count = erase_expired_trainees.call(today or None)
        self.stdout.write(f"Đã xóa thông tin cá nhân của {count} học viên quá thời hạn lưu trữ.\n")
