"""Atom feeds of the newest published resources: the whole catalogue, and each topic."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time

from django.utils.feedgenerator import Atom1Feed

from lksworkforce.learning.selectors.exports import FeedItem

MEDIA_TYPE = "application/atom+xml; charset=utf-8"
SUMMARY_LENGTH = 500


def atom_feed(
    *, title: str, subtitle: str, link: str, feed_url: str, items: Sequence[FeedItem], page_of: Callable[[int], str]
) -> bytes:
    """The feed as bytes; `page_of(resource_id)` is the absolute address of a resource's page."""
    feed = Atom1Feed(
        title=title,
        link=link,
        description=subtitle,
        feed_url=feed_url,
        feed_guid=feed_url,
        language="en-GB",
    )
    for item in items:
        summary = (
            item.description
            if len(item.description) <= SUMMARY_LENGTH
            else item.description[: SUMMARY_LENGTH - 1] + "…"
        )
        feed.add_item(
            title=item.title,
            link=page_of(item.id),
            description=summary,
            unique_id=page_of(item.id),
            unique_id_is_permalink=True,
            pubdate=datetime.combine(item.added_on, time(), tzinfo=UTC),
            updateddate=item.updated_at,
            author_name=item.provider or None,
        )
    return feed.writeString("utf-8").encode()
