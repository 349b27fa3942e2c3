"""Cached output follows the data: the data generation and the public feeds'
fast path (kiallianz/caching.py, kiallianz/feedcache.py)."""

import contextlib
import logging

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from events.tests.factories import EventFactory
from kiallianz import caching
from kiallianz.models import Region
from kiallianz.tests.test_cache_outage import FEEDS, cache_down, fresh_outage_log  # noqa: F401
from partners.tests.factories import PartnerFactory


@pytest.fixture(autouse=True)
def _empty_cache(monkeypatch):
    # A cache failure in an earlier test must not suspend the cache here.
    monkeypatch.setattr(caching, "outage_log", caching.OutageLog())
    cache.clear()
    yield
    with contextlib.suppress(Exception):  # the cache may be the refused one
        cache.clear()


@pytest.fixture
def response_cache(settings):
    settings.RESPONSE_CACHE_SECONDS = 300


@pytest.fixture
def feeds_data(region):
    EventFactory(title="KI-Night", region=region, is_public=True)
    PartnerFactory(organisation__name="Cyber Valley")


def generation():
    return cache.get(caching.GENERATION_KEY)


# --- The data generation ----------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "events_event" ("title") VALUES (%s)', "events_event"),
        ('  update "contacts_person" SET "email" = %s', "contacts_person"),
        ('DELETE FROM "partners_partner" WHERE id = 1', "partners_partner"),
        ('SELECT * FROM "events_event"', None),
        ("UPDATE django_session SET expire_date = now()", "django_session"),
    ],
)
def test_written_table_reads_the_table_of_a_write(sql, table):
    assert caching.written_table(sql) == table


def test_bookkeeping_tables_are_not_tracked():
    for table in ("django_session", "axes_accessattempt", "otp_totp_totpdevice"):
        assert caching.UNTRACKED_TABLES.match(table)
    for table in ("events_event", "contacts_firstcontact", "kiallianz_region", "kiallianz_user"):
        assert not caching.UNTRACKED_TABLES.match(table)


def test_the_bookkeeping_of_every_background_job_is_not_tracked():
    # Progress and heartbeats are written every few seconds while a job runs.
    from django.apps import apps

    from kiallianz.models import BackgroundJob

    tables = [
        model._meta.db_table for model in apps.get_models() if issubclass(model, BackgroundJob)
    ]
    assert "contacts_importjob" in tables
    for table in tables:
        assert caching.UNTRACKED_TABLES.match(table), table


def test_a_failed_cache_is_left_alone_for_a_while(monkeypatch):
    calls = []

    class Failing:
        def incr(self, key):
            calls.append(key)
            raise ConnectionError

        def get_many(self, keys):
            calls.append(keys)
            raise ConnectionError

    clock = {"now": 1000.0}
    monkeypatch.setattr(caching, "cache", Failing())
    monkeypatch.setattr(caching, "outage_log", caching.OutageLog(clock=lambda: clock["now"]))
    caching.bump_data_generation()
    assert len(calls) == 1
    # Suspended: neither writes nor the dashboard wait for the cache.
    caching.bump_data_generation()
    assert caching.get_or_build_current("key", lambda: "built", 60) == "built"
    assert len(calls) == 1
    clock["now"] += caching.BACKOFF_SECONDS
    caching.bump_data_generation()
    assert len(calls) == 2


@pytest.mark.django_db
class TestDataGeneration:
    def test_a_committed_write_raises_it(self, django_capture_on_commit_callbacks):
        before = caching.data_generation()
        with django_capture_on_commit_callbacks(execute=True):
            Region.objects.create(name="Bodensee", slug="bodensee")
        assert generation() > before

    def test_a_transaction_raises_it_once_however_many_rows_it_writes(
        self, django_capture_on_commit_callbacks
    ):
        before = caching.data_generation()
        with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
            for number in range(5):
                Region.objects.create(name=f"Region {number}", slug=f"region-{number}")
            Region.objects.filter(slug="region-1").update(name="Umbenannt")
        assert callbacks.count(caching.bump_data_generation) == 1
        assert generation() == before + 1

    def test_a_rolled_back_write_does_not(self, django_capture_on_commit_callbacks):
        before = caching.data_generation()
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            Region.objects.create(name="Bodensee", slug="bodensee")
            raise RuntimeError
        assert generation() == before

    def test_session_writes_do_not(self, client, office_user, django_capture_on_commit_callbacks):
        client.force_login(office_user)
        before = caching.data_generation()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            session = client.session
            session["x"] = 1
            session.save()
        assert caching.bump_data_generation not in callbacks
        assert generation() == before

    def test_the_tracker_stays_first_so_execute_wrapper_pops_its_own(self):
        connection.ensure_connection()
        assert connection.execute_wrappers[0] is caching.track_writes

        def other(execute, *args):
            return execute(*args)

        with connection.execute_wrapper(other):
            assert connection.execute_wrappers[-1] is other
        assert caching.track_writes in connection.execute_wrappers
        assert other not in connection.execute_wrappers


# --- The public feeds' fast path -------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("response_cache", "feeds_data")
class TestFeedFastPath:
    @pytest.mark.parametrize("url", [*FEEDS, "/api/public/events.json?region=karlsruhe"])
    def test_it_answers_with_the_same_bytes_and_headers_without_the_database(
        self, client, url, django_assert_num_queries
    ):
        normal = client.get(url, secure=True)
        assert normal.status_code == 200
        with django_assert_num_queries(0):
            fast = client.get(url, secure=True)
        assert fast.status_code == 200
        assert fast.content == normal.content
        assert dict(fast.items()) == dict(normal.items())
        assert normal["ETag"] and "public" in normal["Cache-Control"]
        if url.startswith("/api/"):
            assert fast["Access-Control-Allow-Origin"] == "*"

    @pytest.mark.django_db(transaction=True)  # real commits, as in production
    def test_a_committed_change_is_served_at_the_next_request(self, client, region):
        assert "Green AI Day" not in client.get("/events/feed.ics").content.decode()
        assert "Green AI Day" not in client.get("/events/feed.ics").content.decode()
        EventFactory(title="Green AI Day", region=region, is_public=True)
        assert "Green AI Day" in client.get("/events/feed.ics").content.decode()

    def test_if_none_match_gives_the_same_304_on_both_ways(self, client, django_assert_num_queries):
        url = "/api/public/events.json"
        etag = client.get(url)["ETag"]
        cache.clear()  # the next answer comes the normal way again
        normal = client.get(url, HTTP_IF_NONE_MATCH=etag)
        with django_assert_num_queries(0):
            fast = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert normal.status_code == fast.status_code == 304
        assert fast.content == normal.content == b""
        assert dict(fast.items()) == dict(normal.items())
        assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200

    def test_requests_with_cookies_take_the_normal_way(
        self, client, office_user, django_assert_max_num_queries
    ):
        client.get("/events/feed.ics")
        client.force_login(office_user)
        with django_assert_max_num_queries(10) as queries:
            response = client.get("/events/feed.ics")
        assert response.status_code == 200 and len(queries) > 0

    def test_a_language_cookie_gets_its_own_answer(self, client, django_assert_num_queries):
        german = client.get("/api/public/events.json").content
        client.cookies["django_language"] = "en"
        english = client.get("/api/public/events.json")
        assert english.content != german and english["Content-Language"] == "en"
        with django_assert_num_queries(0):
            assert client.get("/api/public/events.json").content == english.content

    @pytest.mark.parametrize(
        "url",
        [
            "/api/public/partners.json?region=karlsruhe",  # a parameter the view ignores
            "/api/public/events.json?region=nirgendwo",  # 404
            "/api/public/events.json?region=a&region=b",
        ],
    )
    def test_other_answers_are_not_stored(self, client, url, django_assert_max_num_queries):
        first = client.get(url)
        with django_assert_max_num_queries(20) as queries:
            second = client.get(url)
        assert second.status_code == first.status_code
        assert len(queries) > 0

    def test_plain_http_is_still_sent_to_https(self, client, settings):
        settings.SECURE_SSL_REDIRECT = True
        assert client.get("/events/feed.ics", secure=True).status_code == 200
        assert client.get("/events/feed.ics", secure=True).status_code == 200
        response = client.get("/events/feed.ics")
        assert response.status_code == 301
        assert response["Location"].startswith("https://")

    def test_a_post_is_refused_as_before(self, client):
        client.get("/events/feed.ics")
        assert client.post("/events/feed.ics").status_code == 405


@pytest.mark.django_db
@pytest.mark.usefixtures("response_cache", "feeds_data", "cache_down", "fresh_outage_log")
def test_cache_down_the_feeds_answer_from_the_database_and_log_once(client, caplog):
    caplog.set_level(logging.WARNING, logger="kiallianz.caching")
    for url in FEEDS:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["ETag"]
    assert "KI-Night" in client.get("/events/feed.ics").content.decode()
    assert "Cyber Valley" in client.get("/api/public/partners.json").content.decode()
    assert len(caplog.records) == 1
    # The fast path does not ask the failed cache again for a while.
    assert caching.outage_log.failed_within(caching.OUTAGE_LOG_INTERVAL_SECONDS)
