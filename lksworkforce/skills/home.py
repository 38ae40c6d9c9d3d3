"""What skills puts on a person's home page (the `home_tasks` extension point): starting, or carrying
on with, their self-assessment in the current framework. One query."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from lksworkforce.core.capability import HomeItem, HomeSection, Viewer
from lksworkforce.core.formatting import format_date
from lksworkforce.skills.models import Assessment, Framework


def your_self_assessment(viewer: Viewer) -> HomeSection | None:
    """None when no framework is current: there is nothing to assess against."""
    theirs = Assessment.objects.filter(framework=OuterRef("pk"), person_id=viewer.pk)
    unfinished = theirs.filter(completed_on__isnull=True).order_by("-started_on", "-id")
    finished = theirs.filter(completed_on__isnull=False).order_by("-completed_on", "-id")
    framework = (
        Framework.objects.filter(is_current=True)
        .annotate(
            unfinished_id=Subquery(unfinished.values("pk")[:1]),
            unfinished_started_on=Subquery(unfinished.values("started_on")[:1]),
            last_completed_on=Subquery(finished.values("completed_on")[:1]),
        )
        .values("name", "unfinished_id", "unfinished_started_on", "last_completed_on")
        .first()
    )
    if framework is None:
        return None
    if framework["unfinished_id"] is not None:
        item = HomeItem(
            "Carry on with your self-assessment",
            reverse("skills:assessment", kwargs={"assessment_id": framework["unfinished_id"]}),
            f"Started {format_date(framework['unfinished_started_on'])}, in the {framework['name']}",
        )
    elif framework["last_completed_on"] is not None:
        item = HomeItem(
            "Start a new self-assessment",
            reverse("skills:home"),
            f"Your last one was finished {format_date(framework['last_completed_on'])}",
        )
    else:
        item = HomeItem("Start your self-assessment", reverse("skills:home"), f"Against the {framework['name']}")
    return HomeSection("Your skills", (item,))
