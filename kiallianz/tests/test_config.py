"""Configuration errors reach the operator as one line naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from kiallianz.config import ConfigurationError, _redact, database_config

PROJECT = Path(__file__).resolve().parents[2]
LONG_SECRET = "x7#Lq9!vR2@mZ4$kT8%wN1^pB6&cD3*fH5(gJ0)sA-yU+eI=oO_rK~lM|nQ;tV"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "DEBUG",
            "CELERY_BROKER_URL",
            "REDIS_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    clean_env["DJANGO_SETTINGS_MODULE"] = "kiallianz.settings"
    clean_env.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_names_a_missing_secret_key_in_one_line():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("url", ["nonsense", "mysql://db/x", "postgres://"])
def test_it_names_a_malformed_database_url_in_one_line(url):
    result = manage("check", DEBUG="true", DATABASE_URL=url)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "DATABASE_URL" in result.stderr


def test_it_reports_no_deployment_warnings_with_production_variables(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=LONG_SECRET,
        ALLOWED_HOSTS="community.ki-allianz.de",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        EMAIL_URL="smtp+tls://mailer:geheim@mail.example.org:587",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_it_hides_passwords_in_error_messages():
    assert _redact("postgres://user:geheim@db:5432/x") == "postgres://***@db:5432/x"


def test_it_reads_sqlite_and_postgres_urls():
    class Env:
        def __init__(self, url):
            self.url = url

        def str(self, name, default=None):
            return self.url

    assert database_config(Env("sqlite:////srv/x.sqlite3"), "")["NAME"] == "/srv/x.sqlite3"
    config = database_config(Env("postgres://postgres@127.0.0.1:5432/kiallianz"), "")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "kiallianz"
    with pytest.raises(ConfigurationError):
        database_config(Env("postgres://127.0.0.1:5432"), "")


@pytest.mark.parametrize("url", ["consolemail://", "filemail:///tmp/mails"])
def test_mail_backends_that_write_mails_to_logs_refuse_to_start_without_debug(url):
    result = manage("check", DEBUG="false", SECRET_KEY=LONG_SECRET, EMAIL_URL=url)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "EMAIL_URL" in result.stderr


def test_the_console_mail_backend_is_fine_in_development():
    result = manage("check", DEBUG="true", EMAIL_URL="consolemail://")
    assert result.returncode == 0, result.stderr


def bare(*args: str) -> subprocess.CompletedProcess:
    """A fresh shell: nothing but a path (no DEBUG, SECRET_KEY or EMAIL_URL)."""
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *args],
        cwd=PROJECT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_bare_environment_may_run_the_commands_that_only_touch_code():
    result = bare("manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize("command", ["check", "migrate", "runserver"])
def test_a_bare_environment_gets_the_one_line_message_for_commands_that_serve_or_write(command):
    result = bare("manage.py", command)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("Konfigurationsfehler: SECRET_KEY")


def test_the_web_application_refuses_to_start_in_a_bare_environment():
    result = bare("-c", "import kiallianz.wsgi")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "Konfigurationsfehler: SECRET_KEY fehlt: ohne DEBUG=true muss SECRET_KEY gesetzt sein."
    )


def test_the_worker_and_beat_refuse_to_start_without_the_production_variables(settings):
    from kiallianz.celery import refuse_incomplete_configuration

    refuse_incomplete_configuration()  # complete: starts
    settings.CONFIGURATION_PROBLEMS = ["SECRET_KEY fehlt."]
    with pytest.raises(SystemExit, match=r"Konfigurationsfehler: SECRET_KEY fehlt\."):
        refuse_incomplete_configuration()


@pytest.mark.django_db
def test_postgresql_plans_for_solid_state_storage():
    if connection.vendor != "postgresql":
        pytest.skip("braucht PostgreSQL (zweiter CI-Lauf)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
