"""How applications read on pages and in the API: the status as the person reads it, and the
panel's score with how it was made."""

from lksworkforce.programmes.models import Application
from lksworkforce.programmes.vocabulary import ApplicationStatus as S

TAG_COLOURS = {
    S.AWAITING_SUPPORT: "yellow",
    S.SUBMITTED: "blue",
    S.NOT_SUPPORTED: "grey",
    S.OFFERED: "purple",
    S.ACCEPTED: "green",
    S.DECLINED: "grey",
    S.WAITING: "orange",
    S.UNSUCCESSFUL: "grey",
    S.WITHDRAWN: "grey",
}


def lapsed(application: Application) -> bool:
    """An offer that was not answered by its reply-by date (declined with no reply)."""
    return application.status == S.DECLINED and application.replied_at is None and application.offered_at is not None


def status_label(application: Application) -> str:
    if lapsed(application):
        return "Offer lapsed"
    if application.status == S.ACCEPTED and not application.statement and application.offered_at is None:
        return "Place booked"
    if application.status == S.AWAITING_SUPPORT:
        return "Waiting for your service manager's support"
    if application.status == S.WAITING:
        return "On the waiting list"
    if application.status == S.SUBMITTED:
        return "With the selection panel"
    return S(application.status).label


def status_tag(application: Application) -> dict[str, str]:
    return {"text": status_label(application), "classes": f"nhsuk-tag--{TAG_COLOURS[S(application.status)]}"}


def score_note(application: Application) -> str:
    """How the score was made: one panel member's total, or several members' averaged."""
    if application.score is None:
        return "Not scored yet"
    members = len({s.panel_member_id for s in application.panel_scores.all()})
    if members <= 1:
        return f"{application.score} (one panel member's total)"
    return f"{application.score} (the average of {members} panel members' scores, summed over the criteria)"


def support_label(application: Application) -> str:
    if not application.cohort.programme.needs_manager_support:
        return "Not needed"
    if application.supported is None:
        return "Waiting for the service manager"
    return "Supported" if application.supported else "Not supported"
