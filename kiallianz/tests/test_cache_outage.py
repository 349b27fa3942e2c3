"""The shared cache is an optional speed-up: down, the feeds still answer
from the database, /healthz says "degraded" with 200, and the outage is
logged once per minute, not per request."""

import logging

import pytest

from events.tests.factories import EventFactory
from kiallianz import caching
from partners.tests.factories import PartnerFactory

FEEDS = (
    "/api/public/events.json",
    "/api/public/partners.json",
    "/events/feed.ics",
    "/events/feed/karlsruhe.ics",
)


@pytest.fixture
def cache_down(settings):
    """A Redis cache on a port where nothing listens: every call is refused."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def fresh_outage_log(monkeypatch):
    clock = {"now": 1000.0}
    log = caching.OutageLog(clock=lambda: clock["now"])
    monkeypatch.setattr(caching, "outage_log", log)
    return clock


@pytest.mark.django_db
class TestCacheDown:
    def test_the_public_feeds_answer_from_the_database(self, client, region, cache_down):
        EventFactory(title="KI-Night", region=region, is_public=True)
        PartnerFactory(organisation__name="Cyber Valley")
        for url in FEEDS:
            response = client.get(url)
            assert response.status_code == 200, url
        assert "KI-Night" in client.get("/events/feed.ics").content.decode()
        assert "Cyber Valley" in client.get("/api/public/partners.json").content.decode()

    def test_healthz_says_degraded_with_200(self, client, cache_down):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {
            "database": "ok",
            "broker": "eager",
            "cache": "error",
            "status": "degraded",
        }

    def test_the_outage_is_logged_once_per_minute(
        self, client, region, cache_down, fresh_outage_log, caplog
    ):
        caplog.set_level(logging.WARNING, logger="kiallianz.caching")
        for _ in range(5):
            assert client.get("/events/feed.ics").status_code == 200
        assert len(caplog.records) == 1
        assert "Cache nicht erreichbar" in caplog.records[0].getMessage()

        fresh_outage_log["now"] += caching.OUTAGE_LOG_INTERVAL_SECONDS
        client.get("/api/public/events.json")
        assert len(caplog.records) == 2
        assert "4 weitere" in caplog.records[1].getMessage()


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down_even_if_the_cache_is_up(client, monkeypatch):
    from kiallianz import health

    monkeypatch.setattr(health, "database_status", lambda: "error")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error" and response.json()["cache"] == "ok"


def test_the_cache_client_gives_up_after_half_a_second():
    from kiallianz import settings as project_settings

    if not project_settings.REDIS_URL:
        pytest.skip("ohne REDIS_URL ist der Cache prozessintern")
    options = project_settings.CACHES["default"]["OPTIONS"]
    assert options == {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
