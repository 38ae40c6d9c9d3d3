"""Background work for learning: the link checker, on a schedule.

How it is scheduled: the task worker (`lksw db_worker`, django_tasks_db) has no clock of its own, so
the task queues its own next run. `lksw check_links --schedule` queues the first run (once: it does
nothing when a run is already queued); each run then queues the next for
LEARNING_LINK_CHECK["every_hours"] later (default 24), whatever the run found. A deployment that
prefers cron can run `lksw check_links` instead and never call --schedule.
"""

import datetime as dt

from django.conf import settings
from django.tasks import task
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lksworkforce.learning.services.link_checks import link_check_run

TASK_PATH = "lksworkforce.learning.tasks.links_check_on_schedule"


def every() -> dt.timedelta:
    return dt.timedelta(hours=float(str(settings.LEARNING_LINK_CHECK.get("every_hours", 24))))


@task
def links_check_on_schedule() -> dict[str, object]:
    """Check the catalogue's links, then queue the next run."""
    summary = link_check_run()
    schedule_next(after=every())
    return summary.as_dict()


def schedule_next(*, after: dt.timedelta) -> bool:
    """Queue a run `after` from now, unless one is already waiting; True when one was queued. A
    backend that cannot run a task later (the tests' immediate one) queues nothing."""
    if not links_check_on_schedule.get_backend().supports_defer:
        return False
    if DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY).exists():
        return False
    links_check_on_schedule.using(run_after=timezone.now() + after).enqueue()
    return True
