"""The documented survey formats: the example files load and import, they give the documented report,
and the docs name every field and type the code accepts."""

import io
import re

from django.core.management import call_command

from lksworkforce.surveys.definition import OPTION_FIELDS, QUESTION_FIELDS, SECTION_FIELDS, SURVEY_FIELDS
from lksworkforce.surveys.importers import MAPPING_FIELDS
from lksworkforce.surveys.models import Answer, Response
from lksworkforce.surveys.questions import RESPONSE_ID_COLUMN, SUBMITTED_ON_COLUMN, Demographic, QuestionKind
from tests.surveys.factories import DOCS, EXAMPLES

DEFINITION = (DOCS / "survey-definition.md").read_text()
RESPONSES = (DOCS / "survey-responses.md").read_text()
MAPPING = (DOCS / "survey-mapping.md").read_text()


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_examples_import_and_give_the_documented_report(db: None) -> None:
    run("survey_load", str(EXAMPLES / "survey-dns-2017.yaml"))
    run("survey_load", str(EXAMPLES / "survey-dns-2019.yaml"))
    data, mapping = EXAMPLES / "survey-responses-dns-2019.csv", EXAMPLES / "survey-mapping-dns-2019.yaml"
    _out, err = run("survey_import", "dns-2019", str(data), "--mapping", str(mapping))
    assert "dns-2019: 12 rows read; 12 responses imported, 0 already imported." in err
    assert "Left out as the mapping says: email, name, start_time." in err
    out, _err = run("survey_report", "dns-2019", "--question", "development_needs", "--top", "5", "--format", "csv")
    documented = RESPONSES.split("## What the example gives", 1)[1].split("```", 4)[3].strip()
    assert out.strip() == documented
    # The tool's timings, names and email column are nowhere; dates only.
    assert not Answer.objects.filter(text__icontains="anonymous").exists()
    assert sorted({str(d) for d in Response.objects.values_list("submitted_on", flat=True)})[:2] == [
        "2019-04-02",
        "2019-04-03",
    ]
    # Again: nothing new, as documented.
    _out, err = run("survey_import", "dns-2019", str(data), "--mapping", str(mapping))
    assert "dns-2019: 12 rows read; 0 responses imported, 12 already imported." in err
    assert "dns-2019: 12 rows read; 0 responses imported, 12 already imported." in RESPONSES


def test_the_definition_doc_lists_every_field_and_type() -> None:
    for field in (*SURVEY_FIELDS, *SECTION_FIELDS, *QUESTION_FIELDS, *OPTION_FIELDS):
        assert re.search(rf"^\| `{field}` \| ", DEFINITION, re.M), field
    for kind in QuestionKind:
        assert re.search(rf"^\| `{kind.value}` \| ", DEFINITION, re.M), kind
    for demographic in Demographic:
        assert f"`{demographic.value}`" in DEFINITION
    for text in (
        "lksw survey_load FILE",
        "lksw survey_export KEY",
        "exits with status **2**",
        "lksw survey_invitations",
    ):
        assert text in DEFINITION


def test_the_response_and_mapping_docs_list_every_column_and_field() -> None:
    for column in (RESPONSE_ID_COLUMN, SUBMITTED_ON_COLUMN):
        assert re.search(rf"^\| `{column}` \| no \|", RESPONSES, re.M), column
    for kind in QuestionKind:
        assert re.search(rf"^\| `{kind.value}` \| ", RESPONSES, re.M), kind
    for field in MAPPING_FIELDS:
        assert re.search(rf"^\| `{field}` \| no \|", MAPPING, re.M), field
    for doc in (RESPONSES, MAPPING):
        assert "exits with status **2**" in doc
    assert "Only the first sheet is read." in RESPONSES
    assert "the header is row 1" in RESPONSES
