"""Settings of the Twofold web app, read from the environment only.

Every value comes through a typed helper in :mod:`twofold.web.env`, so a bad value
stops the app at start-up. The defaults run a private, local instance with no
configuration: SQLite in the data directory, DEBUG off, a secret key generated
once and kept beside the data.

Environment variables
---------------------
TWOFOLD_HOME            data directory (default ``$XDG_DATA_HOME/twofold`` or
                        ``~/.local/share/twofold``); created on start
DATABASE_URL            e.g. ``postgres://user@host:5432/twofold`` (default: SQLite
                        file ``TWOFOLD_HOME/twofold.sqlite3`` in WAL mode)
CONN_MAX_AGE            seconds to keep database connections open (default 600)
SECRET_KEY              or SECRET_KEY_FILE; else generated into TWOFOLD_HOME/secret_key
DEBUG                   true/false (default false)
ALLOWED_HOSTS           comma-separated (default localhost,127.0.0.1,[::1])
CSRF_TRUSTED_ORIGINS    comma-separated origins, e.g. https://twofold.example.org
SECURE_COOKIES          true when served over HTTPS only (default false)
SECURE_PROXY_SSL_HEADER true behind a proxy that sets X-Forwarded-Proto (default false)
SECURE_SSL_REDIRECT     true to redirect every http request to https (default false)
SECURE_HSTS_SECONDS     HSTS max-age once the site is https-only (default 0: off)
LOG_LEVEL               DEBUG, INFO, WARNING, ERROR (default INFO)
SITE_URL                the address people open Twofold at, e.g. https://twofold.example.org;
                        links in emails start with it (default http://localhost:8000;
                        ``twofold serve`` uses its own address when it is unset)
EMAIL_BACKEND           file (default: each email a file in TWOFOLD_HOME/outbox), console
                        or smtp
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD (or _FILE), EMAIL_USE_TLS,
EMAIL_USE_SSL           the SMTP server, when EMAIL_BACKEND is smtp
DEFAULT_FROM_EMAIL      the sender of Twofold's emails (default twofold@localhost)
SIGNIN_ATTEMPTS         failed sign-ins in a row, for one address from one IP address, before
                        signing in there is paused (default 5)
SIGNIN_PAUSE_MINUTES    how long the pause lasts, from the last failure (default 15)
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from twofold.web.env import (
    data_home,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    stored_secret_key,
)

WEB_DIR = Path(__file__).resolve().parent

TWOFOLD_HOME = data_home()
# Owner only: the database, the outbox and the secret key inside hold raters' answers
# and links. A directory that exists already keeps the mode its owner gave it.
TWOFOLD_HOME.mkdir(mode=0o700, parents=True, exist_ok=True)

SECRET_KEY = env_secret("SECRET_KEY") or stored_secret_key(TWOFOLD_HOME)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' scripts locally instead of from a CDN
    "django_tasks",
    "django_tasks_db",
    "axes",  # counts failed sign-ins and pauses them (twofold.web.accounts.throttle)
    # Twofold's apps, lowest first: each imports only those above it.
    "twofold.web.assessments",
    "twofold.web.organisations",
    "twofold.web.accounts",
    "twofold.web.audit",
    "twofold.web.campaigns",
    "twofold.web.reports",
]

MIDDLEWARE = [
    # First, so that every failure under /api/, even a refused Host header, has the
    # API's error shape.
    "twofold.web.api.errors.ApiErrorShapeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a paused sign-in into the page that says so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "twofold.web.urls"
WSGI_APPLICATION = "twofold.web.wsgi.application"
ASGI_APPLICATION = "twofold.web.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
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

_SQLITE_OPTIONS = {
    # secure_delete: a deleted row is overwritten with zeros, so the answers a
    # release copies and deletes (the tie to their rater) do not linger in the file.
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
    ),
    "transaction_mode": "IMMEDIATE",
    # Seconds a write waits for another's lock before "database is locked". Writes
    # hold the lock for about a millisecond, but under a burst the waits queue up;
    # Python's 5 s default turned the end of a long queue into a lost save.
    "timeout": 30,
}

# Connections are kept between requests, SQLite's too: opening one per request
# reopens the file and reruns the PRAGMAs above, which costs more than the save.
# Each server thread holds at most one connection (workers × threads in all).
DEFAULT_CONN_MAX_AGE = 600


def _database(url: str, home: Path) -> dict[str, Any]:
    """The default database: ``DATABASE_URL`` if set, else SQLite in the data directory.

    SQLite runs in WAL mode with IMMEDIATE transactions, so a write never fails
    half-way with "database is locked" when two requests save answers at once:
    it waits for the lock at BEGIN, before it has read anything.
    """
    conn_max_age = env_int("CONN_MAX_AGE", DEFAULT_CONN_MAX_AGE)
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": home / "twofold.sqlite3",
            "OPTIONS": dict(_SQLITE_OPTIONS),
            "CONN_MAX_AGE": conn_max_age,
        }
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL: {exc}") from None
    config["CONN_MAX_AGE"] = conn_max_age
    # A kept connection the database server has closed (a restart, an idle
    # timeout) is noticed and replaced at the start of the next request.
    config["CONN_HEALTH_CHECKS"] = conn_max_age != 0
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**_SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


DATABASES = {"default": _database(env_str("DATABASE_URL"), TWOFOLD_HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English is the one language so far; every string a person reads is marked for
# translation, so another language is a catalogue in locale/, not a code change.
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Sign-in: the email address is the username (see twofold.web.accounts).
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "organisations:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # an invitation to set a password lasts three days


def _at_least_one(name: str, default: int) -> int:
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be at least 1, not {value}")
    return value


# Failed sign-ins in a row pause signing in to that address from that IP address
# (django-axes, counting in the database; see twofold.web.accounts.throttle).
SIGNIN_ATTEMPTS = _at_least_one("SIGNIN_ATTEMPTS", 5)
SIGNIN_PAUSE_MINUTES = _at_least_one("SIGNIN_PAUSE_MINUTES", 15)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a paused sign-in before any check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = SIGNIN_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(minutes=SIGNIN_PAUSE_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A pause runs from the last counted failure; trying again during it does not extend it,
# so the page can say how long to wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "twofold.web.accounts.throttle.username"
AXES_CLIENT_IP_CALLABLE = "twofold.web.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "twofold.web.accounts.throttle.locked_out"
# Keep failures only while they count: no log of every sign-in, no lasting failure log.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Failures, and only they, are listed in the admin (twofold.web.accounts.admin).
AXES_ENABLE_ADMIN = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
AXES_VERBOSE = False  # no start-up banner in every command's output

# Links in emails are absolute: they start with the address people open Twofold at.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

# Background work (emails, reminders) is queued in the database and done by
# `twofold worker`, so no broker is needed on SQLite or PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _email_backend(name: str) -> str:
    backends = {
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
    }
    if name not in backends:
        raise ImproperlyConfigured(f"EMAIL_BACKEND must be file, console or smtp, not {name!r}")
    return backends[name]


EMAIL_BACKEND = _email_backend(env_str("EMAIL_BACKEND", "file"))
EMAIL_FILE_PATH = TWOFOLD_HOME / "outbox"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "twofold@localhost")

STATIC_URL = "static/"
STATIC_ROOT = TWOFOLD_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # collectstatic fills it for production; whitenoise wants it
WHITENOISE_USE_FINDERS = True

# Security headers. Pages behind private links also send stricter headers of their own.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)

_LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if _LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {_LOG_LEVEL!r}"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": _LOG_LEVEL, "propagate": False},
        # django-axes writes lines at INFO for every sign-in; its warnings (a failed
        # sign-in, a pause) are what matters unless debugging.
        "axes": {
            "handlers": ["console"],
            "level": "WARNING" if _LOG_LEVEL == "INFO" else _LOG_LEVEL,
            "propagate": False,
        },
    },
}
