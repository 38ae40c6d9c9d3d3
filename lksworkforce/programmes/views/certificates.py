"""Programmes pages: certificates. Your certificates; one certificate with its PDF and its signed
Open Badges 3.0 credential (JSON-LD) to download; the public page that checks a credential offline
against the service's keys (no sign-in); a cohort's completions, to issue their certificates; and
revoking a certificate with a reason (the national team)."""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.accounts.requests import SignedInRequest
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.forms import form_error_list, stale_error_list, version_missing
from lksworkforce.core.pdf import html_to_pdf
from lksworkforce.core.problems import Rejected
from lksworkforce.programmes import badges
from lksworkforce.programmes.forms.certificates import RevokeForm, VerifyForm
from lksworkforce.programmes.models import Certificate, Cohort
from lksworkforce.programmes.presenters import certificates as presenters
from lksworkforce.programmes.selectors import certificates as selectors
from lksworkforce.programmes.services import certificates as services

NOT_A_RUNNER = "Only those who run the cohort can issue its certificates"
NOT_NATIONAL = "Only the national team can revoke a certificate"
JSON_LD = "application/ld+json"


def crumbs(*more: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"href": "/", "text": "Home"},
        {"href": reverse("programmes:home"), "text": "Programmes"},
        *({"href": href, "text": text} for href, text in more),
    ]


def _yours_crumb() -> tuple[str, str]:
    return (reverse("programmes:my_certificates"), "Your certificates")


def _certificate(request: SignedInRequest, public_id: uuid.UUID) -> Certificate:
    found = selectors.certificate_visible(request.user, public_id)
    if found is None:
        raise Http404("No such certificate")
    return found


def verify_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("programmes:credential_verify"))


@require_GET
@login_required
def my_certificates(request: SignedInRequest) -> HttpResponse:
    views = [presenters.certificate_view(c) for c in selectors.certificates_of(request.user)]
    return render(
        request,
        "programmes/certificates/mine.jinja",
        {"title": "Your certificates", "certificates": views, "breadcrumbs": crumbs()},
    )


@require_GET
@login_required
def certificate(request: SignedInRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _certificate(request, public_id)
    view = presenters.certificate_view(found)
    own = found.enrolment.person_id == request.user.pk
    return render(
        request,
        "programmes/certificates/certificate.jinja",
        {
            "title": f"Certificate: {view.programme}",
            "certificate": view,
            "own": own,
            "can_revoke": selectors.certificate_revocable(request.user, public_id) is not None,
            "runs": selectors.cohort_runner(request.user, found.enrolment.cohort),
            "verify_url": verify_url(request),
            "breadcrumbs": crumbs(_yours_crumb()) if own else crumbs(),
        },
    )


@require_GET
@login_required
def certificate_pdf(request: SignedInRequest, public_id: uuid.UUID) -> HttpResponse:
    view = presenters.certificate_view(_certificate(request, public_id))
    html = render_to_string(
        "programmes/certificates/certificate_pdf.jinja",
        {"certificate": view, "verify_url": verify_url(request), "issuer": services.ISSUER_NAME},
        request=request,
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{view.filename}.pdf"'
    return response


@require_GET
@login_required
def certificate_credential(request: SignedInRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _certificate(request, public_id)
    response = HttpResponse(json.dumps(found.credential, indent=2, ensure_ascii=False), content_type=JSON_LD)
    response["Content-Disposition"] = f'attachment; filename="{presenters.certificate_view(found).filename}.json"'
    return response


@require_http_methods(["GET", "POST"])
def credential_verify(request: HttpRequest) -> HttpResponse:
    """Anyone may check a credential: the check is offline, against the keys the service has signed with."""
    posted = request.method == "POST"
    form = VerifyForm(request.POST, request.FILES) if posted else VerifyForm()
    verdict = None
    if posted and form.is_valid():
        verdict = presenters.verdict_view(*selectors.checked(form.document()))
    return render(
        request,
        "programmes/certificates/verify.jinja",
        {
            "title": "Check a certificate's credential",
            "form": form,
            "verdict": verdict,
            "keys": selectors.public_keys(),
            "max_kilobytes": badges.MAX_CREDENTIAL_BYTES // 1024,
            "form_errors": form_error_list(form),
            "breadcrumbs": [{"href": "/", "text": "Home"}],
        },
        status=422 if form.errors else 200,
    )


def _cohort(request: SignedInRequest, cohort_id: int) -> Cohort:
    cohort = selectors.cohort_found(cohort_id)
    if cohort is None:
        raise Http404("No such cohort")
    if not selectors.cohort_runner(request.user, cohort):
        raise PermissionDenied(NOT_A_RUNNER)
    return cohort


@require_http_methods(["GET", "POST"])
@login_required
def cohort_certificates(request: SignedInRequest, cohort_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    problems: list[str] = []
    if request.method == "POST":
        try:
            issued = services.certificates_issue_for_cohort(cohort=cohort, actor=request.user)
        except Rejected as rejected:
            problems = [p.reason for p in rejected.problems]
        else:
            count = len(issued)
            said = f"{count} certificate{'s' if count != 1 else ''} issued." if count else "No one was waiting."
            messages.success(request, said)
            return redirect("programmes:cohort_certificates", cohort_id=cohort.pk)
    rows = selectors.completions(cohort)
    return render(
        request,
        "programmes/certificates/cohort.jinja",
        {
            "title": f"Certificates: {cohort.name}",
            "cohort": cohort,
            "rows": [(row, presenters.certificate_view(row.certificate) if row.certificate else None) for row in rows],
            "awaiting": sum(1 for row in rows if row.certificate is None),
            "form_errors": [{"text": p, "href": "#issue"} for p in problems],
            "breadcrumbs": crumbs((reverse("programmes:cohort", kwargs={"cohort_id": cohort.pk}), cohort.name)),
        },
        status=422 if problems else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def certificate_revoke(request: SignedInRequest, public_id: uuid.UUID) -> HttpResponse:
    found = selectors.certificate_revocable(request.user, public_id)
    if found is None:
        if selectors.certificate_visible(request.user, public_id) is not None:
            raise PermissionDenied(NOT_NATIONAL)
        raise Http404("No such certificate")
    form = RevokeForm(request.POST or None, initial={"edit_version": found.edit_version})
    stale: StaleEdit | None = None
    status = 200
    if request.method == "POST":
        if version_missing(form):
            status = 400
        elif form.is_valid():
            try:
                services.certificate_revoke(
                    certificate=found,
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                    expected_version=form.cleaned_data["edit_version"],
                )
            except StaleEdit as refused:
                stale, status = refused, 409
            except Rejected as rejected:
                for problem in rejected.problems:
                    form.add_error("reason" if problem.field == "reason" else None, problem.reason)
                status = 422
            else:
                messages.success(request, "The certificate is revoked. Anyone who checks it is told why.")
                return redirect("programmes:certificate", public_id=found.public_id)
        else:
            status = 422
    view = presenters.certificate_view(found)
    return render(
        request,
        "programmes/certificates/revoke.jinja",
        {
            "title": f"Revoke the certificate: {view.recipient}",
            "certificate": view,
            "form": form,
            "stale": stale,
            "form_errors": stale_error_list(stale) + form_error_list(form),
            "breadcrumbs": crumbs((reverse("programmes:certificate", kwargs={"public_id": public_id}), "Certificate")),
        },
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("programmes/certificates/", my_certificates, name="my_certificates"),
    path("programmes/certificates/verify/", credential_verify, name="credential_verify"),
    path("programmes/certificates/<uuid:public_id>/", certificate, name="certificate"),
    path("programmes/certificates/<uuid:public_id>/certificate.pdf", certificate_pdf, name="certificate_pdf"),
    path(
        "programmes/certificates/<uuid:public_id>/credential.json",
        certificate_credential,
        name="certificate_credential",
    ),
    path("programmes/certificates/<uuid:public_id>/revoke/", certificate_revoke, name="certificate_revoke"),
    path("programmes/cohorts/<int:cohort_id>/certificates/", cohort_certificates, name="cohort_certificates"),
]
