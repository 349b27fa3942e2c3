"""Fixtures shared by every app's tests: roles, clients, browser, worker."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from kiallianz.tests.factories import (
    CommunityManagerFactory,
    OfficeUserFactory,
    RegionFactory,
)

CHROMIUM = "/usr/bin/chromium"
PHONE_VIEWPORT = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"
TEST_PASSWORD = "testpass-123"


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def region(db):
    return RegionFactory(name="Karlsruhe", slug="karlsruhe")


@pytest.fixture
def other_region(db):
    return RegionFactory(name="Freiburg", slug="freiburg")


@pytest.fixture
def cm_user(region):
    return CommunityManagerFactory(username="cm-karlsruhe", regions=[region])


@pytest.fixture
def other_cm_user(other_region):
    return CommunityManagerFactory(username="cm-freiburg", regions=[other_region])


@pytest.fixture
def office_user(db):
    return OfficeUserFactory(username="office")


@pytest.fixture
def cm_client(client, cm_user):
    client.force_login(cm_user)
    return client


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client


# --- Browser -------------------------------------------------------------


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    reason = f"{CHROMIUM} fehlt (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"Browser-Tests müssen in CI laufen: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_or_skip()
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls in the test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _new_page(browser, viewport, request):
    context = browser.new_context(viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def phone_page(browser, request):
    """A page on a phone-sized screen, as community managers use at fairs."""
    yield from _new_page(browser, PHONE_VIEWPORT, request)


@pytest.fixture
def desktop_page(browser, request):
    yield from _new_page(browser, {"width": 1280, "height": 900}, request)


@pytest.fixture
def browser_login(live_server):
    def login(page, username: str, password: str = TEST_PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(f"{live_server.url}/")

    return login


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --- Real Celery worker --------------------------------------------------


def _database_url_for_worker(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real `celery worker` process on the real broker and the test database.

    Needs CELERY_BROKER_URL and PostgreSQL (an SQLite test database lives
    in this process's memory and cannot be shared); skipped otherwise.
    """
    from django.db import connection

    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker or connection.vendor != "postgresql":
        pytest.skip("braucht CELERY_BROKER_URL und PostgreSQL (zweiter CI-Lauf)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url_for_worker(connection.settings_dict),
        "DJANGO_SETTINGS_MODULE": "kiallianz.settings",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "true",
        "MEDIA_ROOT": os.environ.get("WORKER_MEDIA_ROOT", str(settings.MEDIA_ROOT)),
    }
    log = open(_worker_log_path(), "w")  # noqa: SIM115 - closed after the worker stops
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kiallianz",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=INFO",
            "-n",
            f"{queue}@{socket.gethostname()}",
            "-Q",
            queue,
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parent,
    )
    from kiallianz.celery import app

    app.conf.task_default_queue = queue
    _wait_for_worker(app, process, f"{queue}@{socket.gethostname()}")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def _worker_log_path() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / "celery-worker.log"


def _wait_for_worker(app, process, worker_name: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Celery-Worker beendet (siehe {_worker_log_path()})")
        if app.control.ping(destination=[worker_name], timeout=1.0):
            return
    pytest.fail("Celery-Worker antwortet nicht")


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db, settings):
    """Send tasks to the real worker for the length of one test."""
    from kiallianz.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    yield celery_worker_process
    app.conf.task_always_eager = True


# --- Query counts --------------------------------------------------------


@pytest.fixture
def count_queries():
    """Number of queries a GET issues: list pages must not grow with rows.

    Usage: ``assert count_queries(client, url) == count_queries(client, url)``
    after adding rows between the two calls.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url: str, **params) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        return len(context.captured_queries)

    return count
