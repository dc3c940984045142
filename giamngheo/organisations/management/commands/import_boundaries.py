"""`manage.py import_boundaries FILE.geojson --code-property P --source S --licence L`."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from giamngheo.organisations.services import import_boundaries


class Command(BaseCommand):
    help = (
        "Nhập ranh giới xã, phường (GeoJSON, WGS 84) từ một bộ dữ liệu mở, ghi nguồn và giấy "
        "phép; toàn bộ tệp hoặc không gì cả."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp GeoJSON (FeatureCollection)")
        parser.add_argument(
            "--code-property", required=True, help="Thuộc tính chứa mã đơn vị hành chính (GSO)"
        )
        parser.add_argument("--source", required=True, help="Nguồn dữ liệu (tên, địa chỉ)")
        parser.add_argument("--licence", required=True, help="Giấy phép (ví dụ ODbL 1.0)")

    def handle(self, *args, file: str, code_property: str, source: str, licence: str, **options):
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"Không đọc được tệp GeoJSON: {exc}") from None
        features = data.get("features") if isinstance(data, dict) else None
        if not isinstance(features, list):
            raise CommandError("Tệp phải là một GeoJSON FeatureCollection.")
        try:
            count = import_boundaries(
                features=features, code_property=code_property, source=source, licence=licence
            )
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(f"Đã nhập ranh giới của {count} xã, phường.")
