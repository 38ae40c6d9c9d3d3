"""What surveys offers other apps through its capability (`needs_in_focus`): the top needs of the
latest closed development needs survey, as the skills framework sub-areas they touch, for the
nation and for one region. Only closed surveys count: while a survey is open its results change
with every answer (docs/adr/0011-privacy-over-time.md). A region's ranking hides what the national
ranking forces on it, as on the results pages; a hidden region gives no needs."""

from collections.abc import Mapping

from lksworkforce.core.capability import NeedsInFocus
from lksworkforce.surveys import analysis
from lksworkforce.surveys.models import Option, Survey
from lksworkforce.surveys.questions import Demographic
from lksworkforce.surveys.selectors import NotRankableError, ranking_report, survey_structure
from lksworkforce.surveys.selectors.surveys import closed_surveys, today


def _latest_closed() -> Survey | None:
    return closed_surveys(today()).filter(needs_question__isnull=False).order_by("-closes_on", "-id").first()


def _by_sub_area(needs: list[analysis.RankedOption], option_ids: Mapping[str, int]) -> dict[int, str]:
    """Sub-area id -> the label of the best-ranked need that touches it (one query)."""
    labels = {option_ids[n.key]: n.label for n in needs if n.key in option_ids}
    found: dict[int, str] = {}
    links = Option.sub_areas.through.objects.filter(option_id__in=list(labels)).values_list("option_id", "subarea_id")
    ranked = {option_ids[n.key]: n.rank for n in needs if n.key in option_ids}
    for option_id, sub_area_id in sorted(links, key=lambda link: (ranked[link[0]], link[0], link[1])):
        found.setdefault(sub_area_id, labels[option_id])
    return found


def needs_in_focus(region_name: str | None) -> NeedsInFocus | None:
    """None when no closed survey ranks needs. `region_name` is matched to the survey's region
    options by label (the organisations' regions and a survey's options are named alike)."""
    survey = _latest_closed()
    if survey is None:
        return None
    top = analysis.DEFAULT_TOP
    try:
        national = ranking_report(survey, top=top, compare=False)
    except NotRankableError:
        return None
    option_ids = national.current.question.option_ids
    region: dict[int, str] = {}
    matched = ""
    if region_name:
        region_question = survey_structure(survey).demographic_question(Demographic.REGION)
        options = {o.label.casefold(): o for o in region_question.options} if region_question else {}
        option = options.get(region_name.casefold())
        if option is not None:
            matched = option.label
            regional = ranking_report(survey, top=top, compare=False, region_key=option.key)
            region = _by_sub_area(regional.current.overall.top(top), option_ids)
    return NeedsInFocus(
        survey_title=survey.title,
        national=_by_sub_area(national.current.overall.top(top), option_ids),
        region=region,
        region_name=matched,
    )
