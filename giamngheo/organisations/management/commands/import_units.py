from django.core.management.base import BaseCommand, CommandError

from giamngheo.organisations.importers import import_units


class Command(BaseCommand):
    help = (
        "Nạp đơn vị hành chính của một tỉnh từ gói vietnamadminunits (giấy phép MIT): địa giới "
        "ba cấp đến hết 30/06/2025, hai cấp từ 01/07/2025 và quan hệ kế thừa. Chạy lại không "
        "thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help='Tên tỉnh, ví dụ: "Bắc Giang"')

    def handle(self, *args, province, **options):
        try:
            import_units(province=province, stdout=self.stdout)
        except ValueError as exc:
            raise CommandError(f"Không tìm thấy tỉnh: {exc}") from exc
