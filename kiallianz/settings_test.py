"""Test settings: the embedded defaults, fast and deterministic."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")
# Tests run as production does (DEBUG off), whatever a checkout's .env says.
os.environ["DEBUG"] = "false"
# Console and file mail backends refuse to start with DEBUG off.
os.environ["EMAIL_URL"] = "memorymail://"

from kiallianz.settings import *  # noqa: F403
from kiallianz.settings import MEDIA_ROOT

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
