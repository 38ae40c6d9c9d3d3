"""Certificates over the API: yours, one and its credential, checking a credential (anyone; 422 for
what is not one), the public keys, a cohort's completions and issuing them, revoking with a version."""

import copy
import json
from typing import Any

import pytest
from django.test import Client

from lksworkforce.organisations.models import Region
from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate
from lksworkforce.programmes.services import certificates as services
from tests.conftest import World, client_for
from tests.factories import UserFactory
from tests.programmes.factories_certificates import certificate_cohort, completed

pytestmark = pytest.mark.django_db

API = "/api/v1/programmes"


def _issued(world: World) -> Certificate:
    return services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=None)


def _verify(sent: dict[str, Any] | str | bytes, content_type: str = "application/ld+json") -> Any:
    body = sent if isinstance(sent, (str, bytes)) else json.dumps(sent)
    return _someone().post(f"{API}/credentials/verify", body, content_type=content_type)


def _someone() -> Any:
    """Anyone signed in (the API needs sign-in; the verify page does not)."""
    return client_for(UserFactory.create())


def test_your_certificates_and_one_of_them(world: World) -> None:
    certificate = _issued(world)
    staff = client_for(world.staff)
    mine = staff.get(f"{API}/certificates/mine").json()
    assert [c["certificate_id"] for c in mine] == [str(certificate.public_id)]
    one = staff.get(f"{API}/certificates/{certificate.public_id}").json()
    assert one["recipient"] == "Sam Staff"
    assert one["cohort"] == "2026 cohort, London"
    assert one["status"] == "Valid"
    assert one["completed_on"] == "2026-06-26"
    credential = staff.get(f"{API}/certificates/{certificate.public_id}/credential").json()
    assert credential == certificate.credential
    assert client_for(world.colleague).get(f"{API}/certificates/{certificate.public_id}").status_code == 404
    assert client_for(world.colleague).get(f"{API}/certificates/{certificate.public_id}/credential").status_code == 404
    assert client_for(world.colleague).get(f"{API}/certificates/mine").json() == []


def test_a_credential_checks_without_signing_in(world: World) -> None:
    certificate = _issued(world)
    answer = _verify(certificate.credential)
    assert answer.status_code == 200
    verdict = answer.json()
    assert verdict["valid"] is True
    assert verdict["issued_to"] == "Sam Staff"
    assert verdict["certificate_id"] == str(certificate.public_id)
    assert verdict["key"] == certificate.credential["proof"]["verificationMethod"]


def test_a_tampered_credential_fails_over_the_api(world: World) -> None:
    tampered = copy.deepcopy(_issued(world).credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Something grander"
    verdict = _verify(tampered).json()
    assert verdict["valid"] is False
    assert verdict["signature_verified"] is False
    assert "changed since it was issued" in verdict["reason"]


def test_a_revoked_credential_says_why_over_the_api(world: World) -> None:
    certificate = _issued(world)
    answer = client_for(world.national).post(
        f"{API}/certificates/{certificate.public_id}/revoke",
        {"reason": "Issued in error", "edit_version": certificate.edit_version},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "Revoked"
    verdict = _verify(certificate.credential).json()
    assert verdict["valid"] is False
    assert verdict["signature_verified"] is True
    assert verdict["revoked"] is True
    assert verdict["revoked_reason"] == "Issued in error"


@pytest.mark.parametrize(
    ("sent", "says"),
    [
        ("", "Paste the credential"),
        ("{not json", "not valid JSON"),
        (b"\xff\xfe", "not text in UTF-8"),
        ("[" * 50 + "]" * 50, "nests deeper"),
        (json.dumps({"padding": "x" * (badges.MAX_CREDENTIAL_BYTES + 1)}), "larger than 64 KB"),
    ],
)
def test_what_is_not_a_credential_is_422(world: World, sent: str | bytes, says: str) -> None:
    answer = _verify(sent)
    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "invalid_input"
    assert says in json.dumps(body)


def test_the_public_keys_are_published(world: World) -> None:
    certificate = _issued(world)
    services.key_rotate(actor=None)
    assert Client().get(f"{API}/credentials/keys").status_code == 401
    keys = _someone().get(f"{API}/credentials/keys").json()
    assert len(keys) == 2
    assert keys[1]["id"] == certificate.credential["proof"]["verificationMethod"]
    assert keys[1]["retired"] is not None
    assert keys[0]["retired"] is None
    assert all(k["type"] == "Multikey" and k["publicKeyMultibase"].startswith("z6Mk") for k in keys)


def test_a_cohorts_runner_issues_its_certificates_once(world: World) -> None:
    cohort = certificate_cohort(region=Region.objects.current().get(code="Y62"))
    completed(cohort, world.staff)
    completed(cohort, world.colleague)
    lead = client_for(world.regional_lead)
    before = lead.get(f"{API}/cohorts/{cohort.pk}/certificates").json()
    assert before["awaiting"] == 2
    assert [c["status"] for c in before["completions"]] == ["Not issued", "Not issued"]
    issued = lead.post(f"{API}/cohorts/{cohort.pk}/certificates").json()
    assert sorted(c["recipient"] for c in issued["issued"]) == ["Cal Colleague", "Sam Staff"]
    assert issued["cohort"]["awaiting"] == 0
    again = lead.post(f"{API}/cohorts/{cohort.pk}/certificates").json()
    assert again["issued"] == []
    assert Certificate.objects.count() == 2
    assert client_for(world.staff).post(f"{API}/cohorts/{cohort.pk}/certificates").status_code == 403


def test_a_programme_without_certificates_is_refused(world: World) -> None:
    cohort = certificate_cohort(gives_certificate=False)
    answer = client_for(world.national).post(f"{API}/cohorts/{cohort.pk}/certificates")
    assert answer.status_code == 422
    assert "does not give certificates" in json.dumps(answer.json())


def test_revoking_over_the_api(world: World) -> None:
    certificate = _issued(world)
    url = f"{API}/certificates/{certificate.public_id}/revoke"
    national = client_for(world.national)

    def post(client: Client, body: dict[str, Any]) -> Any:
        return client.post(url, body, content_type="application/json")

    assert post(national, {"reason": "  ", "edit_version": 0}).status_code == 422
    assert post(national, {"reason": "x" * 501, "edit_version": 0}).status_code == 422
    assert post(national, {"reason": "Error", "edit_version": 2**40}).status_code == 422
    stale = post(national, {"reason": "Error", "edit_version": certificate.edit_version + 1})
    assert stale.status_code == 409
    assert (
        post(client_for(world.staff), {"reason": "Mine", "edit_version": certificate.edit_version}).status_code == 403
    )
    assert post(client_for(world.colleague), {"reason": "No", "edit_version": 0}).status_code == 404
    assert not Certificate.objects.get().revoked_at
    done = post(national, {"reason": "Issued in error", "edit_version": certificate.edit_version})
    assert done.json()["revoked_reason"] == "Issued in error"
    again = post(national, {"reason": "Again", "edit_version": done.json()["edit_version"]})
    assert again.status_code == 422
