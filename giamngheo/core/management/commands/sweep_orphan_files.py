"""`manage.py sweep_orphan_files [--delete] [--min-age-hours 24]`: files no row names.

Dry run by default: lists the orphans older than the age limit; ``--delete`` removes them. A staged
file whose row committed (a crash between commit and move) is moved into place in both modes.
"""

from datetime import timedelta

from django.core.management import BaseCommand

from giamngheo.core.storage import sweep_orphans


class Command(BaseCommand):
    help = (
        "Tìm các tệp tải lên không còn bản ghi nào tham chiếu (cũ hơn 1 ngày); "
        "mặc định chỉ liệt kê, thêm --delete để xoá."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Xoá các tệp mồ côi tìm được.")
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=24.0,
            help="Chỉ xét tệp cũ hơn số giờ này (mặc định 24).",
        )

    def handle(self, *args, delete: bool, min_age_hours: float, **options):
        report = sweep_orphans(min_age=timedelta(hours=min_age_hours), delete=delete)
        for name in report.orphans:
            self.stdout.write(f"{'đã xoá' if delete else 'mồ côi'}: {name}")
        for name in report.promoted:
            self.stdout.write(f"đã chuyển vào chỗ: {name}")
        verb = "đã xoá" if delete else "sẽ xoá khi chạy với --delete"
        self.stdout.write(
            f"{len(report.orphans)} tệp mồ côi ({verb}); {report.young} tệp mới chưa xét; "
            f"{len(report.promoted)} tệp đang chờ đã chuyển vào chỗ; "
            f"{report.referenced} tệp đang được dùng."
        )
