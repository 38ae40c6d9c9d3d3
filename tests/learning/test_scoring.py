"""The recommendation score (learning/scoring.py): additive, monotonic in the gap, never recommending
what the person did or dismissed, and ordered the same way every time."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lksworkforce.learning.presenters.recommendations import reasons, sentence, shown_score
from lksworkforce.learning.scoring import (
    DEFAULT_WEIGHTS,
    Person,
    ResourceFacts,
    Standing,
    SubAreaName,
    Term,
    TermKind,
    Weights,
    band_suits,
    ranked,
    score,
    weight_problems,
)

TODAY = date(2026, 6, 1)
LEVEL = st.integers(min_value=0, max_value=4)
WEIGHT = st.integers(0, 100_000).map(lambda cents: cents / 100)  # as the weights are saved
BANDS = st.sampled_from(["", "2", "3", "4", "5", "6", "7", "8a", "9"])
SUB_AREAS = range(1, 7)


@st.composite
def standings(draw: st.DrawFn) -> dict[int, Standing]:
    found = {}
    for sub_area in draw(st.sets(st.sampled_from(SUB_AREAS))):
        found[sub_area] = Standing(
            sub_area, f"1.{sub_area}", f"Skill {sub_area}", draw(LEVEL), draw(LEVEL), draw(st.none() | LEVEL)
        )
    return found


@st.composite
def people(draw: st.DrawFn) -> Person:
    needs = st.dictionaries(st.sampled_from(SUB_AREAS), st.sampled_from(["Searching", "Teaching"]), max_size=3)
    return Person(
        standings=draw(standings()),
        role_profile="Clinical librarian",
        band=draw(BANDS),
        region_needs=draw(needs),
        national_needs=draw(needs),
        survey_title="LKS development needs survey 2019",
        region_name="London",
        done=frozenset(draw(st.sets(st.integers(1, 30), max_size=5))),
        dismissed=frozenset(draw(st.sets(st.integers(1, 30), max_size=5))),
    )


@st.composite
def resources(draw: st.DrawFn) -> ResourceFacts:
    return ResourceFacts(
        id=draw(st.integers(1, 30)),
        title=draw(st.sampled_from(["Appraisal", "appraisal", "Searching well", "Teaching"])),
        url="https://learning.example.invalid/",
        sub_area_ids=tuple(draw(st.lists(st.sampled_from(SUB_AREAS), min_size=1, max_size=3))),
        band_from=draw(BANDS),
        band_to=draw(BANDS),
        free=draw(st.booleans()),
        length_minutes=draw(st.none() | st.integers(1, 600)),
        added_on=TODAY - timedelta(days=draw(st.integers(0, 800))),
        review_due_on=draw(st.none() | st.dates(date(2025, 1, 1), date(2027, 1, 1))),
    )


weights = st.builds(Weights, *(WEIGHT for _ in Weights.names()))
catalogues = st.lists(resources(), max_size=20, unique_by=lambda r: r.id)


@settings(deadline=None)  # the machine is shared: time is not what these test
@given(people(), resources(), weights)
def test_the_score_is_the_sum_of_its_terms(person: Person, resource: ResourceFacts, policy: Weights) -> None:
    scored = score(person, resource, policy, TODAY)
    assert scored.cents == sum(t.cents for t in scored.terms)
    shown = reasons(scored)
    assert round(sum(r.points for r in shown), 2) == shown_score(scored) == scored.score
    assert [r.kind for r in shown] == [t.kind.value for t in scored.terms]


@settings(deadline=None)  # the machine is shared: time is not what these test
@given(people(), catalogues, weights)
def test_completed_and_dismissed_resources_are_never_recommended(
    person: Person, catalogue: list[ResourceFacts], policy: Weights
) -> None:
    found = {s.resource.id for s in ranked(person, catalogue, policy, TODAY)}
    assert not found & (person.done | person.dismissed)


@settings(deadline=None)  # the machine is shared: time is not what these test
@given(people(), catalogues, weights)
def test_every_recommendation_has_a_reason_about_the_person(
    person: Person, catalogue: list[ResourceFacts], policy: Weights
) -> None:
    relevant = person.relevant_sub_areas()
    for scored in ranked(person, catalogue, policy, TODAY):
        assert set(scored.resource.sub_area_ids) & relevant
        assert any(t.sub_area_id is not None for t in scored.terms)


@settings(deadline=None)  # the machine is shared: time is not what these test
@given(people(), catalogues, weights, st.randoms())
def test_the_order_is_the_same_whatever_order_the_catalogue_comes_in(
    person: Person, catalogue: list[ResourceFacts], policy: Weights, shuffler: object
) -> None:
    first = ranked(person, catalogue, policy, TODAY)
    shuffled = list(catalogue)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    again = ranked(person, shuffled, policy, TODAY)
    assert [s.resource.id for s in first] == [s.resource.id for s in again]
    keys = [(-s.score, s.resource.title.casefold(), s.resource.id) for s in first]
    assert keys == sorted(keys)  # best first; ties by title, then id


@settings(deadline=None)  # the machine is shared: time is not what these test
@given(people(), catalogues, weights, st.integers(0, 25))
def test_the_best_few_are_the_top_of_the_whole_ranking(
    person: Person, catalogue: list[ResourceFacts], policy: Weights, limit: int
) -> None:
    everything = ranked(person, catalogue, policy, TODAY)
    assert ranked(person, catalogue, policy, TODAY, limit) == everything[:limit]
    assert [s.sort_key for s in everything] == sorted(s.sort_key for s in everything)


@settings(deadline=None)  # the machine is shared: time is not what these test
@given(st.integers(0, 3), st.integers(1, 4), st.integers(1, 4), weights, people(), BANDS)
def test_a_bigger_gap_never_ranks_below_an_otherwise_identical_resource_for_a_smaller_gap(
    current: int, smaller: int, extra: int, policy: Weights, others: Person, band: str
) -> None:
    bigger_gap = Standing(1, "1.1", "Searching", current, current + smaller + extra)
    smaller_gap = Standing(2, "1.2", "Appraisal", current, current + smaller)
    person = Person(standings={1: bigger_gap, 2: smaller_gap}, band=band, done=others.done - {1, 2})
    facts = {"title": "Same title", "url": "https://learning.example.invalid/", "free": True, "added_on": TODAY}
    # The smaller gap's resource has the smaller id: the tie-break alone would put it first.
    for_bigger = ResourceFacts(id=2, sub_area_ids=(1,), **facts)  # type: ignore[arg-type]
    for_smaller = ResourceFacts(id=1, sub_area_ids=(2,), **facts)  # type: ignore[arg-type]
    order = [s.resource.id for s in ranked(person, [for_smaller, for_bigger], policy, TODAY)]
    assert score(person, for_bigger, policy, TODAY).score >= score(person, for_smaller, policy, TODAY).score
    if policy.gap > 0:
        assert order == [2, 1]


def test_the_sentences_say_what_produced_each_term() -> None:
    person = Person(
        standings={8: Standing(8, "3.8", "Critical appraisal", current=1, target=3, expected=3)},
        role_profile="Clinical librarian",
        band="3",
        region_needs={8: "Critical appraisal"},
        survey_title="LKS development needs survey 2019",
        region_name="London",
    )
    resource = ResourceFacts(
        1, "Appraising evidence", "https://x.invalid/", (8,), band_from="2", band_to="4", free=True, length_minutes=45
    )
    texts = [sentence(t) for t in score(person, resource, DEFAULT_WEIGHTS, TODAY).terms]
    assert texts == [
        "Because you rated 3.8 Critical appraisal at 1 and aim for 3",
        "Your role profile (Clinical librarian) expects 3 in 3.8 Critical appraisal; you rated it 1",
        "3.8 Critical appraisal is in your region's (London) top ten needs in the LKS development needs survey 2019 "
        "(Critical appraisal)",
        "Suits bands 2-4",
        "Free, 45 minutes",
    ]


def test_a_national_need_counts_only_when_the_region_does_not_name_it() -> None:
    person = Person(
        region_needs={1: "Searching"},
        national_needs={1: "Searching", 2: "Teaching"},
        sub_area_names={1: SubAreaName("1.1", "Searching"), 2: SubAreaName("2.1", "Teaching")},
        survey_title="Survey",
    )
    kinds = [t.kind for t in score(person, ResourceFacts(1, "R", "u", (1, 2)), DEFAULT_WEIGHTS, TODAY).terms]
    assert kinds == [TermKind.REGION_NEED, TermKind.NATIONAL_NEED]


def test_an_overdue_review_takes_points_off_and_old_resources_are_not_fresh() -> None:
    person = Person(standings={1: Standing(1, "1.1", "Searching", 0, 1)})
    old = ResourceFacts(1, "Old", "u", (1,), added_on=date(2020, 1, 1), review_due_on=date(2026, 1, 1))
    terms = score(person, old, DEFAULT_WEIGHTS, TODAY).terms
    assert [t.kind for t in terms] == [TermKind.GAP, TermKind.REVIEW_OVERDUE]
    assert terms[1].points == -DEFAULT_WEIGHTS.review_overdue
    assert sentence(terms[1]) == "Its review was due on 1 January 2026, so it may be out of date"


def test_band_ranges() -> None:
    assert band_suits("3", "2", "4")
    assert band_suits("8a", "7", "")
    assert not band_suits("5", "2", "4")
    assert not band_suits("3", "", "")  # no range named: no points for suiting
    assert not band_suits("", "2", "4")
    assert sentence(Term(TermKind.BAND_SUITS, 1, band_from="5")) == "Suits band 5 and above"


@settings(deadline=None)  # the machine is shared: time is not what these test
@given(st.dictionaries(st.sampled_from(Weights.names()), st.floats(allow_nan=True, allow_infinity=True)))
def test_weights_must_be_numbers_from_0_to_1000(values: dict[str, float]) -> None:
    problems = weight_problems(values)
    for name in Weights.names():
        value = values.get(name)
        assert (name in problems) == (value is None or not 0 <= value <= 1000 or round(value, 2) != value)


@settings(deadline=None)
@given(people(), catalogues, weights)
def test_the_quick_ranking_is_the_ranking_of_the_full_scores(
    person: Person, catalogue: list[ResourceFacts], policy: Weights
) -> None:
    relevant = person.relevant_sub_areas()
    full = [
        score(person, r, policy, TODAY)
        for r in catalogue
        if r.id not in person.done | person.dismissed and set(r.sub_area_ids) & relevant
    ]
    assert ranked(person, catalogue, policy, TODAY) == sorted(full, key=lambda s: s.sort_key)
