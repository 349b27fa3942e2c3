"""Reading configuration from environment variables, with one-line errors."""

from urllib.parse import parse_qs, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql", "psql")


class ConfigurationError(ImproperlyConfigured):
    """A missing or malformed environment variable."""


def database_config(env: environ.Env, default: str) -> dict:
    raw = env.str("DATABASE_URL", default=default)
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ConfigurationError(
            f"DATABASE_URL ist ungültig ({_redact(raw)!r}); erwartet z. B. "
            "sqlite:////pfad/db.sqlite3 oder postgres://user@host:5432/name"
        )
    try:
        config = environ.Env.db_url_config(raw)
    except Exception as error:  # environ raises several types for bad URLs
        raise ConfigurationError(f"DATABASE_URL ist ungültig: {error}") from None
    if not config.get("NAME"):
        raise ConfigurationError("DATABASE_URL nennt keine Datenbank.")
    return config


def _redact(url: str) -> str:
    """Hide a password before the URL reaches an error message or log."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return url


# Backends that write whole mails, reset links and personal data included,
# into a log or a file instead of sending them.
LOGGING_EMAIL_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
)


def email_config(env: environ.Env) -> dict:
    """EMAIL_URL as Django settings (console mail when it is not set)."""
    return env.email_url("EMAIL_URL", default="consolemail://")


# Commands that only read or write code (migrations, catalogues, static
# files): they neither serve requests nor send mail, so a developer's bare
# shell may run them without the production variables.
CODE_ONLY_COMMANDS = frozenset(
    {"makemigrations", "makemessages", "compilemessages", "collectstatic", "sqlmigrate"}
)


def production_problems(*, debug: bool, secret_key: str, email_backend: str) -> list[str]:
    """What keeps a process that serves requests or sends mail from starting
    with DEBUG off, in German, one line each."""
    if debug:
        return []
    problems = []
    if not secret_key:
        problems.append("SECRET_KEY fehlt: ohne DEBUG=true muss SECRET_KEY gesetzt sein.")
    if email_backend in LOGGING_EMAIL_BACKENDS:
        # Production mails (digests, password resets) would only reach a log,
        # silently, with reset links and personal data in it.
        problems.append(
            "EMAIL_URL: ohne DEBUG=true sind consolemail:// und filemail:// nicht erlaubt "
            "(sie schreiben Mails mit Links und Personendaten ins Log); bitte smtp:// angeben, "
            "z. B. smtp+tls://user:pass@mail.example.org:587."
        )
    return problems


def require_production_configuration() -> None:
    """Raise the first of the settings' CONFIGURATION_PROBLEMS: called where a
    process starts to serve or send (wsgi.py, the Celery worker and beat,
    manage.py for every command but CODE_ONLY_COMMANDS)."""
    from django.conf import settings

    if settings.CONFIGURATION_PROBLEMS:
        raise ConfigurationError(settings.CONFIGURATION_PROBLEMS[0])


FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"


def storage_config(env: environ.Env) -> dict:
    """The default file storage: the local MEDIA_ROOT, or S3-compatible
    object storage when STORAGE_URL (s3://bucket[/prefix]?endpoint_url=…)
    or AWS_STORAGE_BUCKET_NAME is set, so web and workers on separate hosts
    share photos, logos and generated reports. Credentials come from
    AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, as boto3 reads them."""
    raw = env.str("STORAGE_URL", default="")
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not raw and not bucket:
        return {"BACKEND": FILE_SYSTEM_STORAGE}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "location": "",
        # Private objects, reached only through signed URLs or our views.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    if raw:
        parts = urlsplit(raw)
        if parts.scheme != "s3" or not parts.netloc:
            raise ConfigurationError(
                f"STORAGE_URL ist ungültig ({_redact(raw)!r}); erwartet z. B. "
                "s3://bucket/prefix?endpoint_url=https://s3.example.org&region_name=eu-central-1"
            )
        options["bucket_name"] = parts.netloc
        options["location"] = parts.path.strip("/")
        for key, values in parse_qs(parts.query).items():
            if key in ("endpoint_url", "region_name"):
                options[key] = values[-1]
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}
