"""lksw programme_fair_shares --places N --year YYYY [--min-per-region M] [--cohort ID]
--format table|csv|json: a national cohort's places shared among regions, for checking by hand."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, print_rows, year_argument
from lksworkforce.programmes.presenters.selection import FAIR_SHARE_COLUMNS, fair_share_table
from lksworkforce.programmes.selectors.selection import (
    DEFAULT_MIN_PER_REGION,
    MAX_MIN_PER_REGION,
    MAX_PLACES,
    NoPublishedReturnsError,
    applying_regions,
    cohort_for_command,
    fair_share_rows,
)


class Command(BaseCommand):
    help = (
        "Share N places among the regions in proportion to their LKS headcount (people in post in the "
        "year's latest published annual returns), by largest remainder one place at a time, after every "
        "region with applicants has its minimum. Every region counts as having applicants unless --cohort "
        "is given; then only the regions with eligible applicants in that cohort get the minimum. "
        "Columns: region_code,region,lks_headcount,exact_share,places."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--places", type=int, required=True, help=f"places to share, 1 to {MAX_PLACES:,}")
        parser.add_argument("--year", type=year_argument, required=True, help="the year of the annual returns")
        parser.add_argument(
            "--min-per-region",
            type=int,
            default=DEFAULT_MIN_PER_REGION,
            help=f"places each region with applicants gets first (default {DEFAULT_MIN_PER_REGION})",
        )
        parser.add_argument("--cohort", type=int, help="only this cohort's applicants' regions get the minimum")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        places, year, minimum = options["places"], options["year"], options["min_per_region"]
        if not 1 <= places <= MAX_PLACES:
            raise CommandError(f"--places must be from 1 to {MAX_PLACES:,}, not {places}", returncode=BAD_INPUT)
        if not 0 <= minimum <= MAX_MIN_PER_REGION:
            raise CommandError(
                f"--min-per-region must be from 0 to {MAX_MIN_PER_REGION}, not {minimum}", returncode=BAD_INPUT
            )
        applying = None
        if options["cohort"] is not None:
            cohort = cohort_for_command(options["cohort"])
            if cohort is None:
                raise CommandError(f"No cohort {options['cohort']}", returncode=BAD_INPUT)
            applying = applying_regions(cohort)
        try:
            rows = fair_share_table(fair_share_rows(year, places, min_per_region=minimum, applying=applying))
        except (NoPublishedReturnsError, ValueError) as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
        else:
            print_rows(self.stdout, FAIR_SHARE_COLUMNS, rows, options["format"])
