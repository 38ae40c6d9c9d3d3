"""lksw programme_certificates_issue --cohort ID [--format table|csv|json]: a certificate for everyone
who completed the cohort and has none yet."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, exit_rejected, print_rows
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes.presenters.certificates import certificate_view
from lksworkforce.programmes.selectors.certificates import cohort_found
from lksworkforce.programmes.services.certificates import certificates_issue_for_cohort

COLUMNS = ("certificate_id", "recipient", "programme", "cohort", "completed_on")


class Command(BaseCommand):
    help = (
        "Issue a certificate (a signed Open Badges 3.0 credential) to everyone who completed the cohort and "
        "has none yet; no one gets two. Prints the certificates issued: " + ",".join(COLUMNS) + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cohort", type=int, required=True, help="The cohort's number, as in its page's address")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        cohort = cohort_found(options["cohort"])
        if cohort is None:
            raise CommandError(f"There is no cohort {options['cohort']}", returncode=BAD_INPUT)
        try:
            issued = certificates_issue_for_cohort(cohort=cohort, actor=None)
        except Rejected as rejected:
            exit_rejected(self, rejected)
        rows = []
        for certificate in issued:
            view = certificate_view(certificate)
            rows.append(
                {
                    "certificate_id": str(view.public_id),
                    "recipient": view.recipient,
                    "programme": view.programme,
                    "cohort": view.cohort,
                    "completed_on": view.completed_on.isoformat(),
                }
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
        else:
            print_rows(self.stdout, COLUMNS, rows, options["format"])
        count = len(rows)
        self.stderr.write(f"{count} certificate{'s' if count != 1 else ''} issued for {cohort}.")
