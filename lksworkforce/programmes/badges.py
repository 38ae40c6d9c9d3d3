"""Open Badges 3.0 credentials: building, signing and verifying them offline (the certificates part).
Pure: no Django.

A credential is an OpenBadgeCredential (W3C Verifiable Credentials Data Model 2.0) secured with a
Data Integrity proof of the `eddsa-jcs-2022` cryptosuite (W3C VC Data Integrity EdDSA Cryptosuites
v1.0, section 3.3): the document and the proof options are each canonicalised by the JSON
Canonicalization Scheme (RFC 8785), hashed with SHA-256, and the proof options' hash followed by the
document's hash is signed with Ed25519. JCS needs no JSON-LD context loading, so nothing is fetched.

Keys are named as `did:key` (the Ed25519 public key as a Multikey, `z6Mk...`): the issuer's id is
the did of the key that signed, and the verification method is `did:key:<key>#<key>`, so a verifier
can check offline that the key belongs to the issuer; which keys are the service's is the list the
service publishes."""

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

CONTEXT = ("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
TYPES = ("VerifiableCredential", "OpenBadgeCredential")
CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_TYPE = "DataIntegrityProof"
PROOF_PURPOSE = "assertionMethod"
MEDIA_TYPE = "application/vc+ld+json"

# What the verifier takes: a credential is a few kilobytes; anything far bigger or deeper is not one.
MAX_CREDENTIAL_BYTES = 64 * 1024
MAX_NESTING = 20

_ED25519_PUBLIC = b"\xed\x01"  # the multicodec prefix of an Ed25519 public key (Multikey)
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


# Multibase (base58btc) and keys ----------------------------------------------------------------


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, rest = divmod(number, 58)
        digits.append(_BASE58[rest])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def base58_decode(text: str) -> bytes:
    """Raises ValueError for a character outside the base58 alphabet."""
    number = 0
    for character in text:
        position = _BASE58.find(character)
        if position < 0:
            raise ValueError(f"{character!r} is not a base58 character")
        number = number * 58 + position
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase(data: bytes) -> str:
    """base58btc multibase: 'z' then base58."""
    return "z" + base58_encode(data)


def from_multibase(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("Only base58btc multibase (starting with z) is read")
    return base58_decode(text[1:])


def public_key_multibase(public_key: bytes) -> str:
    """An Ed25519 public key (32 bytes) as a Multikey: 'z6Mk...'."""
    return multibase(_ED25519_PUBLIC + public_key)


def public_key_from_multibase(text: str) -> bytes:
    raw = from_multibase(text)
    if len(raw) != 34 or not raw.startswith(_ED25519_PUBLIC):
        raise ValueError("Not an Ed25519 public key")
    return raw[2:]


def public_key_of(private_key: bytes) -> bytes:
    """The public key of an Ed25519 private key (its 32-byte seed)."""
    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def did_key(public_key: bytes) -> str:
    return f"did:key:{public_key_multibase(public_key)}"


def verification_method(public_key: bytes) -> str:
    return f"{did_key(public_key)}#{public_key_multibase(public_key)}"


def key_from_seed(*parts: str) -> bytes:
    """A private key derived from words (the demo's key, from its seed: the same seed signs alike)."""
    return hashlib.sha256("\0".join(("lksw-credential-key", *parts)).encode()).digest()


# Building ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Award:
    """What a certificate says: who completed what, when."""

    public_id: uuid.UUID
    recipient_name: str
    programme_key: str
    programme_title: str
    programme_description: str
    criteria: str  # the completion rule, in words
    cohort_name: str
    started_on: date
    ended_on: date
    completed_on: date
    sub_areas: tuple[str, ...]  # "1.2 Searching for evidence", framework order
    issued_at: datetime
    issuer_name: str


def timestamp(moment: datetime) -> str:
    """An XML Schema dateTime in UTC to the second, as the VC data model writes them."""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_id(public_id: uuid.UUID) -> str:
    return f"urn:uuid:{public_id}"


def public_id_of(credential: Mapping[str, Any]) -> uuid.UUID | None:
    """The certificate's public id from a credential's `id` (urn:uuid:...), or None."""
    found = credential.get("id")
    if not isinstance(found, str) or not found.startswith("urn:uuid:"):
        return None
    try:
        return uuid.UUID(found.removeprefix("urn:uuid:"))
    except ValueError:
        return None


def build_credential(award: Award, *, issuer_id: str) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for an award."""
    achievement_id = f"urn:lksw:programme:{award.programme_key}"
    return {
        "@context": list(CONTEXT),
        "id": credential_id(award.public_id),
        "type": list(TYPES),
        "name": f"{award.programme_title}: certificate of completion",
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": award.issuer_name},
        "validFrom": timestamp(award.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": award.recipient_name,
                }
            ],
            "activityStartDate": f"{award.started_on.isoformat()}T00:00:00Z",
            "activityEndDate": f"{award.completed_on.isoformat()}T00:00:00Z",
            "term": award.cohort_name,
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": award.programme_title,
                "description": award.programme_description or award.programme_title,
                "criteria": {"narrative": award.criteria},
                "tag": list(award.sub_areas),
            },
        },
    }


# Signing and verifying -----------------------------------------------------------------------------


def _hash_data(document: Mapping[str, Any], proof_options: Mapping[str, Any]) -> bytes:
    """SHA-256 of the canonical proof configuration, then of the canonical document (3.3.4)."""
    config = dict(proof_options)
    if "@context" in document:
        config["@context"] = document["@context"]
    return hashlib.sha256(rfc8785.dumps(config)).digest() + hashlib.sha256(rfc8785.dumps(dict(document))).digest()


def sign(document: Mapping[str, Any], *, private_key: bytes, created: datetime) -> dict[str, Any]:
    """The document with an eddsa-jcs-2022 proof by the key (its 32-byte seed)."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": timestamp(created),
        "verificationMethod": verification_method(public_key_of(private_key)),
        "proofPurpose": PROOF_PURPOSE,
    }
    if "@context" in unsecured:
        options["@context"] = unsecured["@context"]
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(_hash_data(unsecured, options))
    return unsecured | {"proof": options | {"proofValue": multibase(signature)}}


@dataclass(frozen=True)
class Verdict:
    """Whether a credential's signature verifies against the keys given, and what it says."""

    verified: bool
    reason: str  # why not, as a sentence; empty when it verifies
    key: str = ""  # the verification method that signed (when one of the keys given)
    public_id: uuid.UUID | None = None
    recipient: str = ""
    achievement: str = ""
    issuer: str = ""
    valid_from: str = ""


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _says(credential: Mapping[str, Any]) -> dict[str, Any]:
    """Who it was issued to, for what, by whom and from when, as the credential says (even unverified)."""
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, Mapping) else {}
    identifiers = subject.get("identifier")
    names = [
        _text(i.get("identityHash"))
        for i in (identifiers if isinstance(identifiers, list) else [])
        if isinstance(i, Mapping) and i.get("identityType") == "name" and i.get("hashed") is False
    ]
    achievement = subject.get("achievement")
    issuer = credential.get("issuer")
    return {
        "public_id": public_id_of(credential),
        "recipient": names[0] if names else "",
        "achievement": _text(achievement.get("name")) if isinstance(achievement, Mapping) else "",
        "issuer": _text(issuer.get("name")) if isinstance(issuer, Mapping) else _text(issuer),
        "valid_from": _text(credential.get("validFrom")),
    }


def _issuer_id(credential: Mapping[str, Any]) -> str:
    issuer = credential.get("issuer")
    return _text(issuer.get("id")) if isinstance(issuer, Mapping) else _text(issuer)


def _refusal(credential: Mapping[str, Any], keys: Mapping[str, bytes]) -> tuple[str, str]:
    """(why the credential does not verify or "", the verification method)."""
    proof = credential.get("proof")
    if not isinstance(proof, Mapping):
        return "It has no proof (a single Data Integrity proof object)", ""
    method = _text(proof.get("verificationMethod"))
    value = proof.get("proofValue")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return f"Its proof is not a {PROOF_TYPE} of the {CRYPTOSUITE} cryptosuite", method
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        return f"Its proof's purpose is not {PROOF_PURPOSE}", method
    if list(credential.get("@context") or []) != list(CONTEXT) or not _types_ok(credential.get("type")):
        return "It is not an Open Badges 3.0 credential (its @context or type is not one)", method
    if method not in keys:
        return "It was not signed with one of this service's keys", method
    if _issuer_id(credential) != method.split("#", 1)[0]:
        return "Its issuer is not the holder of the key that signed it", method
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    context = options.get("@context")
    if context is not None and context != unsecured.get("@context"):
        return "Its proof's @context is not the credential's", method
    try:
        signature = from_multibase(value) if isinstance(value, str) else b""
        Ed25519PublicKey.from_public_bytes(keys[method]).verify(signature, _hash_data(unsecured, options))
    except (ValueError, InvalidSignature):
        return "Its signature does not match its contents: it has been changed since it was issued", method
    return "", method


def _types_ok(types: object) -> bool:
    return isinstance(types, list) and all(t in types for t in TYPES)


def verify(credential: Mapping[str, Any], keys: Mapping[str, bytes]) -> Verdict:
    """Checks the credential's eddsa-jcs-2022 proof against `keys` (verification method -> Ed25519
    public key): only these keys count. Never raises for what a credential holds."""
    reason, method = _refusal(credential, keys)
    return Verdict(verified=not reason, reason=reason, key=method if not reason else "", **_says(credential))


# Reading what someone pasted ------------------------------------------------------------------------


class CredentialRefusedError(ValueError):
    """What was pasted or uploaded is not a credential we will read; the message says why."""


def nesting_depth(text: str, *, stop_at: int) -> int:
    """How deep JSON text nests arrays and objects (outside strings), read without parsing it, so
    that deeply nested input is refused before the parser recurses; stops counting past `stop_at`."""
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop_at:
                return deepest
        elif character in "]}":
            depth -= 1
    return deepest


def read_credential(data: bytes | str) -> dict[str, Any]:
    """A credential from JSON text, bounded in size and nesting; raises CredentialRefusedError."""
    raw = data.encode() if isinstance(data, str) else data
    if len(raw) > MAX_CREDENTIAL_BYTES:
        raise CredentialRefusedError(
            f"That is larger than {MAX_CREDENTIAL_BYTES // 1024} KB: a credential from this service is far smaller"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CredentialRefusedError("That is not text in UTF-8: send the credential's JSON file") from None
    if not text.strip():
        raise CredentialRefusedError("Paste the credential's JSON, or choose its file")
    if nesting_depth(text, stop_at=MAX_NESTING) > MAX_NESTING:
        raise CredentialRefusedError(f"That nests deeper than {MAX_NESTING} levels: it is not a credential")
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise CredentialRefusedError("That is not valid JSON: paste the whole credential, as it was given") from None
    if not isinstance(value, dict):
        raise CredentialRefusedError("A credential is a JSON object, starting with {")
    return value


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def canonical(document: Mapping[str, Any]) -> bytes:
    """The document as JCS writes it (what is hashed)."""
    return rfc8785.dumps(dict(document))


def leaves(value: object, path: Sequence[str | int] = ()) -> list[tuple[tuple[str | int, ...], object]]:
    """Every leaf (string, number, boolean, null) of a JSON value with its path: what tampering changes."""
    if isinstance(value, Mapping):
        return [leaf for key, item in value.items() for leaf in leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in leaves(item, (*path, index))]
    return [(tuple(path), value)]


def criteria_narrative(*, sessions_needed: int | None, total_sessions: int, needs_project: bool) -> str:
    """The completion rule in words, as the achievement's criteria say it."""
    if sessions_needed is None or sessions_needed >= total_sessions > 0:
        attend = "Attend every session" if total_sessions != 1 else "Attend the session"
    else:
        of = f" of {total_sessions}" if total_sessions else ""
        attend = f"Attend at least {sessions_needed}{of} session{'s' if sessions_needed != 1 else ''}"
    return attend + (" and take part in a group project." if needs_project else ".")
