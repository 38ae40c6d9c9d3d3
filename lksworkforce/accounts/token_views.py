"""Personal API tokens on the profile page: made (the secret shown once) and revoked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lksworkforce.accounts import selectors, services
from lksworkforce.accounts.forms import ApiTokenForm
from lksworkforce.core.forms import form_error_list


@require_POST
@login_required
@never_cache  # the answer holds the secret: no cache may keep it
def api_token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/api_token_form.jinja",
            {"title": "Error: Make an API token", "form": form, "form_errors": form_error_list(form)},
            status=422,
        )
    token, secret = services.api_token_create(
        person=request.user,  # type: ignore[arg-type]
        name=form.cleaned_data["name"],
        expires_on=form.cleaned_data["expires_on"],
    )
    # 201, not a redirect: the secret is shown on this one answer and kept nowhere to show again.
    return render(
        request,
        "accounts/api_token_created.jinja",
        {"title": "Your new API token", "token": token, "secret": secret},
        status=201,
    )


@require_POST
@login_required
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = selectors.own_api_token(request.user, token_id)
    if token is None:  # someone else's, or none at all: not yours to know which
        raise Http404
    services.api_token_revoke(token=token, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, f"API token {token.name} revoked: programs using it can no longer sign in")
    return redirect("accounts:profile")
