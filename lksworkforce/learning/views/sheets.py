"""Learning pages: the two resource sheets for bands 2 to 4 (activities for home or while the service
is closed to users; CPD opportunities), printable as a tagged PDF and downloadable as CSV or XLSX
with the page's rows; and the curators' editing, one plain form per change, no JavaScript needed."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.pdf import html_to_pdf
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.forms.sheets import (
    EntryAddForm,
    EntryMoveForm,
    EntryNoteForm,
    EntryRemoveForm,
    SheetDescribeForm,
)
from lksworkforce.learning.presenters import sheets as presenters
from lksworkforce.learning.selectors import sheets as selectors
from lksworkforce.learning.services import sheets as services
from lksworkforce.learning.vocabulary import SheetKind

CURATE = "learning.curate"
curators_only = permission_required(CURATE, raise_exception=True)


def _kind(kind: str) -> SheetKind:
    found = selectors.sheet_kind(kind)
    if found is None:
        raise Http404("No such resource sheet")
    return found


def _crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("learning:home"), "text": "Learning"},
        {"href": reverse("learning:sheets"), "text": "Resource sheets"},
    ] + [{"href": href, "text": text} for href, text in more]


def _is_curator(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(CURATE))


# Reading ------------------------------------------------------------------------------------


@require_GET
@login_required
def sheets(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/sheets.jinja",
        {
            "title": "Resource sheets for bands 2 to 4",
            "summaries": selectors.sheet_summaries(),
            "curator": _is_curator(request),
            "breadcrumbs": _crumbs()[:2],
        },
    )


def _sheet_context(request: HttpRequest, kind: SheetKind) -> dict[str, Any]:
    """What the page, the downloads and the PDF show: the same rows."""
    curator = _is_curator(request)
    view = selectors.sheet_view(kind, curator=curator)
    rows = presenters.sheet_rows(view.lines, curator=curator)
    return {
        "sheet": view,
        "rows": rows,
        "unpublished": sum(1 for row in rows if not row["published"]),
        "columns": presenters.columns_for(curator=curator),
        "curator": curator,
    }


def _pdf(request: HttpRequest, kind: SheetKind) -> HttpResponse:
    context = _sheet_context(request, kind)
    html = render_to_string("learning/sheet_pdf.jinja", context | {"title": context["sheet"].title}, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="resource-sheet-{kind.value}.pdf"'
    return response


def _table(request: HttpRequest, kind: SheetKind, export_format: str) -> HttpResponse:
    context = _sheet_context(request, kind)
    columns = context["columns"]
    return export_response(
        export_format,
        f"resource-sheet-{kind.value}",
        [heading for _key, heading, _numeric in columns],
        presenters.by_heading(columns, context["rows"]),
        title=context["sheet"].title,
    )


@require_GET
@login_required
def sheet(request: HttpRequest, kind: str) -> HttpResponse:
    found = _kind(kind)
    export = request.GET.get("format")
    if export == "pdf":
        return _pdf(request, found)
    if export:
        return _table(request, found, export)  # csv, xlsx; anything else is a 404
    context = _sheet_context(request, found)
    return render(
        request, "learning/sheet.jinja", context | {"title": context["sheet"].title, "breadcrumbs": _crumbs()}
    )


@require_GET
@login_required
def sheet_pdf(request: HttpRequest, kind: str) -> HttpResponse:
    return _pdf(request, _kind(kind))


@require_GET
@login_required
def sheet_csv(request: HttpRequest, kind: str) -> HttpResponse:
    return _table(request, _kind(kind), "csv")


# Curating -----------------------------------------------------------------------------------


def _reject_into(form: forms.Form, rejected: Rejected) -> None:
    for problem in rejected.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.reason)


def _edit_page(
    request: HttpRequest,
    kind: SheetKind,
    *,
    describe: SheetDescribeForm | None = None,
    add: EntryAddForm | None = None,
    refused: forms.Form | None = None,
    stale: StaleEdit | None = None,
) -> HttpResponse:
    """The curator's page for one sheet; `refused`: a move or removal that did not say its version."""
    view = selectors.sheet_view(kind, curator=True)
    if describe is None or stale is not None:
        describe = SheetDescribeForm(initial={"title": view.title, "introduction": view.introduction})
    query = request.GET.get("q", "")[: selectors.QUERY_LIMIT]
    add = add or EntryAddForm()
    bound = [f for f in (describe, add, refused) if f is not None]
    status = 400 if any(version_missing(f) for f in bound) else 409 if stale else 200
    return render(
        request,
        "learning/sheet_edit.jinja",
        {
            "title": f"Edit: {view.title}",
            "sheet": view,
            "rows": presenters.sheet_rows(view.lines, curator=True),
            "describe": describe,
            "add": add,
            "query": query,
            "found": selectors.addable_resources(kind, query) if query.strip() else [],
            "stale": stale,
            "form_errors": stale_error_list(stale) + [e for f in bound for e in form_error_list(f)],
            "breadcrumbs": _crumbs((reverse("learning:sheet", args=[kind.value]), view.title)),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@curators_only
def sheet_edit(request: HttpRequest, kind: str) -> HttpResponse:
    found = _kind(kind)
    if request.method != "POST":
        return _edit_page(request, found)
    form = SheetDescribeForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, found, describe=form)
    try:
        services.sheet_describe(
            kind=found,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            expected_version=form.cleaned_data["edit_version"],
            actor=request.user,
        )
    except Rejected as rejected:
        _reject_into(form, rejected)
        return _edit_page(request, found, describe=form)
    except StaleEdit as stale:
        return _edit_page(request, found, stale=stale)
    messages.success(request, "The title and introduction are saved.")
    return redirect("learning:sheet_edit", kind=found.value)


@require_POST
@login_required
@curators_only
def sheet_entry_add(request: HttpRequest, kind: str) -> HttpResponse:
    found = _kind(kind)
    form = EntryAddForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, found, add=form)
    try:
        entry = services.sheet_entry_add(
            kind=found,
            resource_id=form.cleaned_data["resource_id"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["edit_version"],
            actor=request.user,
        )
    except Rejected as rejected:
        _reject_into(form, rejected)
        return _edit_page(request, found, add=form)
    except StaleEdit as stale:
        return _edit_page(request, found, stale=stale)
    messages.success(request, f"'{entry.resource.title}' is added to the sheet, at number {entry.position}.")
    return redirect("learning:sheet_edit", kind=found.value)


@require_POST
@login_required
@curators_only
def sheet_entry_move(request: HttpRequest, kind: str, entry_id: int) -> HttpResponse:
    found = _kind(kind)
    form = EntryMoveForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, found, refused=form)
    try:
        services.sheet_entry_move(
            kind=found,
            entry_id=entry_id,
            direction=form.cleaned_data["direction"],
            expected_version=form.cleaned_data["edit_version"],
            actor=request.user,
        )
    except StaleEdit as stale:
        return _edit_page(request, found, stale=stale)
    messages.success(request, f"The resource is moved {form.cleaned_data['direction']}.")
    return redirect("learning:sheet_edit", kind=found.value)


@require_POST
@login_required
@curators_only
def sheet_entry_remove(request: HttpRequest, kind: str, entry_id: int) -> HttpResponse:
    found = _kind(kind)
    form = EntryRemoveForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, found, refused=form)
    try:
        services.sheet_entry_remove(
            kind=found, entry_id=entry_id, expected_version=form.cleaned_data["edit_version"], actor=request.user
        )
    except StaleEdit as stale:
        return _edit_page(request, found, stale=stale)
    messages.success(request, "The resource is removed from the sheet. It stays in the catalogue.")
    return redirect("learning:sheet_edit", kind=found.value)


@require_http_methods(["GET", "POST"])
@login_required
@curators_only
def sheet_entry(request: HttpRequest, kind: str, entry_id: int) -> HttpResponse:
    """One resource on the sheet: its note."""
    found = _kind(kind)
    entry = selectors.entry_on_sheet(found, entry_id)
    if entry is None:
        raise Http404("No such resource on this sheet")
    view = selectors.sheet_view(found, curator=True)
    form = EntryNoteForm(request.POST or None, initial={"note": entry.note})
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_entry_note(
                kind=found,
                entry_id=entry_id,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["edit_version"],
                actor=request.user,
            )
        except Rejected as rejected:
            _reject_into(form, rejected)
        except StaleEdit as refused:
            stale, view = refused, selectors.sheet_view(found, curator=True)
            entry = selectors.entry_on_sheet(found, entry_id)
            if entry is None:
                raise Http404("This resource was removed from the sheet in another tab or window") from None
            form = EntryNoteForm(initial={"note": entry.note})
        else:
            messages.success(request, "The note is saved.")
            return redirect("learning:sheet_edit", kind=found.value)
    return render(
        request,
        "learning/sheet_entry.jinja",
        {
            "title": f"Note for {entry.resource.title}",
            "sheet": view,
            "entry": entry,
            "form": form,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": _crumbs(
                (reverse("learning:sheet", args=[found.value]), view.title),
                (reverse("learning:sheet_edit", args=[found.value]), "Edit"),
            ),
        },
        status=400 if version_missing(form) else 409 if stale else 200,
    )


urlpatterns: list[URLPattern] = [
    path("learning/sheets/", sheets, name="sheets"),
    path("learning/sheets/<slug:kind>/", sheet, name="sheet"),
    path("learning/sheets/<slug:kind>.pdf", sheet_pdf, name="sheet_pdf"),
    path("learning/sheets/<slug:kind>.csv", sheet_csv, name="sheet_csv"),
    path("learning/sheets/<slug:kind>/edit/", sheet_edit, name="sheet_edit"),
    path("learning/sheets/<slug:kind>/add/", sheet_entry_add, name="sheet_entry_add"),
    path("learning/sheets/<slug:kind>/entries/<int:entry_id>/", sheet_entry, name="sheet_entry"),
    path("learning/sheets/<slug:kind>/entries/<int:entry_id>/move/", sheet_entry_move, name="sheet_entry_move"),
    path("learning/sheets/<slug:kind>/entries/<int:entry_id>/remove/", sheet_entry_remove, name="sheet_entry_remove"),
]
