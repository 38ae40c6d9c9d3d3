"""The dashboard, a region page and `ratio_report --by organisation` run the same number of SQL
queries for 3 organisations as for 30."""

import io

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import World
from tests.staffing.files import YEAR, import_world, signed_in


def queries(run) -> int:
    run()  # warm: sessions, content types and other per-process caches
    with CaptureQueriesContext(connection) as context:
        run()
    return len(context.captured_queries)


def surfaces(client: Client) -> dict[str, object]:
    def page(path: str):
        def get() -> None:
            response = client.get(path)
            assert response.status_code == 200

        return get

    def report() -> None:
        out = io.StringIO()
        call_command(
            "ratio_report",
            "--year",
            str(YEAR),
            "--by",
            "organisation",
            "--format",
            "csv",
            stdout=out,
            stderr=io.StringIO(),
        )
        assert out.getvalue().count("\n") > 1

    return {
        "dashboard": page(f"/staffing/?year={YEAR}"),
        "region": page(f"/staffing/regions/Y56/?year={YEAR}"),
        "organisation-export": page(f"/staffing/?year={YEAR}&format=csv&table=organisations"),
        "ratio_report": report,
    }


def test_query_counts_do_not_grow_with_the_number_of_organisations(world: World) -> None:
    client = signed_in(world.national)
    for year in (YEAR - 1, YEAR):  # a trend of two years
        import_world(3, year=year)
    small = {name: queries(run) for name, run in surfaces(client).items()}

    for year in (YEAR - 1, YEAR):
        import_world(30, year=year)
    large = {name: queries(run) for name, run in surfaces(client).items()}

    assert large == small
    out = io.StringIO()
    call_command("ratio_report", "--year", str(YEAR), "--by", "organisation", "--format", "csv", stdout=out)
    assert len(out.getvalue().splitlines()) == 1 + 30 + 3  # the header, the 30 and the world's 3
