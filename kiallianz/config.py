"""Reading configuration from environment variables, with one-line errors."""

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


CONSOLE_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"


def email_config(env: environ.Env, *, debug: bool) -> dict:
    """EMAIL_URL as Django settings. Without DEBUG the console backend is
    refused: production mails (digests, password resets) would only reach
    a log, silently."""
    config = env.email_url("EMAIL_URL", default="consolemail://")
    if not debug and config.get("EMAIL_BACKEND") == CONSOLE_EMAIL_BACKEND:
        raise ConfigurationError(
            "EMAIL_URL fehlt: ohne DEBUG=true würden E-Mails nur auf der Konsole ausgegeben; "
            "bitte EMAIL_URL setzen (z. B. smtp+tls://user:pass@mail.example.org:587)."
        )
    return config
