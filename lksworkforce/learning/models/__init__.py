"""The learning catalogue (resources, topics, resource sheets), the curators' queue (suggestions and
link checks), people's learning records, and what recommendations need (dismissals and weights).
One module per part; the names are gathered here for Django and for callers."""

from lksworkforce.learning.models.catalogue import (
    Resource,
    ResourceQuerySet,
    ResourceSheet,
    SheetEntry,
    Teaches,
    Topic,
    TopicEntry,
)
from lksworkforce.learning.models.queue import LinkCheck, Suggestion
from lksworkforce.learning.models.recommending import Dismissal, RecommendationWeights
from lksworkforce.learning.models.records import LearningRecord

__all__ = [
    "Dismissal",
    "LearningRecord",
    "LinkCheck",
    "RecommendationWeights",
    "Resource",
    "ResourceQuerySet",
    "ResourceSheet",
    "SheetEntry",
    "Suggestion",
    "Teaches",
    "Topic",
    "TopicEntry",
]
