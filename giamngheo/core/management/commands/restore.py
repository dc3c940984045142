"""`manage.py restore ARCHIVE`: into an empty database and an empty media folder only."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from giamngheo.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục một tệp sao lưu vào cơ sở dữ liệu trống và thư mục tệp tải lên trống."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp giamngheo-backup-….tar.gz")

    def handle(self, *args, archive: str, **options):
        try:
            files = restore_backup(archive=Path(archive))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã khôi phục cơ sở dữ liệu và {files} tệp từ {archive}.")
