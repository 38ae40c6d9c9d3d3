"""The catalogue's pure rules: how lengths, bands and cost read, which web addresses are taken,
and a topic's order. Property-tested: the checks never raise, whatever the text."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.learning import catalogue_rules as rules

bands = st.sampled_from(["", *AFC_BANDS])


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (None, ""),
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (120, "2 hours"),
        (90, "1 hour 30 minutes"),
        (61, "1 hour 1 minute"),
    ],
)
def test_lengths_read_as_people_say_them(minutes: int | None, said: str) -> None:
    assert rules.format_length(minutes) == said


@given(st.integers(min_value=1, max_value=rules.LONGEST_MINUTES))
def test_a_length_names_its_hours_and_minutes_exactly(minutes: int) -> None:
    said = rules.format_length(minutes).replace(",", "").split()
    numbers = dict(zip(said[1::2], (int(n) for n in said[::2]), strict=True))
    total = numbers.get("hour", numbers.get("hours", 0)) * 60 + numbers.get("minute", numbers.get("minutes", 0))
    assert total == minutes


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [
        ("2", "4", "Bands 2 to 4"),
        ("", "", "Any band"),
        ("4", "4", "Band 4"),
        ("5", "", "Band 5 and above"),
        ("", "4", "Up to band 4"),
    ],
)
def test_band_ranges_read_as_people_say_them(low: str, high: str, said: str) -> None:
    assert rules.format_bands(low, high) == said


@given(bands, bands)
def test_a_band_range_is_refused_only_when_upside_down(low: str, high: str) -> None:
    refused = rules.band_problem(low, high)
    upside_down = bool(low and high) and AFC_BANDS.index(low) > AFC_BANDS.index(high)
    assert (refused is not None) == upside_down


@given(bands, bands, st.sampled_from(AFC_BANDS))
def test_a_range_that_is_accepted_suits_the_bands_within_it(low: str, high: str, band: str) -> None:
    if rules.band_problem(low, high) is None:
        within = (not low or AFC_BANDS.index(low) <= AFC_BANDS.index(band)) and (
            not high or AFC_BANDS.index(band) <= AFC_BANDS.index(high)
        )
        assert rules.suits_band(low, high, band) == within


def test_cost_reads_with_its_note() -> None:
    assert rules.format_cost("free", "") == "Free"
    assert rules.format_cost("paid", "£40") == "Paid: £40"


@pytest.mark.parametrize("url", ["https://www.example.org/course", "http://example.org", "HTTPS://EXAMPLE.ORG/a?b=c#d"])
def test_web_addresses_people_use_are_taken(url: str) -> None:
    assert rules.url_problem(url) is None


@given(st.text(max_size=600))
def test_the_address_check_never_raises_and_takes_only_http(url: str) -> None:
    if rules.url_problem(url) is None:
        assert url.lower().startswith(("http://", "https://"))
        assert not any(c.isspace() for c in url)


@given(st.text())
def test_script_addresses_are_always_refused(rest: str) -> None:
    for scheme in ("javascript:", "JavaScript:", "data:", "vbscript:", " javascript:"):
        assert rules.url_problem(scheme + rest) is not None


def test_the_same_address_is_found_in_any_spelling() -> None:
    forms = rules.same_url_forms("HTTPS://Example.org/course/")
    assert "https://example.org/course" in forms
    assert "https://example.org/course/" in forms


@given(st.text(max_size=400))
def test_text_checks_never_raise(text: str) -> None:
    reason = rules.text_problem(text, limit=300, what="The title", required=True)
    if reason is None:
        assert text.strip()
        assert len(text) <= 300
        assert all(ord(c) >= 32 and not 0x7F <= ord(c) < 0xA0 for c in text)


def test_a_description_may_have_paragraphs_but_not_control_characters() -> None:
    assert rules.text_problem("One.\n\nTwo.", limit=100, what="The description", multiline=True) is None
    assert rules.text_problem("One.\x07", limit=100, what="The description", multiline=True) is not None
    assert rules.text_problem("right\u202eto left", limit=100, what="The title") is not None


@given(st.dates(), st.integers(min_value=-1000, max_value=1000))
def test_a_review_date_is_refused_only_before_the_date_added(added: date, days: int) -> None:
    try:
        review = added + timedelta(days=days)
    except OverflowError:
        return
    assert (rules.review_problem(added, review) is None) == (days >= 0)


@given(
    st.lists(st.tuples(st.one_of(st.none(), st.integers(min_value=1, max_value=20)), st.text(max_size=5)), max_size=12)
)
def test_a_topic_lists_curated_entries_first_each_group_in_order(entries: list[tuple[int | None, str]]) -> None:
    rows = [(n, position, title) for n, (position, title) in enumerate(entries)]
    order = rules.ordered_positions(rows)
    assert sorted(order) == [r[0] for r in rows]
    by_id = {r[0]: r for r in rows}
    curated = [by_id[i] for i in order if by_id[i][1] is not None]
    rest = [by_id[i] for i in order if by_id[i][1] is None]
    assert [by_id[i][1] is None for i in order] == [False] * len(curated) + [True] * len(rest)
    assert [r[1] for r in curated] == sorted(r[1] for r in curated if r[1] is not None)
    assert [r[2].casefold() for r in rest] == sorted(r[2].casefold() for r in rest)


def test_topic_addresses() -> None:
    assert rules.slug_problem("lean-thinking") is None
    for slug in ("", "Lean", "a--b", "-a", "new", "x" * 81, "lean thinking"):
        assert rules.slug_problem(slug) is not None
