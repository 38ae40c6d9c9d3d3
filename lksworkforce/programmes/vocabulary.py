"""The programmes' fixed vocabularies: pure, no Django, so the pure calculations (fair shares,
selection, completion, equity) and the importers can use them."""

from enum import StrEnum


class ProgrammeKind(StrEnum):
    LEADERSHIP = "leadership"  # national leadership programmes, selected by a panel
    SKILLS = "skills"  # skills programmes run in every region
    TRAIN_THE_TRAINER = "train_the_trainer"  # trains facilitators who then run sessions locally

    @property
    def label(self) -> str:
        return {
            ProgrammeKind.LEADERSHIP: "Leadership programme",
            ProgrammeKind.SKILLS: "Skills programme",
            ProgrammeKind.TRAIN_THE_TRAINER: "Train the trainer",
        }[self]


class Delivery(StrEnum):
    FACE_TO_FACE = "face_to_face"
    ONLINE = "online"
    BLENDED = "blended"

    @property
    def label(self) -> str:
        return {Delivery.FACE_TO_FACE: "Face to face", Delivery.ONLINE: "Online", Delivery.BLENDED: "Blended"}[self]


class ApplicationStatus(StrEnum):
    """Where an application is. Support is asked only where the programme needs it."""

    AWAITING_SUPPORT = "awaiting_support"  # the service manager has been asked
    SUBMITTED = "submitted"  # ready for the panel (supported, or no support needed)
    NOT_SUPPORTED = "not_supported"  # the manager did not support it (with a reason)
    OFFERED = "offered"  # a place was offered, with a reply-by date
    ACCEPTED = "accepted"  # an enrolment was made
    DECLINED = "declined"
    WAITING = "waiting"  # on the waiting list, promoted in score order
    UNSUCCESSFUL = "unsuccessful"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class EnrolmentStatus(StrEnum):
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"  # the cohort ended without the completion rule met
    WITHDRAWN = "withdrawn"


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    APOLOGIES = "apologies"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class FacilitationKind(StrEnum):
    """What a facilitator is trained to run."""

    KNOWLEDGE_MANAGEMENT = "knowledge_management"
    ACTION_LEARNING_SETS = "action_learning_sets"
    PROGRAMME_TRAINER = "programme_trainer"  # a trainer for one programme (named on the record)

    @property
    def label(self) -> str:
        return {
            FacilitationKind.KNOWLEDGE_MANAGEMENT: "Knowledge management facilitation",
            FacilitationKind.ACTION_LEARNING_SETS: "Action Learning Sets",
            FacilitationKind.PROGRAMME_TRAINER: "Programme trainer",
        }[self]
