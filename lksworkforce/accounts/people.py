"""Agenda for Change bands, qualifications and roles: pure rules, no Django."""

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")
PARA_PROFESSIONAL_BANDS = frozenset({"1", "2", "3", "4"})


def normalise_band(raw: str) -> str | None:
    """'Band 8A', '8a' and ' 8A ' are all '8a'; anything else is None."""
    text = raw.strip().lower().removeprefix("band").strip()
    return text if text in AFC_BANDS else None


def band_group(band: str) -> str:
    return "Bands 1 to 4" if band in PARA_PROFESSIONAL_BANDS else "Band 5 and above"


class QualificationKind(StrEnum):
    STUDYING = "studying"
    ACCREDITED_DEGREE = "accredited_degree"
    CHARTERED = "chartered"
    FELLOW = "fellow"

    @property
    def label(self) -> str:
        return QUALIFICATION_LABELS[self]

    @property
    def counts_as_qualified(self) -> bool:
        return self in QUALIFYING_KINDS


QUALIFICATION_LABELS = {
    QualificationKind.STUDYING: "Studying for a CILIP-accredited qualification",
    QualificationKind.ACCREDITED_DEGREE: "CILIP-accredited degree",
    QualificationKind.CHARTERED: "CILIP Chartership",
    QualificationKind.FELLOW: "CILIP Fellowship",
}
# DOMAIN.md: qualified = a CILIP-accredited course completed, or Chartership, or Fellowship.
QUALIFYING_KINDS = frozenset(
    {QualificationKind.ACCREDITED_DEGREE, QualificationKind.CHARTERED, QualificationKind.FELLOW}
)


def is_qualified(held: Iterable[tuple[str, date | None]], on: date) -> bool:
    """Qualified on a date if any qualifying award is dated on or before it (undated counts)."""
    return any(
        QualificationKind(kind).counts_as_qualified and (awarded is None or awarded <= on) for kind, awarded in held
    )


class Role(StrEnum):
    STAFF = "staff"
    SERVICE_MANAGER = "service_manager"
    REGIONAL_LEAD = "regional_lead"
    NATIONAL_TEAM = "national_team"
    CURATOR = "curator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.STAFF: "Staff member",
    Role.SERVICE_MANAGER: "Service manager",
    Role.REGIONAL_LEAD: "Regional lead",
    Role.NATIONAL_TEAM: "National team",
    Role.CURATOR: "Curator",
}
