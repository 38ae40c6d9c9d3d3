"""Issuing and revoking certificates (services/certificates.py): once per completed enrolment of a
programme that gives one, signed with the service's key, audited; keys rotate and old ones verify."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.test import override_settings

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate
from lksworkforce.programmes.models.certificates import CredentialKey
from lksworkforce.programmes.selectors import certificates as selectors
from lksworkforce.programmes.services import certificates as services
from tests.conftest import World
from tests.programmes.factories import enrol
from tests.programmes.factories_certificates import certificate_cohort, completed

pytestmark = pytest.mark.django_db


@contextmanager
def refused(reason: str) -> Iterator[None]:
    """Refused with a problem whose reason contains `reason`."""
    with pytest.raises(Rejected) as caught:
        yield
    assert any(reason in p.reason for p in caught.value.problems), caught.value.problems


def test_a_completed_place_gets_a_signed_certificate_once(world: World) -> None:
    cohort = certificate_cohort()
    place = completed(cohort, world.staff)
    certificate = services.certificate_issue(enrolment=place, actor=world.national)
    credential = certificate.credential
    assert credential["id"] == f"urn:uuid:{certificate.public_id}"
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == "Sam Staff"
    assert credential["credentialSubject"]["achievement"]["criteria"]["narrative"] == (
        "Attend at least 3 of 4 sessions and take part in a group project."
    )
    assert badges.verify(credential, selectors.verification_keys()).verified
    assert AuditEvent.objects.filter(action="programmes.certificate_issued", object_id=str(certificate.pk)).count() == 1
    with refused("issued for this place already"):
        services.certificate_issue(enrolment=place, actor=world.national)
    assert Certificate.objects.count() == 1


@pytest.mark.parametrize("status", ["enrolled", "not_completed", "withdrawn"])
def test_a_place_not_completed_gets_none(world: World, status: str) -> None:
    place = enrol(certificate_cohort(), world.staff, status=status)
    with refused("Only a completed place"):
        services.certificate_issue(enrolment=place, actor=world.national)
    assert not Certificate.objects.exists()


def test_a_programme_without_certificates_gives_none(world: World) -> None:
    cohort = certificate_cohort(gives_certificate=False)
    with refused("does not give certificates"):
        services.certificate_issue(enrolment=completed(cohort, world.staff), actor=world.national)
    with refused("does not give certificates"):
        services.certificates_issue_for_cohort(cohort=cohort, actor=world.national)


def test_issuing_to_a_cohort_covers_everyone_who_completed_and_only_once(world: World) -> None:
    cohort = certificate_cohort()
    completed(cohort, world.staff)
    completed(cohort, world.colleague)
    enrol(cohort, world.outsider, status="withdrawn")
    first = services.certificates_issue_for_cohort(cohort=cohort, actor=world.national)
    assert sorted(c.enrolment.person.full_name for c in first) == ["Cal Colleague", "Sam Staff"]
    assert services.certificates_issue_for_cohort(cohort=cohort, actor=world.national) == []
    assert Certificate.objects.count() == 2
    assert CredentialKey.objects.count() == 1  # made on first use, then reused


def test_the_private_key_is_kept_encrypted(world: World) -> None:
    services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=world.national)
    key = CredentialKey.objects.get()
    assert "ENCRYPTED PRIVATE KEY" in key.private_key


def test_after_rotation_old_certificates_still_verify_and_new_ones_use_the_new_key(world: World) -> None:
    cohort = certificate_cohort()
    old = services.certificate_issue(enrolment=completed(cohort, world.staff), actor=world.national)
    services.key_rotate(actor=world.national)
    new = services.certificate_issue(enrolment=completed(cohort, world.colleague), actor=world.national)
    keys = selectors.verification_keys()
    assert len(keys) == 2
    assert badges.verify(old.credential, keys).verified
    assert badges.verify(new.credential, keys).verified
    assert old.credential["proof"]["verificationMethod"] != new.credential["proof"]["verificationMethod"]
    retired = CredentialKey.objects.get(active=False)
    assert retired.private_key == ""
    assert retired.retired_at is not None
    published = selectors.public_keys()
    assert [k.retired is None for k in published] == [True, False]


def test_a_key_that_secret_key_no_longer_opens_is_replaced(world: World) -> None:
    cohort = certificate_cohort()
    old = services.certificate_issue(enrolment=completed(cohort, world.staff), actor=world.national)
    with override_settings(SECRET_KEY="a-new-secret"):
        new = services.certificate_issue(enrolment=completed(cohort, world.colleague), actor=world.national)
    assert CredentialKey.objects.count() == 2
    assert badges.verify(old.credential, selectors.verification_keys()).verified
    assert badges.verify(new.credential, selectors.verification_keys()).verified
    assert AuditEvent.objects.filter(action="programmes.credential_key_unreadable").exists()


def test_a_fallback_secret_key_still_opens_the_key(world: World) -> None:
    cohort = certificate_cohort()
    services.certificate_issue(enrolment=completed(cohort, world.staff), actor=world.national)
    with override_settings(SECRET_KEY="a-new-secret", SECRET_KEY_FALLBACKS=["test-key-not-secret"]):
        services.certificate_issue(enrolment=completed(cohort, world.colleague), actor=world.national)
    assert CredentialKey.objects.count() == 1


def test_a_retired_key_is_never_brought_back(world: World) -> None:
    first = badges.key_from_seed("one")
    services.key_install(private_key=first, actor=None)
    services.key_rotate(actor=None)
    with refused("retired"):
        services.key_install(private_key=first, actor=None)


def test_revoking_says_why_and_keeps_the_signature(world: World) -> None:
    certificate = services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=None)
    with refused("Say why"):
        services.certificate_revoke(certificate=certificate, reason="  ", actor=world.national, expected_version=0)
    revoked = services.certificate_revoke(
        certificate=certificate,
        reason="Issued in error",
        actor=world.national,
        expected_version=certificate.edit_version,
    )
    assert revoked.revoked_reason == "Issued in error"
    revocation = selectors.revocation_of(certificate.public_id)
    assert revocation.revoked
    assert revocation.reason == "Issued in error"
    assert AuditEvent.objects.filter(action="programmes.certificate_revoked").count() == 1
    with refused("revoked already"):
        services.certificate_revoke(
            certificate=revoked, reason="Again", actor=world.national, expected_version=revoked.edit_version
        )


def test_a_stale_revocation_is_refused(world: World) -> None:
    certificate = services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=None)
    Certificate.objects.filter(pk=certificate.pk).update(edit_version=5)
    with pytest.raises(StaleEdit):
        services.certificate_revoke(certificate=certificate, reason="Error", actor=world.national, expected_version=0)
    assert not Certificate.objects.get(pk=certificate.pk).revoked_at


def test_rotating_the_key_is_audited(world: World) -> None:
    services.key_rotate(actor=world.national)
    services.key_rotate(actor=world.national)
    assert AuditEvent.objects.filter(action="programmes.credential_key_installed").count() == 2
    assert CredentialKey.objects.filter(active=True).count() == 1
