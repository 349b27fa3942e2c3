"""Test settings: the embedded defaults, fast and deterministic."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")
# Tests run as production does (DEBUG off), whatever a checkout's .env says.
os.environ["DEBUG"] = "false"
# Console and file mail backends refuse to start with DEBUG off.
os.environ["EMAIL_URL"] = "memorymail://"

from kiallianz.settings import *  # noqa: F403
from kiallianz.settings import DATABASES, MEDIA_ROOT

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests enqueue tasks in-process unless a test asks for the real worker
# (see the celery_worker fixture in conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
# Tests run in-process tasks synchronously; one test covers the thread.
EAGER_TASKS_IN_THREAD = False
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", str(MEDIA_ROOT) + "-test")
LANGUAGE_CODE = "de"
# The second factor is switched on per test (see kiallianz/tests/test_twofactor.py):
# most tests sign office users in with force_login.
TWO_FACTOR_REQUIRED = False
# Tests run inside a transaction that never commits, so the data generation
# (kiallianz/caching.py) would not move on between a write and the next page;
# the tests of the response cache switch it on and run the commit hooks.
RESPONSE_CACHE_SECONDS = 0

# Browser tests run a live server in a second thread. Django's default SQLite
# test database lives in memory with a shared cache, and pytest-django hands
# the test thread's one connection to the server thread: two threads on one
# connection, and SQLite's shared cache locks whole tables. A test writing
# (the browser export test plays the worker) while the server thread read the
# polled export failed now and then with „database table is locked:
# reporting_reportexport“ (issue 16, defect 10). A test database in a file
# gives every thread its own connection; the WAL journal, the busy timeout and
# IMMEDIATE transactions of kiallianz/settings.py then let readers go on while
# one writer waits for the other, as in the embedded production setup. One
# file per test process, so that two runs in one checkout do not meet.
# PostgreSQL (DATABASE_URL) is left as it is.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"kiallianz-test-{os.getpid()}.sqlite3")
    }
    # A test database need not survive a power cut: no waiting for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=OFF;PRAGMA foreign_keys=ON;"
    )
