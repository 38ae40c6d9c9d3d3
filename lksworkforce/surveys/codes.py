"""Resume codes and invitation tokens: random, shown once, stored only as a hash. Pure."""

import hashlib
import re
import secrets

# No 0/O, 1/I/L: a code is read off a screen and typed in on another device.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_LENGTH = 12  # 31^12, about 2^59: not guessable
_NOT_CODE = re.compile(r"[^A-Z0-9]")


def new_resume_code() -> str:
    """Like 'K7QM-2XRD-W9TP'."""
    raw = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RESUME_LENGTH, 4))


def normalise_resume_code(text: str) -> str:
    """What a person typed, without spaces, hyphens or case."""
    return _NOT_CODE.sub("", text.upper())


def format_resume_code(code: str) -> str:
    """As shown to people: 'K7QM-2XRD-W9TP'."""
    cleaned = normalise_resume_code(code)
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def resume_code_hash(code: str) -> str:
    return hashlib.sha256(b"lksw-resume:" + normalise_resume_code(code).encode()).hexdigest()


def looks_like_resume_code(text: str) -> bool:
    cleaned = normalise_resume_code(text)
    return len(cleaned) == RESUME_LENGTH and all(ch in RESUME_ALPHABET for ch in cleaned)


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


def invitation_hash(token: str) -> str:
    return hashlib.sha256(b"lksw-invitation:" + token.strip().encode()).hexdigest()
