"""Staffing's part in subject access and erasure (see core/subject_access.py).

Annual returns are statistics about a service, not about a person: a post is recorded by its title,
band, WTE and qualification, with no name, and no post is linked to a person. What links a return to
a person is who submitted and who published it, and an impact summary that names them. Erasure
unlinks the first and removes the name from the second; every post, WTE, band and figure stays."""

from django.db.models import F, Q, QuerySet

from lksworkforce.core.mentions import mention_terms, mentions, redact, search_terms
from lksworkforce.core.subject_access import Erased, Section, Subject, json_value
from lksworkforce.staffing.models import LksReturn

COVERS = (LksReturn,)


def _linked(subject: Subject) -> QuerySet[LksReturn]:
    person = subject.person
    return LksReturn.objects.filter(Q(submitted_by=person) | Q(published_by=person)).select_related("organisation")


def _naming(subject: Subject) -> list[LksReturn]:
    terms = mention_terms(subject.person.full_name, subject.person.email)
    named = Q(pk__in=[])
    for term in search_terms(terms):
        named |= Q(impact_summary__icontains=term)
    candidates = LksReturn.objects.filter(named).select_related("organisation")
    return [r for r in candidates if mentions(r.impact_summary, terms)]


def export(subject: Subject) -> dict[str, Section]:
    person = subject.person
    returns = [
        {
            "organisation": r.organisation.name,
            "year": r.year,
            "version": r.version,
            "status": r.get_status_display(),
            "you_submitted_it_on": json_value(r.submitted_at) if r.submitted_by_id == person.pk else None,
            "you_published_it_on": json_value(r.published_at) if r.published_by_id == person.pk else None,
        }
        for r in _linked(subject).order_by("year", "organisation__name", "version")
    ]
    named = [
        {"organisation": r.organisation.name, "year": r.year, "version": r.version, "impact_summary": r.impact_summary}
        for r in _naming(subject)
    ]
    return {
        "returns": Section(
            "Annual statistics returns you submitted or published",
            returns,
            note="Posts in returns are recorded by title, band, WTE and qualification, without a name: no post is "
            "linked to you, so none is listed here.",
        ),
        "returns_naming_you": Section("Impact summaries in returns that name you", named),
    }


def erase(subject: Subject) -> list[Erased]:
    person = subject.person
    submitted = LksReturn.objects.filter(submitted_by=person).update(submitted_by=None)
    published = LksReturn.objects.filter(published_by=person).update(published_by=None)
    terms = mention_terms(person.full_name, person.email)
    named = _naming(subject)
    for lks_return in named:
        lks_return.impact_summary, _ = redact(lks_return.impact_summary, terms)
        # A new edit version, so that a return page opened before the erasure cannot save the name back.
        lks_return.edit_version = F("edit_version") + 1
        lks_return.save(update_fields=["impact_summary", "edit_version"])
    return [
        Erased("Returns they submitted (kept, without them)", submitted, "unlinked"),
        Erased("Returns they published (kept, without them)", published, "unlinked"),
        Erased("Impact summaries naming them (the name taken out)", len(named), "anonymised"),
    ]
