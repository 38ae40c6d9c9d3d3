"""The applications pages as people use them: apply, the manager's support, the panel's scores and
offers, the answer to an offer; errors beside their fields, nothing changed when refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lksworkforce.programmes.models import Application, Enrolment, PanelScore
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from tests.conftest import World, client_for
from tests.programmes.factories import apply
from tests.programmes.factories_applications import closed_cohort, leadership, open_cohort, skills

pytestmark = pytest.mark.django_db


def test_a_person_applies_and_their_manager_supports_it(world: World) -> None:
    cohort = open_cohort(leadership(title="Mid-career leadership"))
    staff = client_for(world.staff)
    listed = staff.get("/programmes/applications/")
    assert "Mid-career leadership" in listed.content.decode()
    refused = staff.post(f"/programmes/cohorts/{cohort.pk}/apply/", {"statement": ""})
    assert refused.status_code == 422
    assert "Write your statement against the selection criteria" in refused.content.decode()
    assert not Application.objects.exists()
    sent = staff.post(f"/programmes/cohorts/{cohort.pk}/apply/", {"statement": "I lead.", "could_not_travel": "on"})
    application = Application.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == f"/programmes/applications/{application.pk}/"
    manager = client_for(world.manager)
    assert "Sam Staff" in manager.get("/programmes/support/").content.decode()
    no_reason = manager.post(
        f"/programmes/support/{application.pk}/", {"supported": "no", "edit_version": application.edit_version}
    )
    assert no_reason.status_code == 422
    assert "Say why you do not support the application" in no_reason.content.decode()
    manager.post(
        f"/programmes/support/{application.pk}/", {"supported": "yes", "edit_version": application.edit_version}
    )
    assert Application.objects.get().status == S.SUBMITTED
    stale = manager.post(f"/programmes/support/{application.pk}/", {"supported": "yes", "edit_version": 1})
    assert stale.status_code == 409


def test_the_apply_page_says_why_someone_cannot_apply(world: World) -> None:
    cohort = open_cohort(leadership(band_from="7", band_to="8a"))
    page = client_for(world.staff).get(f"/programmes/cohorts/{cohort.pk}/apply/")
    assert "This programme is for bands 7 to 8a; your band is 4" in page.content.decode()


def test_another_managers_people_are_not_shown(world: World) -> None:
    application = apply(open_cohort(leadership()), world.outsider, status=S.AWAITING_SUPPORT)
    manager = client_for(world.manager)
    assert "Olu Outsider" not in manager.get("/programmes/support/").content.decode()
    assert manager.get(f"/programmes/support/{application.pk}/").status_code == 404


def test_booking_a_skills_place(world: World) -> None:
    cohort = open_cohort(skills(title="Evidence synthesis"), capacity=1)
    client_for(world.staff).post(f"/programmes/cohorts/{cohort.pk}/apply/", {})
    assert Enrolment.objects.get().person == world.staff


def test_the_panel_scores_and_the_person_accepts(world: World) -> None:
    cohort = closed_cohort(leadership(), capacity=2)
    application = apply(cohort, world.staff)
    panel = client_for(world.national)
    page = panel.get(f"/programmes/cohorts/{cohort.pk}/selection/")
    assert "Sam Staff" in page.content.decode()
    assert "their scores for each criterion are averaged" in page.content.decode()
    bad = panel.post(
        f"/programmes/cohorts/{cohort.pk}/selection/{application.pk}/",
        {"criterion_0": "9", "criterion_1": "", "edit_version": application.edit_version},
    )
    assert bad.status_code == 422
    assert "A score must be from 0 to 5" in bad.content.decode()
    assert not PanelScore.objects.exists()
    panel.post(
        f"/programmes/cohorts/{cohort.pk}/selection/{application.pk}/",
        {"criterion_0": "4", "criterion_1": "5", "edit_version": application.edit_version},
    )
    assert str(Application.objects.get().score) == "9.00"
    Application.objects.filter(pk=application.pk).update(
        status=S.OFFERED, reply_by=timezone.localdate() + timedelta(days=5)
    )
    staff = client_for(world.staff)
    offer = staff.get(f"/programmes/applications/{application.pk}/")
    assert "You are offered a place" in offer.content.decode()
    saved = Application.objects.get()
    staff.post(
        f"/programmes/applications/{application.pk}/reply/", {"answer": "accept", "edit_version": saved.edit_version}
    )
    assert Application.objects.get().status == S.ACCEPTED
    assert Enrolment.objects.get().person == world.staff


def test_a_lead_selects_only_for_their_regions_cohorts(world: World) -> None:
    national = closed_cohort(leadership())
    lead = client_for(world.regional_lead)
    assert lead.get(f"/programmes/cohorts/{national.pk}/selection/").status_code == 404
    assert client_for(world.staff).get(f"/programmes/cohorts/{national.pk}/selection/").status_code == 403
