"""Small-group suppression: which groups of an aggregate may be shown to people other than the
individuals in them. Pure and typed, no Django; the threshold itself is policy data
(`core.models.SuppressionPolicy`, read with `core.selectors.suppression_threshold`).

A group is *small* when it has fewer people than the threshold. Small groups are shown as
"fewer than N", never as a number, a mean or a share. When a breakdown's total is shown too,
hiding one small group is not enough (the total minus the shown groups gives it away), so
`suppressed_groups` also hides the smallest other groups until what is hidden, taken together,
is empty or at least the threshold ("complementary suppression").
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Disclosure:
    """Whether a group's figures may be shown, and what to show instead when they may not."""

    size: int
    threshold: int
    hidden: bool

    @property
    def label(self) -> str:
        return suppressed_label(self.threshold) if self.hidden else f"{self.size:,}"


def disclose[K: Hashable](sizes: Mapping[K, int], threshold: int, *, total_shown: bool = True) -> dict[K, Disclosure]:
    hidden = suppressed_groups(sizes, threshold, total_shown=total_shown)
    return {key: Disclosure(size, threshold, key in hidden) for key, size in sizes.items()}
