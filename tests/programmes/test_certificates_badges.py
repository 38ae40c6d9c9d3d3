"""Open Badges 3.0 credentials (programmes/badges.py): built as the data model says, signed with the
eddsa-jcs-2022 cryptosuite, verified offline; any change to a signed credential fails verification."""

import copy
import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from lksworkforce.programmes import badges

KEY = badges.key_from_seed("test")
OTHER_KEY = badges.key_from_seed("someone else")
PUBLIC = badges.public_key_of(KEY)
KEYS = {badges.verification_method(PUBLIC): PUBLIC}
ISSUED = datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=UTC)

AWARD = badges.Award(
    public_id=uuid.UUID("6f1c7f0e-35a4-4d52-9a43-0f1f2a3b4c5d"),
    recipient_name="Sam Staff",
    programme_key="evidence-synthesis",
    programme_title="Synthesising and summarising evidence",
    programme_description="A workshop and three problem-based sessions.",
    criteria="Attend at least 3 of 4 sessions and take part in a group project.",
    cohort_name="2026 cohort, London",
    started_on=date(2026, 3, 2),
    ended_on=date(2026, 6, 26),
    completed_on=date(2026, 6, 26),
    sub_areas=("2.1 Searching for evidence", "2.3 Synthesising evidence"),
    issued_at=ISSUED,
    issuer_name="LKS Workforce",
)


def signed(award: badges.Award = AWARD, key: bytes = KEY) -> dict[str, Any]:
    issuer = badges.did_key(badges.public_key_of(key))
    return badges.sign(badges.build_credential(award, issuer_id=issuer), private_key=key, created=award.issued_at)


def test_the_credential_is_an_open_badges_3_credential() -> None:
    credential = signed()
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == "urn:uuid:6f1c7f0e-35a4-4d52-9a43-0f1f2a3b4c5d"
    assert credential["issuer"] == {"id": badges.did_key(PUBLIC), "type": ["Profile"], "name": "LKS Workforce"}
    assert credential["validFrom"] == "2026-07-01T09:30:15Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityHash"] == "Sam Staff"
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["id"] == "urn:lksw:programme:evidence-synthesis"
    assert achievement["name"] == "Synthesising and summarising evidence"
    assert achievement["criteria"]["narrative"].startswith("Attend at least 3 of 4 sessions")
    proof = credential["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == f"{badges.did_key(PUBLIC)}#{badges.public_key_multibase(PUBLIC)}"
    assert proof["created"] == "2026-07-01T09:30:15Z"
    assert proof["proofValue"].startswith("z")
    assert len(badges.from_multibase(proof["proofValue"])) == 64
    assert json.loads(json.dumps(credential)) == credential  # plain JSON, nothing else


def test_a_signed_credential_verifies_and_says_what_it_is() -> None:
    verdict = badges.verify(signed(), KEYS)
    assert verdict.verified, verdict.reason
    assert verdict.recipient == "Sam Staff"
    assert verdict.achievement == "Synthesising and summarising evidence"
    assert verdict.public_id == AWARD.public_id
    assert verdict.valid_from == "2026-07-01T09:30:15Z"


def test_the_signature_is_over_the_hashes_the_cryptosuite_names() -> None:
    """hashData = SHA-256(JCS(proof options with the document's @context)) + SHA-256(JCS(document))."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    credential = signed()
    proof = credential.pop("proof")
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    assert options["@context"] == credential["@context"]
    data = hashlib.sha256(rfc8785.dumps(options)).digest() + hashlib.sha256(rfc8785.dumps(credential)).digest()
    Ed25519PublicKey.from_public_bytes(PUBLIC).verify(badges.from_multibase(proof["proofValue"]), data)


def test_the_key_order_and_spacing_of_the_json_do_not_matter() -> None:
    credential = signed()
    reordered = json.loads(json.dumps(credential, sort_keys=True, indent=4))
    assert badges.verify(dict(reversed(list(reordered.items()))), KEYS).verified


def test_only_the_services_keys_count() -> None:
    forged = signed(key=OTHER_KEY)
    verdict = badges.verify(forged, KEYS)
    assert not verdict.verified
    assert verdict.reason == "It was not signed with one of this service's keys"
    assert verdict.recipient == "Sam Staff"  # what it claims is still shown, as a claim


def test_a_key_not_the_issuers_is_refused() -> None:
    credential = signed()
    credential["issuer"]["id"] = "did:key:z6MkSomeoneElse"
    assert badges.verify(credential, KEYS).reason == "Its issuer is not the holder of the key that signed it"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: c.pop("proof"), "It has no proof"),
        (lambda c: c["proof"].update(cryptosuite="eddsa-rdfc-2022"), "Its proof is not a DataIntegrityProof"),
        (lambda c: c["proof"].update(proofPurpose="authentication"), "Its proof's purpose"),
        (lambda c: c.update(type=["VerifiableCredential"]), "It is not an Open Badges 3.0 credential"),
        (lambda c: c["proof"].update(proofValue="not base58!"), "Its signature does not match"),
        (lambda c: c["proof"].update(proofValue=7), "Its signature does not match"),
        (lambda c: c.update(validFrom="2020-01-01T00:00:00Z"), "Its signature does not match"),
    ],
)
def test_what_is_wrong_is_said(change: Any, reason: str) -> None:
    credential = signed()
    change(credential)
    verdict = badges.verify(credential, KEYS)
    assert not verdict.verified
    assert verdict.reason.startswith(reason)


SIGNED = signed()
LEAVES = badges.leaves(SIGNED)
leaf_values = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))


def _set(document: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


@settings(max_examples=300)
@given(st.sampled_from(LEAVES), leaf_values)
def test_changing_any_leaf_fails_verification(leaf: tuple[tuple[str | int, ...], object], value: object) -> None:
    path, was = leaf
    if value == was and type(value) is type(was):
        value = f"{was}x"
    tampered = copy.deepcopy(SIGNED)
    _set(tampered, path, value)
    assert not badges.verify(tampered, KEYS).verified, path


@given(st.text(min_size=1, max_size=12).filter(lambda k: k not in SIGNED["credentialSubject"]), leaf_values)
def test_adding_a_field_fails_verification(name: str, value: object) -> None:
    tampered = copy.deepcopy(SIGNED)
    tampered["credentialSubject"][name] = value
    assert not badges.verify(tampered, KEYS).verified


@given(st.binary(max_size=40))
def test_base58_round_trips(data: bytes) -> None:
    assert badges.base58_decode(badges.base58_encode(data)) == data


def test_a_multikey_is_an_ed25519_key() -> None:
    assert badges.public_key_multibase(PUBLIC).startswith("z6Mk")
    assert badges.public_key_from_multibase(badges.public_key_multibase(PUBLIC)) == PUBLIC
    with pytest.raises(ValueError, match="Ed25519"):
        badges.public_key_from_multibase(badges.multibase(b"\x12\x00" + PUBLIC))


def test_the_demo_key_is_the_same_for_the_same_seed() -> None:
    assert badges.key_from_seed("demo", "42") == badges.key_from_seed("demo", "42")
    assert badges.key_from_seed("demo", "42") != badges.key_from_seed("demo", "43")
    assert signed(key=badges.key_from_seed("demo", "42")) == signed(key=badges.key_from_seed("demo", "42"))


# Reading what someone pasted -------------------------------------------------------------------------


def test_a_pasted_credential_is_read() -> None:
    assert badges.read_credential(json.dumps(SIGNED)) == SIGNED


@pytest.mark.parametrize(
    ("sent", "says"),
    [
        ("", "Paste the credential"),
        ("   ", "Paste the credential"),
        ("[1, 2]", "A credential is a JSON object"),
        ("{'a': 1}", "That is not valid JSON"),
        ('{"a": NaN}', "That is not valid JSON"),
        (b"\xff\xfe{}", "That is not text in UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "larger than 64 KB"),
        ("[" * 30 + "]" * 30, "nests deeper than 20 levels"),
        ('{"a":' * 25 + "1" + "}" * 25, "nests deeper than 20 levels"),
        ("x" * (64 * 1024 + 1), "larger than 64 KB"),
    ],
)
def test_what_is_not_a_credential_is_refused_with_a_reason(sent: str | bytes, says: str) -> None:
    with pytest.raises(badges.CredentialRefusedError, match=says):
        badges.read_credential(sent)


def test_brackets_inside_strings_are_not_nesting() -> None:
    text = json.dumps({"a": '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"{{{{{{{{{{{{{{{{{{{{{{{{'})
    assert badges.nesting_depth(text, stop_at=20) == 1
    assert badges.read_credential(text) == {"a": "[" * 36 + '\\"' + "{" * 24}


@given(st.recursive(st.none() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_nesting_depth_is_the_depth_of_the_value(value: object) -> None:
    def depth(v: object) -> int:
        if isinstance(v, list):
            return 1 + max((depth(i) for i in v), default=0)
        if isinstance(v, dict):
            return 1 + max((depth(i) for i in v.values()), default=0)
        return 0

    assert badges.nesting_depth(json.dumps(value), stop_at=1000) == depth(value)


def test_the_criteria_say_the_completion_rule() -> None:
    rule = badges.criteria_narrative
    assert rule(sessions_needed=3, total_sessions=4, needs_project=True) == (
        "Attend at least 3 of 4 sessions and take part in a group project."
    )
    assert rule(sessions_needed=None, total_sessions=4, needs_project=False) == "Attend every session."
    assert rule(sessions_needed=1, total_sessions=0, needs_project=False) == "Attend at least 1 session."
