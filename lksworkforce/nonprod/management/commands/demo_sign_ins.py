"""`lksw demo_sign_ins`: the demo accounts, one per role, and how to sign in as each."""

import json
from argparse import ArgumentParser
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand

from lksworkforce.core.exports import rows_as_csv
from lksworkforce.nonprod.selectors import demo_sign_ins

COLUMNS = {"role": "Role", "email": "Email", "password": "Password", "where": "Where"}


class Command(BaseCommand):
    help = "Print the demo accounts (synthetic data): role, email, password and where each works or leads."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--format", dest="output_format", choices=("table", "csv", "json"), default="table")

    def handle(self, *args: Any, output_format: str, **options: Any) -> None:
        sign_ins = demo_sign_ins()
        if not sign_ins:
            self.stderr.write("No demo accounts: run `lksw seed_demo` to load the synthetic demo data.")
            return
        rows = [asdict(sign_in) for sign_in in sign_ins]
        if output_format == "json":
            self.stdout.write(json.dumps(rows, indent=2))
        elif output_format == "csv":
            self.stdout.write(rows_as_csv(list(COLUMNS), rows), ending="")
        else:
            self.stderr.write("Demo sign-ins (synthetic demo data, never real people):")
            self.stdout.write(_table(rows))


def _table(rows: list[dict[str, str]]) -> str:
    widths = {key: max(len(heading), *(len(row[key]) for row in rows)) for key, heading in COLUMNS.items()}
    lines = ["  ".join(heading.ljust(widths[key]) for key, heading in COLUMNS.items()).rstrip()]
    lines.append("  ".join("-" * widths[key] for key in COLUMNS))
    lines += ["  ".join(row[key].ljust(widths[key]) for key in COLUMNS).rstrip() for row in rows]
    return "\n".join(lines)
