"""The periodic jobs of a running site, in one list: `manage.py run_scheduler` runs them (the
`scheduler` process of the Procfile), and docs/deploy.md mirrors the same list as systemd timers.

Each job is a management command (thin: it loads, calls a service, logs) at a cron time in the
site's zone (Asia/Ho_Chi_Minh), so a daily reminder leaves in the morning of the Vietnamese day
whatever zone the server's clock is in.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    command: str
    cron: str  # minute hour day month weekday, in settings.TIME_ZONE
    purpose: str
    args: tuple[str, ...] = ()


JOBS: tuple[Job, ...] = (
    Job("publish_scheduled", "* * * * *", "pages an editor set to go live or expire at a time"),
    Job("feedback_reminders", "0 7 * * *", "e-mail handlers about feedback due soon"),
    Job("send_report_reminders", "5 7 * * *", "e-mail organisations whose report is due soon"),
    Job(
        "publications_reminders",
        "10 7 * * *",
        "e-mail recipients of publication dispatches overdue for confirmation",
    ),
    Job(
        "broadcasts_reminders",
        "15 7 * * *",
        "e-mail commune radio operators whose airing reports are overdue",
    ),
    Job(
        "broadcasts_emergency_reminders",
        "*/5 * * * *",
        "e-mail and text commune radio operators who have not acknowledged an emergency bulletin",
    ),
    Job("selfcheck_purge", "0 2 * * *", "erase contact requests past their retention"),
    Job(
        "training_purge",
        "15 2 * * *",
        "erase course participants' names and contacts past their course's retention",
    ),
    Job(
        "prune_db_task_results",
        "30 2 * * *",
        "delete finished background-task results older than 14 days",
        ("--min-age-days", "14"),
    ),
    Job(
        "sweep_orphan_files",
        "45 2 * * *",
        "remove uploaded files no row names, older than a day (a crash mid-upload)",
        ("--delete",),
    ),
)
