"""lksw survey_forget_unsent: delete answers never sent, once their survey has closed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.surveys import selectors
from lksworkforce.surveys.services import responses_in_progress_remove


class Command(BaseCommand):
    help = (
        "Delete the unsent answers (responses still in progress) of every survey that has closed: they are "
        "never counted, and nobody can send them any more. Run it daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only say how many would be deleted")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for survey in selectors.closed_surveys(selectors.today()):
            removed = (
                selectors.unsent_count(survey) if options["dry_run"] else responses_in_progress_remove(survey=survey)
            )
            if removed:
                self.stderr.write(
                    f"{survey.key}: {removed} unsent responses {'to delete' if options['dry_run'] else 'deleted'}."
                )
            total += removed
        self.stderr.write(
            self.style.SUCCESS(f"{total} unsent responses {'would be' if options['dry_run'] else 'were'} deleted.")
        )
