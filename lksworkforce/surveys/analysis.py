"""Survey statistics: ranked needs with Wilson intervals, breakdowns with small-group suppression,
cycle-on-cycle comparison, and summaries of every other kind of question.

Pure and typed: counts come in (from SQL aggregates in `selectors`), figures come out. No Django.

- A need's *share* is the respondents who chose it divided by the respondents who answered the
  question (in that group), with a 95% Wilson score interval.
- Ranks are *competition* ranks: options with the same number of respondents share a rank and the
  next rank is skipped (1, 2, 2, 4). The top N is every chosen option ranked N or better, so a tie at
  the boundary can give more than N rows.
- A group with fewer respondents than the threshold is hidden ("fewer than 5"); when the total is
  shown as well, more groups are hidden until the hidden ones cannot be worked out
  (`core.disclosure`).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from lksworkforce.core.disclosure import (
    Inherited,
    ParentView,
    hidden_by_parent,
    is_small,
    page_hidden,
    suppressed_groups,
)

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
ALL_RESPONDENTS = "all"
ALL_RESPONDENTS_LABEL = "All respondents"
DEFAULT_TOP = 10


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a proportion successes / trials, as (low, high) within [0, 1].

    Unlike the textbook p ± z·se it stays inside [0, 1] and behaves for small groups and for
    proportions near 0 or 1."""
    if trials <= 0:
        raise ValueError("A proportion needs at least one trial")
    if not 0 <= successes <= trials:
        raise ValueError("Successes must be between 0 and the number of trials")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == trials else min(1.0, centre + half_width)
    return min(low, p), max(high, p)  # never let rounding put p outside its own interval


def competition_ranks[K](counts: Mapping[K, int]) -> dict[K, int]:
    """1 + the number of keys with a strictly larger count: ties share a rank (1, 2, 2, 4)."""
    ordered = sorted(counts.values(), reverse=True)
    first_place: dict[int, int] = {}
    for position, count in enumerate(ordered, start=1):
        first_place.setdefault(count, position)
    return {key: first_place[count] for key, count in counts.items()}


@dataclass(frozen=True)
class RankedOption:
    key: str
    label: str
    rank: int
    respondents: int
    answered: int
    share: float
    ci_low: float
    ci_high: float


def rank_options(counts: Mapping[str, int], labels: Mapping[str, str], answered: int) -> list[RankedOption]:
    """Every option in `labels` ranked by the respondents choosing it (none: 0), best first.

    `answered` is how many respondents answered the question; no option can have more."""
    if answered < 0:
        raise ValueError("answered cannot be negative")
    every = {key: counts.get(key, 0) for key in labels} | {k: v for k, v in counts.items() if k not in labels}
    if answered == 0:
        return []
    if any(count < 0 or count > answered for count in every.values()):
        raise ValueError("An option cannot be chosen by more respondents than answered the question")
    ranks = competition_ranks(every)
    ranked = []
    for key, count in every.items():
        low, high = wilson_interval(count, answered)
        ranked.append(
            RankedOption(
                key=key,
                label=labels.get(key, key),
                rank=ranks[key],
                respondents=count,
                answered=answered,
                share=count / answered,
                ci_low=low,
                ci_high=high,
            )
        )
    return sorted(ranked, key=lambda o: (o.rank, o.label.casefold(), o.key))


def top_options(ranked: Iterable[RankedOption], top: int | None) -> list[RankedOption]:
    """The chosen options ranked `top` or better (all chosen options when top is None)."""
    return [o for o in ranked if o.respondents > 0 and (top is None or o.rank <= top)]


class Visibility(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # fewer respondents than the threshold
    COMPLEMENTARY = "complementary"  # big enough, but hidden so that a small group cannot be worked out


@dataclass(frozen=True)
class GroupCounts:
    """What one group of respondents chose: how many answered, and how many chose each option."""

    key: str
    label: str
    answered: int
    chosen: Mapping[str, int]


@dataclass(frozen=True)
class GroupRanking:
    key: str
    label: str
    answered: int
    visibility: Visibility
    options: tuple[RankedOption, ...]  # the full ranking; empty when the group is hidden

    @property
    def hidden(self) -> bool:
        return self.visibility is not Visibility.SHOWN

    def top(self, top: int | None) -> list[RankedOption]:
        return top_options(self.options, top)


def rank_groups(
    groups: Sequence[GroupCounts],
    labels: Mapping[str, str],
    threshold: int,
    *,
    total_shown: bool = True,
    inherited: Inherited[str] | None = None,
) -> list[GroupRanking]:
    """Each group's ranking, with small groups (and their complements) hidden, and those the
    national ranking's pages force on a region's (`inherited`, `core.disclosure.page_hidden`)."""
    sizes = {g.key: g.answered for g in groups}
    hidden = suppressed_groups(sizes, threshold, total_shown=total_shown)
    if inherited is not None:
        hidden = page_hidden(sizes, threshold, hidden=hidden, inherited=inherited)
    rankings = []
    for group in groups:
        if group.key in hidden:
            visibility = Visibility.SMALL if is_small(group.answered, threshold) else Visibility.COMPLEMENTARY
            options: tuple[RankedOption, ...] = ()
        else:
            visibility = Visibility.SHOWN
            options = tuple(rank_options(group.chosen, labels, group.answered))
        rankings.append(GroupRanking(group.key, group.label, group.answered, visibility, options))
    return rankings


@dataclass(frozen=True)
class AnswerCount[B]:
    """One cell of the aggregate behind a ranking: answers choosing one option from respondents who
    are in the same group of every breakdown."""

    option: str
    groups: Mapping[B, str]  # breakdown -> the group these respondents are in
    chosen: int  # answers choosing the option
    first: int  # of them, answers that start with it: summed over the options, how many answered


def rank_breakdowns[B](
    cells: Iterable[AnswerCount[B]],
    option_labels: Mapping[str, str],
    group_labels: Mapping[B, Mapping[str, str]],
    threshold: int,
    *,
    inherited: Mapping[B | None, Inherited[str]] | None = None,
) -> tuple[GroupRanking, dict[B, list[GroupRanking]]]:
    """The ranking of all respondents, and of the groups of every breakdown in `group_labels` (in
    the order of its labels, then any unlabelled group; a group nobody in answered is left out).

    Each cell counts once overall and once in its group of each breakdown, so every breakdown's
    groups add up to everyone. `inherited` (see `inherited_from_nation`) is what a region's
    ranking must hide, overall (None) and in each breakdown, because of the national ranking."""
    forced = inherited or {}
    answered: dict[B | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    chosen: dict[B | None, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    everyone = answered[None]
    overall_chosen = chosen[None][ALL_RESPONDENTS]
    for cell in cells:
        overall_chosen[cell.option] += cell.chosen
        everyone[ALL_RESPONDENTS] += cell.first
        for breakdown, group in cell.groups.items():
            chosen[breakdown][group][cell.option] += cell.chosen
            answered[breakdown][group] += cell.first
    overall_answered = everyone[ALL_RESPONDENTS]
    overall = rank_groups(
        [GroupCounts(ALL_RESPONDENTS, ALL_RESPONDENTS_LABEL, overall_answered, overall_chosen)],
        option_labels,
        threshold,
        inherited=forced.get(None),
    )[0]
    breakdowns: dict[B, list[GroupRanking]] = {}
    for breakdown, labels in group_labels.items():
        counts = answered[breakdown]
        keys = [k for k in labels if counts.get(k, 0) > 0] + [k for k in counts if k not in labels and counts[k] > 0]
        groups = [GroupCounts(k, labels.get(k, k), counts[k], chosen[breakdown][k]) for k in keys]
        ranked = rank_groups(groups, option_labels, threshold, inherited=forced.get(breakdown))
        breakdowns[breakdown] = ranked if overall_answered else []
    return overall, breakdowns


def inherited_from_nation[B](
    cells: Iterable[AnswerCount[B]], by_region: B, region: str, threshold: int
) -> dict[B | None, Inherited[str]]:
    """What one region's ranking must hide because of the national ranking (`cells` are the
    nation's), overall (None) and in each breakdown (`core.disclosure.hidden_by_parent`). The
    national ranking by region shows each region's respondents, as the region's own ranking does;
    its band groups (roles, organisation types) are the sums of each region's. A group nobody in a
    region answered is left out of its ranking (so is known to be 0) and is no part here."""
    by_member: dict[str, int] = defaultdict(int)
    parts: dict[B, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for cell in cells:
        member = cell.groups[by_region]
        by_member[member] += cell.first
        for breakdown, group in cell.groups.items():
            parts[breakdown][group][member] += cell.first
    members = {key: n for key, n in by_member.items() if n > 0}
    nation_hidden = sum(members.values()) < threshold
    inherited: dict[B | None, Inherited[str]] = {
        None: hidden_by_parent(ParentView[str, str](members, hidden=nation_hidden), region, threshold)
    }
    for breakdown, groups in parts.items():
        shown_parts = {group: {m: n for m, n in split.items() if n > 0} for group, split in groups.items()}
        view = ParentView(members, shown_parts, hidden=nation_hidden)
        inherited[breakdown] = hidden_by_parent(view, region, threshold)
    return inherited


@dataclass(frozen=True)
class ComparedOption:
    option: RankedOption
    previous_rank: int | None  # None: not asked in the previous cycle
    previous_share: float | None
    is_new_entry: bool

    @property
    def rank_change(self) -> int | None:
        """Places moved up (positive) or down (negative) since the previous cycle."""
        return None if self.previous_rank is None else self.previous_rank - self.option.rank

    @property
    def share_change(self) -> float | None:
        """The change in share, as a proportion (0.05 is 5 percentage points)."""
        return None if self.previous_share is None else self.option.share - self.previous_share


@dataclass(frozen=True)
class DroppedOption:
    """An option in the previous cycle's top N that is not in this cycle's."""

    key: str
    label: str
    previous_rank: int
    previous_share: float
    rank: int | None  # this cycle's rank, None when not chosen or not offered
    share: float | None


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparedOption, ...]
    dropped_out: tuple[DroppedOption, ...]

    @property
    def new_entries(self) -> list[ComparedOption]:
        return [row for row in self.rows if row.is_new_entry]


def compare_rankings(current: Sequence[RankedOption], previous: Sequence[RankedOption], top: int | None) -> Comparison:
    """This cycle's top N beside the previous cycle's, matched by option key. An option the previous
    cycle offered but nobody chose has its (tied last) rank and a share of 0; one it did not offer has
    neither."""
    before = {o.key: o for o in previous}
    shown = top_options(current, top)
    previous_top = {o.key for o in top_options(previous, top)}
    rows = tuple(
        ComparedOption(
            option=o,
            previous_rank=before[o.key].rank if o.key in before else None,
            previous_share=before[o.key].share if o.key in before else None,
            is_new_entry=o.key not in previous_top,
        )
        for o in shown
    )
    now = {o.key: o for o in current if o.respondents > 0}
    shown_keys = {o.key for o in shown}
    dropped = tuple(
        DroppedOption(
            key=o.key,
            label=now[o.key].label if o.key in now else o.label,
            previous_rank=o.rank,
            previous_share=o.share,
            rank=now[o.key].rank if o.key in now else None,
            share=now[o.key].share if o.key in now else None,
        )
        for o in top_options(previous, top)
        if o.key not in shown_keys
    )
    return Comparison(rows=rows, dropped_out=dropped)


# Summaries of the other questions ---------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    respondents: int
    share: float


def distribution(counts: Mapping[str, int], options: Sequence[tuple[str, str]], answered: int) -> list[Share]:
    """Each option (in the survey's order) with the share of respondents who chose it."""
    if answered <= 0:
        return []
    return [Share(key, label, counts.get(key, 0), counts.get(key, 0) / answered) for key, label in options]


@dataclass(frozen=True)
class LikertSummary:
    shares: list[Share]
    mean_score: float | None
    answered: int


def likert_summary(counts: Mapping[str, int], options: Sequence[tuple[str, str, int | None]]) -> LikertSummary:
    """The distribution over the scale and the mean score of those who answered."""
    answered = sum(counts.get(key, 0) for key, _label, _score in options)
    scored = [(counts.get(key, 0), score) for key, _label, score in options if score is not None]
    scored_count = sum(n for n, _ in scored)
    mean = sum(n * score for n, score in scored) / scored_count if scored_count else None
    return LikertSummary(distribution(counts, [(k, label) for k, label, _ in options], answered), mean, answered)


@dataclass(frozen=True)
class RankedChoice:
    key: str
    label: str
    ranked_by: int  # respondents who put it anywhere in their order
    first_choices: int
    mean_rank: float | None
    points: int  # Borda count: with k places, rank 1 scores k, rank k scores 1


def ranking_summary(
    rank_counts: Mapping[str, Mapping[int, int]], options: Sequence[tuple[str, str]], places: int
) -> list[RankedChoice]:
    """Options of a ranking question, most points first (Borda count), then by first choices."""
    rows = []
    for key, label in options:
        by_rank = rank_counts.get(key, {})
        ranked_by = sum(by_rank.values())
        mean = sum(rank * n for rank, n in by_rank.items()) / ranked_by if ranked_by else None
        points = sum(max(places - rank + 1, 0) * n for rank, n in by_rank.items())
        rows.append(RankedChoice(key, label, ranked_by, by_rank.get(1, 0), mean, points))
    return sorted(rows, key=lambda r: (-r.points, -r.first_choices, r.label.casefold()))


@dataclass(frozen=True)
class NumberSummary:
    """No minimum or maximum: an extreme value can identify the one person who gave it."""

    answered: int
    mean: Decimal
    median: Decimal
    lower_quartile: Decimal
    upper_quartile: Decimal


TWO_PLACES = Decimal("0.01")


def number_summary(values: Sequence[Decimal]) -> NumberSummary | None:
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        lower = upper = ordered[0]
    else:
        lower, _median, upper = statistics.quantiles(ordered, n=4, method="inclusive")
    mean = sum(ordered, Decimal(0)) / len(ordered)

    def two(value: Decimal) -> Decimal:
        return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)

    return NumberSummary(len(ordered), two(mean), two(statistics.median(ordered)), two(lower), two(upper))


STOP_WORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further get got had has have having he her here
    hers him his how i if in into is it its itself just like me more most my no nor not now of off on once only or
    other our ours out over own really same she should so some such than that the their theirs them then there these
    they this those through to too under until up us very was we were what when where which while who whom why will
    with would you your yours yourself want wanted would like need needs needed think able use used using work
    working much many lot lots well way ways new etc""".split()  # noqa: SIM905 - a word list is easier to read as text
)
_WORD = re.compile(r"[a-z][a-z'-]+")


def frequent_terms(texts: Iterable[str], *, min_respondents: int, top: int = 10) -> list[tuple[str, int]]:
    """The words most respondents used (each counted once per answer), leaving out common words and
    any word fewer than `min_respondents` used: a rare word can identify who wrote it."""
    used_by: Counter[str] = Counter()
    for text in texts:
        words = {w.strip("'-") for w in _WORD.findall(text.lower())}
        used_by.update(w for w in words if len(w) > 2 and w not in STOP_WORDS)
    frequent = [(term, n) for term, n in used_by.items() if n >= min_respondents]
    return sorted(frequent, key=lambda item: (-item[1], item[0]))[:top]
