"""lksw skills_report --by nation|region|organisation [--code X] --format table|csv|json."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, print_rows
from lksworkforce.skills import aggregates, presenters, selectors


class Command(BaseCommand):
    help = (
        "Self-assessment roll-up (people rating, mean current and target level, % with a gap) by area or "
        "sub-area, for England, each region or each organisation, with small groups suppressed as on the pages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--by", choices=["nation", "region", "organisation"], default="nation")
        parser.add_argument(
            "--code",
            default="",
            help="narrow the scope: a region code (e.g. Y56) with --by region or organisation, "
            "or an ODS code with --by organisation",
        )
        parser.add_argument("--level", choices=["area", "sub_area"], default="area")
        parser.add_argument("--framework", help="the framework's key (default: the current framework)")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["framework"]
        framework = selectors.framework_by_key(key) if key else selectors.current_framework()
        if framework is None:
            raise CommandError(f"No framework {key or 'has been loaded'}", returncode=BAD_INPUT)
        by, code = options["by"], options["code"].strip()
        scope = self._scope(by, code)
        data = aggregates.rollup_data(framework, scope, options["level"])
        # One region broken down by region is that region's total: its rows once, not twice.
        across = "all" if by == "nation" or (by == "region" and code) else by
        labelled = aggregates.breakdown_by(data, across)
        rows = presenters.rollup_rows(data, labelled, groups=across != "all")
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "framework": framework.key,
                        "by": by,
                        "code": code,
                        "level": options["level"],
                        "threshold": data.threshold,
                        "figures_as_of": data.published_at.isoformat() if data.published_at else None,
                        "rows": rows,
                    },
                    indent=2,
                )
            )
        else:
            print_rows(self.stdout, presenters.ROLLUP_COLUMNS, rows, options["format"])
        self.stderr.write(presenters.published_note(data))
        self.stderr.write(f"Groups of fewer than {data.threshold} people are shown as 'fewer than {data.threshold}'.")

    def _scope(self, by: str, code: str) -> aggregates.Scope:
        if not code:
            return aggregates.nation_scope()
        if by == "nation":
            raise CommandError(
                "--code narrows a region or organisation report; --by nation has none", returncode=BAD_INPUT
            )
        found = aggregates.find_scope("region", code) or (
            aggregates.find_scope("organisation", code) if by == "organisation" else None
        )
        if found is None:
            what = "region or organisation" if by == "organisation" else "region"
            raise CommandError(f"No {what} with the code {code}", returncode=BAD_INPUT)
        return found[0]
