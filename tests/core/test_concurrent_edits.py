"""The suppression threshold set by two national team members at once (GET, GET, POST, POST):
replacing a date's threshold is a change to that record, so the second is refused with both
values shown and the first kept (ADR 12). And the shared pieces in core.concurrency."""

import threading
from datetime import date

import pytest
from django.db import connection

from lksworkforce.accounts.people import Role
from lksworkforce.core.concurrency import Change, MissingVersionError, StaleEdit, differences, expected
from lksworkforce.core.models import AuditEvent, SuppressionPolicy
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.core.services import suppression_policy_set
from lksworkforce.skills.models import PlanAction
from lksworkforce.skills.services import ActionInput, plan_action_save
from tests.concurrency import opened
from tests.conftest import World, client_for
from tests.factories import UserFactory, grant
from tests.skills.conftest import main_text, tables

URL = "/policy/suppression/"
STALE = "since you opened this page. Nothing you sent was saved."


def state() -> list[object]:
    return [
        list(SuppressionPolicy.objects.values_list("effective_from", "minimum_group_size", "notes", "edit_version")),
        AuditEvent.objects.count(),
    ]


@pytest.mark.parametrize("existing", [False, True], ids=["a new date", "a date already set"])
def test_a_threshold_set_for_the_same_date_by_two_people_keeps_the_first(world: World, existing: bool) -> None:
    if existing:
        suppression_policy_set(actor=world.national, minimum_group_size=5, effective_from=date(2027, 4, 1))
    one, two = (
        client_for(world.national),
        client_for(grant(UserFactory.create(email="second@example.nhs.uk", organisation=None), Role.NATIONAL_TEAM)),
    )
    first = opened(one, URL, "seen_versions", minimum_group_size="10", effective_from="2027-04-01", notes="Board")
    second = opened(two, URL, "seen_versions", minimum_group_size="7", effective_from="2027-04-01", notes="Panel")
    assert one.post(URL, first).status_code == 302
    after_first = state()

    refused = two.post(URL, second)

    assert refused.status_code == 409
    assert STALE in main_text(refused.content)
    rows = {r["Field"]: r for r in tables(refused.content)["What you sent, and what is saved now"].as_dicts()}
    assert (rows["Smallest group shown"]["What you sent (not saved)"], rows["Smallest group shown"]["Saved now"]) == (
        "7",
        "10",
    )
    assert state() == after_first
    assert suppression_threshold(date(2027, 4, 1)) == 10

    again = two.post(
        URL, opened(two, URL, "seen_versions", **{k: v for k, v in second.items() if k != "seen_versions"})
    )
    assert again.status_code == 302
    assert suppression_threshold(date(2027, 4, 1)) == 7


def test_thresholds_for_different_dates_do_not_collide(world: World) -> None:
    one, two = client_for(world.national), client_for(world.national)
    first = opened(one, URL, "seen_versions", minimum_group_size="10", effective_from="2027-04-01")
    second = opened(two, URL, "seen_versions", minimum_group_size="7", effective_from="2028-04-01")
    assert one.post(URL, first).status_code == 302
    assert two.post(URL, second).status_code == 302
    assert SuppressionPolicy.objects.count() == 2


def test_a_threshold_without_the_versions_seen_is_a_bad_request(world: World) -> None:
    response = client_for(world.national).post(URL, {"minimum_group_size": "10", "effective_from": "2027-04-01"})
    assert response.status_code == 400
    assert "did not say which version of the record you were changing" in main_text(response.content)
    assert not SuppressionPolicy.objects.exists()


@pytest.mark.django_db
def test_the_service_replaces_a_date_only_from_the_version_seen() -> None:
    policy = suppression_policy_set(actor=None, minimum_group_size=5, effective_from=date(2027, 4, 1))
    with pytest.raises(StaleEdit):
        suppression_policy_set(actor=None, minimum_group_size=9, effective_from=date(2027, 4, 1))  # expects none
    replaced = suppression_policy_set(
        actor=None, minimum_group_size=9, effective_from=date(2027, 4, 1), expected_version=policy.edit_version
    )
    assert (replaced.pk, replaced.minimum_group_size, replaced.edit_version) == (policy.pk, 9, 2)


def test_differences_list_what_was_sent_beside_what_is_saved() -> None:
    labels = {"a": "First", "b": "Second", "c": "Third"}
    assert differences(labels, {"a": "x", "b": True}, {"a": "y", "b": True, "c": ""}) == [Change("First", "x", "y")]
    assert differences(labels, {"a": "x"}, {"a": "x", "c": None}, every=True) == [
        Change("First", "x", "x"),
        Change("Second", "(not changed by you)", "(blank)"),
        Change("Third", "(not changed by you)", "(blank)"),
    ]


@pytest.mark.parametrize("version", [None, -1, True, "3"])
def test_a_missing_or_malformed_version_is_refused(version: object) -> None:
    with pytest.raises(MissingVersionError):
        expected(version)  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a database server")
def test_two_saves_from_the_same_version_at_the_same_moment_cannot_both_win(world: World) -> None:
    """Two threads, two connections, the same expected version, released together: the
    conditional UPDATE lets exactly one through, whatever the order the server runs them in."""
    action = PlanAction.objects.create(person=world.staff, kind="learn", description="Take the searching course")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(description: str) -> None:
        try:
            start.wait()
            entry = ActionInput(kind="learn", description=description)
            plan_action_save(person=world.staff, entry=entry, action=action, expected_version=1)
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(text,)) for text in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["saved", "stale"]
    action.refresh_from_db()
    assert action.edit_version == 2
    assert AuditEvent.objects.filter(action="skills.plan_action_changed").count() == 1
