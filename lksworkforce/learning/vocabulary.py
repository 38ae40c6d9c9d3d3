"""The learning catalogue's fixed vocabularies: pure, no Django, so the scoring and the importers
can use them."""

from enum import StrEnum


class ResourceKind(StrEnum):
    E_LEARNING = "e_learning"
    MOOC = "mooc"
    WEBINAR = "webinar"
    READING = "reading"
    TOOLKIT = "toolkit"
    PODCAST = "podcast"
    VIDEO = "video"
    COURSE = "course"  # face to face
    ACTIVITY = "activity"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ResourceKind.E_LEARNING: "E-learning",
    ResourceKind.MOOC: "MOOC",
    ResourceKind.WEBINAR: "Webinar",
    ResourceKind.READING: "Reading",
    ResourceKind.TOOLKIT: "Toolkit",
    ResourceKind.PODCAST: "Podcast",
    ResourceKind.VIDEO: "Video",
    ResourceKind.COURSE: "Face-to-face course",
    ResourceKind.ACTIVITY: "Activity",
}


class ResourceStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"  # kept for history: learning records and plans still point at it

    @property
    def label(self) -> str:
        return {"draft": "Draft", "published": "Published", "retired": "Retired"}[self.value]


class Cost(StrEnum):
    FREE = "free"
    PAID = "paid"

    @property
    def label(self) -> str:
        return {"free": "Free", "paid": "Paid"}[self.value]


class SheetKind(StrEnum):
    """The two resource sheets for bands 2 to 4 (DOMAIN.md, Learning Zone)."""

    ACTIVITIES = "activities"  # things to do from home or while the service is closed to users
    CPD = "cpd"  # CPD opportunities

    @property
    def label(self) -> str:
        return {
            "activities": "Activities for home or while the service is closed",
            "cpd": "CPD opportunities",
        }[self.value]


class SuggestionKind(StrEnum):
    NEW_RESOURCE = "new_resource"
    SHEET_ADDITION = "sheet_addition"
    CORRECTION = "correction"
    BROKEN_LINK = "broken_link"  # reported by a person, or found by the link checker
    MOVED_LINK = "moved_link"  # found by the link checker
    REVIEW_DUE = "review_due"  # a resource past its review date
    NO_OFFER = "no_offer"  # a top need with nothing on offer

    @property
    def label(self) -> str:
        return {
            "new_resource": "New resource",
            "sheet_addition": "Addition to a resource sheet",
            "correction": "Correction",
            "broken_link": "Broken link",
            "moved_link": "Moved link",
            "review_due": "Review due",
            "no_offer": "Nothing on offer for a top need",
        }[self.value]


class SuggestionStatus(StrEnum):
    WAITING = "waiting"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    MERGED = "merged"  # a duplicate of a resource already in the catalogue

    @property
    def label(self) -> str:
        return {"waiting": "Waiting", "accepted": "Accepted", "declined": "Declined", "merged": "Merged"}[self.value]


class LinkOutcome(StrEnum):
    OK = "ok"
    MOVED = "moved"  # a permanent redirect
    BROKEN = "broken"  # 4xx/5xx
    UNREACHABLE = "unreachable"  # no answer within the timeout, or no such host
    NOT_ALLOWED = "not_allowed"  # robots.txt asks us not to

    @property
    def label(self) -> str:
        return {
            "ok": "Working",
            "moved": "Moved",
            "broken": "Broken",
            "unreachable": "Unreachable",
            "not_allowed": "Not checked (robots.txt)",
        }[self.value]


CPD_HOURS_EXPECTED = 20  # CILIP revalidation: 20 hours of CPD a year
