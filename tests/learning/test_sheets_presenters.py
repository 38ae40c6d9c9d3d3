"""How a sheet's rows read: lengths, costs, numbering, and which columns curators see."""

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.learning.catalogue_rules import format_cost, format_length
from lksworkforce.learning.presenters.sheets import (
    SHEET_COLUMNS,
    SheetLine,
    columns_for,
    sheet_rows,
)


def _line(entry_id: int, status: str = "published") -> SheetLine:
    return SheetLine(
        entry_id=entry_id,
        position=entry_id * 10,
        resource_id=entry_id,
        title=f"Resource {entry_id}",
        url=f"https://example.invalid/{entry_id}",
        provider="",
        kind="webinar",
        length_minutes=90,
        cost="paid",
        cost_note="£40 for non-members",
        status=status,
        note="",
    )


def test_lengths_read_as_people_say_them() -> None:
    assert format_length(None) == ""
    assert format_length(0) == "0 minutes"
    assert format_length(1) == "1 minute"
    assert format_length(45) == "45 minutes"
    assert format_length(60) == "1 hour"
    assert format_length(90) == "1 hour 30 minutes"
    assert format_length(121) == "2 hours 1 minute"


@given(st.integers(min_value=0, max_value=10**7))
def test_a_length_names_its_hours_and_minutes(minutes: int) -> None:
    text = format_length(minutes)
    hours, rest = divmod(minutes, 60)
    if hours:
        assert text.startswith(f"{hours:,} hour")
    if rest or not hours:
        assert text.endswith(f"{rest} minute" + ("" if rest == 1 else "s"))


def test_costs_carry_the_note() -> None:
    assert format_cost("free", "") == "Free"
    assert format_cost("paid", "£40 for non-members") == "Paid: £40 for non-members"
    assert format_cost("paid", "   ") == "Paid"


@given(st.lists(st.sampled_from(["published", "draft", "retired"]), max_size=30))
def test_rows_are_numbered_from_one_in_the_order_given(statuses: list[str]) -> None:
    rows = sheet_rows([_line(i, s) for i, s in enumerate(statuses, start=1)], curator=True)
    assert [r["number"] for r in rows] == list(range(1, len(statuses) + 1))
    assert [r["entry_id"] for r in rows] == list(range(1, len(statuses) + 1))
    assert [r["published"] for r in rows] == [s == "published" for s in statuses]


def test_only_curators_see_the_status_column() -> None:
    assert columns_for(curator=False) == SHEET_COLUMNS
    assert [key for key, _h, _n in columns_for(curator=True)][-1] == "status"
    assert "status" not in sheet_rows([_line(1)], curator=False)[0]
    assert sheet_rows([_line(1, "retired")], curator=True)[0]["status"] == "Retired"
