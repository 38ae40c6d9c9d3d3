"""How a program signs in to the API: `Authorization: Bearer <personal API token>`, acting as the
token's owner with the owner's scope and rules (see accounts.services.api_token_use). Beside the
browser session (`auth=[api_token_auth, django_auth]`): a token request needs no CSRF token, since
no browser sends the header by itself; a session request still does."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from lksworkforce.accounts import services
from lksworkforce.accounts.models import User


class ApiTokenAuth(HttpBearer):
    openapi_description = "A personal API token, made on your profile page: `Authorization: Bearer lksw_…`"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        person = services.api_token_use(secret=token)
        if person is not None:
            request.user = person
        return person


api_token_auth = ApiTokenAuth()
api_auth = api_token_auth  # what accounts' capability offers the API (core/capability.py)
