"""Finding a person's name or email in free text, and removing it (core/mentions.py)."""

from hypothesis import assume, given
from hypothesis import strategies as st

from lksworkforce.core.mentions import REDACTED, mention_terms, mentions, redact, redact_json, search_terms


def test_a_two_word_name_and_the_email_are_looked_for_a_single_word_name_is_not() -> None:
    assert mention_terms("Sam  Staff", "sam@example.nhs.uk") == ["sam@example.nhs.uk", "Sam Staff"]
    assert mention_terms("Sam", "sam@example.nhs.uk") == ["sam@example.nhs.uk"]


def test_whole_words_in_any_case_across_line_breaks() -> None:
    terms = mention_terms("Sam Staff", "sam@example.nhs.uk")
    assert redact("Thanks to SAM\nstaff and sam@example.nhs.uk.", terms) == (f"Thanks to {REDACTED} and {REDACTED}.", 2)
    assert redact("Sam Staffordshire is someone else", terms) == ("Sam Staffordshire is someone else", 0)
    assert not mentions("Samuel Staff", terms)


def test_json_values_and_keys_and_the_escaped_form_stored_by_sqlite() -> None:
    terms = mention_terms("Zoë Brontë", "")
    assert "Zo\\u00eb Bront\\u00eb" in search_terms(terms)
    value, count = redact_json({"note": ["Zoë Brontë said", 3], "Zoë Brontë": None}, terms)
    assert value == {"note": [f"{REDACTED} said", 3], REDACTED: None}
    assert count == 2


@given(
    st.text(max_size=60),
    st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=8),
    st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=8),
    st.text(max_size=60),
)
def test_after_redaction_the_name_is_not_found(before: str, first: str, last: str, after: str) -> None:
    name = f"{first} {last}"
    terms = mention_terms(name, "")
    assume(not mentions(REDACTED, terms))
    text, count = redact(f"{before} {name} {after}", terms)
    assert count >= 1
    assert not mentions(text, terms)
