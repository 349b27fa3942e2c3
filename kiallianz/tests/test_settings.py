import pytest
from django.conf import settings
from django.db import connection


def test_it_uses_german_and_berlin_time_by_default():
    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.USE_TZ is True


@pytest.mark.django_db
def test_it_runs_sqlite_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("nur für SQLite")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    # The test database lives in memory, where WAL does not apply; the
    # journal mode is checked on a file database in test_config.
    assert "journal_mode=WAL" in options["init_command"]


def test_it_runs_tasks_in_process_without_a_broker():
    from kiallianz.tasks import ping

    assert ping.delay().get(timeout=5) == "pong"
