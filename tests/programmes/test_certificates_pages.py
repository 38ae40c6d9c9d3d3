"""Certificates pages: your certificates, one certificate with its PDF and credential, the public
page that checks a credential (valid, tampered, unknown key, revoked with its reason, bad input),
a cohort's certificates issued all at once, and revoking with a reason."""

import copy
import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lksworkforce.core.models import AuditEvent
from lksworkforce.organisations.models import Region
from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate
from lksworkforce.programmes.services import certificates as services
from tests.conftest import World, client_for
from tests.programmes.factories_certificates import certificate_cohort, completed
from tests.skills.conftest import has_pdftotext, pdf_text, words

pytestmark = pytest.mark.django_db

ISSUED_AT = datetime(2026, 7, 1, tzinfo=UTC)


def _issued(world: World, *, region: Region | None = None) -> Certificate:
    return services.certificate_issue(enrolment=completed(certificate_cohort(region=region), world.staff), actor=None)


def _page(certificate: Certificate, name: str = "programmes:certificate") -> str:
    return reverse(name, kwargs={"public_id": certificate.public_id})


def _verify(client: Client, credential: dict[str, Any] | str) -> Any:
    text = credential if isinstance(credential, str) else json.dumps(credential)
    return client.post(reverse("programmes:credential_verify"), {"credential": text})


def test_your_certificates_lists_yours_only(world: World) -> None:
    mine = _issued(world)
    services.certificate_issue(enrolment=completed(certificate_cohort(), world.colleague), actor=None)
    page = client_for(world.staff).get(reverse("programmes:my_certificates")).content.decode()
    assert _page(mine) in page
    assert page.count("Synthesising and summarising evidence</a>") == 1
    empty = client_for(world.outsider).get(reverse("programmes:my_certificates")).content.decode()
    assert "You have no certificates yet" in empty


def test_a_certificate_page_says_what_when_and_offers_its_downloads(world: World) -> None:
    certificate = _issued(world)
    page = client_for(world.staff).get(_page(certificate)).content.decode()
    for said in ("Sam Staff", "Synthesising and summarising evidence", "2026 cohort, London", "26 June 2026",
                 f"urn:uuid:{certificate.public_id}", "Attend at least 3 of 4 sessions"):  # fmt: skip
        assert said in page
    assert _page(certificate, "programmes:certificate_pdf") in page
    assert _page(certificate, "programmes:certificate_credential") in page
    assert "Revoke this certificate" not in page


def test_another_persons_certificate_is_not_found(world: World) -> None:
    certificate = _issued(world)
    for name in ("programmes:certificate", "programmes:certificate_pdf", "programmes:certificate_credential"):
        assert client_for(world.colleague).get(_page(certificate, name)).status_code == 404


def test_the_pdf_is_a_certificate(world: World) -> None:
    certificate = _issued(world)
    response = client_for(world.staff).get(_page(certificate, "programmes:certificate_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="certificate-{certificate.public_id}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    if has_pdftotext():
        text = words(pdf_text(response.content, layout=False))
        for said in ("Certificate of completion", "Sam Staff", "Synthesising and summarising evidence",
                     "2026 cohort, London", str(certificate.public_id), "/programmes/certificates/verify/"):  # fmt: skip
            assert said in text, said


def test_the_credential_downloads_as_json_ld_and_checks(world: World) -> None:
    certificate = _issued(world)
    response = client_for(world.staff).get(_page(certificate, "programmes:certificate_credential"))
    assert response["Content-Type"] == "application/ld+json"
    assert "attachment" in response["Content-Disposition"]
    credential = json.loads(response.content)
    assert credential == certificate.credential
    page = _verify(Client(), credential).content.decode()
    assert "This credential is genuine" in page
    assert "Sam Staff" in page


def test_anyone_can_check_a_credential_uploaded_as_a_file(world: World) -> None:
    certificate = _issued(world)
    upload = SimpleUploadedFile("badge.json", json.dumps(certificate.credential).encode(), "application/json")
    response = Client().post(reverse("programmes:credential_verify"), {"file": upload})
    assert response.status_code == 200
    assert "This credential is genuine" in response.content.decode()


def test_a_tampered_credential_fails_on_the_page(world: World) -> None:
    tampered = copy.deepcopy(_issued(world).credential)
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    page = _verify(Client(), tampered).content.decode()
    assert "This credential is not genuine" in page
    assert "it has been changed since it was issued" in page
    assert "Someone Else" in page  # what it claims is shown, marked as what it says


def test_a_credential_signed_with_another_key_is_not_genuine(world: World) -> None:
    other = badges.key_from_seed("not the service")
    _issued(world)  # the service has a key of its own
    award = badges.Award(
        public_id=uuid.uuid4(), recipient_name="Sam Staff", programme_key="x", programme_title="X",
        programme_description="", criteria="", cohort_name="", started_on=date(2026, 1, 1), ended_on=date(2026, 2, 1),
        completed_on=date(2026, 2, 1), sub_areas=(), issued_at=ISSUED_AT, issuer_name="Not us",
    )  # fmt: skip
    document = badges.build_credential(award, issuer_id=badges.did_key(badges.public_key_of(other)))
    forged = badges.sign(document, private_key=other, created=ISSUED_AT)
    page = _verify(Client(), forged).content.decode()
    assert "This credential is not genuine" in page
    assert "It was not signed with one of this service" in page


def test_a_revoked_credential_says_why(world: World) -> None:
    certificate = _issued(world)
    services.certificate_revoke(
        certificate=certificate,
        reason="Issued to the wrong person",
        actor=world.national,
        expected_version=certificate.edit_version,
    )
    page = _verify(Client(), certificate.credential).content.decode()
    assert "has been revoked" in page
    assert "Issued to the wrong person" in page
    own = client_for(world.staff).get(_page(certificate)).content.decode()
    assert "This certificate has been revoked" in own
    assert "Issued to the wrong person" in own


@pytest.mark.parametrize(
    ("sent", "says"),
    [
        ("", "Paste the credential"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "A credential is a JSON object"),
        ("[" * 50 + "]" * 50, "nests deeper"),
        (json.dumps({"padding": "x" * (badges.MAX_CREDENTIAL_BYTES + 1)}), "larger than 64 KB"),
    ],
)
def test_what_is_not_a_credential_is_refused_with_a_reason(world: World, sent: str, says: str) -> None:
    response = _verify(Client(), sent)
    assert response.status_code == 422
    assert says in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_a_file_too_large_is_refused(world: World) -> None:
    upload = SimpleUploadedFile("big.json", b" " * (badges.MAX_CREDENTIAL_BYTES + 1), "application/json")
    response = Client().post(reverse("programmes:credential_verify"), {"file": upload})
    assert response.status_code == 422
    assert "larger than 64 KB" in response.content.decode()


def test_the_cohort_page_issues_everyones_certificates_once(world: World) -> None:
    cohort = certificate_cohort(region=Region.objects.current().get(code="Y62"))
    completed(cohort, world.staff)
    completed(cohort, world.colleague)
    url = reverse("programmes:cohort_certificates", kwargs={"cohort_id": cohort.pk})
    lead = client_for(world.regional_lead)
    page = lead.get(url).content.decode()
    assert "2 people have completed and have no certificate yet" in page
    assert "Not issued yet" in page
    response = lead.post(url, follow=True)
    assert "2 certificates issued." in response.content.decode()
    assert Certificate.objects.filter(enrolment__cohort=cohort).count() == 2
    assert "Everyone who completed has a certificate" in response.content.decode()
    lead.post(url)
    assert Certificate.objects.filter(enrolment__cohort=cohort).count() == 2
    assert client_for(world.staff).post(url).status_code == 403
    assert AuditEvent.objects.filter(action="programmes.certificate_issued").count() == 2


def test_a_cohort_page_needs_the_csrf_token(world: World) -> None:
    cohort = certificate_cohort()
    completed(cohort, world.staff)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.national)
    response = client.post(reverse("programmes:cohort_certificates", kwargs={"cohort_id": cohort.pk}))
    assert response.status_code == 403
    assert not Certificate.objects.exists()


def test_revoking_needs_a_reason_and_the_version(world: World) -> None:
    certificate = _issued(world)
    url = _page(certificate, "programmes:certificate_revoke")
    national = client_for(world.national)
    assert "Revoke this certificate" in national.get(_page(certificate)).content.decode()
    refused = national.post(url, {"reason": "  ", "edit_version": certificate.edit_version})
    assert refused.status_code == 422
    assert "Say why the certificate is revoked" in refused.content.decode()
    assert national.post(url, {"reason": "Error"}).status_code == 400
    stale = national.post(url, {"reason": "Error", "edit_version": certificate.edit_version + 3})
    assert stale.status_code == 409
    assert "changed since you opened this page" in stale.content.decode()
    done = national.post(url, {"reason": "Issued in error", "edit_version": certificate.edit_version}, follow=True)
    assert "Anyone who checks it is told why" in done.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued in error"
    assert client_for(world.staff).post(url, {"reason": "x", "edit_version": 1}).status_code == 403
    assert client_for(world.colleague).get(url).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "staff", "service_manager", "regional_lead", "national_team", "curator"])
def test_the_browser_walks_pages_answer_as_listed(world: World, role: str) -> None:
    from tests.programmes.pages_certificates import browser_pages

    client = client_for(world.by_role(role))
    for url, status in browser_pages(role, world):
        assert client.get(url).status_code == status, url
