"""``manage.py broadcasts_reminders [--at ISO-DATETIME]``: remind the stations that have not
reported the airings of a bulletin whose airing period ended (once a day, in the morning)."""

from giamngheo.broadcasts.tasks import send_airing_reminders

from ._reminders import ReminderCommand


class Command(ReminderCommand):
    help = "Nhắc các đài xã chưa báo cáo kết quả phát sóng bản tin đã quá hạn."
    task = send_airing_reminders
    done = "Đã nhắc %(count)s bản tin chưa báo cáo kết quả phát sóng."
