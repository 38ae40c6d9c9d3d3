"""A laptop: debug on, SQLite under var/, console email."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

DEBUG = True
SECRET_KEY = SECRET_KEY or "insecure-local-development-key-not-for-production"
# Serve from the finders too, so a developer need not re-run collectstatic after npm ci.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Demo data commands; never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "lksworkforce.nonprod"]
