"""lksw programme_daily [--today YYYY-MM-DD]: the programmes' daily run. Offers past their reply-by
date lapse (and the waiting lists move up); places on cohorts that have ended are marked completed
or not completed from their attendance; then the behaviour follow-ups are scheduled and those due
are sent (as `lksw programme_follow_ups_schedule` does)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lksworkforce.core.cli import BAD_INPUT
from lksworkforce.programmes.services.applications_selection import offers_lapse
from lksworkforce.programmes.services.attendance import completions_update_ended
from lksworkforce.programmes.services.feedback import follow_ups_schedule


class Command(BaseCommand):
    help = (
        "Run daily: offers not answered by their reply-by date lapse (counted as declined) and each waiting "
        "list is offered the places freed, best score first; places on cohorts that have ended are marked "
        "completed or not completed by the programme's completion rule; follow-ups are scheduled for places "
        "on ended cohorts and invitations sent to those due. Running it twice on a day changes nothing the "
        "second time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day to run as (YYYY-MM-DD), for a run that was missed")

    def handle(self, *args: Any, **options: Any) -> None:
        today = self._today(options["today"])
        lapsed = offers_lapse(today=today)
        finished = completions_update_ended(today=today)
        follow_ups = follow_ups_schedule(today=today, send=True)
        self.stderr.write(follow_ups.summary)
        self.stderr.write(
            self.style.SUCCESS(
                f"{lapsed} {'offer' if lapsed == 1 else 'offers'} lapsed; "
                f"{finished} {'place' if finished == 1 else 'places'} on ended cohorts marked completed or not."
            )
        )

    @staticmethod
    def _today(raw: str | None) -> date:
        if raw is None:
            return timezone.localdate()
        try:
            return date.fromisoformat(raw)
        except ValueError as error:
            raise CommandError(f"--today must be a date like 2026-03-15, not {raw!r}", returncode=BAD_INPUT) from error
