"""lksw prepare_demo: what `make run` does before serving, in one process (each start of Django costs
seconds): migrate, load the demo data if the database is empty, print the demo sign-ins."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, seed the demo data if the database is empty, and print the demo sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo", if_empty=True)
        call_command("demo_sign_ins")
