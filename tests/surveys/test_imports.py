"""`lksw survey_import`: a survey tool's export loads whole or not at all, every problem is listed with
its row and column, a mapping file renames, ignores and translates, and re-imports add nothing."""

import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from lksworkforce.core.models import AuditEvent
from lksworkforce.surveys.models import Answer, Response, ResponseSource, ResponseStatus
from lksworkforce.surveys.services import responses_import
from tests.surveys.factories import csv_bytes, load_survey, xlsx_bytes

HEADER = ["band", "role", "region", "needs", "priorities", "framework_use", "cpd_hours", "other_needs"]
ROWS = [
    ["6", "librarian", "north", "searching;appraisal", "searching_area;teaching_area", "agree", "40", "Using AI tools"],
    ["Band 3", "Library assistant", "South", "Literature searching; technology", "", "Disagree", "", ""],
    ["8a", "manager", "north", "impact;leadership;searching", "leading_area", "3", "12.5", ""],
]


def write(tmp_path: Path, data: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def import_command(tmp_path: Path, data: bytes, name: str = "responses.csv", *args: str) -> str:
    err = io.StringIO()
    call_command("survey_import", "test-survey", write(tmp_path, data, name), *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def reject(tmp_path: Path, data: bytes, name: str = "responses.csv", *args: str) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "survey_import", "test-survey", write(tmp_path, data, name), *args, stdout=io.StringIO(), stderr=err
        )
    assert raised.value.returncode == 2
    assert "Nothing was changed" in str(raised.value)
    return err.getvalue()


def stored() -> list[dict[str, list[str] | str]]:
    """Each response's answers as question key -> options (in rank order), number or text."""
    responses = []
    for response in Response.objects.order_by("id"):
        answers: dict[str, list[str] | str] = {}
        for a in (
            Answer.objects.filter(response=response)
            .select_related("question", "option")
            .order_by("question__key", "rank", "option__key")
        ):
            if a.option is not None:
                answers.setdefault(a.question.key, []).append(a.option.key)  # type: ignore[union-attr]
            elif a.number is not None:
                answers[a.question.key] = str(a.number)
            else:
                answers[a.question.key] = a.text
        responses.append(answers)
    return responses


def test_a_good_file_imports_with_labels_keys_and_scores(db: None, tmp_path: Path) -> None:
    load_survey()
    err = import_command(tmp_path, csv_bytes(HEADER, ROWS))
    assert "test-survey: 3 rows read; 3 responses imported, 0 already imported." in err
    assert "Not in the file, so left unanswered: organisation_type." in err
    assert stored() == [
        {
            "band": ["6"], "role": ["librarian"], "region": ["north"], "needs": ["appraisal", "searching"],
            "priorities": ["searching_area", "teaching_area"], "framework_use": ["agree"], "cpd_hours": "40.00",
            "other_needs": "Using AI tools",
        },
        {"band": ["3"], "role": ["assistant"], "region": ["south"], "needs": ["searching", "technology"], "framework_use": ["disagree"]},
        {
            "band": ["8a"], "role": ["manager"], "region": ["north"], "needs": ["impact", "leadership", "searching"],
            "priorities": ["leading_area"], "framework_use": ["agree"], "cpd_hours": "12.50",
        },
    ]  # fmt: skip
    # Rankings keep their order.
    ranks = list(
        Answer.objects.filter(question__key="priorities", response=Response.objects.order_by("id").first())
        .order_by("rank")
        .values_list("option__key", "rank")
    )
    assert ranks == [("searching_area", 1), ("teaching_area", 2)]
    # Demographic answers are copied to the response for breakdowns; all submitted, dated today at most.
    first = Response.objects.order_by("id").first()
    assert first is not None
    assert first.band is not None
    assert first.role is not None
    assert first.region is not None
    assert (first.band.key, first.role.key, first.region.key, first.organisation_type) == (
        "6",
        "librarian",
        "north",
        None,
    )
    assert set(Response.objects.values_list("status", "source")) == {(ResponseStatus.SUBMITTED, ResponseSource.IMPORT)}
    assert AuditEvent.objects.filter(action="survey.responses_imported").count() == 1
    # Exactly one row of each answer is marked first: counting them counts who answered.
    answers = set(Answer.objects.values_list("response_id", "question_id"))
    assert Answer.objects.filter(is_first=True).count() == len(answers) == 8 + 5 + 7


def test_re_importing_the_same_file_adds_nothing_and_a_longer_export_adds_only_new_rows(
    db: None, tmp_path: Path
) -> None:
    load_survey()
    import_command(tmp_path, csv_bytes(HEADER, ROWS))
    err = import_command(tmp_path, csv_bytes(HEADER, ROWS))
    assert "3 rows read; 0 responses imported, 3 already imported." in err
    # A later export of the same survey: the same three rows and two new ones, one identical to
    # an earlier row (two people can give the same answers: they are counted as two).
    later = [*ROWS, ["4", "assistant", "south", "marketing", "", "", "", ""], ROWS[0]]
    err = import_command(tmp_path, csv_bytes(HEADER, later))
    assert "5 rows read; 2 responses imported, 3 already imported." in err
    assert Response.objects.count() == 5
    assert Counter(r.get("band", [""])[0] for r in stored()) == {"6": 2, "3": 1, "8a": 1, "4": 1}


def test_re_imports_recognise_the_tools_response_ids_without_storing_them(db: None, tmp_path: Path) -> None:
    load_survey()
    header = ["response_id", *HEADER]
    rows = [[f"R-{n}", *row] for n, row in enumerate(ROWS)]
    import_command(tmp_path, csv_bytes(header, rows))
    # The tool lets a respondent edit their answer: same ID, new answers -> already imported.
    edited = [[rows[0][0], "8a", *rows[0][2:]], *rows[1:], ["R-9", *ROWS[1]]]
    err = import_command(tmp_path, csv_bytes(header, edited))
    assert "4 rows read; 1 responses imported, 3 already imported." in err
    fingerprints = "".join(Response.objects.values_list("import_fingerprint", flat=True))
    assert "R-0" not in fingerprints
    assert not any("R-0" in str(value) for value in Answer.objects.values_list("text", flat=True))


def test_xlsx_with_numbers_as_numbers(db: None, tmp_path: Path) -> None:
    load_survey()
    rows: list[list[object]] = [
        [6, "librarian", "north", "searching", "", "agree", 40, ""],
        ["8a", "manager", "south", "impact", "", "", 2.5, ""],
    ]
    err = import_command(tmp_path, xlsx_bytes(HEADER, rows), "responses.xlsx")
    assert "2 responses imported" in err
    assert [r["band"] for r in stored()] == [["6"], ["8a"]]
    assert [r["cpd_hours"] for r in stored()] == ["40.00", "2.50"]


def test_every_bad_value_is_reported_with_its_row_and_column_and_nothing_changes(db: None, tmp_path: Path) -> None:
    load_survey()
    bad = [
        ["6", "librarian", "north", "searching;knitting", "", "", "", ""],  # row 2: an option not in the question
        ["Band 12", "librarian", "north", "searching", "", "", "", ""],  # row 3: not an option
        ["6", "librarian", "north", "searching", "searching_area;searching_area", "", "", ""],  # row 4: ranked twice
        ["6", "librarian", "north", "searching", "searching_area;leading_area;teaching_area", "", "", ""],  # row 5
        ["6", "librarian", "north", "searching", "", "very", "", ""],  # row 6: not a scale point
        ["6", "librarian", "north", "searching", "", "", "lots", ""],  # row 7: wrong type
        ["6", "librarian", "north", "searching", "", "", "-1", ""],  # row 8: out of range
        ["6", "librarian", "north", "searching", "", "", "", "x" * 501],  # row 9: too long
        ["", "", "", "", "", "", "", ""],  # blank: skipped, keeps its number
        ["6", "librarian", "north", "searching", "", "", "1.234", ""],  # row 11: too precise
    ]
    err = reject(tmp_path, csv_bytes(HEADER, bad))
    expected = [
        "Row 2, column needs, value 'searching;knitting': 'knitting' is not an option of question needs. Use one of: searching, appraisal, impact, technology, marketing, leadership (or their labels)",
        "Row 3, column band, value 'Band 12': 'Band 12' is not an option of question band.",
        "Row 4, column priorities, value 'searching_area;searching_area': Each option can be ranked once: 'Searching' is given more than once",
        "Row 5, column priorities, value 'searching_area;leading_area;teaching_area': Rank at most 2 options (3 were given)",
        "Row 6, column framework_use, value 'very': 'very' is not an option of question framework_use.",
        "Row 7, column cpd_hours, value 'lots': The answer must be a number, like 12 or 2.5",
        "Row 8, column cpd_hours, value '-1': The answer must be from 0 to 1,000",
        "Row 9, column other_needs, value '" + "x" * 59 + "…': The answer must be 500 characters or fewer",
        "Row 11, column cpd_hours, value '1.234': The answer can have at most 2 decimal places",
    ]
    for line in expected:
        assert line in err, f"{line!r} not in\n{err}"
    assert "Row 10" not in err
    assert Response.objects.count() == 0
    assert not AuditEvent.objects.filter(action="survey.responses_imported").exists()


def test_unknown_columns_are_errors_unless_mapped_or_ignored(db: None, tmp_path: Path) -> None:
    load_survey()
    header = ["Respondent ID", "Email address", "Your band", *HEADER[1:]]
    rows = [["17", "someone@example.nhs.uk", "6", *ROWS[0][1:]], ["18", "", "Band 3", *ROWS[1][1:]]]
    err = reject(tmp_path, csv_bytes(header, rows))
    assert "Column respondent_id, value 'Respondent ID': Unknown column." in err
    assert "Column email_address, value 'Email address': Unknown column." in err
    assert "Name the question it answers in a mapping file, or list it there under ignore." in err

    mapping = b"""survey: test-survey
columns:
  Respondent ID: response_id
  Your band: band
ignore:
  - Email address
"""
    mapping_path = write(tmp_path, mapping, "mapping.yaml")
    err = import_command(tmp_path, csv_bytes(header, rows), "responses.csv", "--mapping", mapping_path)
    assert "2 responses imported" in err
    assert "Left out as the mapping says: email_address." in err
    assert [r["band"] for r in stored()] == [["6"], ["3"]]
    assert not Answer.objects.filter(text__contains="example.nhs.uk").exists()


def test_a_mapping_translates_a_tools_wording_and_separator(db: None, tmp_path: Path) -> None:
    load_survey()
    mapping = write(
        tmp_path,
        b"""columns:
  What do you want to develop?: needs
separator: "|"
values:
  needs:
    Searching the literature: searching
    AI and new tech: technology
""",
        "mapping.yml",
    )
    data = csv_bytes(
        ["band", "What do you want to develop?"], [["6", "Searching the literature|AI and new tech|Leadership"]]
    )
    import_command(tmp_path, data, "responses.csv", "--mapping", mapping)
    assert stored() == [{"band": ["6"], "needs": ["leadership", "searching", "technology"]}]


def test_a_bad_mapping_is_rejected_with_its_lines(db: None, tmp_path: Path) -> None:
    load_survey()
    mapping = write(
        tmp_path,
        b"""survey: another-survey
columns:
  Band: band
  Grade: band
  Colour: favourite_colour
separator: ab
values:
  needs:
    Searching: searchin
  colour:
    Blue: blue
""",
        "mapping.yaml",
    )
    err = reject(tmp_path, csv_bytes(HEADER, ROWS), "responses.csv", "--mapping", mapping)
    for line in [
        "Line 1, survey, value 'another-survey': This mapping is for survey another-survey, not test-survey",
        "Line 4, columns.Grade, value 'band': Another column is already mapped to band (line 3)",
        "Line 5, columns.Colour, value 'favourite_colour': Not a question of survey test-survey.",
        "Line 6, separator, value 'ab': The separator is one character",
        "Line 9, values.needs.Searching, value 'searchin': Not an option of question needs.",
        "Line 11, values.colour, value 'colour': Not a question of this survey",
    ]:
        assert line in err, f"{line!r} not in\n{err}"


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "responses.csv", "The file is empty"),
        (b"band,needs\r\n", "responses.csv", "The file has no data rows."),
        (b"response_id\r\nR1\r\n", "responses.csv", "The file has none of the survey's questions as a column"),
        (b"band,needs\r\n6,searching\r\n", "responses.txt", "This type of file is not accepted"),
        (b"band,needs,band\r\n6,searching,6\r\n", "responses.csv", "The column appears more than once"),
    ],
)
def test_files_that_cannot_be_imported_say_why(db: None, tmp_path: Path, data: bytes, name: str, reason: str) -> None:
    load_survey()
    assert reason in reject(tmp_path, data, name)


def test_a_row_with_no_answers_is_an_error(db: None, tmp_path: Path) -> None:
    load_survey()
    err = reject(tmp_path, csv_bytes(["response_id", "band"], [["R1", ""], ["R2", "6"]]))
    assert "Row 2: The row answers none of the survey's questions" in err


def test_the_same_response_id_twice_in_a_file_is_an_error(db: None, tmp_path: Path) -> None:
    load_survey()
    err = reject(tmp_path, csv_bytes(["response_id", "band"], [["R1", "6"], ["R1", "3"]]))
    assert "Row 3, column response_id, value 'R1': The same response ID is on row 2" in err


def test_submitted_dates_keep_only_the_date(db: None, tmp_path: Path) -> None:
    load_survey()
    data = csv_bytes(["submitted_on", "band"], [["2025-05-01 14:32:10", "6"], ["02/05/2025", "3"], ["yesterday", "4"]])
    err = reject(tmp_path, data)
    assert "Row 4, column submitted_on, value 'yesterday': Not a date." in err
    import_command(tmp_path, csv_bytes(["submitted_on", "band"], [["2025-05-01 14:32:10", "6"], ["02/05/2025", "3"]]))
    assert sorted(str(d) for d in Response.objects.values_list("submitted_on", flat=True)) == [
        "2025-05-01",
        "2025-05-02",
    ]


def test_an_unknown_survey_exits_2(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("survey_import", "nope", write(tmp_path, b"band\r\n6\r\n", "r.csv"), stderr=io.StringIO())
    assert raised.value.returncode == 2


def test_the_service_reads_the_web_size_limit(db: None, settings: Settings) -> None:
    survey = load_survey()
    settings.IMPORT_MAX_BYTES = 100
    from lksworkforce.core.problems import Rejected

    with pytest.raises(Rejected) as raised:
        responses_import(survey=survey, data=csv_bytes(HEADER, ROWS * 5), filename="r.csv", actor=None)
    assert "larger than the limit" in raised.value.problems[0].reason
