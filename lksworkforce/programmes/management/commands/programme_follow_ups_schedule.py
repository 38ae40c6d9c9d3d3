"""lksw programme_follow_ups_schedule: a follow-up for every place on an ended cohort, and invitations
to those due. Run it daily (running it again changes nothing)."""

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT
from lksworkforce.programmes.services.feedback import follow_ups_schedule


class Command(BaseCommand):
    help = (
        "Schedule the behaviour follow-up, due three months after a cohort ends, for every place on a "
        "cohort that has ended and has none yet; then email an invitation to each follow-up that is due, "
        "open and not yet sent. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="The day to schedule for, as YYYY-MM-DD (default: today)")
        parser.add_argument("--no-send", action="store_true", help="Schedule only; send no invitations")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date as YYYY-MM-DD", returncode=BAD_INPUT) from None
        outcome = follow_ups_schedule(today=today, send=not options["no_send"])
        if options["format"] == "json":
            self.stdout.write(json.dumps({"scheduled": outcome.scheduled, "invited": outcome.invited}))
        elif options["format"] == "csv":
            self.stdout.write(f"scheduled,invited\n{outcome.scheduled},{outcome.invited}")
        else:
            self.stdout.write(f"scheduled  {outcome.scheduled}\ninvited    {outcome.invited}")
        self.stderr.write(self.style.SUCCESS(outcome.summary))
