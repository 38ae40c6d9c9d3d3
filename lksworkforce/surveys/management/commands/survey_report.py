"""lksw survey_report SURVEY_KEY --question KEY [--top N] [--by GROUP] [--compare OTHER] --format table|csv|json."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lksworkforce.core.cli import BAD_INPUT, print_rows
from lksworkforce.core.params import ParamError, parse_int
from lksworkforce.surveys import presenters, selectors
from lksworkforce.surveys.questions import TOP_DEFAULT, TOP_MOST, Breakdown


def _top(text: str) -> int:
    try:
        return parse_int(text, minimum=1, maximum=TOP_MOST, default=TOP_DEFAULT, what="--top")
    except ParamError as problem:
        raise CommandError(f"{problem}, not {text[:40]!r}", returncode=BAD_INPUT) from None


class Command(BaseCommand):
    help = (
        "A needs question's options ranked by the respondents choosing them, with the percentage of those who "
        "answered and a 95%% Wilson interval; ties share a rank. --by breaks it down (groups under the "
        "suppression threshold are shown as 'fewer than 5'); --compare adds the previous rank and percentage "
        "from another cycle. The same figures as the results page, its exports and the API."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("survey_key", help="the survey's key, e.g. dns-2019")
        parser.add_argument("--question", required=True, help="the question's key, e.g. development_needs")
        parser.add_argument("--top", default="10", help="how many ranks to show (default 10; ties can add rows)")
        parser.add_argument("--by", choices=[b.value for b in Breakdown], help="break down by this group")
        parser.add_argument("--compare", metavar="OTHER_SURVEY_KEY", help="compare with this survey (e.g. dns-2017)")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        top = _top(options["top"])
        survey = selectors.survey_by_key(options["survey_key"])
        if survey is None:
            raise CommandError(f"No survey with key {options['survey_key']}", returncode=BAD_INPUT)
        other = None
        if options["compare"]:
            other = selectors.survey_by_key(options["compare"])
            if other is None:
                raise CommandError(f"No survey with key {options['compare']} to compare with", returncode=BAD_INPUT)
        by = Breakdown(options["by"]) if options["by"] else None
        try:
            report = selectors.ranking_report(survey, options["question"], top=top, compare_with=other, compare=False)
        except selectors.NotRankableError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        if by is not None and by not in report.current.breakdowns:
            raise CommandError(
                f"{survey.title} asks no {by.demographic.value} question to break down by", returncode=BAD_INPUT
            )
        compared = other is not None
        if options["format"] == "json":
            document = presenters.ranking_document(report, by, compared=compared)
            self.stdout.write(json.dumps(document, indent=2))
            return
        columns = presenters.COMPARE_COLUMNS if compared else presenters.RANKING_COLUMNS
        print_rows(self.stdout, columns, presenters.ranking_rows(report, by, compared=compared), options["format"])
        if compared:
            if note := presenters.comparison_note(report):
                self.stderr.write(note)
            dropped = presenters.dropped_rows(report, by)
            if dropped:
                self.stderr.write(f"Dropped out of the top {top} since {other.title if other else ''}:")
                for row in dropped:
                    now = f"now ranked {row['rank']}, {row['percent']}%" if row["rank"] else "not chosen now"
                    self.stderr.write(
                        f"  {row['group']}: {row['option']} (was {row['previous_rank']}, {row['previous_percent']}%; {now})"
                    )
