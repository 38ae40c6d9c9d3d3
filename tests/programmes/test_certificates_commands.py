"""Certificates commands: issuing a cohort's certificates, checking a credential file (exit 0 valid,
1 not valid, 2 bad input) and rotating the signing key."""

import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lksworkforce.programmes import badges
from lksworkforce.programmes.models import Certificate
from lksworkforce.programmes.models.certificates import CredentialKey
from lksworkforce.programmes.selectors import certificates as selectors
from lksworkforce.programmes.services import certificates as services
from tests.conftest import World
from tests.programmes.factories_certificates import certificate_cohort, completed

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as raised:
        run(*args)
    return raised.value


def _file(tmp_path: Path, credential: object) -> str:
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential) if not isinstance(credential, str) else credential)
    return str(path)


def test_issuing_a_cohorts_certificates(world: World) -> None:
    cohort = certificate_cohort()
    completed(cohort, world.staff)
    completed(cohort, world.colleague)
    out, err = run("programme_certificates_issue", "--cohort", str(cohort.pk), "--format", "json")
    rows = json.loads(out)
    assert sorted(r["recipient"] for r in rows) == ["Cal Colleague", "Sam Staff"]
    assert {r["certificate_id"] for r in rows} == {str(c.public_id) for c in Certificate.objects.all()}
    assert "2 certificates issued" in err
    out, err = run("programme_certificates_issue", "--cohort", str(cohort.pk), "--format", "csv")
    assert out.splitlines() == ["certificate_id,recipient,programme,cohort,completed_on"]
    assert "0 certificates issued" in err


def test_issuing_refuses_bad_input(world: World) -> None:
    assert refused("programme_certificates_issue", "--cohort", "999999").returncode == 2
    cohort = certificate_cohort(gives_certificate=False)
    completed(cohort, world.staff)
    assert refused("programme_certificates_issue", "--cohort", str(cohort.pk)).returncode == 2
    assert not Certificate.objects.exists()


def test_a_valid_credential_exits_0(world: World, tmp_path: Path) -> None:
    certificate = services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=None)
    out, _ = run("programme_credential_verify", _file(tmp_path, certificate.credential), "--format", "json")
    verdict = json.loads(out)
    assert verdict["valid"] is True
    assert verdict["issued_to"] == "Sam Staff"
    out, _ = run("programme_credential_verify", _file(tmp_path, certificate.credential))
    assert "This credential is genuine" in out


def test_a_tampered_credential_exits_1(world: World, tmp_path: Path) -> None:
    certificate = services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=None)
    tampered = copy.deepcopy(certificate.credential)
    tampered["validFrom"] = "2020-01-01T00:00:00Z"
    error = refused("programme_credential_verify", _file(tmp_path, tampered))
    assert error.returncode == 1
    assert "changed since it was issued" in str(error)


def test_a_revoked_credential_exits_1_with_the_reason(world: World, tmp_path: Path) -> None:
    certificate = services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=None)
    services.certificate_revoke(
        certificate=certificate,
        reason="Issued in error",
        actor=world.national,
        expected_version=certificate.edit_version,
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("programme_credential_verify", _file(tmp_path, certificate.credential), stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert "Issued in error" in out.getvalue()


@pytest.mark.parametrize("content", ["{not json", "[]", "", json.dumps({"x": "y" * (badges.MAX_CREDENTIAL_BYTES + 1)})])
def test_what_is_not_a_credential_exits_2(world: World, tmp_path: Path, content: str) -> None:
    assert refused("programme_credential_verify", _file(tmp_path, content)).returncode == 2


def test_a_missing_file_exits_2(world: World, tmp_path: Path) -> None:
    assert refused("programme_credential_verify", str(tmp_path / "nothing.json")).returncode == 2


def test_rotating_the_key_keeps_old_credentials_verifying(world: World, tmp_path: Path) -> None:
    certificate = services.certificate_issue(enrolment=completed(certificate_cohort(), world.staff), actor=None)
    out, _ = run("programme_credential_key_rotate")
    active = CredentialKey.objects.get(active=True)
    assert out.strip() == f"did:key:{active.public_key}"
    assert CredentialKey.objects.count() == 2
    assert badges.verify(certificate.credential, selectors.verification_keys()).verified
    run("programme_credential_verify", _file(tmp_path, certificate.credential))  # exits 0
