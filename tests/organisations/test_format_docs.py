"""The documented organisations format: the example file imports, and the doc names what the code accepts."""

import io
from pathlib import Path

from django.core.management import call_command

from lksworkforce.organisations.codes import OrganisationType
from lksworkforce.organisations.importers import ORGANISATIONS_SPEC
from lksworkforce.organisations.models import Organisation, Region, RegionMembership

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats"
EXAMPLE = DOCS / "examples" / "organisations.csv"


def test_the_example_file_imports(db: None) -> None:
    err = io.StringIO()
    call_command("import_organisations", str(EXAMPLE), "--year", "2025", stderr=err)
    assert Organisation.objects.count() == 5
    assert all("(synthetic)" in name for name in Organisation.objects.values_list("name", flat=True))
    assert RegionMembership.objects.filter(year=2025).count() == 4
    assert "5 organisations added, 0 updated, 0 unchanged; region set for 4." in err.getvalue()
    # And again: nothing changes.
    call_command("import_organisations", str(EXAMPLE), "--year", "2025", stderr=err)
    assert "0 organisations added, 0 updated, 5 unchanged" in err.getvalue()


def test_the_doc_lists_every_column_type_and_region(db: None) -> None:
    doc = (DOCS / "organisations.md").read_text()
    for column in ORGANISATIONS_SPEC.columns:
        assert f"| `{column}` |" in doc
    for kind in OrganisationType:
        assert f"| `{kind.value}` | {kind.label} |" in doc
    for region in Region.objects.current():
        assert f"| `{region.code}` | {region.name} |" in doc
