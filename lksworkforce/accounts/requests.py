"""The request a view sees once sign-in is required."""

from django.http import HttpRequest

from lksworkforce.accounts.models import User


class SignedInRequest(HttpRequest):
    """A request that reaches its view only signed in (`login_required` on a page, the session
    authentication every API operation requires): its user is a person, never `AnonymousUser`.
    For views that hand the person to a service that records something as theirs."""

    user: User
