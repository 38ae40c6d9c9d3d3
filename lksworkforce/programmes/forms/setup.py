"""The setup forms: they parse what a page sent into the services' entries; the services check the
entries whole. Field limits are generous (twice the services'): the service's message is clearer."""

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from lksworkforce.accounts.people import AFC_BANDS
from lksworkforce.core.forms import VersionField
from lksworkforce.core.problems import Problem, Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.programmes.models import Cohort, GroupProject, Programme, Session
from lksworkforce.programmes.selectors import setup as selectors
from lksworkforce.programmes.services import setup as services
from lksworkforce.programmes.services import setup_sessions as session_services
from lksworkforce.programmes.vocabulary import Delivery, ProgrammeKind

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
DATE_INVALID = {"invalid": "Enter a real date, for example 2/3/2026"}
TIME_INVALID = {"invalid": "Enter a time on the 24-hour clock, for example 09:30 or 14:00"}
WHOLE_NUMBER = {"invalid": "Enter a whole number"}
MAX_FACILITATORS = 20
FACILITATOR_TEXT = MAX_FACILITATORS * 260
BAND_CHOICES = [("", "Any"), *((b, f"Band {b}") for b in AFC_BANDS)]


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _facilitators(text: str | None, problems: list[Problem]) -> tuple[int, ...]:
    """Facilitators named by email address, one a line; an unknown address is a problem."""
    addresses = [a.lower() for a in _lines(text)]
    if len(addresses) > MAX_FACILITATORS:
        problems.append(Problem(field="facilitators", reason=f"Name at most {MAX_FACILITATORS} facilitators"))
        return ()
    known = selectors.people_by_email(addresses)
    for address in addresses:
        if address not in known:
            reason = "There is no one with this email address in the service"
            problems.append(Problem(field="facilitators", reason=reason, value=address[:60]))
    return tuple(dict.fromkeys(known[a] for a in addresses if a in known))


def _day(value: date | None) -> str:
    return f"{value.day}/{value.month}/{value.year}" if value else ""


class ProblemsForm(forms.Form):
    def parse_problems(self) -> tuple[Problem, ...]:
        """What the form itself could not read, for the service to report beside its own."""
        return tuple(
            Problem(field=name, reason=str(error))
            for name, errors in self.errors.items()
            for error in errors
            if name != "edit_version"
        )

    def add_problems(self, problems: list[Problem]) -> None:
        already = {(name, str(e)) for name, errors in self.errors.items() for e in errors}
        for problem in problems:
            name = problem.field if problem.field in self.fields else None
            if (name, problem.reason) not in already:
                self.add_error(name, problem.reason)


class ProgrammeForm(ProblemsForm):
    key = forms.CharField(required=False, max_length=services.MAX_KEY * 2)
    title = forms.CharField(required=False, max_length=services.MAX_TITLE * 2)
    kind = forms.ChoiceField(required=False, choices=[(k.value, k.label) for k in ProgrammeKind])
    description = forms.CharField(required=False, max_length=services.MAX_TEXT * 2)
    sub_areas = forms.TypedMultipleChoiceField(required=False, coerce=int)
    band_from = forms.ChoiceField(required=False, choices=BAND_CHOICES)
    band_to = forms.ChoiceField(required=False, choices=BAND_CHOICES)
    qualified_only = forms.BooleanField(required=False)
    roles = forms.CharField(required=False, max_length=services.MAX_ROLES * services.MAX_ROLE * 2)
    delivery = forms.ChoiceField(required=False, choices=[(d.value, d.label) for d in Delivery])
    completion_sessions = forms.IntegerField(required=False, error_messages=WHOLE_NUMBER)
    completion_needs_project = forms.BooleanField(required=False)
    gives_certificate = forms.BooleanField(required=False)
    needs_manager_support = forms.BooleanField(required=False)
    selection_criteria = forms.CharField(required=False, max_length=services.MAX_CRITERIA * services.MAX_CRITERION * 2)
    exclusive_with = forms.TypedMultipleChoiceField(required=False, coerce=int)

    def __init__(
        self, *args: Any, sub_areas: list[tuple[int, str]], programmes: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["sub_areas"]
        field.choices = sub_areas
        others: Any = self.fields["exclusive_with"]
        others.choices = programmes

    def entry(self) -> services.ProgrammeEntry:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return services.ProgrammeEntry(
            key=data.get("key") or "",
            title=data.get("title") or "",
            kind=data.get("kind") or "",
            delivery=data.get("delivery") or "",
            description=data.get("description") or "",
            sub_area_ids=tuple(data.get("sub_areas") or ()),
            band_from=data.get("band_from") or "",
            band_to=data.get("band_to") or "",
            qualified_only=bool(data.get("qualified_only")),
            roles=_lines(data.get("roles")),
            completion_sessions=data.get("completion_sessions"),
            completion_needs_project=bool(data.get("completion_needs_project")),
            gives_certificate=bool(data.get("gives_certificate")),
            needs_manager_support=bool(data.get("needs_manager_support")),
            selection_criteria=_lines(data.get("selection_criteria")),
            exclusive_with_ids=tuple(data.get("exclusive_with") or ()),
            extra_problems=self.parse_problems(),
        )


class ProgrammeChangeForm(ProgrammeForm):
    edit_version = VersionField()


def programme_initial(programme: Programme) -> dict[str, Any]:
    return {
        "key": programme.key,
        "title": programme.title,
        "kind": programme.kind,
        "description": programme.description,
        "sub_areas": [s.pk for s in programme.sub_areas.all()],
        "band_from": programme.band_from,
        "band_to": programme.band_to,
        "qualified_only": programme.qualified_only,
        "roles": "\n".join(programme.roles),
        "delivery": programme.delivery,
        "completion_sessions": programme.completion_sessions,
        "completion_needs_project": programme.completion_needs_project,
        "gives_certificate": programme.gives_certificate,
        "needs_manager_support": programme.needs_manager_support,
        "selection_criteria": "\n".join(programme.selection_criteria),
        "exclusive_with": [p.pk for p in programme.exclusive_with.all()],
        "edit_version": programme.edit_version,
    }


class CohortForm(ProblemsForm):
    name = forms.CharField(required=False, max_length=services.MAX_TITLE * 2)
    region = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    starts_on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    ends_on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    capacity = forms.IntegerField(required=False, error_messages=WHOLE_NUMBER)
    applications_open_on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    applications_close_on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    shares_places_by_region = forms.BooleanField(required=False)
    facilitators = forms.CharField(required=False, max_length=FACILITATOR_TEXT)

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region: Any = self.fields["region"]
        region.choices = regions

    def entry(self) -> services.CohortEntry:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        problems = list(self.parse_problems())
        facilitator_ids = _facilitators(data.get("facilitators"), problems)
        return services.CohortEntry(
            name=data.get("name") or "",
            region_id=data.get("region"),
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            capacity=data.get("capacity"),
            applications_open_on=data.get("applications_open_on"),
            applications_close_on=data.get("applications_close_on"),
            shares_places_by_region=bool(data.get("shares_places_by_region")),
            facilitator_ids=facilitator_ids,
            extra_problems=tuple(problems),
        )


class CohortChangeForm(CohortForm):
    edit_version = VersionField()


def cohort_initial(cohort: Cohort) -> dict[str, Any]:
    return {
        "name": cohort.name,
        "region": cohort.region_id or "",
        "starts_on": _day(cohort.starts_on),
        "ends_on": _day(cohort.ends_on),
        "capacity": cohort.capacity,
        "applications_open_on": _day(cohort.applications_open_on),
        "applications_close_on": _day(cohort.applications_close_on),
        "shares_places_by_region": cohort.shares_places_by_region,
        "facilitators": selectors.emails_of(cohort.facilitators),
        "edit_version": cohort.edit_version,
    }


class SessionForm(ProblemsForm):
    title = forms.CharField(required=False, max_length=session_services.MAX_TITLE * 2)
    on = forms.DateField(required=False, input_formats=DATE_FORMATS, error_messages=DATE_INVALID)
    starts = forms.TimeField(required=False, input_formats=TIME_FORMATS, error_messages=TIME_INVALID)
    ends = forms.TimeField(required=False, input_formats=TIME_FORMATS, error_messages=TIME_INVALID)
    place = forms.CharField(required=False, max_length=session_services.MAX_PLACE * 2)
    online_link = forms.CharField(required=False, max_length=session_services.MAX_LINK * 2)
    preparation = forms.CharField(required=False, max_length=session_services.MAX_TEXT * 2)
    facilitators = forms.CharField(required=False, max_length=FACILITATOR_TEXT)

    def entry(self) -> session_services.SessionEntry:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        day: date | None = data.get("on")
        problems = list(self.parse_problems())
        if day is None and "on" not in self.errors:
            problems.append(Problem(field="on", reason="Say which day the session is, for example 2/3/2026"))
        for name, what in (("starts", "starts"), ("ends", "ends")):
            if data.get(name) is None and name not in self.errors:
                problems.append(Problem(field=name, reason=f"Say what time the session {what}, for example 09:30"))
        return session_services.SessionEntry(
            title=data.get("title") or "",
            starts_at=_moment(day, data.get("starts")),
            ends_at=_moment(day, data.get("ends")),
            place=data.get("place") or "",
            online_link=data.get("online_link") or "",
            preparation=data.get("preparation") or "",
            facilitator_ids=_facilitators(data.get("facilitators"), problems),
            extra_problems=tuple(problems),
        )

    def add_problems(self, problems: list[Problem]) -> None:
        """The service names starts_at/ends_at; the page has a day, a start and an end."""
        moved = {"starts_at": "starts", "ends_at": "ends"}
        super().add_problems([replace(p, field=moved.get(p.field or "", p.field)) for p in problems])


def _moment(day: date | None, at: time | None) -> datetime | None:
    if day is None or at is None:
        return None
    return timezone.make_aware(datetime.combine(day, at))


class SessionChangeForm(SessionForm):
    edit_version = VersionField()


def session_initial(session: Session) -> dict[str, Any]:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return {
        "title": session.title,
        "on": _day(starts.date()),
        "starts": f"{starts:%H:%M}",
        "ends": f"{ends:%H:%M}",
        "place": session.place,
        "online_link": session.online_link,
        "preparation": session.preparation,
        "facilitators": selectors.emails_of(session.facilitators),
        "edit_version": session.edit_version,
    }


class ProjectForm(ProblemsForm):
    name = forms.CharField(required=False, max_length=session_services.MAX_TITLE * 2)
    topic = forms.CharField(required=False, max_length=session_services.MAX_PLACE * 2)
    members = forms.TypedMultipleChoiceField(required=False, coerce=int)
    output_link = forms.CharField(required=False, max_length=session_services.MAX_LINK * 2)
    output_file = forms.FileField(required=False)
    remove_file = forms.BooleanField(required=False)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["members"]
        field.choices = members

    def entry(self) -> session_services.ProjectEntry:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        problems = list(self.parse_problems())
        upload = data.get("output_file")
        output: session_services.ProjectFile | None = None
        if upload is not None:
            try:
                output = session_services.ProjectFile(upload.name or "upload", upload_bytes(upload))
            except Rejected as too_big:
                problems.extend(Problem(field="output_file", reason=p.reason) for p in too_big.problems)
        return session_services.ProjectEntry(
            name=data.get("name") or "",
            topic=data.get("topic") or "",
            member_ids=tuple(data.get("members") or ()),
            output_link=data.get("output_link") or "",
            output_file=output,
            remove_file=bool(data.get("remove_file")),
            extra_problems=tuple(problems),
        )


class ProjectChangeForm(ProjectForm):
    edit_version = VersionField()


def project_initial(project: GroupProject) -> dict[str, Any]:
    return {
        "name": project.name,
        "topic": project.topic,
        "members": [p.pk for p in project.members.all()],
        "output_link": project.output_link,
        "edit_version": project.edit_version,
    }


class RemoveForm(forms.Form):
    edit_version = VersionField()
