"""Offering a cohort's places by regional fair shares: the panel's offer follows the shares its
selection page shows (of the whole capacity, by the headcount of the cohort's start year); a second
round tops each region up to its share; a region that cannot fill its share gives the places to the
best-scored from anywhere."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from lksworkforce.accounts.models import User
from lksworkforce.programmes.models import Application, Cohort
from lksworkforce.programmes.selection import remaining_shares
from lksworkforce.programmes.selectors.selection import fair_shares_for_cohort
from lksworkforce.programmes.services.applications_selection import places_offer
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from tests.conftest import YEAR, World, client_for
from tests.factories import UserFactory, current_region, publish_staffing_figures
from tests.programmes.factories_applications import closed_cohort, leadership, scored


def _cohort(world: World, capacity: int) -> Cohort:
    # The world's regions are set for YEAR; the cohort's start year picks the headcount.
    cohort = closed_cohort(
        leadership(), capacity=capacity, shares_places_by_region=True,
        starts_on=date(YEAR, 9, 1), ends_on=date(YEAR, 12, 1),
    )  # fmt: skip
    publish_staffing_figures(world, YEAR)  # London 2 in post, North West 1
    return cohort


def _londoner(world: World, n: int) -> User:
    return UserFactory.create(email=f"london{n}@example.nhs.uk", organisation=world.london_a)


def _status(application: Application) -> str:
    application.refresh_from_db()
    return application.status


@pytest.mark.django_db
def test_a_region_with_an_applicant_gets_its_share_before_better_scores_from_elsewhere(world: World) -> None:
    cohort = _cohort(world, capacity=3)
    london, north_west = current_region("Y56"), current_region("Y62")
    best = [scored(cohort, _londoner(world, n), score, region=london) for n, score in enumerate(["9", "8", "7"])]
    north = scored(cohort, world.regional_lead, "1", region=north_west)
    shares = fair_shares_for_cohort(cohort).by_region()
    assert (shares["Y56"], shares["Y62"]) == (2, 1)  # only the two regions with applicants have a minimum
    offered, waiting = places_offer(
        panel_member=world.national, cohort=cohort, reply_by=timezone.localdate() + timedelta(days=7)
    )
    assert set(offered) == {best[0].pk, best[1].pk, north.pk}
    assert waiting == [best[2].pk]
    assert _status(north) == S.OFFERED
    page = client_for(world.national).get(f"/programmes/cohorts/{cohort.pk}/selection/").content.decode()
    assert "Fair shares of 3 places by region" in page


@pytest.mark.django_db
def test_an_unfilled_share_goes_to_the_best_scored_from_anywhere(world: World) -> None:
    cohort = _cohort(world, capacity=3)
    london = current_region("Y56")
    applicants = [scored(cohort, _londoner(world, n), s, region=london) for n, s in enumerate(["9", "8", "7", "6"])]
    offered, waiting = places_offer(
        panel_member=world.national, cohort=cohort, reply_by=timezone.localdate() + timedelta(days=7)
    )
    # North West has no applicant, so no minimum; its proportional place goes to London's next best
    assert offered == [a.pk for a in applicants[:3]]
    assert waiting == [applicants[3].pk]


@pytest.mark.django_db
def test_a_second_round_tops_regions_up_to_their_share(world: World) -> None:
    cohort = _cohort(world, capacity=3)
    london, north_west = current_region("Y56"), current_region("Y62")
    first = scored(cohort, _londoner(world, 0), "9", region=london)
    north = scored(cohort, world.regional_lead, "2", region=north_west)
    reply_by = timezone.localdate() + timedelta(days=7)
    offered, _ = places_offer(panel_member=world.national, cohort=cohort, reply_by=reply_by)
    assert set(offered) == {first.pk, north.pk}  # 3 places, 2 applicants
    later = [scored(cohort, _londoner(world, n), s, region=london) for n, s in ((1, "5"), (2, "4"))]
    late_north = scored(cohort, world.outsider, "8", region=north_west)
    offered, waiting = places_offer(panel_member=world.national, cohort=cohort, reply_by=reply_by)
    # London's share is 2 and it holds 1; North West's is 1 and it holds it: London's best is offered
    # the last place though North West's newcomer scored higher.
    assert offered == [later[0].pk]
    assert waiting == [late_north.pk, later[1].pk]


@given(
    shares=st.dictionaries(st.sampled_from(["Y56", "Y58", "Y59", "Y60", "Y61", "Y62"]), st.integers(0, 20)),
    used=st.dictionaries(st.sampled_from(["Y56", "Y58", "Y59", "Y60", "Y61", "Y62"]), st.integers(0, 25)),
    places=st.integers(0, 60),
)
def test_remaining_shares_never_promise_more_than_is_free(
    shares: dict[str, int], used: dict[str, int], places: int
) -> None:
    left = remaining_shares(shares, used, places)
    assert left.keys() == shares.keys()
    assert all(0 <= left[code] <= max(0, shares[code] - used.get(code, 0)) for code in shares)
    assert sum(left.values()) <= places
    wanted = sum(max(0, shares[code] - used.get(code, 0)) for code in shares)
    assert sum(left.values()) == min(wanted, places)
    if not used and sum(shares.values()) <= places:
        assert left == shares
