"""Run the periodic jobs of `giamngheo.core.schedule.JOBS` until stopped (SIGINT or SIGTERM)."""

from __future__ import annotations

import logging
import signal

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import close_old_connections

from giamngheo.core.schedule import JOBS, Job

logger = logging.getLogger("giamngheo.scheduler")


def run_job(job: Job) -> None:
    # A job runs on a thread of the scheduler: connections are not closed by a request cycle.
    close_old_connections()
    try:
        call_command(job.command, *job.args, verbosity=0)
    except Exception:
        # One failing job must not stop the others; the log carries the traceback.
        logger.exception("Periodic job %s failed", job.command)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = "Chạy các công việc định kỳ (xuất bản theo lịch, nhắc hạn, xóa dữ liệu hết hạn lưu)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--list",
            action="store_true",
            dest="show_jobs",
            help="In danh sách công việc rồi thoát.",
        )

    def handle(self, *args, show_jobs: bool = False, **options):
        if show_jobs:
            for job in JOBS:
                self.stdout.write(f"{job.cron:<12} {job.command:<24} {job.purpose}")
            return
        scheduler = BlockingScheduler(
            timezone=settings.TIME_ZONE,
            # A job missed while the machine slept runs once when it wakes, never piled up.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )
        for job in JOBS:
            scheduler.add_job(
                run_job,
                CronTrigger.from_crontab(job.cron, timezone=settings.TIME_ZONE),
                args=[job],
                id=job.command,
                name=job.purpose,
            )

        def stop(signum, frame):
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Scheduler: {len(JOBS)} jobs ({settings.TIME_ZONE})")
        self.stdout.flush()
        scheduler.start()
