"""lksw ratio_report --year YYYY --by nation|region|organisation --format table|csv|json."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.accounts.viewers import SystemViewer
from lksworkforce.core.cli import BAD_INPUT, print_rows, year_argument
from lksworkforce.staffing.presenters import REPORT_COLUMNS, report_rows
from lksworkforce.staffing.selectors import NoPolicyError, census_years, figures_for_year


class Command(BaseCommand):
    help = "Staffing ratio and gap by nation, region or organisation for a year, from the same figures as the pages and API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=year_argument, help="the year (default: the latest census year)")
        parser.add_argument("--by", choices=["nation", "region", "organisation"], default="nation")
        parser.add_argument(
            "--region", help="with --by organisation: only this region's organisations (region code, e.g. Y56)"
        )
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        years = census_years()
        year = options["year"] or (years[0] if years else None)
        if year is None or year not in years:
            raise CommandError(
                f"No NHS workforce census for {year}. Years with a census: {', '.join(map(str, years)) or 'none'}",
                returncode=BAD_INPUT,
            )
        try:
            figures = figures_for_year(SystemViewer(), year)
        except NoPolicyError as error:
            raise CommandError(str(error), returncode=1) from error
        assert figures is not None
        region = options["region"]
        if region is not None:
            if options["by"] != "organisation":
                raise CommandError(
                    "--region narrows --by organisation to one region's organisations", returncode=BAD_INPUT
                )
            if figures.region(region.strip()) is None:
                known = ", ".join(f"{r.code} ({r.name})" for r in figures.regions)
                raise CommandError(
                    f"No region {region.strip()[:20]!r} in {year}. The regions are: {known}", returncode=BAD_INPUT
                )
            region = region.strip()
        rows = report_rows(figures, options["by"], region)
        if options["format"] == "json":
            self.stdout.write(json.dumps({"year": year, "by": options["by"], "rows": rows}, indent=2))
        else:
            print_rows(self.stdout, REPORT_COLUMNS, rows, options["format"])
        if options["by"] != "nation" and figures.nation.organisations_missing:
            self.stderr.write(
                f"{figures.nation.organisations_missing} organisations without a return or census figure are left out of pooled figures."
            )
