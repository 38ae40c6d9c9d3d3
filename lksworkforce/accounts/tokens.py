"""Personal API token secrets: made, recognised and hashed. Pure, no Django.

A secret is `lksw_` and 43 URL-safe characters (32 random bytes). Only its SHA-256 is stored; its
first PREFIX_LENGTH characters are kept in the clear so the person can tell tokens apart. The
`lksw_` start lets secret scanners (and people) recognise a leaked token."""

import hashlib
import secrets

SCHEME = "lksw_"
PREFIX_LENGTH = len(SCHEME) + 8
SECRET_LENGTH = len(SCHEME) + 43


def new_secret() -> str:
    return SCHEME + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_prefix(secret: str) -> str:
    return secret[:PREFIX_LENGTH]


def looks_like_secret(text: str) -> bool:
    """Whether `text` could be a secret at all: anything else is refused before the database is asked."""
    return len(text) == SECRET_LENGTH and text.startswith(SCHEME) and text.isascii()
