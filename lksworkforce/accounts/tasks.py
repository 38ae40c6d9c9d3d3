"""Background work for accounts: password-reset emails, sent by the task worker, not the web request."""

from django.contrib.auth.forms import PasswordResetForm
from django.tasks import task

SUBJECT_TEMPLATE = "accounts/password_reset_subject.txt"
BODY_TEMPLATE = "accounts/password_reset_email.txt"


@task
def password_reset_email_send(*, email: str, domain: str, use_https: bool) -> None:
    """Email a one-use link to every active account with this address; nothing when there is none.

    The web request only queues this, for known and unknown addresses alike, so neither its reply
    nor how long it takes says whether an account exists.
    """
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=SUBJECT_TEMPLATE,
            email_template_name=BODY_TEMPLATE,
        )
