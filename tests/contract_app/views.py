from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tests.contract_app.capability import PROBE_PERMISSION


@require_GET
@login_required
@permission_required(PROBE_PERMISSION, raise_exception=True)
def probe(request: HttpRequest) -> HttpResponse:
    return render(request, "contract_app/probe.jinja", {"title": "Contract probe"})
