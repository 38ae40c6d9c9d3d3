"""What surveys puts on a person's home page (the `home_tasks` extension point): the surveys open
for answers today. Responses are anonymous, so the service cannot know whether the person has
answered already, and lists every open survey. One query."""

from django.urls import reverse
from django.utils import timezone

from lksworkforce.core.capability import HomeItem, HomeSection, Viewer
from lksworkforce.core.formatting import format_date
from lksworkforce.surveys.models import Survey


def open_surveys_to_answer(viewer: Viewer) -> HomeSection | None:  # noqa: ARG001 - open to everyone alike
    """None when no survey is open."""
    surveys = (
        Survey.objects.open_on(timezone.localdate()).order_by("closes_on", "key").values("key", "title", "closes_on")
    )
    items = tuple(
        HomeItem(
            f"Answer the {survey['title']}",
            reverse("surveys:start", kwargs={"key": survey["key"]}),
            f"Open until {format_date(survey['closes_on'])}",
        )
        for survey in surveys
    )
    return HomeSection("Surveys to answer", items) if items else None
