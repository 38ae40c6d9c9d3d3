"""lksw check_links: check every published resource's web address now, record what was found, and
put broken or moved links and resources past their review date on the curators' queue.

    lksw check_links                  # the real web, politely (settings.LEARNING_LINK_CHECK)
    lksw check_links --demo           # the demo catalogue's host answered by a local server; no other host is asked
    lksw check_links --fail-on-broken # exit 1 when any link is broken or moved (for monitoring)
    lksw check_links --schedule       # queue the scheduled task's first run (see learning/tasks.py)

Exit status: 0 the run finished; 1 --fail-on-broken and something was broken or moved; 2 bad input.
"""

from contextlib import nullcontext
from dataclasses import replace
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT
from lksworkforce.learning.linkcheck import Router, direct
from lksworkforce.learning.linkcheck_demo import DEMO_HOST, demo_web
from lksworkforce.learning.services.link_checks import check_settings, link_check_run
from lksworkforce.learning.tasks import every, schedule_next

FOUND_BROKEN = 1


class Command(BaseCommand):
    help = "Check every published learning resource's web address and queue what is broken, moved or due for review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help=f"answer {DEMO_HOST} from a local server on 127.0.0.1 and contact no other host",
        )
        parser.add_argument("--fail-on-broken", action="store_true", help="exit 1 when a link is broken or moved")
        parser.add_argument("--schedule", action="store_true", help="queue the scheduled check instead of checking now")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            if options["demo"]:
                raise CommandError("--schedule checks the real web; run --demo now instead", returncode=BAD_INPUT)
            queued = schedule_next(after=every())
            self.stdout.write("The link check is queued." if queued else "A link check is already queued.")
            return
        demo = demo_web() if options["demo"] else nullcontext(direct)
        check = check_settings()
        if options["demo"]:  # our own local server: no need to pace the requests
            check = replace(check, per_host_delay=0.0)
        with demo as route:
            router: Router = route
            summary = link_check_run(route=router, check=check)
        for line in summary.lines():
            self.stdout.write(line)
        if options["fail_on_broken"] and summary.found_problems:
            raise CommandError("Some links are broken or moved: see the curators' queue", returncode=FOUND_BROKEN)
