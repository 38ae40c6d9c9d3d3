"""lksw programme_cascade [--region CODE] --format table|csv|json: facilitator capacity against
demand by region, this year, as the cascade page and its CSV show it (the operator sees every region)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lksworkforce.accounts.viewers import SystemViewer
from lksworkforce.core.cli import BAD_INPUT, print_rows
from lksworkforce.programmes.presenters.facilitators import cascade_export, cascade_rows
from lksworkforce.programmes.selectors.facilitators import cascade_of, region_by_code


class Command(BaseCommand):
    help = (
        "Facilitator capacity against demand by region, this year: facilitators trained and active, sessions "
        "run, people reached, capacity (sessions a year of the active facilitators), capacity used, places "
        "(8 a session), demand (this year's applications from the region; fewer than the suppression "
        "threshold is not shown) and whether to train more. The columns are the cascade page's CSV."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="one region, by its code (for example Y62)")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        region_id = None
        if options["region"] is not None:
            region = region_by_code(options["region"][:10])
            if region is None:
                raise CommandError(f"No current region {options['region'][:10]!r}", returncode=BAD_INPUT)
            region_id = region.pk
        rows = cascade_rows(cascade_of(SystemViewer(), timezone.localdate(), region_id=region_id))
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2))
            return
        columns, table = cascade_export(rows)
        print_rows(self.stdout, columns, table, options["format"])
