"""`manage.py backup [--output-dir DIR]`: the database and media in one dated archive."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from giamngheo.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp nén có ngày giờ và bản kê mã kiểm tra."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="Thư mục lưu tệp sao lưu (mặc định: var/backups).",
        )

    def handle(self, *args, output_dir: str, **options):
        try:
            result = create_backup(output_dir=Path(output_dir))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{result.path} ({result.files} tệp, {result.bytes:,} byte)".replace(",", ".")
        )
