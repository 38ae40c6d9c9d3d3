"""lksw framework_load FILE: load a skills framework from YAML (docs/formats/skills-framework.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lksworkforce.core.cli import load_input_file
from lksworkforce.skills import selectors, services
from lksworkforce.skills.framework_file import FrameworkSpec, parse_framework
from lksworkforce.skills.models import Framework


class Command(BaseCommand):
    help = (
        "Load a skills framework from a YAML file, or load new wording over the framework with the same key. "
        "A file with any problem changes nothing; every problem is listed (exit status 2)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the framework file (.yaml)")

    def handle(self, *args: Any, **options: Any) -> None:
        spec, framework = load_input_file(self, options["file"], _load)
        self.stderr.write(
            f"Loaded {framework.key}: {len(spec.areas)} areas, {len(spec.sub_areas)} sub-areas, "
            f"{len(spec.scale)} scale levels, {len(spec.role_profiles)} role profiles."
        )


def _load(data: bytes) -> tuple[FrameworkSpec, Framework]:
    spec = parse_framework(data, previous_numbers=selectors.sub_area_numbers_of)
    return spec, services.framework_load(spec=spec)
