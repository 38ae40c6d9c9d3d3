"""Shared behaviour of management commands: the exit-status contract (0 ok, 1 failure, 2 bad input)."""

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lksworkforce.core.exports import rows_as_csv
from lksworkforce.core.params import ParamError, parse_int
from lksworkforce.core.problems import Rejected
from lksworkforce.core.tabular import read_at_most

BAD_INPUT = 2


def year_argument(text: str) -> int:
    """An argparse `type` for a year written in ASCII digits (argparse exits 2 otherwise). Whether
    there can be figures for it is the command's to say, in the words its service uses."""
    try:
        return parse_int(text, minimum=-9999, maximum=9999, what="The year")
    except ParamError:
        raise argparse.ArgumentTypeError(f"Give the year in digits, like 2025, not {text[:12]!r}") from None


def read_input_file(path: Path, *, max_bytes: int | None = None) -> bytes:
    """The file's bytes; a file over `max_bytes` (default IMPORT_MAX_BYTES) is bad input and is
    refused without being read whole."""
    limit = max_bytes or settings.IMPORT_MAX_BYTES
    try:
        with path.open("rb") as file:
            return read_at_most(file, max_bytes=limit, size=os.fstat(file.fileno()).st_size or None)
    except Rejected as rejected:
        raise CommandError(f"{path}: {rejected.problems[0]}", returncode=BAD_INPUT) from None
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}", returncode=BAD_INPUT) from None
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}", returncode=BAD_INPUT) from None


def exit_rejected(command: BaseCommand, rejected: Rejected) -> NoReturn:
    """Print what was noted and every problem (not only the first PROBLEMS_SHOWN: the command
    line is for the national team's own scripts), then exit 2."""
    for note in rejected.notes:
        command.stderr.write(note)
    for problem in rejected.problems:
        command.stderr.write(str(problem))
    raise CommandError(str(rejected), returncode=BAD_INPUT)


def load_input_file[T](
    command: BaseCommand, path: Path, load: Callable[[bytes], T], *, max_bytes: int | None = None
) -> T:
    """What `load` makes of the file's bytes (it decodes, parses, checks and writes), read through
    `read_input_file`; bad input of any kind prints every problem and exits 2, nothing changed."""
    data = read_input_file(path, max_bytes=max_bytes)
    try:
        return load(data)
    except Rejected as rejected:
        exit_rejected(command, rejected)


def print_rows(out: Any, columns: Sequence[str], rows: list[dict[str, Any]], output_format: str) -> None:
    """Rows to stdout as CSV (exact columns) or an aligned table for people."""
    if output_format == "csv":
        out.write(rows_as_csv(columns, rows), ending="")
        return
    widths = [max([len(c), *(len(str(r.get(c, ""))) for r in rows)]) for c in columns]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        out.write("  ".join(str(row.get(c, "")).ljust(w) for c, w in zip(columns, widths, strict=True)))
