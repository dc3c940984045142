"""``manage.py broadcasts_emergency_reminders [--at ISO-DATETIME]``: remind the stations that
have not acknowledged an emergency bulletin by its deadline (every few minutes)."""

from giamngheo.broadcasts.tasks import send_acknowledgement_reminders

from ._reminders import ReminderCommand


class Command(ReminderCommand):
    help = "Nhắc các đài xã chưa xác nhận bản tin khẩn cấp đã quá hạn."
    task = send_acknowledgement_reminders
    done = "Đã nhắc %(count)s bản tin khẩn cấp quá hạn xác nhận."
