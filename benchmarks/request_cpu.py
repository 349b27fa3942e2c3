"""CPU cost per request, in-process, with the production settings.

    python benchmarks/request_cpu.py [--requests N] [--profile URL] [--keep]

Wall-clock requests/s on a shared machine say little; the CPU a request
costs does not depend on what else runs. This script calls the WSGI
application of ``kiallianz.wsgi`` directly (DEBUG off, PostgreSQL, Redis as
the cache, the middleware and template loaders of production), signed in as
office staff with a verified second factor, and prints per URL:

- ``py ms``: CPU time of this Python process per request (time.process_time:
  Django, templates, the database driver);
- ``pg ms``: CPU time of the PostgreSQL backend serving the connection per
  request (read from /proc/<backend pid>/stat, so it needs PostgreSQL on
  this host);
- ``queries`` per request;
- ``capacity``: requests/s two cores could serve at that CPU cost
  (2 / (py + pg)), before gunicorn's own work and the client.

The database ``BENCH_DATABASE`` (default ``kiallianz_request_cpu``) on
127.0.0.1 is created, migrated and loaded with the demo data unless
``--keep`` finds it ready; the cache is ``BENCH_REDIS_URL`` (default
``redis://127.0.0.1:6379/10``). ``--profile URL`` prints the top of a
cProfile of that URL instead.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
DATABASE = os.environ.get("BENCH_DATABASE", "kiallianz_request_cpu")
PG = "postgres://postgres@127.0.0.1:5432"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "kiallianz.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"),
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/9"),
        "EMAIL_URL": "dummymail://",
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="kiallianz-bench-media-"),
        "DEMO_PASSWORD": "kiallianz-demo",
        "LOG_LEVEL": "WARNING",
    }
)

STAFF_URLS = ["/", "/contacts/"]
FEED_URLS = [
    "/api/public/events.json",
    "/api/public/partners.json",
    "/events/feed.ics",
    "/events/feed/karlsruhe.ics",
]


def prepare(keep: bool) -> None:
    import psycopg2

    admin = psycopg2.connect(f"{PG}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        exists = cursor.fetchone() is not None
        if exists and not keep:
            cursor.execute(f'DROP DATABASE "{DATABASE}"')
        if not (exists and keep):
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    admin.close()

    import django

    django.setup()
    from django.core.management import call_command

    from kiallianz.models import User

    call_command("migrate", "--no-input", verbosity=0)
    if not User.objects.filter(username="office").exists():
        call_command("load_demo", "--force", stdout=io.StringIO())


def office_cookie() -> str:
    """A session as after login and the second factor."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kiallianz.middleware import IDLE_SESSION_KEY
    from kiallianz.models import User

    user = User.objects.get(username="office")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[IDLE_SESSION_KEY] = int(time.time())
    session.save()
    return f"sessionid={session.session_key}"


def call(application, path: str, cookie: str) -> tuple[str, bytes]:
    from urllib.parse import urlsplit

    parts = urlsplit(path)
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": cookie,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []

    def start_response(line, headers, exc_info=None):
        status.append(line)

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return status[0], body


def backend_cpu() -> float | None:
    """CPU seconds the PostgreSQL backend of Django's connection has used
    (None without an open connection). Connections are replaced after
    CONN_MAX_AGE, so the backend is looked up for every request."""
    from django.db import connection

    if connection.connection is None:
        return None
    pid = connection.connection.get_backend_pid()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(application, path: str, cookie: str, count: int) -> dict:
    from django.db import connection

    call(application, path, cookie)  # warm: templates, caches, connection
    queries = []

    def count_query(execute, sql, *rest):
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count_query):
        status, body = call(application, path, cookie)
    if not status.startswith("200"):
        raise SystemExit(f"{path}: {status}")
    python, wall, postgres = [], [], []
    for _ in range(count):
        before = backend_cpu()
        started, cpu = time.perf_counter(), time.process_time()
        call(application, path, cookie)
        python.append(time.process_time() - cpu)
        wall.append(time.perf_counter() - started)
        after = backend_cpu()
        if before is not None and after is not None and after >= before:
            postgres.append(after - before)
    # /proc counts in clock ticks (10 ms): only the mean over many requests is precise.
    return {
        "py": statistics.median(python),
        "py_mean": statistics.fmean(python),
        "pg": statistics.fmean(postgres) if postgres else 0.0,
        "wall": statistics.median(wall),
        "queries": len(queries),
        "bytes": len(body),
    }


def profile(application, path: str, cookie: str, count: int) -> None:
    cookie = "" if path.startswith(("/api/public/", "/events/feed")) else cookie
    call(application, path, cookie)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(count):
        call(application, path, cookie)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per URL")
    parser.add_argument("--profile", metavar="URL")
    parser.add_argument("--keep", action="store_true", help="reuse a ready database")
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    prepare(args.keep)
    from kiallianz.wsgi import application

    cookie = office_cookie()
    if args.profile:
        profile(application, args.profile, cookie, args.requests)
        return 0
    print(f"load average {os.getloadavg()[0]:.1f}, {args.requests} requests per URL")
    print(
        f"{'URL':30} {'py ms':>7} {'mean':>6} {'pg ms':>6} {'wall ms':>8} {'queries':>7} "
        f"{'bytes':>7} {'capacity/s':>10}"
    )
    for path in args.urls or STAFF_URLS + FEED_URLS:
        public = path.startswith(("/api/public/", "/events/feed"))
        figures = measure(application, path, "" if public else cookie, args.requests)
        cost = figures["py_mean"] + figures["pg"]
        print(
            f"{path:30} {figures['py'] * 1000:7.2f} {figures['py_mean'] * 1000:6.2f} "
            f"{figures['pg'] * 1000:6.2f} {figures['wall'] * 1000:8.2f} {figures['queries']:7d} "
            f"{figures['bytes']:7d} {2 / cost:10.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
