"""Surveys' part in subject access and erasure (see core/subject_access.py).

Survey answers are anonymous: a response keeps no name, email address, account, internet address
or time of day, and an invitation keeps only a hash of its random token, never who it was sent to.
Nothing links a response or an invitation to a person, so there is nothing to show or to erase,
and the export says so rather than leaving the section out."""

from lksworkforce.core.subject_access import Erased, Section, Subject

# No survey model holds a link to a person.
COVERS = ()

ANONYMOUS = (
    "Survey answers are anonymous: nothing links a response or an invitation to you, so none can be "
    "shown here, or erased. An answer you saved to finish later can be opened only with its resume code, "
    "and answers never sent are deleted once the survey closes."
)


def export(_subject: Subject) -> dict[str, Section]:
    return {"surveys": Section("Development needs survey", [], note=ANONYMOUS)}


def erase(_subject: Subject) -> list[Erased]:
    return [Erased("Survey responses or invitations linked to them (surveys are anonymous)", 0)]
