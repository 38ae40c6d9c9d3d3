"""The pure coverage figures: which band groups a resource suits, and the headline share of top needs
with at least N suitable resources."""

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.learning.coverage import (
    BandGroup,
    NeedResources,
    ResourceBands,
    bounded_min_resources,
    coverage_figures,
    share_with_at_least,
    suits,
)

LOW, HIGH = BandGroup.BANDS_1_TO_4, BandGroup.BAND_5_AND_ABOVE
bands = st.sampled_from(("", *AFC_BANDS))


def test_a_resource_suits_a_band_group_when_its_bands_overlap_it() -> None:
    assert suits("", "", LOW)
    assert suits("", "", HIGH)
    assert suits("2", "4", LOW)
    assert not suits("2", "4", HIGH)
    assert not suits("5", "", LOW)
    assert suits("5", "", HIGH)
    assert suits("4", "6", LOW)
    assert suits("4", "6", HIGH)
    assert suits("", "3", LOW)
    assert not suits("", "3", HIGH)
    assert not suits("8a", "9", LOW)
    assert suits("8a", "9", HIGH)


@given(band_from=bands, band_to=bands)
def test_every_band_range_suits_at_least_one_group_when_it_is_the_right_way_round(band_from: str, band_to: str) -> None:
    ordered = (AFC_BANDS.index(band_from) if band_from else 0) <= (
        AFC_BANDS.index(band_to) if band_to else len(AFC_BANDS) - 1
    )
    if ordered:
        assert suits(band_from, band_to, LOW) or suits(band_from, band_to, HIGH)


def test_n_asked_for_is_bounded_and_nonsense_is_the_default() -> None:
    assert [bounded_min_resources(v) for v in ("", "x", "3.5", "0", "-4", "7", " 12 ", "51", "9" * 40)] == [
        3, 3, 3, 1, 1, 7, 12, 50, 50
    ]  # fmt: skip


need_lists = st.lists(
    st.lists(st.tuples(st.integers(1, 30), bands, bands), max_size=12).map(
        lambda rs: tuple(ResourceBands(i, f"R{i}", a, b) for i, a, b in rs)
    ),
    max_size=10,
)


@given(needs=need_lists, n=st.integers(1, 50))
def test_the_share_is_between_none_and_all_and_falls_as_n_rises(needs: list[tuple[ResourceBands, ...]], n: int) -> None:
    planned = [NeedResources(f"Need {k}", (k,), rs) for k, rs in enumerate(needs)]
    figures = coverage_figures(planned, n)
    higher = coverage_figures(planned, n + 1)
    for group in BandGroup:
        assert 0.0 <= figures.share[group] <= 1.0
        assert higher.share[group] <= figures.share[group]
        assert figures.met[group] == round(figures.share[group] * len(planned))
        for need in figures.needs:
            assert need.suitable[group] <= len(need.resources)
    assert len(figures.no_offer) == sum(1 for rs in needs if not rs)


def test_a_resource_teaching_two_of_a_needs_sub_areas_counts_once() -> None:
    for_assistants = ResourceBands(1, "Searching basics", "2", "4")
    for_anyone = ResourceBands(2, "Appraisal for all")
    need = NeedResources("Critical appraisal", (10, 11), (for_assistants, for_anyone, for_anyone))
    figures = coverage_figures([need, NeedResources("Leadership", (12,), ())], 2)
    appraisal, leadership = figures.needs
    assert appraisal.suitable == {LOW: 2, HIGH: 1}
    assert figures.share == {LOW: 0.5, HIGH: 0.0}
    assert figures.met == {LOW: 1, HIGH: 0}
    assert [n.label for n in figures.no_offer] == ["Leadership"]
    assert leadership.nothing_on_offer


def test_no_needs_is_a_share_of_nothing() -> None:
    assert share_with_at_least([], 3) == 0.0
    assert coverage_figures([], 3).share == {LOW: 0.0, HIGH: 0.0}
