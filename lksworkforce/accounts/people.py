"""Agenda for Change bands, qualifications and roles: pure rules, no Django."""

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum

AFC_BANDS = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")
PARA_PROFESSIONAL_BANDS = frozenset({"1", "2", "3", "4"})


def normalise_band(raw: str) -> str | None:
    """'Band 8A', '8a' and ' 8A ' are all '8a'; anything else is None."""
    text = raw.strip().lower().removeprefix("band").strip()
    return text if text in AFC_BANDS else None


class BandGroup(StrEnum):
    """The groups figures break bands into (skills roll-ups, survey results): para-professional
    bands 1 to 4, professional band 5 and above, and people whose band is not known."""

    BANDS_1_TO_4 = "bands_1_to_4"
    BAND_5_AND_ABOVE = "band_5_and_above"
    NOT_STATED = "not_stated"

    @property
    def label(self) -> str:
        return BAND_GROUP_LABELS[self]


BAND_GROUP_LABELS: Mapping[str, str] = {
    BandGroup.BANDS_1_TO_4: "Bands 1 to 4",
    BandGroup.BAND_5_AND_ABOVE: "Band 5 and above",
    BandGroup.NOT_STATED: "Band not stated",
}


def band_group(band: str | None) -> BandGroup:
    """The group of an Agenda for Change band ('8a', 'Band 5'); not stated for no band, or for
    anything that is not a band (such as 'Prefer not to say')."""
    normalised = normalise_band(band) if band else None
    if normalised is None:
        return BandGroup.NOT_STATED
    return BandGroup.BANDS_1_TO_4 if normalised in PARA_PROFESSIONAL_BANDS else BandGroup.BAND_5_AND_ABOVE


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
