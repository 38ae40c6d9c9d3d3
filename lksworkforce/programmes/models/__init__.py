"""The programmes app's models, one module per part."""

from lksworkforce.programmes.models.applications import Application, PanelScore
from lksworkforce.programmes.models.certificates import Certificate
from lksworkforce.programmes.models.enrolments import Enrolment, SessionAttendance
from lksworkforce.programmes.models.facilitators import FacilitatedSession, Facilitator, TrainingEvent
from lksworkforce.programmes.models.feedback import FollowUp, ReactionFeedback
from lksworkforce.programmes.models.setup import CalendarFeedToken, Cohort, GroupProject, Programme, Session

__all__ = [
    "Application",
    "CalendarFeedToken",
    "Certificate",
    "Cohort",
    "Enrolment",
    "FacilitatedSession",
    "Facilitator",
    "FollowUp",
    "GroupProject",
    "PanelScore",
    "Programme",
    "ReactionFeedback",
    "Session",
    "SessionAttendance",
    "TrainingEvent",
]
