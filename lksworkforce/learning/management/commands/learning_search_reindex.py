"""lksw learning_search_reindex: index the whole published catalogue for search again (after writes
that send no signals, such as a bulk import or a fixture load)."""

from typing import Any

from django.core.management.base import BaseCommand

from lksworkforce.learning.search_index import rebuild


class Command(BaseCommand):
    help = "Index every published resource for search again."

    def handle(self, *args: Any, **options: Any) -> None:
        indexed = rebuild()
        self.stdout.write(f"Indexed {indexed:,} published resource{'s' if indexed != 1 else ''} for search.")
