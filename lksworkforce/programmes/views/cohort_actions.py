"""The links in a cohort page's actions area, one or two lines for each part: what the viewer can do
with this cohort from here (apply or book, their application, the selection, the register, the
certificates, feedback, calendar)."""

from django.urls import reverse
from django.utils import timezone

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.programmes.models import Cohort
from lksworkforce.programmes.presenters.setup import Action, application_window
from lksworkforce.programmes.selectors import applications as application_selectors
from lksworkforce.programmes.selectors import attendance as attendance_selectors
from lksworkforce.programmes.selectors import certificates as certificate_selectors
from lksworkforce.programmes.selectors import feedback as feedback_selectors
from lksworkforce.programmes.services.applications import needs_panel


def _applications(request: SignedInRequest, cohort: Cohort, *, runs: bool) -> list[Action]:
    here = {"cohort_id": cohort.pk}
    actions = []
    mine = application_selectors.applications_of(request.user).filter(cohort=cohort).first()
    panel = needs_panel(cohort.programme)
    if mine is not None:
        actions.append(
            Action("Your application", reverse("programmes:application", kwargs={"application_id": mine.pk}))
        )
    elif application_window(cohort, timezone.localdate()).open_now:
        actions.append(
            Action("Apply for a place" if panel else "Book a place", reverse("programmes:application_new", kwargs=here))
        )
    if runs and panel and request.user.has_perm("programmes.select"):
        actions.append(Action("Selection", reverse("programmes:selection", kwargs=here), secondary=True))
    return actions


def _attendance(request: SignedInRequest, cohort: Cohort) -> list[Action]:
    if not attendance_selectors.may_take_cohort_register(request.user, cohort):
        return []
    here = {"cohort_id": cohort.pk}
    return [Action("Register and completion", reverse("programmes:cohort_attendance", kwargs=here), secondary=True)]


def _certificates(request: SignedInRequest, cohort: Cohort) -> list[Action]:
    if not cohort.programme.gives_certificate or not certificate_selectors.cohort_runner(request.user, cohort):
        return []
    here = {"cohort_id": cohort.pk}
    return [Action("Certificates", reverse("programmes:cohort_certificates", kwargs=here), secondary=True)]


def _feedback(request: SignedInRequest, cohort: Cohort) -> list[Action]:
    if not feedback_selectors.runs_cohort(request.user, cohort):
        return []
    here = {"cohort_id": cohort.pk}
    return [Action("Feedback", reverse("programmes:cohort_feedback", kwargs=here), secondary=True)]


def cohort_actions(request: SignedInRequest, cohort: Cohort, *, runs: bool) -> list[Action]:
    here = {"cohort_id": cohort.pk}
    actions: list[Action] = [
        *_applications(request, cohort, runs=runs),
        *_attendance(request, cohort),
        *_certificates(request, cohort),
        *_feedback(request, cohort),
    ]
    if runs:
        actions.append(Action("Change the cohort", reverse("programmes:cohort_edit", kwargs=here), secondary=True))
        actions.append(Action("Add a session", reverse("programmes:session_new", kwargs=here), secondary=True))
    actions.append(
        Action("Add the sessions to your calendar", reverse("programmes:cohort_calendar", kwargs=here), secondary=True)
    )
    return actions
