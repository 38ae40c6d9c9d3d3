"""lksw person_erase EMAIL: remove or anonymise everything held about one person (right to erasure)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.accounts import selectors, services
from lksworkforce.core.cli import BAD_INPUT


class Command(BaseCommand):
    help = (
        "Erase one person: their account, roles, qualifications, self-assessments and plan are removed; "
        "returns they submitted or published are kept without them; audit events about them are removed "
        "and those by them kept without them. Published returns keep every post and figure. "
        "--dry-run lists what would be done; --yes does it, authorised --by another national team member. "
        "Exit status 2 (nothing changed) for an unknown email or a refused erasure."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the email address of the person to erase")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="list what would be erased; change nothing")
        mode.add_argument("--yes", action="store_true", help="erase: this cannot be undone")
        parser.add_argument("--by", metavar="EMAIL", help="the national team member who authorised the erasure")

    def handle(self, *args: Any, **options: Any) -> None:
        person = selectors.person_by_email(options["email"])
        if person is None:
            raise CommandError(f"Nobody has the email address {options['email']}", returncode=BAD_INPUT)
        dry_run = options["dry_run"]
        if not dry_run and not options["yes"]:
            raise CommandError(
                "Nothing was erased: give --dry-run to list what would be, or --yes (with --by) to erase.",
                returncode=BAD_INPUT,
            )
        actor = None
        if options["by"]:
            actor = selectors.person_by_email(options["by"])
            if actor is None:
                raise CommandError(f"Nobody has the email address {options['by']} (--by)", returncode=BAD_INPUT)
        try:
            outcome = services.person_erase(person=person, actor=actor, dry_run=dry_run)
        except services.ErasureRefused as refused:
            raise CommandError(f"{refused} Nothing was erased.", returncode=BAD_INPUT) from None
        for line in outcome.erased:
            self.stdout.write(str(line))
        if dry_run:
            self.stderr.write(f"Dry run: nothing was erased. With --yes, {person.email} would be erased as above.")
        else:
            self.stderr.write("Erased. The audit trail records that a person was erased, by whom and when.")
