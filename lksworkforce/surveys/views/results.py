"""Results for signed-in people: the top-ten needs with breakdowns and the comparison with the
previous cycle, every question's summary, and a printable summary for regional leads. Exports
(CSV, XLSX, PDF) carry exactly the rows the page shows."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from lksworkforce.core.exports import EXPORT_FORMATS, export_response
from lksworkforce.core.params import ParamError, parse_int
from lksworkforce.core.pdf import html_to_pdf
from lksworkforce.core.selectors import suppression_threshold
from lksworkforce.core.views import ExplainedNotFound
from lksworkforce.surveys import analysis, presenters, selectors, summary_figures
from lksworkforce.surveys.charts import needs_chart
from lksworkforce.surveys.definition import definition_to_yaml
from lksworkforce.surveys.models import Survey
from lksworkforce.surveys.questions import TOP_DEFAULT, TOP_MOST, Breakdown, Demographic

TOP_CHOICES = (5, 10, 15, 20)


def _survey(request: HttpRequest, key: str, *, results: bool = True) -> Survey:
    """The survey, and (`results`) only if the viewer may see its results: once it has closed,
    or for the national team (docs/adr/0011-privacy-over-time.md)."""
    survey = selectors.survey_visible_to(request.user, key)
    if survey is None:
        raise Http404("No such survey")
    if results and not request.user.has_perm("surveys.view_results", survey):
        raise PermissionDenied(presenters.results_not_yet(survey))
    return survey


def _breadcrumbs(survey: Survey | None = None) -> list[dict[str, str]]:
    crumbs = [{"href": "/", "text": "Home"}, {"href": "/surveys/", "text": "Development needs surveys"}]
    if survey is not None:
        crumbs.append({"href": f"/surveys/{survey.key}/results/", "text": survey.title})
    return crumbs


@require_GET
@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.surveys_visible_to(request.user))
    counts = selectors.response_counts(surveys)
    threshold = suppression_threshold()
    today = selectors.today()
    rows = [
        {
            "survey": s,
            "status": s.status_on(today),
            "results": request.user.has_perm("surveys.view_results", s),
            "respondents": presenters.count_label(counts.get(s.pk, 0), threshold) if counts.get(s.pk) else "None yet",
        }
        for s in surveys
    ]
    return render(
        request,
        "surveys/list.jinja",
        {
            "title": "Development needs surveys",
            "rows": rows,
            "can_manage": request.user.has_perm("surveys.manage_surveys"),
            "breadcrumbs": [{"href": "/", "text": "Home"}],
        },
    )


def _report_choices(request: HttpRequest) -> tuple[str | None, int, list[str]]:
    """The question and how many needs to show, and notices for the page when `top` was not a
    number it can show (the page then shows the top ten and says so)."""
    question = request.GET.get("question") or None
    try:
        top = parse_int(
            request.GET.get("top"), minimum=1, maximum=TOP_MOST, default=TOP_DEFAULT, what="The number of needs to show"
        )
    except ParamError as problem:
        if request.GET.get("format"):
            raise ExplainedNotFound(f"{problem}.") from None
        return question, TOP_DEFAULT, [f"{problem}. This page shows the top {TOP_DEFAULT}."]
    return question, top, []


@require_GET
@login_required
def results(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(request, key)
    question_key, top, notices = _report_choices(request)
    structure = selectors.survey_structure(survey)
    rankable = [q for q in structure.questions if q.kind.can_be_ranked and q.demographic is None]
    if question_key is None:
        question_key = survey.needs_question.key if survey.needs_question else (rankable[0].key if rankable else None)
    if question_key is None:
        raise Http404("This survey has no question to rank")
    try:
        report = selectors.ranking_report(survey, question_key, top=top)
    except selectors.NotRankableError as error:
        raise Http404(str(error)) from None
    compared = report.previous is not None
    if (export_format := request.GET.get("format")) in EXPORT_FORMATS:
        by = _breakdown(request.GET.get("by"))
        rows = presenters.ranking_rows(report, by, compared=compared)
        columns = presenters.COMPARE_COLUMNS if compared else presenters.RANKING_COLUMNS
        name = f"{survey.key}-{report.current.question.key}" + (f"-by-{by.value}" if by else "")
        title = f"{survey.title}: {report.current.question.text}" + (f" (by {by.label.lower()})" if by else "")
        return export_response(export_format, name, columns, rows, title=title)
    if request.GET.get("format"):
        raise Http404("Unknown export format")
    context = report_context(report, compared=compared)
    return render(
        request,
        "surveys/results.jinja",
        context
        | {
            "title": f"{survey.title}: results",
            "notices": notices,
            "survey": survey,
            "status": survey.status_on(selectors.today()),
            "questions": rankable,
            "question_key": report.current.question.key,
            "top": top,
            "top_choices": TOP_CHOICES,
            "regions_asked": presenters.regions_asked(structure),
            "breadcrumbs": _breadcrumbs(),
            "can_manage": request.user.has_perm("surveys.manage_surveys"),
        },
    )


def _breakdown(raw: str | None) -> Breakdown | None:
    if not raw:
        return None
    try:
        return Breakdown(raw)
    except ValueError:
        raise Http404("Unknown breakdown") from None


def report_context(report: selectors.RankingReport, *, compared: bool) -> dict[str, Any]:
    """What the results page and the printable summary show, from one report."""
    figures = report.current
    overall_rows = presenters.ranking_rows(report, None, compared=compared)
    comparison = report.comparison(figures.overall) if compared else None
    question = figures.question
    chart_svg = None
    values = presenters.chart_values(overall_rows)
    if values:
        chart_svg = needs_chart(
            values,
            description=f"The top {report.top} needs: the percentage of respondents choosing each, with its 95% interval. "
            "The figures are in the table.",
        )
    return {
        "report": report,
        "question": question,
        "threshold": figures.threshold,
        "respondents": presenters.count_label(figures.respondents, figures.threshold),
        "answered": presenters.figures_answered(figures),
        "overall_hidden": figures.overall.hidden,
        "overall_protects": figures.overall.visibility is analysis.Visibility.COMPLEMENTARY,
        "overall": presenters.display_rows(overall_rows),
        "compared": compared,
        "previous": report.previous.survey if report.previous else None,
        "comparison_note": presenters.comparison_note(report),
        "new_entries": [c.option.label for c in comparison.new_entries] if comparison else [],
        "dropped": presenters.dropped_rows(report, None) if compared else [],
        "chart_svg": chart_svg,
        "breakdowns": [
            {"key": b.value, "label": b.label, "groups": presenters.group_tables(report, b, compared=compared)}
            for b in Breakdown
            if b in figures.breakdowns
        ],
    }


@require_GET
@login_required
def question_summaries(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(request, key)
    summary = selectors.survey_summary(survey)
    rows = summary_figures.summary_rows(summary)
    if (export_format := request.GET.get("format")) in EXPORT_FORMATS:
        return export_response(
            export_format,
            f"{survey.key}-questions",
            summary_figures.SUMMARY_COLUMNS,
            rows,
            title=f"{survey.title}: every question",
        )
    if request.GET.get("format"):
        raise Http404("Unknown export format")
    questions = []
    for item in summary.questions:
        questions.append(
            {
                "item": item,
                "rows": [r for r in rows if r["question"] == item.question.key and (r["answer"] or r["figure"])],
            }
        )
    return render(
        request,
        "surveys/questions.jinja",
        {
            "title": f"{survey.title}: every question",
            "survey": survey,
            "threshold": summary.threshold,
            "respondents": presenters.count_label(summary.respondents, summary.threshold),
            "questions": questions,
            "breadcrumbs": _breadcrumbs(survey),
        },
    )


@require_GET
@login_required
def printable(request: HttpRequest, key: str) -> HttpResponse:
    """A summary on paper for regional leads: the national top ten, their region's, the band groups'
    and the change since the last cycle. `?format=pdf` gives it as a tagged PDF."""
    survey = _survey(request, key)
    structure = selectors.survey_structure(survey)
    question_key, top, notices = _report_choices(request)
    region_question = structure.demographic_question(Demographic.REGION)
    regions = [(o.key, o.label) for o in region_question.options] if region_question else []
    region = request.GET.get("region") or None
    if region is not None and region not in dict(regions):
        raise Http404("Unknown region")
    try:
        report = selectors.ranking_report(survey, question_key, top=top)
        regional = (
            selectors.ranking_report(survey, question_key, top=top, compare=False, region_key=region)
            if region
            else None
        )
    except selectors.NotRankableError as error:
        raise Http404(str(error)) from None
    context = report_context(report, compared=report.previous is not None) | {
        "title": f"{survey.title}: summary" + (f" for {dict(regions)[region]}" if region else ""),
        "survey": survey,
        "regions": regions,
        "region": region,
        "region_label": dict(regions).get(region or "", ""),
        "notices": notices,
        "regional": report_context(regional, compared=False) if regional else None,
        "band_groups": presenters.group_tables(report, Breakdown.BAND_GROUP, compared=False)
        if Breakdown.BAND_GROUP in report.current.breakdowns
        else [],
        "breadcrumbs": _breadcrumbs(survey),
    }
    if request.GET.get("format") == "pdf":
        html = render_to_string("surveys/printable_pdf.jinja", context, request=request)
        answer = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        answer["Content-Disposition"] = (
            f'attachment; filename="{survey.key}-summary{"-" + region if region else ""}.pdf"'
        )
        return answer
    if request.GET.get("format"):
        raise Http404("Unknown export format")
    return render(request, "surveys/printable.jinja", context)


@require_GET
@login_required
def definition(request: HttpRequest, key: str) -> HttpResponse:
    survey = _survey(request, key, results=False)
    answer = HttpResponse(
        definition_to_yaml(selectors.survey_definition(survey)), content_type="application/yaml; charset=utf-8"
    )
    answer["Content-Disposition"] = f'attachment; filename="{survey.key}.yaml"'
    return answer


@require_GET
@login_required
def cpd_offer(request: HttpRequest, key: str) -> HttpResponse:
    """The top needs, the skills framework sub-areas each touches, and what is on offer for them."""
    survey = _survey(request, key)
    question_key, top, notices = _report_choices(request)
    try:
        offer = selectors.cpd_offer(survey, question_key, top=top)
    except selectors.NotRankableError as error:
        raise Http404(str(error)) from None
    rows = presenters.cpd_rows(offer)
    if (export_format := request.GET.get("format")) in EXPORT_FORMATS:
        return export_response(
            export_format, f"{survey.key}-cpd-offer", presenters.CPD_COLUMNS, rows, title=f"{survey.title}: CPD offer"
        )
    if request.GET.get("format"):
        raise Http404("Unknown export format")
    figures = offer.report.current
    return render(
        request,
        "surveys/cpd_offer.jinja",
        {
            "title": f"{survey.title}: from needs to the CPD offer",
            "notices": notices,
            "survey": survey,
            "question": figures.question,
            "top": top,
            "threshold": figures.threshold,
            "overall_hidden": figures.overall.hidden,
            "needs": [
                row | {"linked": bool(need.sub_areas), "sub_area_list": need.sub_areas, "offers": need.offers}
                for row, need in zip(rows, offer.needs, strict=True)
            ],
            "catalogue_available": offer.catalogue_available,
            "unlinked": sum(1 for need in offer.needs if not need.sub_areas),
            "nothing_on_offer": sum(1 for need in offer.needs if need.nothing_on_offer),
            "breadcrumbs": _breadcrumbs(survey),
        },
    )
