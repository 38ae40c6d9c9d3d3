"""Throwaway databases: a SQLite file in the run's temporary folder, or on PostgreSQL (when
DATABASE_URL says so) a database `lksw_bench_<pid>_<label>` created and dropped here."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.db import connection


@contextmanager
def throwaway_database(label: str, folder: Path) -> Iterator[None]:
    settings = connection.settings_dict
    original = settings["NAME"]
    connection.close()
    postgres = connection.vendor == "postgresql"
    name = f"lksw_bench_{os.getpid()}_{label}" if postgres else str(folder / f"{label}.sqlite3")
    if postgres:
        _run_outside_database(f'CREATE DATABASE "{name}"')
    settings["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        settings["NAME"] = original
        if postgres:
            _run_outside_database(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate() -> None:
    call_command("migrate", verbosity=0, interactive=False)


def _run_outside_database(sql: str) -> None:
    # The maintenance connection Django itself uses to create test databases.
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)
