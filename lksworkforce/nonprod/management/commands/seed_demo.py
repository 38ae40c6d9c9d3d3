"""`lksw seed_demo`: load the deterministic, synthetic demo world."""

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lksworkforce.core.cli import BAD_INPUT
from lksworkforce.nonprod.services import DEFAULT_PASSWORD, DEFAULT_SEED, DemoSeedError, demo_seed, organisations_exist


class Command(BaseCommand):
    help = (
        "Load synthetic demo data: about 225 organisations in the 7 NHS England regions, about 1,000 LKS "
        "staff and a demo account for every role. The same seed always gives the same data. "
        "Refuses (exit 2) when the database already holds organisations, unless --if-empty or --reset."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Seed of the demo world (default {DEFAULT_SEED})"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing (exit 0) when any organisation already exists"
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First delete people with demo email addresses and the demo organisations, then seed again",
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="Password of the demo accounts (default: the published demo password; see demo_sign_ins)",
        )

    def handle(self, *args: Any, seed: int, if_empty: bool, reset: bool, password: str, **options: Any) -> None:
        if if_empty and reset:
            raise CommandError("Choose --if-empty or --reset, not both.", returncode=BAD_INPUT)
        if if_empty and organisations_exist():
            self.stderr.write("Organisations already exist: demo data not loaded (--if-empty).")
            return
        started = time.perf_counter()
        try:
            outcome = demo_seed(seed=seed, password=password, reset=reset)
        except DemoSeedError as refused:
            raise CommandError(str(refused), returncode=BAD_INPUT) from None
        for line in outcome.summary_lines():
            self.stderr.write(line)
        self.stderr.write(f"Done in {time.perf_counter() - started:.1f} s.")
