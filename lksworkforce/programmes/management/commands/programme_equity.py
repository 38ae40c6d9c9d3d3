"""lksw programme_equity --year YYYY --format table|csv|json: the equity dashboard's rows, as the page,
its CSV, XLSX and PDF and the API show them (presenters/equity.py), suppressed the same way."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lksworkforce.core.cli import BAD_INPUT, print_rows, year_argument
from lksworkforce.programmes.presenters.equity import EQUITY_COLUMNS, table
from lksworkforce.programmes.selectors.equity import YearRefusedError, equity_figures


class Command(BaseCommand):
    help = (
        "Equity of access to programmes for the cohorts that started in a year that is over: participants "
        "per 100 LKS staff by region, band group and organisation type; places offered against fair shares; "
        "face to face against online; applicants who could not travel; the highest-to-lowest ratio between "
        "regions' rates and its trend. Groups under the suppression threshold show as 'fewer than N'. "
        f"Columns: {','.join(EQUITY_COLUMNS)}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=year_argument, required=True, help="a year that is over, like 2025")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            figures = equity_figures(options["year"], today=timezone.localdate())
        except YearRefusedError as refused:
            raise CommandError(str(refused), returncode=BAD_INPUT) from refused
        rows = table(figures)
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
        else:
            print_rows(self.stdout, EQUITY_COLUMNS, rows, options["format"])
