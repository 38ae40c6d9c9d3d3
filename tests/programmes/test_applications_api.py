"""Applications over the API: every step the pages have, 409 for a stale version, 422 for a refusal
naming its reason, 403/404 outside the viewer's scope."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from lksworkforce.programmes.models import Application, Enrolment
from lksworkforce.programmes.vocabulary import ApplicationStatus as S
from tests.conftest import World, client_for
from tests.programmes.factories import apply
from tests.programmes.factories_applications import closed_cohort, leadership, open_cohort, skills

pytestmark = pytest.mark.django_db
API = "/api/v1/programmes"


def send(client: Any, method: str, url: str, data: Any) -> Any:
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def test_apply_support_and_read_back(world: World) -> None:
    cohort = open_cohort(leadership(band_from="7"))
    refused = send(client_for(world.staff), "post", f"{API}/cohorts/{cohort.pk}/applications", {"statement": "Me"})
    assert refused.status_code == 422
    assert "This programme is for band 7 and above; your band is 4" in refused.json()["message"]
    cohort = open_cohort(leadership())
    staff = client_for(world.staff)
    made = send(staff, "post", f"{API}/cohorts/{cohort.pk}/applications", {"statement": "Me", "could_not_travel": True})
    assert made.status_code == 200, made.content
    sent = made.json()
    assert (sent["status"], sent["region_code"], sent["band"]) == ("awaiting_support", "Y56", "4")
    manager = client_for(world.manager)
    assert [a["id"] for a in manager.get(f"{API}/support").json()] == [sent["id"]]
    assert client_for(world.staff).get(f"{API}/support").status_code == 403
    decided = send(manager, "post", f"{API}/support/{sent['id']}", {"supported": True, "edit_version": 1})
    assert decided.json()["status"] == "submitted"
    stale = send(manager, "post", f"{API}/support/{sent['id']}", {"supported": True, "edit_version": 1})
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    assert staff.get(f"{API}/applications/{sent['id']}").json()["supported"] is True
    assert client_for(world.colleague).get(f"{API}/applications/{sent['id']}").status_code == 404


def test_book_score_reply_and_withdraw(world: World) -> None:
    booked = send(client_for(world.staff), "post", f"{API}/cohorts/{open_cohort(skills()).pk}/applications", {})
    assert booked.json()["status_label"] == "Place booked"
    cohort = closed_cohort(leadership())
    application = apply(cohort, world.colleague)
    panel = client_for(world.national)
    bad = send(
        panel,
        "put",
        f"{API}/cohorts/{cohort.pk}/selection/{application.pk}/scores",
        {"scores": [6, 1], "edit_version": 1},
    )
    assert bad.status_code == 422
    scored = send(
        panel,
        "put",
        f"{API}/cohorts/{cohort.pk}/selection/{application.pk}/scores",
        {"scores": [3, 4], "edit_version": 1},
    )
    assert (scored.json()["score"], scored.json()["panel_members"]) == ("7.00", 1)
    assert client_for(world.regional_lead).get(f"{API}/cohorts/{cohort.pk}/selection").status_code == 404
    Application.objects.filter(pk=application.pk).update(
        status=S.OFFERED, reply_by=timezone.localdate() + timedelta(days=2)
    )
    version = Application.objects.get(pk=application.pk).edit_version
    colleague = client_for(world.colleague)
    accepted = send(
        colleague, "post", f"{API}/applications/{application.pk}/reply", {"answer": "accept", "edit_version": version}
    )
    assert accepted.json()["status"] == "accepted"
    assert Enrolment.objects.filter(cohort=cohort, person=world.colleague).exists()
    withdrawn = send(colleague, "post", f"{API}/applications/{application.pk}/withdraw", {"edit_version": version + 1})
    assert withdrawn.json()["status"] == "withdrawn"
    assert Enrolment.objects.get(cohort=cohort, person=world.colleague).status == "withdrawn"
