"""The documented catalogue format: the example file imports and gives the documented summary, the
docs name every column the code reads, and the pure file module round-trips any resource."""

import dataclasses
import datetime
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.core.exports import escape_cell
from lksworkforce.core.tabular import SourceRow
from lksworkforce.learning.catalogue_file import (
    CATALOGUE_SPEC,
    COLUMNS,
    Known,
    ResourceSpec,
    export_row,
    parse_rows,
    unescape_cell,
)
from lksworkforce.learning.jsonld import iso_duration
from lksworkforce.learning.models import Resource, Topic
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus
from tests.learning.exchange_files import command
from tests.skills.factories import default_framework

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats"
EXAMPLE = DOCS / "examples" / "learning-catalogue.csv"


def test_the_example_file_imports_and_gives_the_documented_summary(db: None) -> None:
    default_framework()
    Topic.objects.create(slug="literature-searching", name="Literature searching")
    Topic.objects.create(slug="knowledge-mobilisation", name="Knowledge mobilisation")
    _out, err = command("import_catalogue", str(EXAMPLE))
    doc = (DOCS / "learning-catalogue.md").read_text()
    documented = doc.split("On success it prints a summary", 1)[1].split("```", 2)[1].strip()
    assert documented in err
    assert Resource.objects.count() == 4
    assert Resource.objects.published().count() == 3


def test_the_docs_list_every_column_kind_and_status() -> None:
    doc = (DOCS / "learning-catalogue.md").read_text()
    for column in CATALOGUE_SPEC.required:
        assert re.search(rf"^\| `{column}` \| yes \|", doc, re.M), column
    for column in CATALOGUE_SPEC.optional:
        assert re.search(rf"^\| `{column}` \| no \|", doc, re.M), column
    for vocabulary in (ResourceKind, ResourceStatus, Cost):
        for member in vocabulary:
            assert f"`{member.value}`" in doc, member
    assert "the header is row 1" in doc
    assert "Only the first sheet is read." in doc
    assert EXAMPLE.read_text().splitlines()[0] == ",".join(COLUMNS)


# The pure module: any resource written as cells reads back as itself ----------------------------

NUMBERS = ("1.1", "1.2", "3.8", "6.10")
KNOWN = Known(
    resource_versions={7: 3, 8: 1},
    sub_area_numbers=frozenset(NUMBERS),
    top_level=4,
    role_keys=frozenset({"librarian", "clinical-librarian"}),
    topic_slugs=frozenset({"lean-thinking", "costing"}),
    today=datetime.date(2026, 4, 1),
)
text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40).map(str.strip)
bands = st.sampled_from(AFC_BANDS)


@st.composite
def resources(draw: st.DrawFn) -> ResourceSpec:
    band_from, band_to = sorted(draw(st.lists(bands, min_size=2, max_size=2)), key=AFC_BANDS.index)
    any_band = draw(st.booleans())
    added = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2090, 1, 1)))
    resource_id = draw(st.sampled_from([None, 7, 8]))
    return ResourceSpec(
        row=2,
        id=resource_id,
        title=draw(text.filter(bool)),
        description=draw(text),
        kind=draw(st.sampled_from(ResourceKind)),
        provider=draw(text),
        url="https://example.invalid/" + draw(st.text("abc123-_/", max_size=20)),
        format=draw(text),
        length_minutes=draw(st.none() | st.integers(1, 100_000)),
        cost=draw(st.sampled_from(Cost)),
        cost_note=draw(text),
        band_from="" if any_band else band_from,
        band_to="" if any_band else band_to,
        roles=tuple(draw(st.lists(st.sampled_from(sorted(KNOWN.role_keys or ())), unique=True))),
        teaches=tuple(
            (number, draw(st.none() | st.integers(1, 4)))
            for number in draw(st.lists(st.sampled_from(NUMBERS), unique=True))
        ),
        topics=tuple(draw(st.lists(st.sampled_from(sorted(KNOWN.topic_slugs)), unique=True))),
        licence=draw(text),
        added_on=added,
        review_due_on=draw(st.none() | st.dates(added, datetime.date(2099, 1, 1))),
        status=draw(st.sampled_from(ResourceStatus)),
        edit_version=None if resource_id is None else KNOWN.resource_versions[resource_id],
    )


SAMPLE = ResourceSpec(
    row=2,
    id=None,
    title="A sample",
    description="",
    kind=ResourceKind.VIDEO,
    provider="",
    url="https://example.invalid/",
    format="",
    length_minutes=None,
    cost=Cost.FREE,
    cost_note="",
    band_from="",
    band_to="",
    roles=(),
    teaches=(),
    topics=(),
    licence="",
    added_on=datetime.date(2026, 1, 1),
    review_due_on=None,
    status=ResourceStatus.DRAFT,
)


def _as_read(cells: dict[str, str | int | None]) -> dict[str, str]:
    """What a spreadsheet hands back: the exported (escaped) text, stripped, blank for none."""
    return {k: "" if v is None else str(escape_cell(v) if isinstance(v, str) else v).strip() for k, v in cells.items()}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(resources())
def test_any_resource_written_as_cells_reads_back_as_itself(spec: ResourceSpec) -> None:
    (read,) = parse_rows([SourceRow(number=2, values=_as_read(export_row(spec)))], KNOWN)
    assert read == spec
    assert read.same_content(spec)


@given(st.text(max_size=30))
def test_unescaping_undoes_the_exports_formula_escape(value: str) -> None:
    cells = export_row(dataclasses.replace(SAMPLE, title=value))
    assert unescape_cell(str(escape_cell(cells["title"]))) == value


@given(st.integers(0, 100_000))
def test_an_iso_duration_says_the_same_minutes(minutes: int) -> None:
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?", iso_duration(minutes))
    assert match is not None
    hours, rest = (int(part) if part else 0 for part in match.groups())
    assert hours * 60 + rest == minutes
    assert rest < 60
