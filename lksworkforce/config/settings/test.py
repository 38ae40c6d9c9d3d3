"""The test suite: fast hashing, in-memory email, DATABASE_URL chooses SQLite or PostgreSQL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-key-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
AXES_ENABLED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="lksw-test-uploads-"))  # one per test process, never the checkout
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Demo data commands; never installed in production. The app contract's test capability
# (tests/contract_app): found everywhere a capability is, without touching any central file.
INSTALLED_APPS = [*INSTALLED_APPS, "lksworkforce.nonprod", "tests.contract_app"]
