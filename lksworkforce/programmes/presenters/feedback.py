"""The feedback reports as rows, for every surface: the page's tables, the CSV and the API show these
same rows. A hidden figure is "fewer than N" (or "not shown", for a figure hidden to protect a
smaller one), never a number."""

from dataclasses import dataclass
from decimal import Decimal

from lksworkforce.core.disclosure import suppressed_label
from lksworkforce.programmes import feedback_levels as levels
from lksworkforce.programmes.selectors.feedback import CohortFeedback, ProgrammeFeedback

NOT_SHOWN = "not shown"
COLUMNS = ["level", "item", "people", "mean", "rated_1", "rated_2", "rated_3", "rated_4", "rated_5", "improved"]
REACTION, LEARNING, BEHAVIOUR, RESULTS = "Reaction", "Learning", "Behaviour", "Results"


@dataclass(frozen=True)
class ReportRow:
    level: str
    item: str
    people: str
    mean: str = ""
    rated: tuple[str, ...] = ()  # for ratings 1 to 5
    improved: str = ""

    def cells(self) -> dict[str, str]:
        """The row by column name: the same in the CSV, XLSX, PDF and the API."""
        rated = list(self.rated) or [""] * len(levels.RATINGS)
        return dict(zip(COLUMNS, [self.level, self.item, self.people, self.mean, *rated, self.improved], strict=True))


def _mean(value: Decimal | None, *, signed: bool = False) -> str:
    if value is None:
        return NOT_SHOWN
    return f"{value:+}" if signed else f"{value}"


def reaction_rows(summary: levels.ReactionSummary) -> list[ReportRow]:
    if summary.hidden:
        return [ReportRow(REACTION, "Answers", suppressed_label(summary.threshold))]
    rows = []
    for question in summary.questions:
        rated = tuple(NOT_SHOWN if c.count is None else f"{c.count:,}" for c in question.counts)
        rows.append(ReportRow(REACTION, question.question.text, f"{summary.answered:,}", _mean(question.mean), rated))
    return rows


def learning_rows(learning: levels.LearningChange | None, threshold: int) -> list[ReportRow]:
    if learning is None or not learning.ready:
        return [ReportRow(LEARNING, "Change in self-assessed level", "not yet")]
    if not learning.sub_areas:
        return [ReportRow(LEARNING, "Change in self-assessed level", "no sub-areas")]
    rows = []
    for row in learning.sub_areas:
        if row.people is None:
            rows.append(ReportRow(LEARNING, row.label, suppressed_label(threshold)))
        else:
            improved = NOT_SHOWN if row.improved is None else f"{row.improved:,}"
            rows.append(
                ReportRow(LEARNING, row.label, f"{row.people:,}", _mean(row.mean_change, signed=True), (), improved)
            )
    return rows


def behaviour_rows(behaviour: levels.Behaviour) -> list[ReportRow]:
    answered = suppressed_label(behaviour.threshold) if behaviour.hidden else f"{behaviour.answered:,}"
    return [
        ReportRow(BEHAVIOUR, "Follow-ups scheduled", f"{behaviour.scheduled:,}"),
        ReportRow(BEHAVIOUR, "Follow-ups answered", answered),
    ]


def results_rows() -> list[ReportRow]:
    return [ReportRow(RESULTS, levels.RESULTS_LATER, "")]


def report_rows(feedback: CohortFeedback | ProgrammeFeedback) -> list[ReportRow]:
    """Every level's rows, in order: reaction, learning, behaviour, results."""
    return [
        *reaction_rows(feedback.reaction),
        *learning_rows(feedback.learning, feedback.threshold),
        *behaviour_rows(feedback.behaviour),
        *results_rows(),
    ]


def export_table(rows: list[ReportRow]) -> tuple[list[str], list[dict[str, str]]]:
    return COLUMNS, [row.cells() for row in rows]


@dataclass(frozen=True)
class CohortLine:
    """One cohort on the programme's report."""

    cohort_id: int
    name: str
    region: str
    ends_on: str
    places: str
    reactions: str
    overall_mean: str
    follow_ups_answered: str


def cohort_lines(feedback: ProgrammeFeedback) -> list[CohortLine]:
    lines = []
    for cohort in feedback.cohorts:
        reaction = cohort.reaction
        hidden = suppressed_label(feedback.threshold)
        overall = reaction.questions[0].mean if not reaction.hidden else None
        lines.append(
            CohortLine(
                cohort.cohort.pk,
                cohort.cohort.name,
                cohort.cohort.region.name if cohort.cohort.region else "National",
                f"{cohort.cohort.ends_on:%-d %B %Y}",
                f"{cohort.places:,}",
                hidden if reaction.hidden else f"{reaction.answered:,}",
                "" if reaction.hidden else _mean(overall),
                hidden if cohort.behaviour.hidden else f"{cohort.behaviour.answered:,}",
            )
        )
    return lines


def publishing_note(threshold: int) -> str:
    return (
        f"Answers are counted {threshold} at a time, in the order they came, and nothing is shown until "
        f"at least {threshold} people have answered, so that nobody's answers can be worked out by "
        "comparing the figures before and after they answered. Counts under "
        f"{threshold} are shown as “{suppressed_label(threshold)}”, and a mean is not shown when any of "
        "its counts is hidden."
    )
