"""Learning pages in the browser walk (axe, CSP, fonts): the catalogue's front page, topics and
resources for everyone signed in (a published resource that teaches sub-areas, a retired one);
for curators also a draft and the forms that add and change resources and topics."""

from datetime import date
from typing import TYPE_CHECKING

from tests.conftest import World

if TYPE_CHECKING:  # the models are imported where they are used, once Django is set up
    from lksworkforce.learning.models import Resource, Topic


def _catalogue() -> tuple["Resource", "Resource", "Resource", "Topic"]:
    from lksworkforce.learning.models import Resource, Topic
    from lksworkforce.skills.models import Framework, SubArea
    from tests.learning.factories import ResourceFactory, TopicFactory, in_topic, teaches
    from tests.skills.factories import loaded

    if not Framework.objects.exists():
        loaded(key="browser-learning")
    published = Resource.objects.filter(title="Browser: appraising a trial").first()
    if published is None:
        published = ResourceFactory.create(
            title="Browser: appraising a trial",
            description="Appraise a trial, step by step.\n\nWith worked examples.",
            band_from="2",
            band_to="4",
            cost="paid",
            cost_note="£20 for non-members",
            length_minutes=120,
            review_due_on=date(2027, 1, 5),
            licence="CC BY 4.0",
        )
        for number, sub in enumerate(SubArea.objects.order_by("framework_id", "position")[:2]):
            teaches(published, sub, None if number else 2)
        retired = ResourceFactory.create(title="Browser: an old course", status="retired")
        draft = ResourceFactory.create(title="Browser: a draft", status="draft")
        topic = TopicFactory.create(slug="browser-topic", name="Browser topic", introduction="Why it matters.")
        in_topic(topic, published, 1)
        in_topic(topic, retired)
        in_topic(topic, draft)
    retired = Resource.objects.get(title="Browser: an old course")
    draft = Resource.objects.get(title="Browser: a draft")
    return published, retired, draft, Topic.objects.get(slug="browser-topic")


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    if role == "anonymous":
        return []
    published, retired, draft, topic = _catalogue()
    pages = [
        ("/learning/", 200),
        ("/learning/topics/", 200),
        (f"/learning/topics/{topic.slug}/", 200),
        (f"/learning/resources/{published.pk}/", 200),
        (f"/learning/resources/{retired.pk}/", 200),
    ]
    if role == "curator":
        pages += [
            (f"/learning/resources/{draft.pk}/", 200),
            ("/learning/resources/new/", 200),
            (f"/learning/resources/{published.pk}/edit/", 200),
            ("/learning/topics/new/", 200),
            (f"/learning/topics/{topic.slug}/edit/", 200),
        ]
    else:
        pages.append(("/learning/resources/new/", 403))
    return pages
