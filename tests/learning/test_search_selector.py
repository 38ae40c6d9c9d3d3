"""Search over the catalogue, on whichever database DATABASE_URL names: plurals, misspellings,
ranking, facets and their counts, and the index following every change to the catalogue."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from lksworkforce.learning.models import Topic, TopicEntry
from lksworkforce.learning.search_facets import Filters
from lksworkforce.learning.search_index import rebuild
from lksworkforce.learning.selectors.search import SearchResults, search
from lksworkforce.learning.vocabulary import Cost, ResourceKind, ResourceStatus
from tests.learning.search_catalogue import Catalogue, catalogue, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def books() -> Catalogue:
    return catalogue()


def titles(found: SearchResults) -> list[str]:
    return [resource.title for resource in found.resources]


def counts(found: SearchResults, facet: str) -> dict[str, int]:
    return {option.value: option.count for option in next(f for f in found.facets if f.key == facet).options}


def test_a_plural_finds_the_singular_and_other_forms(books: Catalogue) -> None:
    found = search("literature searches", Filters())
    assert "Literature searching" in titles(found)
    assert not found.corrected


def test_misspelt_words_are_corrected_and_said(books: Catalogue) -> None:
    found = search("critcal apraisal", Filters())
    assert titles(found) == ["Critical appraisal of research papers"]
    assert found.corrected
    assert found.did_you_mean == "critical appraisal"
    assert found.typed == ("critcal", "apraisal")


def test_a_word_in_no_resource_and_near_none_finds_nothing_and_corrects_nothing(books: Catalogue) -> None:
    found = search("zzyzx", Filters())
    assert found.total == 0
    assert not found.corrected


def test_a_title_match_ranks_above_a_description_only_match(books: Catalogue) -> None:
    found = search("literature searching", Filters())
    assert titles(found)[0] == "Literature searching"
    assert titles(found).index("Literature searching") < titles(found).index("Supporting clinical teams")
    assert books.searching.pk in found.title_matches
    assert books.mentions_searching.pk not in found.title_matches


def test_drafts_and_retired_resources_are_never_found(books: Catalogue) -> None:
    assert "Literature searching, advanced (draft)" not in titles(search("advanced", Filters()))
    books.lean.status = ResourceStatus.RETIRED
    books.lean.save()
    assert search("lean", Filters()).total == 0
    assert search("", Filters()).total == 4


def test_facets_narrow_the_results_and_count_over_the_query(books: Catalogue) -> None:
    everything = search("literature", Filters())
    assert everything.total == 3  # searching, mentions_searching, costing ("literature search costs")
    assert counts(everything, "kind") == {"e_learning": 2, "reading": 1}
    assert counts(everything, "cost") == {"free": 2, "paid": 1}
    assert counts(everything, "topic") == {"literature-searching": 2}
    free = search("literature", Filters(cost=Cost.FREE))
    assert free.total == 2
    # The cost facet still offers "paid", with what choosing it would show.
    assert counts(free, "cost") == {"free": 2, "paid": 1}
    assert counts(free, "kind") == {"e_learning": 1, "reading": 1}
    in_topic = search("literature", Filters(topic="literature-searching", kind=ResourceKind.E_LEARNING))
    assert titles(in_topic) == ["Literature searching", "Costing and pricing a service"]


def test_band_length_and_sub_area_facets(books: Catalogue) -> None:
    everything = search("", Filters())
    bands = counts(everything, "band")
    assert bands["3"] == 4  # searching (2-4) and the three for any band
    assert bands["6"] == 4  # appraisal (5 up) and the three for any band
    assert titles(search("", Filters(band="3"))) == sorted(
        [
            "Literature searching",
            "Supporting clinical teams",
            "Lean thinking in the library",
            "Costing and pricing a service",
        ]
    )
    lengths = counts(everything, "max_minutes")
    assert lengths == {"30": 1, "60": 2, "180": 3, "420": 3}
    assert titles(search("", Filters(max_minutes=60))) == ["Literature searching", "Supporting clinical teams"]
    assert counts(everything, "sub_area") == {str(books.critical_appraisal.pk): 1}
    only = search("", Filters(sub_area=books.critical_appraisal.pk))
    assert titles(only) == ["Critical appraisal of research papers"]


def test_an_unknown_topic_finds_nothing_and_says_so(books: Catalogue) -> None:
    found = search("literature", Filters(topic="no-such-topic"))
    assert found.total == 0
    assert found.unknown_topic


@pytest.mark.parametrize(
    "hostile",
    [
        '"unbalanced',
        "literature NEAR searching",
        "NEAR(literature searching, 2)",
        "litera*",
        "^literature",
        "((literature",
        "title: literature",
        "literature AND OR NOT",
        "x" * 20_000,
        "literature -searching",
        "'; DROP TABLE learning_resource; --",
        "{title}: lean",
        "🙂 literature ß",
        "",
        "   ",
    ],
)
def test_hostile_queries_never_fail(books: Catalogue, hostile: str) -> None:
    found = search(hostile, Filters())
    assert found.total >= 0


def test_many_words_are_cut_to_the_first_twelve(books: Catalogue) -> None:
    found = search(" ".join(f"word{n}" for n in range(20)), Filters())
    assert found.dropped_terms == 8


def test_pages_of_results(books: Catalogue) -> None:
    for n in range(25):
        make_resource(f"Searching exercise {n:02}", description="Practice.")
    first = search("searching exercise", Filters(), per_page=10)
    assert (first.total, first.pages, first.page, first.first, first.last) == (25, 3, 1, 1, 10)
    last = search("searching exercise", Filters(), page=99, per_page=10)
    assert (last.page, len(last.resources), last.first, last.last) == (3, 5, 21, 25)


def test_the_index_follows_every_change(books: Catalogue) -> None:
    new = make_resource("Knowledge mobilisation basics", description="Getting evidence used.")
    assert titles(search("mobilisation", Filters())) == ["Knowledge mobilisation basics"]
    new.title = "Sharing what we know"
    new.save()
    assert search("mobilisation", Filters()).total == 0
    assert titles(search("sharing know", Filters())) == ["Sharing what we know"]
    new.status = ResourceStatus.RETIRED
    new.save()
    assert search("sharing", Filters()).total == 0
    new.status = ResourceStatus.PUBLISHED
    new.save()
    assert search("sharing", Filters()).total == 1
    new.delete()
    assert search("sharing", Filters()).total == 0
    # A retired resource's words are no longer corrections either.
    assert search("mobilisatoin", Filters()).total == 0


def test_topics_are_searched_and_follow_their_changes(books: Catalogue) -> None:
    topic = Topic.objects.create(slug="evidence", name="Evidence synthesis")
    assert search("synthesis", Filters()).total == 0
    books.lean.topics.add(topic)
    assert titles(search("synthesis", Filters())) == ["Lean thinking in the library"]
    topic.name = "Evidence reviews"
    topic.save()
    assert search("synthesis", Filters()).total == 0
    assert titles(search("reviews", Filters())) == ["Lean thinking in the library"]
    TopicEntry.objects.filter(topic=topic).delete()  # a queryset delete still sends post_delete per entry
    assert search("reviews", Filters()).total == 0
    topic.resources.add(books.lean)
    topic.resources.clear()
    assert search("reviews", Filters()).total == 0


def test_rebuild_indexes_what_was_written_without_signals(books: Catalogue) -> None:
    from lksworkforce.learning.models import Resource

    Resource.objects.filter(pk=books.lean.pk).update(title="Six sigma")
    assert search("sigma", Filters()).total == 0
    assert rebuild() == 5
    assert titles(search("sigma", Filters())) == ["Six sigma"]


def test_the_reindex_command_says_how_many(books: Catalogue) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("learning_search_reindex", stdout=out)
    assert out.getvalue().strip() == "Indexed 5 published resources for search."


def test_a_search_reads_in_three_queries_however_many_it_finds(
    books: Catalogue, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(3):
        search("literature", Filters(cost=Cost.FREE))
    for n in range(30):
        make_resource(f"Literature exercise {n}")
    with django_assert_num_queries(3):
        search("literature", Filters(cost=Cost.FREE))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), band=st.sampled_from((None, "2", "8a")), page=st.integers(-5, 50))
def test_any_text_searches_without_failing(books: Catalogue, text: str, band: str | None, page: int) -> None:
    found = search(text, Filters(band=band), page=page)
    assert 0 <= found.total <= 5
    assert 1 <= found.page <= found.pages
