"""The dashboard, a region page, `ratio_report --by organisation` and a returns import run the same
number of SQL queries for 3 organisations as for 30."""

import io
from collections.abc import Callable
from decimal import Decimal

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lksworkforce.core.models import AuditEvent
from lksworkforce.staffing import services
from lksworkforce.staffing.models import LksReturn, ReturnStatus
from lksworkforce.staffing.services import ImportOutcome
from tests.conftest import World
from tests.staffing.files import RETURN_HEADER, YEAR, csv_bytes, import_world, signed_in


def queries(run: Callable[[], None]) -> int:
    run()  # warm: sessions, content types and other per-process caches
    with CaptureQueriesContext(connection) as context:
        run()
    return len(context.captured_queries)


def surfaces(client: Client) -> dict[str, Callable[[], None]]:
    def page(path: str) -> Callable[[], None]:
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


def returns_file(codes: list[str], *, wte: str = "0.80") -> bytes:
    qualifications = ("chartered", "accredited_degree", "none")
    return csv_bytes(
        RETURN_HEADER,
        [
            [code, f"Post {j}", "librarian", str(4 + j), wte, qualifications[j], "", ""]
            for code in codes
            for j in range(3)
        ],
    )


def import_queries(codes: list[str], data: bytes, *, publish: bool = True) -> tuple[int, ImportOutcome]:
    with CaptureQueriesContext(connection) as context:
        outcome = services.lks_returns_import(data=data, filename="returns.csv", year=YEAR, actor=None, publish=publish)
    return len(context.captured_queries), outcome


def test_a_returns_import_runs_as_many_queries_for_30_organisations_as_for_3(world: World) -> None:
    import_world(33, year=YEAR - 1)  # the organisations, with a census and returns the year before
    few, many = [f"Q{i:02d}" for i in range(3)], [f"Q{i:02d}" for i in range(3, 33)]
    seen: dict[str, dict[int, int]] = {}
    for codes in (few, many):
        steps = [
            ("new", returns_file(codes), True),  # a new, published return for each
            ("unchanged", returns_file(codes), True),  # the same again: nothing to do
            ("changed", returns_file(codes, wte="1.00"), True),  # new versions supersede them
            ("draft", returns_file(codes, wte="0.50"), False),  # drafts of corrections
            ("drafts published", returns_file(codes, wte="0.60"), True),  # the drafts replaced and published
        ]
        for name, data, publish in steps:
            queries, outcome = import_queries(codes, data, publish=publish)
            seen.setdefault(name, {})[len(codes)] = queries
            loaded = (0, len(codes)) if name == "unchanged" else (len(codes), 0)
            assert (outcome.returns_created, outcome.returns_unchanged) == loaded, name

    assert {name: counts[3] for name, counts in seen.items()} == {name: counts[30] for name, counts in seen.items()}
    # And the batched writes did what one return at a time did: versions 1 (superseded), 2
    # (superseded), 3 (the draft, then published), each organisation's counted return the last.
    versions = LksReturn.objects.filter(year=YEAR, organisation__ods_code__in=few + many)
    assert set(versions.values_list("version", "status", "is_counted")) == {
        (1, ReturnStatus.SUPERSEDED, False),
        (2, ReturnStatus.SUPERSEDED, False),
        (3, ReturnStatus.PUBLISHED, True),
    }
    assert versions.filter(version=3, corrects__version=2, posts__wte=Decimal("0.60")).distinct().count() == 33
    # One audit event per return loaded, as audit_record writes it: four loads of these 33.
    events = AuditEvent.objects.filter(action="lks_return.imported", summary__contains=f" {YEAR}: ")
    assert events.count() == 4 * 33
    current = versions.get(organisation__ods_code="Q07", version=3)
    assert list(
        events.filter(object_id=str(current.pk)).order_by("id").values_list("object_type", "summary", "changes")
    ) == [
        ("staffing.lksreturn", f"Q07 {YEAR}: 3 posts", {"posts": 3, "published": False}),  # loaded as a draft
        ("staffing.lksreturn", f"Q07 {YEAR}: 3 posts", {"posts": 3, "published": True}),  # replaced and published
    ]
