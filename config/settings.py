"""Reseau settings: every value comes from the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE as CSP_NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    email_settings_from_url,
    env_addresses,
    env_bool,
    env_int,
    env_list,
    env_str,
    media_storage_from_env,
)

# ModelForm[Plan], ModelChoiceField[Network]…: the type checker's generics, allowed at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("RESEAU_VAR_DIR", str(BASE_DIR / "var")))
# The SQLite database and the job queue file live here; a fresh clone has no var/ yet.
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# Demo accounts (password "demo-password") may only be created when this is on;
# it is never on unless DEBUG is.
DEMO_MODE = DEBUG and env_bool("DEMO_MODE", True)

_INSECURE_DEV_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_DEV_KEY if DEBUG else None)
if not DEBUG and SECRET_KEY == _INSECURE_DEV_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set to a secret value when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "reseau.core",
    "reseau.audit",
    "reseau.outbox",
    "reseau.accounts",
    "reseau.registry",
    "reseau.partners",
    "reseau.funding",
    "reseau.exchange",
    "reseau.projects",
    "reseau.plans",
    "reseau.events",
    "reseau.logframe",
    "reseau.decisions",
    "reseau.library",
    "reseau.news",
    "reseau.communication",
    "reseau.home",
    "reseau.seeds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Issue 12: CSP, Permissions-Policy and no-store on every answer, a NUL byte refused first.
    "csp.middleware.CSPMiddleware",
    "reseau.core.middleware.ResponseHeadersMiddleware",
    "reseau.core.middleware.RefuseNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "reseau.core.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Faults (issue 12): a full disk answers a clear page, not a 500. Last, so it sees the
# view's exception first.
MIDDLEWARE += ["reseau.core.full_disk.FullDiskMiddleware"]
# An object store out of reach (a download, a thumbnail) answers a clear 503 page, not a 500.
MIDDLEWARE += ["reseau.core.file_storage.StorageOutageMiddleware"]
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "reseau.core.full_disk.CleanTemporaryFileUploadHandler",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "reseau.home.context_processors.navigation",
                "reseau.home.context_processors.demo",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'reseau.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the background worker read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)


# Internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Websites typed without a scheme are https://, as Django 6 will assume.
FORMS_URLFIELD_ASSUME_HTTPS = True
TIME_ZONE = "UTC"
# Shown to people who belong to no network (the secretariat sits in Paris).
DEFAULT_DISPLAY_TIME_ZONE = env_str("DEFAULT_DISPLAY_TIME_ZONE", "Europe/Paris")
LANGUAGE_COOKIE_NAME = "reseau_language"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr"), "en": ("fr",), "fr": ("en",)}

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (the library, printed programmes): on the local disk under MEDIA_ROOT, or in
# an S3-compatible bucket shared by several app servers when MEDIA_STORAGE_URL or
# AWS_STORAGE_BUCKET_NAME is set (config/env.py). Either way they are private: every download
# goes through a view that checks access, never through MEDIA_URL nor a bucket's address.
STORAGES = {
    "default": media_storage_from_env(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# The library's largest file, refused before it is stored; larger requests are refused too.
LIBRARY_MAX_UPLOAD_MB = env_int("LIBRARY_MAX_UPLOAD_MB", 50)

# Backups (issue 12): `manage.py backup` writes its archives here unless given --output.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))

# E-mail
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Reseau <no-reply@reseau.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
globals().update(email_settings_from_url(env_str("EMAIL_URL", "console://" if DEBUG else None)))
# The address messages link to (they are written by jobs, away from any request).
# Default: the first ALLOWED_HOSTS name over https (http://127.0.0.1:8000 under `make run`).
SITE_URL = env_str(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else f"https://{next(iter(ALLOWED_HOSTS), 'localhost')}"
)

# Background jobs: Redis when REDIS_URL is set, else a SQLite file beside the database.
REDIS_URL = env_str("REDIS_URL", "")
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "reseau",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "reseau",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
    }

# Outgoing e-mails (issue 12): a worker killed while sending holds a message this long before
# another attempt; the worker's minute sweep then sends it (reseau/outbox).
EMAIL_OUTBOX_RETRY_SECONDS = env_int("EMAIL_OUTBOX_RETRY_SECONDS", 300)
# A failed attempt waits this long, then 5, 15, 60… times as long (outbox.services.RETRY_STEPS)
# before the next, up to 10 attempts; tests and benchmarks shrink it.
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", 60)
# Seconds a mail server may take to answer before the attempt fails (and is retried later);
# Django's default is to wait for ever, which would hold a worker on a hung server.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

# --- Security headers and cookies (issue 12; check --deploy passes when DEBUG is off) ---
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# Pages send the CSRF token in the form (and htmx in hx-headers); no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only the site's own files, no inline script or style.
# Something that must be inline carries nonce="{{ CSP_NONCE }}"; the nonce is sent only then.
INSTALLED_APPS += ["csp"]
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF, CSP_NONCE],
        "style-src": [_SELF, CSP_NONCE],
        "img-src": [_SELF],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    },
}
# Powerful browser features the platform never uses, switched off for every page.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
# --- end of security headers and cookies ---

# --- Error reporting (issue 12): the 500 page says who was told, and it is true ---
# ADMINS="Name <address>, Other <address>": each server error is e-mailed to them (DEBUG off).
ADMINS = env_addresses("ADMINS")
SENTRY_DSN = env_str("SENTRY_DSN", "")
# E-mailed reports leave out cookies, form values, query values and who was signed in.
DEFAULT_EXCEPTION_REPORTER = "config.error_reports.PrivateExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reports.PrivateExceptionReporterFilter"
if SENTRY_DSN:
    from config.sentry import sentry_start

    sentry_start(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production"),
    )
# --- end of error reporting ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Issue 12: server errors reach ADMINS by e-mail (nothing is sent while ADMINS is empty).
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "config.error_reports.PrivateAdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's default "django" logger (console + mail_admins) so each error is mailed once.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
}

FORMAT_MODULE_PATH = ["config.formats"]

# --- Accounts: sign-in throttling, client address, password-reset mails (issue 12) ---------------
# Kept in one block, after MIDDLEWARE and INSTALLED_APPS, which it extends.
#
# The client address: with TRUSTED_PROXY_COUNT = 0 (the default) only REMOTE_ADDR counts and no
# header is believed. Behind N reverse proxies that each append to TRUSTED_PROXY_HEADER, set N:
# the client is then the N-th address from the right (reseau/core/client_address.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "X-Forwarded-For")

# Sign-in throttling by django-axes, per (account, client address): after LOGIN_FAILURE_LIMIT
# failures within the window the pair waits a minute, doubling with each further failure
# (reseau/accounts/throttling.py); a password reset clears the account's failures.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
INSTALLED_APPS += ["axes"]
# Last: it turns a sign-in that reached the limit into a 429 answer (the sign-in page).
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["reseau.accounts.backends.SignInThrottleBackend", "reseau.accounts.backends.EmailBackend"]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = "reseau.accounts.throttling.sign_in_cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the failures of the last day set the wait
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not recorded
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "reseau.accounts.throttling.sign_in_username"
AXES_CLIENT_IP_CALLABLE = "reseau.core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "reseau.accounts.throttling.sign_in_throttled_response"
AXES_VERBOSE = False
# Masked in the stored attempt, like the password (always masked).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]

# Password-reset mails: at most one per account per interval, and at most this many requests
# per client address per hour; the answer page is the same either way.
PASSWORD_RESET_EMAIL_INTERVAL_SECONDS = env_int("PASSWORD_RESET_EMAIL_INTERVAL_SECONDS", 10 * 60)
PASSWORD_RESET_CLIENT_LIMIT_PER_HOUR = env_int("PASSWORD_RESET_CLIENT_LIMIT_PER_HOUR", 10)
