"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("LKSW_VAR_DIR", BASE_DIR / "var"))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_count(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number from the environment, refused with a clear sentence if it is not one."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6 or int(raw) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number, {minimum} or more (it is {raw!r}).")
    return int(raw)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "lksworkforce.core",
    "lksworkforce.organisations",
    "lksworkforce.accounts",
    "lksworkforce.staffing",
    "lksworkforce.skills",
    "lksworkforce.surveys",
    "lksworkforce.learning",
    "lksworkforce.programmes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the permissions policy too.
    "lksworkforce.core.middleware.PrivacyHeaders",
    # Before anything reads the body: a request larger than the service takes gets a 413.
    "lksworkforce.core.uploads.RefuseOversizedRequests",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "lksworkforce.core.middleware.RejectNulCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lksworkforce.config.urls"
WSGI_APPLICATION = "lksworkforce.config.wsgi.application"

TEMPLATES = [
    {
        # Pages: Jinja2 with the NHS design-system macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "lksworkforce.config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "lksworkforce.core.context_processors.service",
            ],
        },
    },
    {
        # The Django admin keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    # The default SQLite file lives in var/, which a fresh clone does not have yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lksworkforce.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web server and a task worker share the file: WAL and immediate transactions
    # avoid "database is locked" under concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# The client's address behind reverse proxies (lksworkforce/core/client_address.py): the number of
# proxies we run in front of the service, each adding one entry to X-Forwarded-For. 0 = no proxy:
# X-Forwarded-For is ignored and the connection's address is used.
TRUSTED_PROXY_COUNT = env_count("TRUSTED_PROXY_COUNT", 0)

# django-axes: failed sign-ins within the cool-off hour are counted per account at an address, and per
# address across every account; each has its own limit (lksworkforce/accounts/lockout.py).
SIGN_IN_LOCKOUT_LIMITS = {
    "username,ip_address": 5,
    "ip_address": env_count("SIGN_IN_ADDRESS_FAILURE_LIMIT", 50, minimum=1),
}
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = SIGN_IN_LOCKOUT_LIMITS["username,ip_address"]
AXES_HANDLER = "lksworkforce.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "lksworkforce.core.client_address.client_address"
AXES_VERBOSE = False
AXES_COOLOFF_TIME = 1  # hours
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "lksworkforce.accounts.views.locked_out"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("nhsuk", NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"),
    PACKAGE_DIR / "core" / "static",
    # Built by `make assets` from core/styles (the NHS CSS without the web font).
    BASE_DIR / "build" / "static",
]
# The design system's CSS refers to images at /assets/images/...: serve that folder there.
WHITENOISE_ROOT = NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"
# Files people upload (group projects' outputs): never served from a URL of their own, only as
# downloads through views that check who may read them. Kept with the other data, outside the code.
MEDIA_ROOT = Path(os.environ.get("LKSW_MEDIA_ROOT", VAR_DIR / "uploads"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60

# Outgoing email (password reset). The variables keep their familiar EMAIL_* names.
_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_SMTP_OPTIONS = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": int(os.environ.get("EMAIL_PORT", "25")),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": os.environ.get("EMAIL_USE_TLS", "false").lower() == "true",
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        **({"OPTIONS": _SMTP_OPTIONS} if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {}),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LKS Workforce <no-reply@lksworkforce.invalid>")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The learning catalogue's link checker (learning/linkcheck.py): how many hosts at once, seconds to
# wait for an answer, seconds between two requests to one host, who we say we are, and how often the
# scheduled task runs (learning/tasks.py).
LEARNING_LINK_CHECK = {
    "concurrency": int(os.environ.get("LEARNING_LINK_CHECK_CONCURRENCY", "8")),
    "timeout": float(os.environ.get("LEARNING_LINK_CHECK_TIMEOUT", "10")),
    "per_host_delay": float(os.environ.get("LEARNING_LINK_CHECK_PER_HOST_DELAY", "1")),
    "user_agent": "LKSWorkforceLinkChecker/1.0 (+https://lksworkforce.invalid/learning/)",
    "every_hours": int(os.environ.get("LEARNING_LINK_CHECK_EVERY_HOURS", "24")),
}

# Password-reset emails asked for per hour, counted in the database (shared by every worker).
PASSWORD_RESET_LIMIT_PER_ADDRESS = 10
PASSWORD_RESET_LIMIT_PER_EMAIL = 3

# Uploads: files are read in memory by the importers, so cap them (core/uploads.py).
# A body that is not a file upload (JSON, a form) may be DATA_UPLOAD_MAX_MEMORY_SIZE; a file upload
# REQUEST_MAX_BYTES in all (the file, a mapping file and the form's fields); one file IMPORT_MAX_BYTES.
# Bigger requests are answered 413 before they are read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_MAX_BYTES = 10 * 1024 * 1024
REQUEST_MAX_BYTES = IMPORT_MAX_BYTES + 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request logs carry query strings; keep them out (they may hold search terms about people).
    "loggers": {"django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

SERVICE_NAME = "LKS Workforce"
