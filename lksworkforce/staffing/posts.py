"""What a post in an LKS annual return may hold: pure rules, no Django."""

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from lksworkforce.accounts.people import QualificationKind

MAX_POST_WTE = Decimal("1.00")


class PostQualification(StrEnum):
    NONE = "none"
    STUDYING = "studying"
    ACCREDITED_DEGREE = "accredited_degree"
    CHARTERED = "chartered"
    FELLOW = "fellow"

    @property
    def counts_as_qualified(self) -> bool:
        return self is not PostQualification.NONE and QualificationKind(self.value).counts_as_qualified

    @property
    def label(self) -> str:
        return "None" if self is PostQualification.NONE else QualificationKind(self.value).label


def parse_post_wte(raw: str) -> tuple[Decimal | None, str | None]:
    """A post's WTE and None, or None and why it is not valid. WTE is in (0, 1.00], 2 places."""
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        return None, "WTE must be a number, for example 0.8"
    if not value.is_finite():
        return None, "WTE must be a number, for example 0.8"
    if value <= 0:
        return None, "WTE must be more than 0"
    if value > MAX_POST_WTE:
        return None, "WTE must be 1.00 or less: one row is one person in post"
    if value != value.quantize(Decimal("0.01")):
        return None, "WTE has at most 2 decimal places"
    return value.quantize(Decimal("0.01")), None


def parse_qualification(raw: str) -> PostQualification | None:
    try:
        return PostQualification(raw.strip().lower())
    except ValueError:
        return None
