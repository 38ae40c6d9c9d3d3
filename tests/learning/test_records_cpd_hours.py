"""The CPD hours module (pure): a year's total, by sub-area and by month, against 20 hours."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lksworkforce.learning.cpd_hours import NO_SUB_AREA, Learning, cpd_summary, hours, minutes_by_year
from lksworkforce.learning.vocabulary import CPD_HOURS_EXPECTED

SUB_AREAS = [(1, "1.1 Literature searching"), (2, "1.2 Critical appraisal"), (3, "2.1 Health literacy")]
learning_items = st.builds(
    Learning,
    done_on=st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)),
    minutes=st.integers(min_value=1, max_value=6000),
    sub_areas=st.lists(st.sampled_from(SUB_AREAS), max_size=3, unique=True).map(tuple),
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(learning_items, max_size=20), st.integers(min_value=2023, max_value=2026))
def test_the_total_is_the_years_records_and_the_months_add_up_to_it(items: list[Learning], year: int) -> None:
    summary = cpd_summary(items, year)
    in_year = [i for i in items if i.done_on.year == year]
    assert summary.minutes == sum(i.minutes for i in in_year)
    assert summary.records == len(in_year)
    assert len(summary.by_month) == 12
    assert sum(m.minutes for m in summary.by_month) == summary.minutes
    assert sum(m.records for m in summary.by_month) == summary.records


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(learning_items, max_size=20), st.integers(min_value=2023, max_value=2026))
def test_every_record_counts_whole_in_each_of_its_sub_areas(items: list[Learning], year: int) -> None:
    summary = cpd_summary(items, year)
    by_label = {row.label: row for row in summary.by_sub_area}
    for position, label in [*SUB_AREAS, (0, NO_SUB_AREA)]:
        expected = [
            i
            for i in items
            if i.done_on.year == year
            and ((position, label) in i.sub_areas or (label == NO_SUB_AREA and not i.sub_areas))
        ]
        if expected:
            assert by_label[label].minutes == sum(i.minutes for i in expected)
            assert by_label[label].records == len(expected)
        else:
            assert label not in by_label
    assert sum(r.minutes for r in summary.by_sub_area) >= summary.minutes
    assert [r.label for r in summary.by_sub_area] == sorted(
        by_label, key=lambda lab: next((p for p, n in SUB_AREAS if n == lab), 99)
    )


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(learning_items, max_size=20), st.integers(min_value=2023, max_value=2026))
def test_the_expectation_is_met_at_20_hours_and_hours_to_go_never_negative(items: list[Learning], year: int) -> None:
    summary = cpd_summary(items, year)
    assert summary.expected_hours == CPD_HOURS_EXPECTED == 20
    assert summary.expectation_met == (summary.minutes >= 20 * 60)
    assert summary.hours_to_go >= 0
    if summary.expectation_met:
        assert summary.hours_to_go == 0
    else:
        assert summary.hours_to_go == round((20 * 60 - summary.minutes) / 60, 1)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(learning_items, max_size=20))
def test_minutes_by_year_add_up_to_every_record(items: list[Learning]) -> None:
    by_year = minutes_by_year(items)
    assert sum(by_year.values()) == sum(i.minutes for i in items)
    assert list(by_year) == sorted(by_year, reverse=True)
    for year, minutes in by_year.items():
        assert cpd_summary(items, year).minutes == minutes


def test_hours_are_shown_to_one_decimal_place() -> None:
    assert hours(90) == 1.5
    assert hours(20) == 0.3
    summary = cpd_summary([Learning(date(2026, 2, 3), 1140), Learning(date(2026, 5, 1), 60)], 2026)
    assert summary.hours == 20.0
    assert summary.expectation_met
    assert summary.by_month[1].hours == 19.0
    assert summary.by_sub_area[0].label == NO_SUB_AREA
