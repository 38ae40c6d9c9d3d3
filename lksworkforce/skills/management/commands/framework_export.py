"""lksw framework_export KEY: write a skills framework as YAML to stdout (what framework_load reads)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT
from lksworkforce.skills import selectors
from lksworkforce.skills.framework_file import dump_framework


class Command(BaseCommand):
    help = "Write a skills framework (areas, sub-areas, scale, mappings, role profiles) as YAML to stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="the framework's key, e.g. lks-skills-2021")

    def handle(self, *args: Any, **options: Any) -> None:
        framework = selectors.framework_by_key(options["key"])
        if framework is None:
            known = ", ".join(f.key for f in selectors.frameworks()) or "none"
            raise CommandError(f"No framework '{options['key']}'. Loaded: {known}", returncode=BAD_INPUT)
        self.stdout.write(dump_framework(selectors.framework_spec(framework)), ending="")
