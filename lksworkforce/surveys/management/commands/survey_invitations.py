"""lksw survey_invitations SURVEY_KEY --count N [--base-url URL]: single-use invitation links."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from lksworkforce.core.cli import BAD_INPUT, print_rows
from lksworkforce.core.problems import Rejected
from lksworkforce.surveys import selectors
from lksworkforce.surveys.services import invitations_create


class Command(BaseCommand):
    help = (
        "Create single-use invitation links for an invitation-only survey and write them to stdout as CSV "
        "(one per row). They are shown only now: the service keeps a hash of each, and nothing about whom "
        "it is sent to. Mail-merge them from your own mailing list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("survey_key", help="the survey's key")
        parser.add_argument("--count", type=int, required=True, help="how many links to create")
        parser.add_argument("--base-url", default="", help="the service's address, e.g. https://lksw.example.nhs.uk")

    def handle(self, *args: Any, **options: Any) -> None:
        survey = selectors.survey_by_key(options["survey_key"])
        if survey is None:
            raise CommandError(f"No survey with key {options['survey_key']}", returncode=BAD_INPUT)
        try:
            tokens = invitations_create(survey=survey, count=options["count"], actor=None)
        except Rejected as rejected:  # one problem (the count, or a survey open to anyone): say it
            raise CommandError(rejected.problems[0].reason, returncode=BAD_INPUT) from None
        base = options["base_url"].rstrip("/")
        rows = [{"link": base + reverse("surveys:invitation", args=[survey.key, token])} for token in tokens]
        print_rows(self.stdout, ["link"], rows, "csv")
        self.stderr.write(self.style.SUCCESS(f"{len(tokens)} invitation links for {survey.key}."))
