"""Survey figures as rows and text: the one definition of the report columns that the results page,
the API, CSV, XLSX, PDF and `lksw survey_report` all show."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lksworkforce.core.disclosure import Suppressed, suppressed_groups, suppressed_label
from lksworkforce.surveys import analysis
from lksworkforce.surveys.models import Survey
from lksworkforce.surveys.questions import Breakdown, Demographic, QuestionKind
from lksworkforce.surveys.selectors import (
    CpdOffer,
    RankingFigures,
    RankingReport,
    SurveyStructure,
)

RANKING_COLUMNS = ("group", "rank", "option", "respondents", "percent", "ci_low", "ci_high")
COMPARE_COLUMNS = (*RANKING_COLUMNS, "previous_rank", "previous_percent")
DROPPED_COLUMNS = ("group", "option", "previous_rank", "previous_percent", "rank", "percent")
NOT_SHOWN = "not shown (protects a smaller group)"


def percent(share: float | None) -> str:
    """A proportion as a percentage to one decimal place, as every surface shows it: 0.4123 -> '41.2'."""
    return "" if share is None else f"{share * 100:.1f}"


def percent_figure(share: float | None) -> float | None:
    """The percentage as a number, at the one decimal place every surface shows: 0.4123 -> 41.2."""
    return None if share is None else float(percent(share))


def hidden_count_reason(count: int, threshold: int) -> Suppressed:
    """Why a hidden count is hidden: it is small itself, or it would give a small one away."""
    return Suppressed.SMALL_GROUP if 0 < count < threshold else Suppressed.PROTECTS_SMALLER_GROUP


def count_figure(count: int, threshold: int) -> tuple[int | None, Suppressed | None]:
    """A number of people as the API sends it: the count, or None and why (a small group)."""
    return (None, Suppressed.SMALL_GROUP) if 0 < count < threshold else (count, None)


def respondents_figures(count: int, threshold: int) -> dict[str, Any]:
    respondents, suppressed = count_figure(count, threshold)
    return {"respondents": respondents, "respondents_suppressed": suppressed}


def reason_text(reason: Suppressed, threshold: int) -> str:
    return suppressed_label(threshold) if reason is Suppressed.SMALL_GROUP else NOT_SHOWN


def count_or_hidden(count: int, threshold: int) -> str:
    return suppressed_label(threshold) if 0 < count < threshold else NOT_SHOWN


def count_label(count: int, threshold: int) -> str:
    """A number of people, or 'fewer than 5' when it is a small group."""
    return suppressed_label(threshold) if 0 < count < threshold else f"{count}"


def small_counts(counts: dict[str, int], threshold: int, *, total_shown: bool) -> frozenset[str]:
    """Which answers' counts must not be shown: every count from 1 to threshold - 1 (the survey
    promises answers are only shown in groups of the threshold or more), and, where the counts add up
    to a total that is shown (one answer each), the complementary ones (core.disclosure)."""
    return suppressed_groups({k: n for k, n in counts.items() if n > 0}, threshold, total_shown=total_shown)


def hidden_label(group: analysis.GroupRanking, threshold: int) -> str:
    return suppressed_label(threshold) if group.visibility is analysis.Visibility.SMALL else NOT_SHOWN


def results_not_yet(survey: Survey) -> str:
    return (
        f"The results of {survey.title} are published when it closes on {survey.closes_on:%-d %B %Y}. Until then "
        "they change with every answer sent, so only the national team, who run the survey, can see them."
    )


def report_groups(report: RankingReport, by: Breakdown | None) -> list[analysis.GroupRanking]:
    return [report.current.overall] if by is None else report.current.breakdowns.get(by, [])


def ranking_rows(report: RankingReport, by: Breakdown | None, *, compared: bool) -> list[dict[str, str]]:
    """The rows of a ranking report: each group's top N, or one row saying the group is hidden."""
    return [row for group in report_groups(report, by) for row in group_rows(report, group, compared=compared)]


def group_rows(report: RankingReport, group: analysis.GroupRanking, *, compared: bool) -> list[dict[str, str]]:
    """group_figures as the CSV, the pages and the CLI show them."""
    threshold = report.current.threshold
    return [_as_text(row, threshold) for row in group_figures(report, group, compared=compared)]


def _as_text(row: dict[str, Any], threshold: int) -> dict[str, str]:
    text = {
        key: "" if value is None else f"{value:.1f}" if isinstance(value, float) else str(value)
        for key, value in row.items()
        if key != "suppressed"
    }
    if row["suppressed"] is not None:
        text["respondents"] = reason_text(row["suppressed"], threshold)
    return text


def group_figures(report: RankingReport, group: analysis.GroupRanking, *, compared: bool) -> list[dict[str, Any]]:
    """A group's top N as numbers (the API's form): a hidden group is one row with no figures and
    `suppressed` saying why; a hidden option has no count or percentage, and says why too."""
    threshold = report.current.threshold
    columns = COMPARE_COLUMNS if compared else RANKING_COLUMNS
    if group.hidden:
        reason = (
            Suppressed.SMALL_GROUP
            if group.visibility is analysis.Visibility.SMALL
            else Suppressed.PROTECTS_SMALLER_GROUP
        )
        return [dict.fromkeys(columns) | {"group": group.label, "suppressed": reason}]
    comparison = report.comparison(group) if compared else None
    before = {c.option.key: c for c in comparison.rows} if comparison else {}
    single = report.current.question.kind is QuestionKind.SINGLE_CHOICE
    hidden = small_counts({o.key: o.respondents for o in group.options}, threshold, total_shown=single)
    rows = []
    for option in group.top(report.top):
        shown = option.key not in hidden
        row: dict[str, Any] = {
            "group": group.label,
            "rank": option.rank,
            "option": option.label,
            "respondents": option.respondents if shown else None,
            "percent": percent_figure(option.share) if shown else None,
            "ci_low": percent_figure(option.ci_low) if shown else None,
            "ci_high": percent_figure(option.ci_high) if shown else None,
        }
        if compared:
            previous = before.get(option.key)
            row["previous_rank"] = previous.previous_rank if previous and previous.previous_rank else None
            row["previous_percent"] = percent_figure(previous.previous_share) if previous else None
        row["suppressed"] = None if shown else hidden_count_reason(option.respondents, threshold)
        rows.append(row)
    return rows


def ranking_figure_rows(report: RankingReport, by: Breakdown | None, *, compared: bool) -> list[dict[str, Any]]:
    return [row for group in report_groups(report, by) for row in group_figures(report, group, compared=compared)]


def _dropped_out(report: RankingReport, by: Breakdown | None) -> Iterator[tuple[str, analysis.DroppedOption]]:
    """(group label, option) for each option in the previous cycle's top N not in this cycle's."""
    for group in report_groups(report, by):
        comparison = report.comparison(group)
        if comparison is not None:
            yield from ((group.label, d) for d in comparison.dropped_out)


def dropped_figures(report: RankingReport, by: Breakdown | None) -> list[dict[str, Any]]:
    """dropped_rows as numbers (the API's form)."""
    return [
        {
            "group": group,
            "option": d.label,
            "previous_rank": d.previous_rank,
            "previous_percent": percent_figure(d.previous_share),
            "rank": d.rank,
            "percent": percent_figure(d.share),
        }
        for group, d in _dropped_out(report, by)
    ]


def dropped_rows(report: RankingReport, by: Breakdown | None) -> list[dict[str, str]]:
    """Options in the previous cycle's top N that are not in this cycle's, group by group."""
    return [
        {
            "group": group,
            "option": d.label,
            "previous_rank": str(d.previous_rank),
            "previous_percent": percent(d.previous_share),
            "rank": "" if d.rank is None else str(d.rank),
            "percent": percent(d.share),
        }
        for group, d in _dropped_out(report, by)
    ]


def _ranking_heading(report: RankingReport, by: Breakdown | None) -> dict[str, Any]:
    """What a ranking is of: the same in the API's figures and the CSV-shaped document."""
    figures = report.current
    return {
        "survey": figures.survey.key,
        "title": figures.survey.title,
        "question": figures.question.key,
        "question_text": figures.question.text,
        "by": by.value if by else None,
        "top": report.top,
        "threshold": figures.threshold,
    }


def ranking_document(report: RankingReport, by: Breakdown | None, *, compared: bool) -> dict[str, Any]:
    """The report as JSON (the API and `survey_report --format json`): the same rows as the CSV."""
    figures = report.current
    previous = report.previous if compared else None
    return {
        **_ranking_heading(report, by),
        "respondents": count_label(figures.respondents, figures.threshold),
        "answered": count_label(figures.overall.answered, figures.threshold),
        "compare_with": previous.survey.key if previous else None,
        "note": comparison_note(report) if compared else "",
        "columns": list(COMPARE_COLUMNS if compared else RANKING_COLUMNS),
        "rows": ranking_rows(report, by, compared=compared),
        "dropped_out": dropped_rows(report, by) if compared else [],
    }


def ranking_figures(report: RankingReport, by: Breakdown | None, *, compared: bool) -> dict[str, Any]:
    """The report as the API sends it: ranking_document's figures as numbers, null and `suppressed`
    where hidden."""
    figures = report.current
    previous = report.previous if compared else None
    answered, answered_suppressed = count_figure(figures.overall.answered, figures.threshold)
    return {
        **_ranking_heading(report, by),
        **respondents_figures(figures.respondents, figures.threshold),
        "answered": answered,
        "answered_suppressed": answered_suppressed,
        "compare_with": previous.survey.key if previous else None,
        "note": comparison_note(report) if compared else "",
        "rows": ranking_figure_rows(report, by, compared=compared),
        "dropped_out": dropped_figures(report, by) if compared else [],
    }


def comparison_note(report: RankingReport) -> str:
    if report.previous is None:
        return report.previous_note or "There is no earlier cycle to compare with."
    return ""


# What the results page shows --------------------------------------------------------------------


def display_rows(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Report rows formatted for people: '41.2%', '37.8% to 44.6%', movement since last cycle."""
    shown = []
    for row in rows:
        if not row["rank"]:
            shown.append(row | {"hidden": True})
            continue
        item: dict[str, Any] = row | {
            "hidden": False,
            "percent_text": f"{row['percent']}%" if row["percent"] else "",
            "interval_text": f"{row['ci_low']}% to {row['ci_high']}%" if row["percent"] else "",
        }
        if "previous_rank" in row:
            item["movement"] = movement(row["rank"], row["previous_rank"]) + (
                points_change(row["percent"], row["previous_percent"]) if row["percent"] else ""
            )
            item["previous_rank_text"] = row["previous_rank"] or "Not asked"
            item["previous_text"] = f"{row['previous_percent']}%" if row["previous_percent"] else "Not asked"
        shown.append(item)
    return shown


def movement(rank: str, previous_rank: str) -> str:
    if not previous_rank:
        return "New"
    change = int(previous_rank) - int(rank)
    if change == 0:
        return "Same place"
    places = "place" if abs(change) == 1 else "places"
    return f"Up {change} {places}" if change > 0 else f"Down {-change} {places}"


def points_change(percent_now: str, percent_before: str) -> str:
    """', up 5.2 percentage points': the difference of the two percentages as shown."""
    if not percent_before:
        return ""
    change = round(float(percent_now) - float(percent_before), 1)
    if change == 0:
        return ", no change in percentage"
    return f", {'up' if change > 0 else 'down'} {abs(change):.1f} percentage points"


def chart_values(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The overall top N for the bar chart (the same figures as the table beside it)."""
    return [
        {
            "option": f"{row['rank']}. {row['option']}",
            "percent": float(row["percent"]),
            "ci_low": float(row["ci_low"]),
            "ci_high": float(row["ci_high"]),
        }
        for row in rows
        if row["rank"] and row["percent"]
    ]


def group_tables(report: RankingReport, by: Breakdown, *, compared: bool) -> list[dict[str, Any]]:
    """One table per group of a breakdown, for the results page's tabs."""
    threshold = report.current.threshold
    return [
        {
            "label": group.label,
            "answered": hidden_label(group, threshold) if group.hidden else count_label(group.answered, threshold),
            "hidden": group.hidden,
            "rows": display_rows(group_rows(report, group, compared=compared)),
        }
        for group in report_groups(report, by)
    ]


def regions_asked(structure: SurveyStructure) -> str:
    """The geography a cycle asked people to place themselves in: regions change between cycles
    (four LKS geographies in 2018, NHS England's seven regions since 2019)."""
    question = structure.demographic_question(Demographic.REGION)
    if question is None or not question.options:
        return "Not asked"
    return "; ".join(option.label for option in question.options)


def figures_answered(figures: RankingFigures) -> str:
    return count_label(figures.overall.answered, figures.threshold)


# From needs to the CPD offer --------------------------------------------------------------------

CPD_COLUMNS = ("rank", "need", "respondents", "percent", "sub_areas", "on_offer")
NOTHING_ON_OFFER = "nothing on offer yet"


def cpd_figures(offer: CpdOffer) -> list[dict[str, Any]]:
    """cpd_rows as numbers and lists (the API's form)."""
    threshold = offer.report.current.threshold
    rows = []
    for row in offer.needs:
        respondents, suppressed = count_figure(row.need.respondents, threshold)
        rows.append(
            {
                "rank": row.need.rank,
                "need": row.need.label,
                "respondents": respondents,
                "percent": None if suppressed else percent_figure(row.need.share),
                "suppressed": suppressed,
                "sub_areas": [f"{s.number} {s.name}" for s in row.sub_areas],
                "on_offer": [f"{o.title} ({o.kind})" for o in row.offers],
            }
        )
    return rows


def cpd_rows(offer: CpdOffer) -> list[dict[str, str]]:
    """One row per top need: its figures, the sub-areas it touches, and what is on offer."""
    return [
        {
            "rank": str(row.need.rank),
            "need": row.need.label,
            "respondents": count_label(row.need.respondents, offer.report.current.threshold),
            "percent": "" if 0 < row.need.respondents < offer.report.current.threshold else percent(row.need.share),
            "sub_areas": "; ".join(f"{s.number} {s.name}" for s in row.sub_areas),
            "on_offer": "; ".join(f"{o.title} ({o.kind})" for o in row.offers) or NOTHING_ON_OFFER,
        }
        for row in offer.needs
    ]
