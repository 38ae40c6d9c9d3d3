"""The pure rules of search terms and spelling correction (learning.spelling), and the facets' band
and length rules (learning.search_facets)."""

from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.learning.search_facets import LENGTHS, length_bucket, read_filters, suits_band
from lksworkforce.learning.spelling import (
    LONGEST_TERM,
    MOST_TERMS,
    allowed_edits,
    correction,
    edit_distance,
    length_window,
    query_terms,
    words_of,
)

words = st.text(alphabet="abcdeilnoprst", min_size=0, max_size=12)
short_words = st.text(alphabet="abcde", min_size=0, max_size=6)
vocabularies = st.dictionaries(
    st.text(alphabet="abcdeilnoprst", min_size=1, max_size=12), st.integers(1, 50), max_size=30
)


def test_hand_made_corrections() -> None:
    vocabulary = {"critical": 3, "appraisal": 2, "literature": 9, "searching": 4, "lean": 1}
    assert correction("critcal", vocabulary) == "critical"
    assert correction("apraisal", vocabulary) == "appraisal"
    assert correction("litrature", vocabulary) == "literature"
    assert correction("lean", vocabulary) is None  # known
    assert correction("bean", vocabulary) == "lean"  # four letters: one edit
    assert correction("lea", vocabulary) is None  # too short to guess at
    assert correction("quantum", vocabulary) is None
    assert correction("reveiw", {"review": 1}) == "review"  # two letters swapped: one edit


def test_ties_go_to_the_commoner_word_then_the_first_alphabetically() -> None:
    assert correction("cart", {"care": 1, "carp": 5}) == "carp"
    assert correction("cart", {"carp": 2, "care": 2}) == "care"


def test_query_terms_keep_only_words() -> None:
    assert query_terms('"Literature" NEAR(searching*, 2) ^x (( -y \x00z').words == (
        "literature",
        "near",
        "searching",
        "2",
        "x",
        "y",
        "z",
    )
    assert query_terms("Café CAFÉ café").words == ("café",)
    assert words_of("under_score") == ["under", "score"]


@given(st.text(max_size=2_000))
def test_any_text_gives_bounded_words_of_letters_and_digits(text: str) -> None:
    terms = query_terms(text)
    assert len(terms.words) <= MOST_TERMS
    assert len(set(terms.words)) == len(terms.words)
    for word in terms.words:
        assert 0 < len(word) <= LONGEST_TERM
        assert all(c.isalnum() for c in word)


@given(words, words)
def test_edit_distance_is_symmetric_and_zero_only_for_the_same_word(a: str, b: str) -> None:
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
    assert edit_distance(a, b) <= max(len(a), len(b))  # type: ignore[operator]


@given(short_words, short_words)
def test_edit_distance_is_at_most_the_distance_without_swaps(a: str, b: str) -> None:
    distance = edit_distance(a, b)
    assert distance is not None
    assert distance <= levenshtein(a, b)
    assert distance >= abs(len(a) - len(b))


@given(st.text(alphabet="abcdeilnoprst", min_size=2, max_size=12), st.data())
def test_swapping_two_neighbours_is_one_edit(word: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(word) - 2))
    swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    assert edit_distance(word, swapped) == (0 if swapped == word else 1)


def levenshtein(a: str, b: str) -> int:
    """The plain distance, written the slow obvious way, to check against."""
    if not a or not b:
        return len(a) + len(b)
    return min(
        levenshtein(a[1:], b) + 1,
        levenshtein(a, b[1:]) + 1,
        levenshtein(a[1:], b[1:]) + (a[0] != b[0]),
    )


@given(words, words, st.integers(0, 4))
def test_a_bounded_distance_agrees_with_the_full_one(a: str, b: str, limit: int) -> None:
    full = edit_distance(a, b)
    assert full is not None
    assert edit_distance(a, b, limit) == (full if full <= limit else None)


@given(words, vocabularies)
def test_a_correction_is_a_vocabulary_word_within_the_allowed_edits(word: str, vocabulary: dict[str, int]) -> None:
    fixed = correction(word, vocabulary)
    if fixed is None:
        return
    assert fixed in vocabulary
    assert word not in vocabulary
    distance = edit_distance(word, fixed)
    assert distance is not None
    assert 0 < distance <= allowed_edits(word)
    # Nothing in the vocabulary is nearer.
    assert all((edit_distance(word, other) or 0) >= distance for other in vocabulary if allowed_edits(other))
    low, high = length_window([word])
    assert low <= len(fixed) <= high


@given(vocabularies)
def test_a_word_of_the_vocabulary_is_never_corrected(vocabulary: dict[str, int]) -> None:
    for word in vocabulary:
        assert correction(word, vocabulary) is None


@given(st.sampled_from(AFC_BANDS), st.sampled_from(("", *AFC_BANDS)), st.sampled_from(("", *AFC_BANDS)))
def test_a_band_suits_a_range_when_it_is_within_it(band: str, low: str, high: str) -> None:
    order = AFC_BANDS.index
    expected = (not low or order(low) <= order(band)) and (not high or order(band) <= order(high))
    assert suits_band(band, low, high) == expected


@given(st.one_of(st.none(), st.integers(0, 10_000)))
def test_a_length_falls_in_the_shortest_offered_length_that_holds_it(minutes: int | None) -> None:
    bucket = length_bucket(minutes)
    if minutes is None or minutes > LENGTHS[-1][0]:
        assert bucket is None
    else:
        assert bucket is not None
        assert minutes <= bucket
        assert all(limit < minutes for limit, _ in LENGTHS if limit < bucket)


@given(st.dictionaries(st.sampled_from(("q", "kind", "topic", "sub_area", "band", "cost", "max_minutes")), st.text()))
def test_reading_filters_never_fails(params: dict[str, str]) -> None:
    text, filters, problems = read_filters(params)
    assert isinstance(text, str)
    assert filters.max_minutes is None or filters.max_minutes >= 1
    assert all(problem.field in params for problem in problems)


def test_bad_filters_are_named() -> None:
    _, filters, problems = read_filters({"kind": "spaceship", "band": "10", "cost": "cheap", "max_minutes": "-4"})
    assert filters.is_empty()
    assert [p.field for p in problems] == ["kind", "cost", "band", "max_minutes"]
