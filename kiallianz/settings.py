"""Settings for the KI-Allianz community management platform.

Everything that differs between a laptop and production comes from
environment variables (see the README's table); nothing else changes.
"""

import datetime
import tempfile
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from kiallianz.config import (
    database_config,
    email_config,
    production_problems,
    storage_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer's checkout may keep its variables in .env (make run writes one
# with DEBUG=true); real environment variables always win.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Without DEBUG a missing key stays empty: Django refuses to sign anything
# with it, and the processes that serve or send refuse to start
# (CONFIGURATION_PROBLEMS below); code-only commands still run.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# Absolute base URL for links in emails (the follow-up digest), e.g.
# https://community.ki-allianz.de; without it the first allowed host is used.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "kiallianz",
    "contacts",
    "partners",
    "events",
    "reporting",
    # --- Audit trail and GDPR lifecycle (issue 12) ---
    "simple_history",
    "audit",
]

MIDDLEWARE = [
    # Public feeds answered from the cache before any other middleware runs
    # (kiallianz/feedcache.py); everything else passes straight through.
    "kiallianz.feedcache.PublicFeedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kiallianz.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Audit trail (issue 12): hands the signed-in user to the change history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A bare 405 becomes the German error page (templates/405.html).
    "kiallianz.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "kiallianz.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kiallianz.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "kiallianz.wsgi.application"

# --- Database -------------------------------------------------------------
_default_sqlite = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": database_config(env, _default_sqlite)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web process and a worker write at once: WAL lets readers go on while
    # one writes, the busy timeout waits instead of failing, and IMMEDIATE
    # transactions take the write lock up front so they cannot deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # The planner's default cost of a random read (4) models spinning disks;
    # on SSDs and with the data in memory, 1.1 (PostgreSQL's advice for SSDs)
    # lets it walk an index instead of sorting a whole table for a deep page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c random_page_cost=1.1")
DATABASES["default"]["ATOMIC_REQUESTS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "kiallianz.User"

# --- Cache ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kiallianz",
            # A down or hanging cache must not hold a web worker: after 0.5 s
            # the feeds render from the database (kiallianz/caching.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered output kept in the cache (public feeds served before the session
# and login middleware, the office dashboard's panels), for at most this many
# seconds and only while no write has committed since (the data generation,
# kiallianz/caching.py). Only with a shared cache: a per-process cache could
# not learn of writes in other processes. 0 switches it off.
RESPONSE_CACHE_SECONDS = env.int("RESPONSE_CACHE_SECONDS", default=300 if REDIS_URL else 0)

# --- Auth -----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates per language: templates and code name a format ("DATE_FORMAT"), the
# modules say how each language writes it ("1. Oktober 2023", "1 October 2023").
FORMAT_MODULE_PATH = ["kiallianz.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    # Local disk, or S3-compatible object storage from STORAGE_URL / AWS_*
    # (kiallianz/config.py); code reaches files only through the storage API.
    "default": storage_config(env),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Email ----------------------------------------------------------------
EMAIL_CONFIG = email_config(env)
vars().update(EMAIL_CONFIG)
CONFIGURATION_PROBLEMS = production_problems(
    debug=DEBUG, secret_key=SECRET_KEY, email_backend=EMAIL_CONFIG["EMAIL_BACKEND"]
)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="KI-Allianz Community <noreply@ki-allianz.de>"
)

# --- Celery (background helper: failure modes, see docs/operations.md) ----
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker, tasks run in-process: the embedded setup needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# In-process tasks enqueued by a request (report and list exports) run in a
# thread, so the page shows progress instead of blocking (kiallianz/celery.py).
EAGER_TASKS_IN_THREAD = env.bool("EAGER_TASKS_IN_THREAD", default=True)
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND",
    default=CELERY_BROKER_URL if not CELERY_TASK_ALWAYS_EAGER else "cache+memory://",
)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# A message is acknowledged when its task ends, so a killed worker's task is
# delivered again; the delivery counter (kiallianz/celery.py) stops a task
# that kills its worker after 3 deliveries.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A task that raised or hit its time limit is acknowledged, not redelivered:
# its failure is already recorded on its own row (export "fehlgeschlagen" with
# a retry button, digest marker with the next attempt), and retries are
# explicit (self.retry with backoff). A redelivered render that timed out
# would only time out again.
CELERY_TASK_ACKS_ON_FAILURE_OR_TIMEOUT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Time limits for every task; the report export sets its own (reporting/tasks.py).
CELERY_TASK_SOFT_TIME_LIMIT = 2 * 60
CELERY_TASK_TIME_LIMIT = 3 * 60
REPORT_EXPORT_SOFT_TIME_LIMIT = 10 * 60
REPORT_EXPORT_TIME_LIMIT = 12 * 60
# A browser import of 20,000 rows takes seconds to a minute on a busy host.
IMPORT_JOB_SOFT_TIME_LIMIT = 10 * 60
IMPORT_JOB_TIME_LIMIT = 12 * 60
# A list download of 20,000 rows writes in well under a minute.
LIST_EXPORT_SOFT_TIME_LIMIT = 10 * 60
LIST_EXPORT_TIME_LIMIT = 12 * 60
# A pool process is replaced after this many tasks or once it holds this much
# memory (KiB): WeasyPrint layouts with many photos leave large heaps behind.
CELERY_WORKER_MAX_TASKS_PER_CHILD = 50
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 600 * 1024
# Short timeouts so that a request enqueuing a task answers within 3 s when
# Redis is down or hangs (the caller shows a German message instead).
_REDIS_CLIENT_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis hands an unacknowledged message to another worker after the
    # visibility timeout. It must be longer than the longest hard time limit
    # (the report's 12 minutes), or a render still running would be started a
    # second time; a worker that died is noticed by the export heartbeat
    # within 2 minutes anyway, not by this timeout.
    "visibility_timeout": 15 * 60,
    **_REDIS_CLIENT_TIMEOUTS,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = dict(_REDIS_CLIENT_TIMEOUTS)
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = _REDIS_CLIENT_TIMEOUTS["socket_connect_timeout"]
CELERY_REDIS_SOCKET_TIMEOUT = _REDIS_CLIENT_TIMEOUTS["socket_timeout"]
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Beat keeps its schedule file in a state directory, never in the code folder
# (deploy/kiallianz-beat.service sets it under /var/lib/kiallianz).
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME",
    default=str(Path(tempfile.gettempdir()) / "kiallianz-celerybeat-schedule"),
)
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "kiallianz.tasks.clear_expired_sessions",
        "schedule": 24 * 60 * 60,
    },
    "clear-task-deliveries": {
        "task": "kiallianz.tasks.clear_task_deliveries",
        "schedule": 24 * 60 * 60,
    },
    # Every 10 minutes: sends this week's digests that are due and not yet
    # sent (sent-marker rows), so a missed or doubled run loses nothing and
    # sends nothing twice; failed mails are retried with backoff.
    "contacts-follow-up-digest": {
        "task": "contacts.tasks.send_follow_up_digests",
        "schedule": 10 * 60,
    },
    # Every minute: background jobs (report and list exports, imports) whose
    # worker stopped beating are started once more or failed.
    "fail-stale-jobs": {
        "task": "kiallianz.tasks.fail_stale_jobs",
        "schedule": 60,
    },
    "cleanup-report-exports": {
        "task": "reporting.tasks.cleanup_report_exports",
        "schedule": 60 * 60,
    },
    "cleanup-list-exports": {
        "task": "contacts.tasks.cleanup_list_exports",
        "schedule": 60 * 60,
    },
    "cleanup-import-jobs": {
        "task": "contacts.tasks.cleanup_import_jobs",
        "schedule": 60 * 60,
    },
}
# Every kind of background job ("module:attribute" of its JobLifecycle,
# kiallianz/jobs.py): the stale sweep above covers each of them.
BACKGROUND_JOB_LIFECYCLES = [
    "reporting.report.services:EXPORT_JOBS",
    "contacts.services.imports:IMPORT_JOBS",
    "contacts.services.exports:LIST_EXPORTS",
]
REPORT_EXPORT_RETENTION_DAYS = env.int("REPORT_EXPORT_RETENTION_DAYS", default=90)
# Uploaded import files go when their import is done, or after these hours;
# the jobs (their results quote the rows' values) after these days.
IMPORT_FILE_RETENTION_HOURS = env.int("IMPORT_FILE_RETENTION_HOURS", default=24)
IMPORT_JOB_RETENTION_DAYS = env.int("IMPORT_JOB_RETENTION_DAYS", default=7)

# --- Audit trail and retention register (issue 12; audit/retention.py) ----
CELERY_BEAT_SCHEDULE["apply-retention"] = {
    "task": "audit.tasks.apply_retention_weekly",
    "schedule": crontab(hour=3, minute=30, day_of_week="sun"),
}
RETENTION_CONTACT_PERSON_DAYS = env.int("RETENTION_CONTACT_PERSON_DAYS", default=3 * 365)
RETENTION_FIRST_CONTACT_NOTES_DAYS = env.int("RETENTION_FIRST_CONTACT_NOTES_DAYS", default=3 * 365)
RETENTION_ACCESS_LOG_DAYS = env.int("RETENTION_ACCESS_LOG_DAYS", default=2 * 365)
RETENTION_HISTORY_DAYS = env.int("RETENTION_HISTORY_DAYS", default=6 * 365)
RETENTION_LOGIN_RECORDS_DAYS = env.int("RETENTION_LOGIN_RECORDS_DAYS", default=90)

# --- Forms ----------------------------------------------------------------
# A website typed without scheme ("relyon.de") becomes https://, as in Django 6.
FORMS_URLFIELD_ASSUME_HTTPS = True
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security (production = DEBUG off) ------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# --- Logging: never personal data, only ids -------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A refused request (403) is one line, not a traceback (kiallianz/requestlog.py).
    "filters": {"one_line_403": {"()": "kiallianz.requestlog.OneLineForbiddenFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["one_line_403"]},
        # Django's own console handler (DEBUG only) printed every django.* line
        # a second time next to the root handler; ADMINS is not used.
        "django": {"handlers": []},
        "django.db.backends": {"level": "WARNING"},
        # Lockouts are warnings; each successful login is not worth a line.
        "axes": {"level": "WARNING"},
    },
}

# --- Security hardening: login throttling, 2FA, CSP, idle timeout ----------
# (issue 11; README "Production" lists these settings.)
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = (
    # The admin site that also asks for the second factor.
    "kiallianz.apps.VerifiedAdminConfig"
)
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "kiallianz.middleware.NoStoreMiddleware",
)
_auth_position = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_auth_position:_auth_position] = [
    "django_otp.middleware.OTPMiddleware",
    "kiallianz.middleware.SessionIdleTimeoutMiddleware",
    "kiallianz.middleware.TwoFactorMiddleware",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1,
    "kiallianz.middleware.RejectBadQueryMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # must be last
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: 5 failures per user name and, separately, per client IP
# lock that user / that address out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Not reset by a successful login: an attacker's own account logging in from
# the same address would otherwise wipe the count against someone else's.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "kiallianz.twofactor.lockout_response"
AXES_CLIENT_IP_CALLABLE = "kiallianz.middleware.client_ip"
AXES_VERBOSE = False
# Only failures are kept (AccessAttempt): a row per successful login with
# address and browser would be personal data nobody reads.
AXES_DISABLE_ACCESS_LOG = True
# How many proxies in front of gunicorn append to X-Forwarded-For: the
# client address is the one the outermost trusted proxy saw. 1 = the README's
# nginx ($proxy_add_x_forwarded_for); 0 = no proxy, REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0 if DEBUG else 1)

# Second factor (TOTP + ten recovery codes) for office and admin users and
# for community managers who set one up. Enforced whenever DEBUG is off;
# TWO_FACTOR_REQUIRED=false is meant for development only.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "KI-Allianz Community"
TWO_FACTOR_RECOVERY_CODES = 10

# Idle sessions end after SESSION_IDLE_TIMEOUT seconds (default 8 hours).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=8 * 60 * 60)

# Content-Security-Policy: no inline script anywhere, everything from here.
# Inline style *attributes* stay allowed (progress bars, chart legends set
# widths and colours); <style> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"

# Media: every file goes through kiallianz.media.serve_media, which checks
# who may see it. With a proxy in front, the view answers with
# X-Accel-Redirect to this internal location (e.g. /protected-media/, see the
# README's nginx example) instead of streaming the file; empty: streamed.
PROTECTED_MEDIA_ACCEL_PREFIX = env.str("PROTECTED_MEDIA_ACCEL_PREFIX", default="")
