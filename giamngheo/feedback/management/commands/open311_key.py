"""``manage.py open311_key create --name NAME``: prints a new Open311 API key (stored hashed)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from giamngheo.feedback.services import create_api_key


class Command(BaseCommand):
    help = "Quản lý khóa API Open311."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo khóa mới và in ra một lần duy nhất.")
        create.add_argument("--name", required=True)

    def handle(self, *args, action, name=None, **options):
        try:
            key, raw = create_api_key(name=name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(raw)
        self.stderr.write(f"Đã tạo khóa «{key.name}» (tiền tố {key.prefix}).")
