"""The documented census and return formats: the example files import, and the docs name what the
code accepts."""

import io
import re
from pathlib import Path

from django.core.management import call_command

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.staffing.importers import CENSUS_SPEC, RETURN_SPEC
from lksworkforce.staffing.models import LksReturn, WorkforceCensus
from lksworkforce.staffing.posts import PostQualification

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats"
CENSUS_EXAMPLE = DOCS / "examples" / "workforce-census.csv"
RETURN_EXAMPLE = DOCS / "examples" / "lks-return.csv"


def run(name: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_example_files_import_and_give_the_documented_report(db: None) -> None:
    _out, err = run("import_workforce", str(CENSUS_EXAMPLE), "--year", "2025")
    assert "Census 2025: 6 organisations; 6 new organisations, 0 new regions." in err
    _out, err = run("import_lks_return", str(RETURN_EXAMPLE), "--year", "2025")
    assert "Returns 2025: 6 posts; 3 returns loaded, 0 unchanged." in err
    assert WorkforceCensus.objects.filter(year=2025).count() == 6
    assert LksReturn.objects.counted().filter(year=2025).count() == 3

    out, _err = run("ratio_report", "--year", "2025", "--by", "organisation", "--format", "csv")
    doc = (DOCS / "lks-return.md").read_text()
    documented = doc.split("## What the example gives", 1)[1].split("```", 2)[1].strip()
    assert out.strip() == documented

    # Again: nothing changes.
    _out, err = run("import_lks_return", str(RETURN_EXAMPLE), "--year", "2025")
    assert "0 returns loaded, 3 unchanged." in err


def test_the_docs_list_every_column_band_and_qualification(db: None) -> None:
    census = (DOCS / "workforce-census.md").read_text()
    returns = (DOCS / "lks-return.md").read_text()
    for doc, spec in ((census, CENSUS_SPEC), (returns, RETURN_SPEC)):
        for column in spec.required:
            assert re.search(rf"^\| `{column}` \| yes", doc, re.M), column
        for column in spec.optional:
            assert re.search(rf"^\| `{column}` \| no \|", doc, re.M), column
    for band in AFC_BANDS:
        assert f"`{band}`" in returns
    for qualification in PostQualification:
        counts = "**yes**" if qualification.counts_as_qualified else "no"
        assert re.search(rf"^\| `{qualification.value}` \| .* \| {re.escape(counts)} \|$", returns, re.M), qualification
    for doc in (census, returns):
        assert "--year" in doc
        assert "the header is row 1" in doc
        assert "Only the first sheet is read." in doc
        assert "exits with status **2**" in doc
    assert "--draft" in returns
