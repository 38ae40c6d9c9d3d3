"""Learning pages: the catalogue in and out. Curators import a CSV or XLSX file; anyone signed in
exports the published catalogue (curators every status) as CSV, XLSX or schema.org JSON-LD, and
follows the newest resources of the catalogue or a topic as an Atom feed."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, re_path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list
from lksworkforce.core.problems import Rejected
from lksworkforce.core.uploads import upload_bytes
from lksworkforce.learning import feeds, jsonld
from lksworkforce.learning.catalogue_file import COLUMNS, export_row
from lksworkforce.learning.selectors import exports
from lksworkforce.learning.services.imports import import_catalogue

EVERY_STATUS = "all"


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(label="Catalogue file", error_messages={"required": "Choose a CSV or XLSX file to upload"})


def _breadcrumbs(*extra: dict[str, str]) -> list[dict[str, str]]:
    return [{"href": "/", "text": "Home"}, {"href": reverse("learning:home"), "text": "Learning"}, *extra]


def every_status_asked(request: HttpRequest) -> bool:
    """`?statuses=all` (curators only): drafts and retired resources too."""
    if request.GET.get("statuses") != EVERY_STATUS:
        return False
    if not request.user.has_perm("learning.curate"):
        raise PermissionDenied("Only curators may export drafts and retired resources")
    return True


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("learning.curate", raise_exception=True)
def catalogue_import(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = CatalogueUploadForm(request.POST, request.FILES) if posted else CatalogueUploadForm()
    import_errors = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = import_catalogue(data=upload_bytes(upload), filename=upload.name, actor=request.user)
        except Rejected as rejected:
            import_errors = rejected
        else:
            messages.success(request, " ".join(["Catalogue imported.", outcome.summary, *outcome.notes]))
            return redirect("learning:catalogue_export")
    return render(
        request,
        "learning/import_catalogue.jinja",
        {
            "title": "Import the learning catalogue",
            "breadcrumbs": _breadcrumbs(),
            "form": form,
            "form_errors": form_error_list(form),
            "import_errors": import_errors,
        },
    )


@require_GET
@login_required
def catalogue_export(request: HttpRequest) -> HttpResponse:
    topics = sorted(exports.topic_names().items(), key=lambda slug_name: slug_name[1])
    return render(
        request,
        "learning/export_catalogue.jinja",
        {
            "title": "Export the learning catalogue",
            "breadcrumbs": _breadcrumbs(),
            "may_curate": request.user.has_perm("learning.curate"),
            "topics": topics,
        },
    )


@require_GET
@login_required
def catalogue_download(request: HttpRequest, file_format: str) -> HttpResponse:
    every_status = every_status_asked(request)
    rows = [export_row(spec) for spec in exports.catalogue_specs(every_status=every_status)]
    name = "learning-catalogue-all" if every_status else "learning-catalogue"
    return export_response(file_format, name, COLUMNS, rows, title="Learning catalogue")


@require_GET
@login_required
def catalogue_jsonld(request: HttpRequest) -> HttpResponse:
    every_status = every_status_asked(request)
    document = exports.linked_data(
        every_status=every_status,
        url=request.build_absolute_uri(reverse("learning:catalogue_jsonld")),
        page_of=lambda pk: request.build_absolute_uri(reverse("learning:resource", kwargs={"resource_id": pk})),
    )
    body = json.dumps(document, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type=f"{jsonld.MEDIA_TYPE}; charset=utf-8")


def _feed(
    request: HttpRequest, *, title: str, subtitle: str, link: str, topic: exports.TopicName | None
) -> HttpResponse:
    body = feeds.atom_feed(
        title=title,
        subtitle=subtitle,
        link=request.build_absolute_uri(link),
        feed_url=request.build_absolute_uri(request.path),
        items=exports.newest_published(topic.slug if topic else None),
        page_of=lambda pk: request.build_absolute_uri(reverse("learning:resource", kwargs={"resource_id": pk})),
    )
    return HttpResponse(body, content_type=feeds.MEDIA_TYPE)


@require_GET
@login_required
def catalogue_feed(request: HttpRequest) -> HttpResponse:
    subtitle = "The newest resources in the LKS learning catalogue"
    return _feed(request, title="New learning resources", subtitle=subtitle, link=reverse("learning:home"), topic=None)


@require_GET
@login_required
def topic_feed(request: HttpRequest, slug: str) -> HttpResponse:
    topic = exports.topic_named(slug)
    if topic is None:
        raise Http404("No such topic")
    link = reverse("learning:topic", kwargs={"slug": topic.slug})
    subtitle = f"The newest resources on {topic.name} in the LKS learning catalogue"
    return _feed(request, title=f"New learning resources: {topic.name}", subtitle=subtitle, link=link, topic=topic)


urlpatterns: list[URLPattern] = [
    path("learning/catalogue/import/", catalogue_import, name="catalogue_import"),
    path("learning/catalogue/export/", catalogue_export, name="catalogue_export"),
    re_path(r"^learning/catalogue\.(?P<file_format>csv|xlsx)$", catalogue_download, name="catalogue_download"),
    path("learning/catalogue.jsonld", catalogue_jsonld, name="catalogue_jsonld"),
    path("learning/feed/", catalogue_feed, name="feed"),
    path("learning/topics/<slug:slug>/feed/", topic_feed, name="topic_feed"),
]
