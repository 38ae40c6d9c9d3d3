"""Small-group suppression: which groups of an aggregate may be shown to people other than the
individuals in them. Pure and typed, no Django; the threshold itself is policy data
(`core.models.SuppressionPolicy`, read with `core.selectors.suppression_threshold`).

A group is *small* when it has fewer people than the threshold. Small groups are shown as
"fewer than N", never as a number, a mean or a share. When a breakdown's total is shown too,
hiding one small group is not enough (the total minus the shown groups gives it away), so
`suppressed_groups` also hides the smallest other groups until what is hidden, taken together,
is empty or at least the threshold ("complementary suppression").

Across pages (`hidden_by_parent`, `page_hidden`, `hidden_anywhere`): a scope's figures are read on
its own page and, added up with its siblings', on its parent's. England's figure for bands 1 to 4
is the sum of each region's, and England by region shows each region's total, as the region's own
page does. Suppressing each page alone is not enough: England's figure less the other regions'
pages would give a region's hidden part away. Skills roll-ups and survey rankings both use these.
"""

from collections.abc import Hashable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_THRESHOLD = 5


def suppressed_label(threshold: int) -> str:
    return f"fewer than {threshold}"


def is_small(size: int, threshold: int) -> bool:
    return size < threshold


def suppressed_groups[K: Hashable](
    sizes: Mapping[K, int], threshold: int, *, total_shown: bool = True, also_hidden: Iterable[K] = ()
) -> frozenset[K]:
    """The keys of `sizes` (group -> number of people) whose figures must not be shown.

    Primary: every group smaller than `threshold`. Complementary, when the total of all groups is
    shown elsewhere: while the hidden groups hold between 1 and threshold - 1 people together, or
    a single hidden group holds anyone, the smallest shown group is hidden as well. `also_hidden`
    are groups hidden for reasons outside this table (another page's suppression); they are
    protected the same way."""
    hidden = {key for key, size in sizes.items() if is_small(size, threshold)} | (set(also_hidden) & set(sizes))
    if not total_shown:
        return frozenset(hidden)
    shown = sorted((key for key in sizes if key not in hidden), key=lambda key: (sizes[key], str(key)))
    while shown:
        people_hidden = sum(sizes[key] for key in hidden)
        exposed = people_hidden > 0 and (people_hidden < threshold or len(hidden) == 1)
        if not exposed:
            break
        hidden.add(shown.pop(0))
    return frozenset(hidden)


class Suppressed(StrEnum):
    """Why a figure is not shown, for programs (the API sends it beside a `null` figure)."""

    SMALL_GROUP = "small_group"  # the group itself has fewer people than the threshold
    PROTECTS_SMALLER_GROUP = "protects_smaller_group"  # hidden so that a small group elsewhere cannot be derived


def suppression_reason(size: int, threshold: int, *, hidden: bool) -> Suppressed | None:
    """The reason a group's figure is hidden (None when it is shown). A hidden group that is not
    small itself is hidden by complementary or cross-page suppression, to protect a smaller one."""
    if not hidden:
        return None
    return Suppressed.SMALL_GROUP if is_small(size, threshold) else Suppressed.PROTECTS_SMALLER_GROUP


@dataclass(frozen=True)
class Disclosure:
    """Whether a group's figures may be shown, and what to show instead when they may not."""

    size: int
    threshold: int
    hidden: bool

    @property
    def label(self) -> str:
        return suppressed_label(self.threshold) if self.hidden else f"{self.size:,}"

    @property
    def reason(self) -> Suppressed | None:
        return suppression_reason(self.size, self.threshold, hidden=self.hidden)


def disclose[K: Hashable](sizes: Mapping[K, int], threshold: int, *, total_shown: bool = True) -> dict[K, Disclosure]:
    hidden = suppressed_groups(sizes, threshold, total_shown=total_shown)
    return {key: Disclosure(size, threshold, key in hidden) for key, size in sizes.items()}


# Across pages -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParentView[M: Hashable, G: Hashable]:
    """What a parent scope's pages show of its members, for one figure (the people rating an item, or
    a head count). `members`: the parent's page by member, each member's total (England by region).
    `parts`: the parent's page by group, each group's total split into the members' parts (England's
    bands 1 to 4, as each region's bands 1 to 4). `hidden`: the parent's own figure is hidden (it is
    small, or a page above it hides it), and with it every part."""

    members: Mapping[M, int]
    parts: Mapping[G, Mapping[M, int]] = field(default_factory=dict)
    hidden: bool = False


@dataclass(frozen=True)
class Inherited[G: Hashable]:
    """What a member's page must hide because of the pages above it: everything, or some groups."""

    everything: bool = False
    groups: frozenset[G] = frozenset()

    def __or__(self, other: "Inherited[G]") -> "Inherited[G]":
        return Inherited(self.everything or other.everything, self.groups | other.groups)


def hidden_by_parent[M: Hashable, G: Hashable](parent: ParentView[M, G], member: M, threshold: int) -> Inherited[G]:
    """What `member`'s own page must hide so that nothing hidden on the parent's pages can be worked
    out from it. Everything, when the parent's page by member hides this member (small, or hidden to
    protect a small sibling): its own page would show the total the parent hides. Otherwise each
    group in which, among the members, this member's part is hidden (`suppressed_groups`, the group's
    total being shown on the parent's page): else the total less the siblings' pages gives it away."""
    if parent.hidden or member in suppressed_groups(parent.members, threshold):
        return Inherited(everything=True)
    return Inherited(
        groups=frozenset(
            group for group, parts in parent.parts.items() if member in suppressed_groups(parts, threshold)
        )
    )


def page_hidden[G: Hashable](
    sizes: Mapping[G, int], threshold: int, *, hidden: Iterable[G] = (), inherited: Inherited[G] | None = None
) -> frozenset[G]:
    """The groups a member's page hides, given those it hides itself (`hidden`, by `suppressed_groups`
    over `sizes`) and those the pages above it force (`inherited`): the forced ones are protected
    from the page's own total by complementary suppression, as its own are."""
    forced = inherited or Inherited()
    if forced.everything:
        return frozenset(sizes)
    return suppressed_groups(sizes, threshold, also_hidden=[*hidden, *forced.groups])


def hidden_anywhere[G: Hashable](hidden: Iterable[G], *pages: Set[G]) -> frozenset[G]:
    """The same figure read on several pages (an organisation's figure on England's page by
    organisation and on its region's) is hidden on each when any of them hides it: one page
    showing it would undo the others' suppression."""
    return frozenset(hidden).union(*pages)


# Changes over time (docs/adr/0011-privacy-over-time.md) -------------------------------------------


def change_too_small(changed: int, threshold: int) -> bool:
    """A figure that changes with 1 to threshold - 1 people's contributions gives them away to
    anyone who read it before and after; no change, or a change by enough people, does not."""
    return 0 < changed < threshold


def small_changes[K: Hashable](changed: Mapping[K, int], threshold: int) -> frozenset[K]:
    """The figures (keys) that would change with too few people's contributions."""
    return frozenset(key for key, n in changed.items() if change_too_small(n, threshold))


def releasable[P: Hashable, C: Hashable](touches: Mapping[P, Iterable[C]], threshold: int) -> frozenset[P]:
    """Which people's pending changes may be published together in the next snapshot.

    `touches` maps each person with a pending change to the cells it would change: a cell is the
    smallest figure that is shown or summed into a shown one (one organisation's band group, for
    one item), so that every figure shown anywhere is a sum of cells. People touching a cell that
    would change by 1 to threshold - 1 people are held back, until what is left is stable: then
    every cell, and so every sum of cells, changes by nobody or by at least `threshold` people.
    People whose change touches nothing (a new assessment with the same answers) go at once."""
    cells = {person: frozenset(touched) for person, touched in touches.items()}
    candidates = set(cells)
    while True:
        counts: dict[C, int] = {}
        for person in candidates:
            for cell in cells[person]:
                counts[cell] = counts.get(cell, 0) + 1
        held = small_changes(counts, threshold)
        if not held:
            return frozenset(candidates)
        candidates = {person for person in candidates if not cells[person] & held}
