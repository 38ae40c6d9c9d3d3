"""Sign in and out, password reset, profile and people pages, and everything held about a person."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lksworkforce.accounts import lockout, selectors, services
from lksworkforce.accounts.forms import ApiTokenForm, QualificationForm, SignInForm
from lksworkforce.accounts.models import User
from lksworkforce.accounts.people import QualificationKind
from lksworkforce.accounts.presenters import (
    PEOPLE_EXPORT_COLUMNS,
    people_table_rows,
    personal_data_context,
    personal_data_pdf,
)
from lksworkforce.core.client_address import client_address
from lksworkforce.core.exports import export_response
from lksworkforce.core.forms import form_error_list


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = "Sign in"
        context["form_errors"] = form_error_list(context["form"])
        return context


class SignOutView(auth_views.LogoutView):
    """GET shows a confirmation with a button; POST (with CSRF) signs out."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/sign_out.jinja"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return render(request, "accounts/sign_out.jinja", {"title": "Sign out"})


class PasswordResetView(auth_views.PasswordResetView):
    """The email is sent by the task worker; the same answer, as fast, whether or not the address has an account."""

    template_name = "accounts/password_reset.jinja"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": "Reset your password"}

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        accepted = services.password_reset_request(
            email=form.cleaned_data["email"],
            address=client_address(self.request),
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        if not accepted:
            return render(
                self.request,
                "accounts/password_reset_limited.jinja",
                {"title": "Too many requests to reset a password"},
                status=429,
            )
        return redirect(self.success_url)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.jinja"
    extra_context = {"title": "Check your email"}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.jinja"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"title": "Choose a new password"}

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        response = super().form_valid(form)
        services.password_reset_complete(user=form.user)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if context.get("form") is not None:
            context["form_errors"] = form_error_list(context["form"])
        return context


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.jinja"
    extra_context = {"title": "Your password has been changed"}


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked sign-in: which lock, so that people know what will help."""
    if lockout.address_is_locked(request, credentials):
        return render(
            request, "accounts/locked_out_address.jinja", {"title": "Signing in from here is paused"}, status=429
        )
    return render(request, "accounts/locked_out.jinja", {"title": "Your account is locked"}, status=429)


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    person = selectors.person_detail(request.user, request.user.pk)
    if person is None:  # pragma: no cover - a signed-in person can always see themselves
        raise Http404
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.qualification_add(
            person=person,
            kind=QualificationKind(form.cleaned_data["kind"]),
            awarded_on=form.cleaned_data["awarded_on"],
            institution=form.cleaned_data["institution"],
            actor=request.user,
        )
        messages.success(request, "Qualification added")
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.jinja",
        {
            "title": "Your profile",
            "person": person,
            "form": form,
            "form_errors": form_error_list(form),
            "is_self": True,
            "personal_data": True,
            "api_tokens": selectors.api_tokens_of(request.user),
            "token_form": ApiTokenForm(),
        },
    )


@require_GET
@login_required
@permission_required("accounts.view_people_list", raise_exception=True)
def people(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:100]
    people = selectors.people_list(request.user, text=text)
    export_format = request.GET.get("format")
    if export_format:
        return export_response(
            export_format, "people", PEOPLE_EXPORT_COLUMNS, people_table_rows(people), title="People"
        )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people.jinja",
        {
            "title": "People",
            "page": page,
            "rows": people_table_rows(page.object_list),
            "q": text,
            "query": f"q={text}" if text else "",
        },
    )


@require_GET
@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    found = selectors.person_detail(request.user, person_id)
    if found is None:
        # Not "forbidden": whether someone exists outside your scope is itself not yours to know.
        raise Http404("No such person")
    return render(
        request,
        "accounts/profile.jinja",
        {
            "title": found.full_name,
            "person": found,
            "is_self": found.pk == request.user.pk,
            "personal_data": request.user.has_perm("accounts.view_personal_data", found),
            "breadcrumbs": [{"href": "/", "text": "Home"}, {"href": "/people/", "text": "People"}],
        },
    )


def _personal_data_subject(request: HttpRequest, person_id: int) -> User:
    """The person whose data is asked for: 404 outside the viewer's scope, 403 within it for anyone
    but the person and the national team."""
    found = selectors.person_detail(request.user, person_id)
    if found is None:
        raise Http404("No such person")
    if not request.user.has_perm("accounts.view_personal_data", found):
        raise PermissionDenied("Only the person and the national team can see everything held about a person")
    return found


def _personal_data_context(request: HttpRequest, found: User) -> dict[str, Any]:
    return personal_data_context(selectors.personal_data(found), is_self=found.pk == request.user.pk)


@require_GET
@login_required
@never_cache
def person_data(request: HttpRequest, person_id: int) -> HttpResponse:
    found = _personal_data_subject(request, person_id)
    context = _personal_data_context(request, found)
    context["person"] = found
    back = (
        {"href": "/profile/", "text": "Your profile"}
        if context["is_self"]
        else {"href": f"/people/{found.pk}/", "text": found.full_name}
    )
    context["breadcrumbs"] = [{"href": "/", "text": "Home"}, back]
    return render(request, "accounts/personal_data.jinja", context)


@require_GET
@login_required
@never_cache
def person_data_json(request: HttpRequest, person_id: int) -> HttpResponse:
    found = _personal_data_subject(request, person_id)
    body = json.dumps(selectors.personal_data(found).as_json(), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return response


@require_GET
@login_required
@never_cache
def person_data_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    found = _personal_data_subject(request, person_id)
    pdf = personal_data_pdf(selectors.personal_data(found), is_self=found.pk == request.user.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="personal-data.pdf"'
    return response
