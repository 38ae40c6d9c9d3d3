"""Rules for ODS codes and organisation types: pure, no Django, shared by forms and importers."""

import re
from enum import StrEnum

_ODS_CODE = re.compile(r"^[A-Z0-9]{3,6}$")


class OrganisationType(StrEnum):
    ACUTE = "acute"
    MENTAL_HEALTH = "mental_health"
    COMMUNITY = "community"
    AMBULANCE = "ambulance"
    ARMS_LENGTH_BODY = "arms_length_body"
    OTHER = "other"

    @property
    def label(self) -> str:
        return TYPE_LABELS[self]

    @property
    def is_trust(self) -> bool:
        return self in TRUST_TYPES


TYPE_LABELS = {
    OrganisationType.ACUTE: "Acute trust",
    OrganisationType.MENTAL_HEALTH: "Mental health trust",
    OrganisationType.COMMUNITY: "Community trust",
    OrganisationType.AMBULANCE: "Ambulance trust",
    OrganisationType.ARMS_LENGTH_BODY: "Arm's length body",
    OrganisationType.OTHER: "Other",
}
TRUST_TYPES = frozenset(
    {OrganisationType.ACUTE, OrganisationType.MENTAL_HEALTH, OrganisationType.COMMUNITY, OrganisationType.AMBULANCE}
)


def normalise_ods_code(raw: str) -> str:
    return raw.strip().upper()


def ods_code_problem(code: str, organisation_type: OrganisationType | None = None) -> str | None:
    """Why a (normalised) ODS code is not valid, or None when it is."""
    if not code:
        return "An ODS code is required"
    if not _ODS_CODE.match(code):
        return "An ODS code is 3 to 6 letters and digits, for example RXL"
    if organisation_type is not None and organisation_type.is_trust and len(code) != 3:
        return "An NHS trust's ODS code is 3 characters, for example RXL"
    return None


def parse_organisation_type(raw: str) -> OrganisationType | None:
    """Accepts the key ('mental_health') or the label ('Mental health trust'), any case."""
    text = raw.strip().lower().replace("-", " ").replace("_", " ")
    for kind in OrganisationType:
        if text in {kind.value.replace("_", " "), kind.label.lower(), kind.label.lower().removesuffix(" trust")}:
            return kind
    return None
