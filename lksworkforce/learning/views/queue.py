"""Learning pages: suggesting (anyone signed in), your suggestions, and the curators' queue."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.forms.queue import RESOURCE_KIND_CHOICES, DecisionForm, SuggestForm, add_problems
from lksworkforce.learning.models import Resource, Suggestion
from lksworkforce.learning.presenters import queue as presenters
from lksworkforce.learning.selectors import queue as selectors
from lksworkforce.learning.selectors.queue import OFFERS_A_RESOURCE
from lksworkforce.learning.services import decisions
from lksworkforce.learning.services.suggestions import suggestion_send
from lksworkforce.learning.vocabulary import SuggestionKind, SuggestionStatus

LONGEST_ID = 10


def _crumbs(*more: dict[str, str]) -> list[dict[str, str]]:
    return [{"href": "/", "text": "Home"}, {"href": reverse("learning:home"), "text": "Learning"}, *more]


def _resource_asked(request: HttpRequest) -> Resource | None:
    """The resource a suggestion is about, from `?resource=<id>` (the resource page's link)."""
    asked = request.GET.get("resource") or request.POST.get("resource") or ""
    if not asked:
        return None
    if not (asked.isascii() and asked.isdigit() and len(asked) <= LONGEST_ID):
        raise Http404("No such resource")
    found = selectors.resource_for_suggesting(int(asked))
    if found is None:
        raise Http404("No such resource")
    return found


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("learning.suggest", raise_exception=True)
def suggest(request: SignedInRequest) -> HttpResponse:
    about = _resource_asked(request)
    initial: dict[str, Any] = {"kind": SuggestionKind.BROKEN_LINK if about else SuggestionKind.NEW_RESOURCE}
    if about is not None:
        initial["resource"] = about.pk
    form = SuggestForm(request.POST if request.method == "POST" else None, initial=initial)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        entry = form.entry()
        if entry.kind in OFFERS_A_RESOURCE and entry.resource_id is None:
            duplicates = selectors.duplicates_for(entry.title, entry.url)
        if duplicates and not form.cleaned_data["confirmed"]:
            pass  # shown first: the person may find it is there already, or send it anyway
        else:
            try:
                suggestion_send(person=request.user, entry=entry)
            except Rejected as rejected:
                form.add_rejected(rejected)
            else:
                messages.success(request, "Thank you: your suggestion is with the curators.")
                return redirect("learning:suggestions_mine")
    errors = form_error_list(form)
    return render(
        request,
        "learning/suggest.jinja",
        {
            "title": "Suggest a change" if about else "Suggest a learning resource",
            "form": form,
            "form_errors": errors,
            "about": about,
            "sheets": selectors.sheets(),
            "resource_kinds": RESOURCE_KIND_CHOICES,
            "duplicates": [
                (presenters.duplicate_sentence(d), presenters.duplicate_href(d, curator=False)) for d in duplicates
            ],
            "breadcrumbs": _crumbs(),
        },
    )


@require_GET
@login_required
@permission_required("learning.suggest", raise_exception=True)
def suggestions_mine(request: SignedInRequest) -> HttpResponse:
    rows = [
        {
            "kind": SuggestionKind(s.kind).label,
            "subject": presenters.subject(s),
            "sent": s.created_at,
            "status": SuggestionStatus(s.status).label,
            "outcome": presenters.outcome(s),
        }
        for s in selectors.suggestions_of(request.user)
    ]
    return render(
        request,
        "learning/suggestions_mine.jinja",
        {"title": "Your suggestions", "rows": rows, "breadcrumbs": _crumbs()},
    )


@require_GET
@login_required
@permission_required("learning.curate", raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("kind", "")
    kind = SuggestionKind(asked) if asked in {k.value for k in SuggestionKind} else None
    items = [
        {
            "item": s,
            "kind": SuggestionKind(s.kind).label,
            "subject": presenters.subject(s),
            "href": reverse("learning:queue_item", args=[s.pk]),
        }
        for s in selectors.waiting(kind)[:500]
    ]
    counts = selectors.waiting_counts()
    return render(
        request,
        "learning/queue.jinja",
        {
            "title": "The curators' queue",
            "items": items,
            "kind": kind,
            "kinds": [(k, counts[k.value]) for k in SuggestionKind],
            "total": sum(counts.values()),
            "breadcrumbs": _crumbs(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("learning.curate", raise_exception=True)
def queue_item(request: SignedInRequest, suggestion_id: int) -> HttpResponse:
    item = selectors.suggestion(suggestion_id)
    if item is None:
        raise Http404("No such suggestion")
    form = DecisionForm(request.POST if request.method == "POST" else None)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            decided = decisions.decide(suggestion=item, actor=request.user, entry=form.entry())
        except Rejected as rejected:
            add_problems(form, rejected)
        except StaleEdit as refused:
            stale = refused
            item = selectors.suggestion(suggestion_id) or item
        else:
            messages.success(
                request, f"{presenters.subject(decided)}: {SuggestionStatus(decided.status).label.lower()}."
            )
            return redirect("learning:queue")
    return _item_page(request, item, form, stale)


def _item_page(request: HttpRequest, item: Suggestion, form: DecisionForm, stale: StaleEdit | None) -> HttpResponse:
    kind = SuggestionKind(item.kind)
    duplicates = selectors.duplicates_for(item.title, item.url, exclude=item) if kind in OFFERS_A_RESOURCE else []
    errors = stale_error_list(stale) + form_error_list(form)
    status = 400 if version_missing(form) else 409 if stale else 200
    return render(
        request,
        "learning/queue_item.jinja",
        {
            "title": f"{kind.label}: {presenters.subject(item)}",
            "item": item,
            "kind": kind,
            "waiting": item.status == SuggestionStatus.WAITING,
            "outcome": presenters.outcome(item),
            "allowed": decisions.ALLOWED[kind],
            "form": form,
            "stale_message": str(stale) if stale else "",
            "form_errors": errors,
            "link_check": selectors.link_check_of(item.resource),
            "duplicates": [
                (presenters.duplicate_sentence(d), presenters.duplicate_href(d, curator=True)) for d in duplicates
            ],
            "merge_targets": selectors.merge_targets(duplicates),
            "resource_kinds": RESOURCE_KIND_CHOICES,
            "breadcrumbs": _crumbs({"href": reverse("learning:queue"), "text": "The curators' queue"}),
        },
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("learning/suggest/", suggest, name="suggest"),
    path("learning/suggestions/", suggestions_mine, name="suggestions_mine"),
    path("learning/queue/", queue, name="queue"),
    path("learning/queue/<int:suggestion_id>/", queue_item, name="queue_item"),
]
