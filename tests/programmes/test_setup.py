"""Programmes setup: services (scope, versions, audit, refusals), pages, API, calendar feeds parsed
back with icalendar, the change notice by email, the CPD offer and the home page's next sessions."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from icalendar import Calendar

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.organisations.models import Region
from lksworkforce.programmes import offer
from lksworkforce.programmes.models import CalendarFeedToken, Cohort, Programme, Session
from lksworkforce.programmes.selectors import setup as selectors
from lksworkforce.programmes.services import setup as services
from lksworkforce.programmes.services import setup_sessions as session_services
from tests.conftest import World, client_for
from tests.programmes.factories import CohortFactory, ProgrammeFactory, SessionFactory, enrol
from tests.skills.factories import SubAreaFactory

pytestmark = pytest.mark.django_db


def _region(code: str) -> Region:
    return Region.objects.current().get(code=code)


def _programme_entry(**changes: object) -> services.ProgrammeEntry:
    values: dict[str, object] = {"key": "evidence-synthesis", "title": "Evidence synthesis", "kind": "skills",
                                 "delivery": "blended", "completion_sessions": 3, "completion_needs_project": True}  # fmt: skip
    return services.ProgrammeEntry(**(values | changes))  # type: ignore[arg-type]


def _cohort_entry(**changes: object) -> services.CohortEntry:
    values: dict[str, object] = {"name": "2026, North West", "starts_on": date(2026, 3, 2),
                                 "ends_on": date(2026, 6, 26), "capacity": 24}  # fmt: skip
    return services.CohortEntry(**(values | changes))  # type: ignore[arg-type]


def _session_entry(**changes: object) -> session_services.SessionEntry:
    values: dict[str, object] = {"title": "Workshop", "starts_at": datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
                                 "ends_at": datetime(2026, 3, 2, 16, tzinfo=UTC), "place": "Room 2"}  # fmt: skip
    return session_services.SessionEntry(**(values | changes))  # type: ignore[arg-type]


def test_the_national_team_sets_up_a_programme_audited(world: World) -> None:
    made = services.programme_create(actor=world.national, entry=_programme_entry())
    assert made.key == "evidence-synthesis"
    assert AuditEvent.objects.filter(action="programmes.programme_created", object_id=str(made.pk)).exists()
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=world.regional_lead, entry=_programme_entry(key="other"))


def test_a_bad_programme_is_refused_whole_and_changes_nothing(world: World) -> None:
    with pytest.raises(Rejected) as refused:
        services.programme_create(
            actor=world.national,
            entry=_programme_entry(key="Not A Slug", title="", kind="x", band_from="8a", band_to="5",
                                   completion_sessions=0),
        )  # fmt: skip
    fields = {p.field for p in refused.value.problems}
    assert {"key", "title", "kind", "band_to", "completion_sessions"} <= fields
    assert not Programme.objects.exists()


def test_a_stale_programme_edit_is_refused(world: World) -> None:
    made = services.programme_create(actor=world.national, entry=_programme_entry())
    services.programme_change(
        actor=world.national, programme=made, entry=_programme_entry(title="New"), expected_version=1
    )
    with pytest.raises(StaleEdit):
        services.programme_change(
            actor=world.national, programme=made, entry=_programme_entry(title="Old"), expected_version=1
        )
    made.refresh_from_db()
    assert (made.title, made.edit_version) == ("New", 2)


def test_a_regional_lead_runs_only_their_own_regions_cohorts(world: World) -> None:
    programme = ProgrammeFactory.create()
    north_west, london = _region("Y62"), _region("Y56")
    own = services.cohort_create(
        actor=world.regional_lead, programme=programme, entry=_cohort_entry(region_id=north_west.pk)
    )
    for region_id in (london.pk, None):
        with pytest.raises(Rejected):
            services.cohort_create(
                actor=world.regional_lead, programme=programme, entry=_cohort_entry(region_id=region_id)
            )
    theirs = CohortFactory.create(programme=programme, region=london)
    with pytest.raises(PermissionDenied):
        services.cohort_change(
            actor=world.regional_lead, cohort=theirs, entry=_cohort_entry(region_id=london.pk), expected_version=1
        )
    with pytest.raises(Rejected):  # cannot move their cohort out of their region
        services.cohort_change(
            actor=world.regional_lead, cohort=own, entry=_cohort_entry(region_id=london.pk), expected_version=1
        )
    assert Cohort.objects.get(pk=own.pk).region_id == north_west.pk


def test_a_session_change_emails_the_people_enrolled_and_raises_the_sequence(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    cohort = CohortFactory.create(region=_region("Y62"))
    enrol(cohort, world.staff)
    enrol(cohort, world.colleague)
    session = session_services.session_add(actor=world.national, cohort=cohort, entry=_session_entry())
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        session_services.session_change(
            actor=world.regional_lead, session=session, entry=_session_entry(place="Room 9"), expected_version=1
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["colleague@example.nhs.uk", "staff@example.nhs.uk"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert not any(m.cc or m.bcc for m in mail.outbox)
    assert "Room 9" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        session_services.session_change(
            actor=world.national,
            session=session,
            entry=_session_entry(place="Room 9", title="Renamed"),
            expected_version=2,
        )
    assert mail.outbox == []  # only a new time or place is news


def test_a_session_outside_the_cohort_or_ending_first_is_refused(world: World) -> None:
    cohort = CohortFactory.create()
    with pytest.raises(Rejected) as refused:
        session_services.session_add(
            actor=world.national, cohort=cohort,
            entry=_session_entry(starts_at=datetime(2027, 1, 1, 9, tzinfo=UTC), ends_at=datetime(2027, 1, 1, 8, tzinfo=UTC),
                                 place="", online_link="javascript:alert(1)"),
        )  # fmt: skip
    assert {"starts_at", "ends_at", "online_link"} <= {p.field for p in refused.value.problems}
    assert not Session.objects.exists()


def test_group_project_members_come_from_the_cohort(world: World) -> None:
    cohort = CohortFactory.create()
    enrol(cohort, world.staff)
    with pytest.raises(Rejected):
        session_services.project_add(
            actor=world.national,
            cohort=cohort,
            entry=session_services.ProjectEntry("Group A", member_ids=(world.outsider.pk,)),
        )
    project = session_services.project_add(
        actor=world.national,
        cohort=cohort,
        entry=session_services.ProjectEntry("Group A", member_ids=(world.staff.pk,)),
    )
    assert list(project.members.all()) == [world.staff]
    assert selectors.sees_projects(world.staff, cohort)
    assert not selectors.sees_projects(world.outsider, cohort)


def test_the_cohort_feed_parses_back_with_stable_uids_and_london_times(world: World) -> None:
    cohort = CohortFactory.create(starts_on=date(2026, 3, 2), ends_on=date(2026, 6, 26))
    session = SessionFactory.create(cohort=cohort, starts_at=datetime(2026, 6, 1, 8, 30, tzinfo=UTC),
                                    ends_at=datetime(2026, 6, 1, 11, tzinfo=UTC))  # fmt: skip
    client = client_for(world.staff)
    first = Calendar.from_ical(client.get(f"/programmes/cohorts/{cohort.pk}/calendar.ics").content)
    Session.objects.filter(pk=session.pk).update(edit_version=2, place="Room 5")
    second = Calendar.from_ical(client.get(f"/programmes/cohorts/{cohort.pk}/calendar.ics").content)
    (one,), (two,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert str(one["UID"]) == str(two["UID"])
    assert int(two.decoded("SEQUENCE")) > int(one.decoded("SEQUENCE"))
    assert one.decoded("DTSTAMP") is not None
    start = one.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/London"
    assert (start.hour, start.minute) == (9, 30)  # BST
    assert str(two["LOCATION"]) == "Room 5"
    assert second.walk("VTIMEZONE")


def test_the_personal_feed_needs_its_token_and_the_token_can_be_revoked(world: World) -> None:
    cohort = CohortFactory.create()
    SessionFactory.create(cohort=cohort, title="Mine")
    SessionFactory.create(title="Not mine")
    enrol(cohort, world.staff)
    client = client_for(world.staff)
    client.post("/programmes/calendar/renew/")
    token = CalendarFeedToken.objects.get(person=world.staff).token
    assert world.staff.email not in token
    anonymous = client_for(None)
    feed = Calendar.from_ical(anonymous.get(f"/programmes/feeds/{token}.ics").content)
    assert [str(e["SUMMARY"]).split(": ")[-1] for e in feed.walk("VEVENT")] == ["Mine"]
    assert b"staff@example" not in anonymous.get(f"/programmes/feeds/{token}.ics").content
    client.post("/programmes/calendar/revoke/")
    assert anonymous.get(f"/programmes/feeds/{token}.ics").status_code == 404


def test_the_cohort_page_shows_actions_sessions_and_projects_to_those_who_may_see_them(world: World) -> None:
    cohort = CohortFactory.create(region=_region("Y62"))
    SessionFactory.create(cohort=cohort, title="Kick-off", preparation="Read the pack")
    session_services.project_add(
        actor=world.national, cohort=cohort, entry=session_services.ProjectEntry("Group Kestrel")
    )
    lead_page = client_for(world.regional_lead).get(f"/programmes/cohorts/{cohort.pk}/").content.decode()
    assert "Kick-off" in lead_page
    assert "Read the pack" in lead_page
    assert "Group Kestrel" in lead_page
    assert "Add a session" in lead_page
    assert 'id="cohort-actions"' in lead_page
    outsider_page = client_for(world.outsider).get(f"/programmes/cohorts/{cohort.pk}/").content.decode()
    assert "Kick-off" in outsider_page
    assert "Group Kestrel" not in outsider_page
    assert "Add a session" not in outsider_page


def test_a_programme_set_up_on_the_page_and_bad_input_named_next_to_fields(world: World) -> None:
    client = client_for(world.national)
    bad = client.post("/programmes/new/", {"title": "", "key": "bad key", "kind": "skills", "delivery": "online",
                                           "completion_sessions": "lots"})  # fmt: skip
    assert bad.status_code == 422
    assert "Give the programme a title" in bad.content.decode()
    assert "Enter a whole number" in bad.content.decode()
    good = client.post("/programmes/new/", {"title": "KM facilitators", "key": "km-facilitators", "kind": "train_the_trainer",
                                            "delivery": "online"})  # fmt: skip
    assert good.status_code == 302
    page = client.get("/programmes/programme/km-facilitators/").content.decode()
    assert "Attend every session" in page
    assert "Train the trainer" in page


def test_a_stale_cohort_edit_on_the_page_is_409(world: World) -> None:
    cohort = CohortFactory.create()
    client = client_for(world.national)
    form = {"name": "Renamed", "starts_on": "2/3/2026", "ends_on": "26/6/2026", "capacity": "20", "edit_version": "1"}
    assert client.post(f"/programmes/cohorts/{cohort.pk}/edit/", form).status_code == 302
    assert client.post(f"/programmes/cohorts/{cohort.pk}/edit/", form | {"name": "Again"}).status_code == 409
    assert Cohort.objects.get(pk=cohort.pk).name == "Renamed"


def test_the_api_creates_and_changes_a_session_with_409_when_stale(world: World) -> None:
    cohort = CohortFactory.create(region=_region("Y62"))
    client = client_for(world.regional_lead)
    body = {
        "title": "Workshop",
        "starts_at": "2026-03-02T09:30:00",
        "ends_at": "2026-03-02T16:00:00",
        "place": "Room 2",
    }
    made = client.post(
        f"/api/v1/programmes/cohorts/{cohort.pk}/sessions", json.dumps(body), content_type="application/json"
    )
    assert made.status_code == 200, made.content
    session_id = made.json()["id"]
    assert made.json()["starts_at"].startswith("2026-03-02T09:30:00")
    change = body | {"place": "Room 3", "edit_version": 1}
    url = f"/api/v1/programmes/sessions/{session_id}"
    assert client.put(url, json.dumps(change), content_type="application/json").status_code == 200
    assert client.put(url, json.dumps(change), content_type="application/json").status_code == 409
    bad = client.put(url, json.dumps(change | {"title": "x" * 500, "edit_version": 2}), content_type="application/json")
    assert bad.status_code == 422
    other = CohortFactory.create(region=_region("Y56"))
    refused = client.post(
        f"/api/v1/programmes/cohorts/{other.pk}/sessions", json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 403


def test_on_offer_lists_programmes_with_coming_cohorts_in_one_query(
    world: World, django_assert_num_queries: object
) -> None:
    del world
    sub_area = SubAreaFactory.create()
    coming = ProgrammeFactory.create(title="Coming")
    coming.sub_areas.add(sub_area)
    CohortFactory.create(programme=coming, ends_on=timezone.localdate() + timedelta(days=30))
    past = ProgrammeFactory.create(title="Past")
    past.sub_areas.add(sub_area)
    CohortFactory.create(programme=past, ends_on=date(2020, 1, 1), starts_on=date(2019, 1, 1))
    with django_assert_num_queries(1):  # type: ignore[operator]
        offered = offer.on_offer([sub_area.pk])
    assert [item.title for item in offered[sub_area.pk]] == ["Coming"]


def test_home_items_list_the_next_sessions(world: World, django_assert_max_num_queries: object) -> None:
    soon = timezone.localdate() + timedelta(days=7)
    cohort = CohortFactory.create(starts_on=soon, ends_on=soon + timedelta(days=30))
    SessionFactory.create(cohort=cohort, title="Next one")
    enrol(cohort, world.staff)
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        items = selectors.home_items(world.staff)
    assert [item.text.split(": ")[-1] for item in items] == ["Next one"]
    assert selectors.home_items(world.outsider) == []
