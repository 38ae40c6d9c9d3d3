"""Eligibility from a person's record: band range, qualified only, roles; every refusal says why."""

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.programmes.eligibility import Applicant, Audience, band_rank, describe_bands, reasons_not_eligible

bands = st.sampled_from(AFC_BANDS)


def test_a_band_below_the_range_is_refused_with_both_bands_named() -> None:
    reasons = reasons_not_eligible(Audience(band_from="7", band_to="8a"), Applicant(band="5", qualified=True))
    assert reasons == ["This programme is for bands 7 to 8a; your band is 5"]


def test_a_band_written_band_capital_8a_counts_as_8a() -> None:
    assert reasons_not_eligible(Audience(band_from="7", band_to="8a"), Applicant(band="Band 8A", qualified=True)) == []


def test_no_band_on_the_record_says_so() -> None:
    reasons = reasons_not_eligible(Audience(band_from="7"), Applicant(band="", qualified=True))
    assert reasons == ["This programme is for band 7 and above; your record does not say your band"]


def test_qualified_only_refuses_someone_unqualified() -> None:
    reasons = reasons_not_eligible(Audience(qualified_only=True), Applicant(band="6", qualified=False))
    assert len(reasons) == 1
    assert reasons[0].startswith("This programme is for qualified library and knowledge staff")


def test_roles_match_within_the_job_title_whatever_the_case() -> None:
    audience = Audience(roles=("Clinical librarian", "Knowledge manager"))
    assert (
        reasons_not_eligible(audience, Applicant(band="6", qualified=True, job_title="Senior clinical  Librarian"))
        == []
    )
    assert reasons_not_eligible(audience, Applicant(band="6", qualified=True, job_title="Library assistant")) == [
        "This programme is for these roles: Clinical librarian, Knowledge manager; your job title is Library assistant"
    ]


def test_every_reason_is_given_at_once() -> None:
    audience = Audience(band_from="7", band_to="8a", qualified_only=True, roles=("Manager",))
    assert len(reasons_not_eligible(audience, Applicant(band="4", qualified=False))) == 3


@given(bands, bands, bands)
def test_inside_the_range_is_eligible_and_outside_is_not(low: str, high: str, band: str) -> None:
    audience = Audience(band_from=low, band_to=high)
    inside = (band_rank(low) or 0) <= (band_rank(band) or 0) <= (band_rank(high) or 0)
    reasons = reasons_not_eligible(audience, Applicant(band=band, qualified=True))
    assert (reasons == []) == inside
    if not inside:
        assert reasons == [f"This programme is for {describe_bands(low, high)}; your band is {band}"]


@given(bands, st.booleans(), st.text(max_size=30))
def test_an_open_programme_refuses_nobody(band: str, qualified: bool, job_title: str) -> None:
    assert reasons_not_eligible(Audience(), Applicant(band=band, qualified=qualified, job_title=job_title)) == []


@given(st.sampled_from(["", *AFC_BANDS]), st.sampled_from(["", *AFC_BANDS]), bands, bands)
def test_widening_the_range_never_refuses_someone_it_let_in(low: str, high: str, lower: str, band: str) -> None:
    narrow = Audience(band_from=low, band_to=high)
    wider_low = lower if low and (band_rank(lower) or 0) <= (band_rank(low) or 0) else low
    wide = Audience(band_from=wider_low, band_to="")
    applicant = Applicant(band=band, qualified=True)
    if not reasons_not_eligible(narrow, applicant):
        assert not reasons_not_eligible(wide, applicant)
