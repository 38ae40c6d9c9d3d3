"""Duplicate detection, pure: the same web address once normalised, and near-identical titles."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lksworkforce.learning.duplicates import Candidate, duplicates_of, normalise_title, normalise_url, titles_alike

# A host that itself starts "www." would lose it: not what this property is about.
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,15}\.(org|com|nhs\.uk|ac\.uk)", fullmatch=True).filter(
    lambda host: not host.startswith("www.")
)
segments = st.lists(st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True), max_size=4)
params = st.dictionaries(
    st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.from_regex(r"[a-z0-9]{0,6}", fullmatch=True), max_size=3
)
titles = st.text(st.characters(categories=("L", "N", "Zs", "P")), min_size=1, max_size=80)


def test_the_same_page_written_differently_is_the_same_address() -> None:
    same = [
        "https://www.example.org/course/",
        "http://example.org/course",
        "https://EXAMPLE.org/course?utm_source=newsletter&utm_medium=email",
        "https://example.org:443/course/#part-2",
        "example.org/course/index.html",
    ]
    assert len({normalise_url(url) for url in same}) == 1


def test_different_pages_and_queries_that_matter_stay_different() -> None:
    assert normalise_url("https://example.org/course") != normalise_url("https://example.org/courses")
    assert normalise_url("https://example.org/?id=1") != normalise_url("https://example.org/?id=2")
    assert normalise_url("https://example.org:8443/a") != normalise_url("https://example.org/a")


@settings(deadline=None)  # the machine is shared: time is not what is tested
@given(hosts, segments, params, st.booleans(), st.booleans(), st.booleans())
def test_scheme_www_slash_and_tracking_never_change_the_key(
    host: str, path: list[str], query: dict[str, str], secure: bool, www: bool, slash: bool
) -> None:
    base = f"https://{host}/{'/'.join(path)}"
    plain_query = "&".join(f"{k}={v}" for k, v in query.items() if not k.startswith("utm"))
    written = f"{'https' if secure else 'http'}://{'www.' if www else ''}{host}/{'/'.join(path)}{'/' if slash else ''}"
    written += "?" + "&".join(filter(None, [plain_query, "utm_campaign=x"]))
    assert normalise_url(written) == normalise_url(base + (f"?{plain_query}" if plain_query else ""))


@given(st.text(max_size=200))
def test_any_text_normalises_without_failing(text: str) -> None:
    assert isinstance(normalise_url(text), str)
    assert isinstance(normalise_title(text), str)


@given(titles)
def test_a_title_is_alike_itself_in_any_case_and_spacing(title: str) -> None:
    if normalise_title(title):
        assert titles_alike(title, f"  {title.casefold()}  ")
        assert titles_alike(title, title.replace(" ", "   "))


@given(titles, titles)
def test_likeness_is_symmetric(first: str, second: str) -> None:
    assert titles_alike(first, second) == titles_alike(second, first)


def test_near_identical_titles_are_alike_and_different_ones_are_not() -> None:
    assert titles_alike("Critical Appraisal Skills: An Introduction", "Critical appraisal skills - an introduction")
    assert titles_alike("The literature searching toolkit", "Literature-searching toolkit")
    assert titles_alike("Café culture in libraries", "Cafe culture in libraries")
    assert titles_alike("Introduction to costing and pricing", "Introduction to costing and priceing")
    assert not titles_alike("Introduction to costing", "Introduction to lean thinking")
    assert not titles_alike("Lean", "Bean")  # too short to call close
    assert not titles_alike("", "")


def test_duplicates_come_same_address_first_with_the_reason() -> None:
    held = [
        Candidate("resource:1", "Searching the literature", "https://a.org/search", "catalogue"),
        Candidate("resource:2", "Something else", "https://www.b.org/x/", "catalogue"),
        Candidate("suggestion:3", "Something Else!", "", "queue"),
        Candidate("resource:4", "Unrelated", "https://c.org/", "catalogue"),
    ]
    found = duplicates_of("Something else", "http://b.org/x?utm_source=feed", held)
    assert [(d.candidate.key, d.because) for d in found] == [
        ("resource:2", "the same web address and title"),
        ("suggestion:3", "a very similar title"),
    ]
    assert duplicates_of("", "", held) == []
