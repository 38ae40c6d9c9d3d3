"""Whether a person may apply for a programme, and why not, from their band, qualification and role
(the applications part). Pure: no Django.

Every reason is a sentence the applicant reads on the page and in the API, naming both what the
programme asks and what their record says, so they can tell whether their record is wrong."""

from collections.abc import Sequence
from dataclasses import dataclass

from lksworkforce.accounts.people import AFC_BANDS, normalise_band


@dataclass(frozen=True)
class Audience:
    """Who a programme is for: a band range (blank ends: open), qualified people only, job roles (none: any)."""

    band_from: str = ""
    band_to: str = ""
    qualified_only: bool = False
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Applicant:
    """What the person's record says."""

    band: str  # "" when the record gives none
    qualified: bool
    job_title: str = ""


def band_rank(band: str) -> int | None:
    """The band's place in the Agenda for Change order (1 lowest), or None for no band."""
    normalised = normalise_band(band) if band else None
    return None if normalised is None else AFC_BANDS.index(normalised)


def describe_bands(band_from: str, band_to: str) -> str:
    """'bands 7 to 8a', 'band 7 and above', 'bands up to 6', 'band 5' or 'any band'."""
    low, high = normalise_band(band_from or "") or "", normalise_band(band_to or "") or ""
    if low and high:
        return f"band {low}" if low == high else f"bands {low} to {high}"
    if low:
        return f"band {low} and above"
    if high:
        return f"bands up to {high}"
    return "any band"


def _band_reason(audience: Audience, applicant: Applicant) -> str | None:
    low, high = band_rank(audience.band_from), band_rank(audience.band_to)
    if low is None and high is None:
        return None
    wanted = describe_bands(audience.band_from, audience.band_to)
    rank = band_rank(applicant.band)
    if rank is None:
        return f"This programme is for {wanted}; your record does not say your band"
    if (low is not None and rank < low) or (high is not None and rank > high):
        return f"This programme is for {wanted}; your band is {normalise_band(applicant.band)}"
    return None


def _role_matches(roles: Sequence[str], job_title: str) -> bool:
    title = " ".join(job_title.lower().split())
    return any(" ".join(role.lower().split()) in title for role in roles if role.strip())


def reasons_not_eligible(audience: Audience, applicant: Applicant) -> list[str]:
    """Why the applicant may not apply: empty when they may. A role matches when the job title
    contains it ("Clinical librarian" matches "Senior clinical librarian")."""
    reasons = []
    if band := _band_reason(audience, applicant):
        reasons.append(band)
    if audience.qualified_only and not applicant.qualified:
        reasons.append(
            "This programme is for qualified library and knowledge staff; your record shows no CILIP-accredited "
            "qualification, Chartership or Fellowship"
        )
    roles = [role.strip() for role in audience.roles if role.strip()]
    if roles and not _role_matches(roles, applicant.job_title):
        said = applicant.job_title.strip()
        title = f"your job title is {said}" if said else "your record does not give your job title"
        reasons.append(f"This programme is for these roles: {', '.join(roles)}; {title}")
    return reasons
