"""Import an XLSX file of poverty review results (the admin screen's template), all or nothing."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from giamngheo.results.services import import_poverty_reviews


class Command(BaseCommand):
    help = "Nhập kết quả rà soát hộ nghèo, hộ cận nghèo từ tệp XLSX (chỉ nhập khi mọi dòng hợp lệ)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Đường dẫn tệp XLSX theo mẫu")
        parser.add_argument(
            "--sample", action="store_true", help="Đánh dấu là số liệu mẫu minh họa"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        result = import_poverty_reviews(upload=upload, is_sample=options["sample"])
        if result.errors:
            for error in result.errors:
                where = f"Dòng {error.row}" if error.row else "Cả tệp"
                column = f", cột “{error.column}”" if error.column else ""
                self.stderr.write(f"{where}{column}: {error.message}")
            raise CommandError(f"Tệp có {len(result.errors)} lỗi; chưa nhập dòng nào.")
        self.stdout.write(
            f"Đã nhập: {result.created} dòng mới, {result.updated} dòng cập nhật, "
            f"{result.skipped} dòng bỏ qua."
        )
