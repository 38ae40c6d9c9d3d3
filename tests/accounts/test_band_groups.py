"""Band groups (pure): one key and one label for each, whichever app breaks figures down by band."""

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.people import AFC_BANDS, BAND_GROUP_LABELS, BandGroup, band_group, normalise_band
from lksworkforce.surveys.questions import NOT_STATED, band_group_of


def test_each_band_is_in_its_group_and_no_band_is_not_stated() -> None:
    assert {band: band_group(band) for band in AFC_BANDS} == {
        **dict.fromkeys(("1", "2", "3", "4"), BandGroup.BANDS_1_TO_4),
        **dict.fromkeys(("5", "6", "7", "8a", "8b", "8c", "8d", "9"), BandGroup.BAND_5_AND_ABOVE),
    }
    assert band_group("Band 8A") is BandGroup.BAND_5_AND_ABOVE
    for nothing in (None, "", "Prefer not to say", "10"):
        assert band_group(nothing) is BandGroup.NOT_STATED
    assert [g.label for g in BandGroup] == ["Bands 1 to 4", "Band 5 and above", "Band not stated"]
    assert set(BAND_GROUP_LABELS) == set(BandGroup)


band_like = st.one_of(
    st.sampled_from(["Band 5", "band 8A", " 3 ", "9", "Band 4", "Prefer not to say"]),
    st.text(alphabet=st.characters(exclude_characters="_"), max_size=12),
)


@given(band_like)
def test_a_survey_answer_falls_in_the_band_group_of_the_band_it_names(text: str) -> None:
    """A survey's band question and a person's recorded band are grouped by the same rule, and
    anything that is not a band falls in the group the survey calls not stated."""
    group = band_group_of(text.replace(" ", "_"), text)
    assert group == band_group(text)
    assert (group == NOT_STATED) == (normalise_band(text) is None)
