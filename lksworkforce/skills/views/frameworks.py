"""Frameworks: what is loaded, each one's areas, sub-areas, scale and role profiles, and its file."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from lksworkforce.skills import selectors
from lksworkforce.skills.framework_file import dump_framework


@require_GET
@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "skills/frameworks.jinja",
        {
            "title": "Skills frameworks",
            "frameworks": list(selectors.frameworks()),
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": reverse("skills:home"), "text": "Skills"}],
        },
    )


@require_GET
@login_required
def framework_detail(request: HttpRequest, key: str) -> HttpResponse:
    framework = selectors.framework_by_key(key)
    if framework is None:
        raise Http404("No such framework")
    if request.GET.get("format") == "yaml":
        response = HttpResponse(dump_framework(selectors.framework_spec(framework)), content_type="application/yaml")
        response["Content-Disposition"] = f'attachment; filename="{framework.key}.yaml"'
        return response
    framework = selectors.framework_structure(framework)
    return render(
        request,
        "skills/framework.jinja",
        {
            "title": str(framework),
            "framework": framework,
            "profiles": selectors.role_profiles_with_expectations(framework),
            "breadcrumbs": [
                {"href": "/", "text": "Home"},
                {"href": reverse("skills:home"), "text": "Skills"},
                {"href": reverse("skills:frameworks"), "text": "Frameworks"},
            ],
        },
    )
