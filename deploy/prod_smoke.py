"""`make prod-smoke`: the production stack on this machine, probed end to end.

Starts its own Redis (a private port), uses the running PostgreSQL with its
own database, runs migrate/collectstatic/load_demo with DEBUG off, starts
gunicorn (deploy/gunicorn.conf.py, 2 workers), one Celery worker and beat
(schedule in a state directory), then probes /healthz, a login, a page, a
report export round trip and the public feeds. Everything it started is
stopped again, and its database dropped, whatever the outcome.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

import requests

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE = os.environ.get("SMOKE_DATABASE", "kiallianz_prod_smoke")
PG = os.environ.get("SMOKE_PG", "postgres://postgres@127.0.0.1:5432")
PASSWORD = "kiallianz-demo"  # noqa: S105 - the documented demo password
STEP_TIMEOUT = 120
PSQL = shutil.which("psql") or "/usr/bin/psql"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    def __init__(self, *, web_port: int | None = None, redis_port: int | None = None) -> None:
        self.state = Path(tempfile.mkdtemp(prefix="kiallianz-smoke-"))
        self.redis_port = redis_port or free_port()
        self.web_port = web_port or free_port()
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.database_created = False
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "kiallianz.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{PG}/{DATABASE}",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/1",
            "CELERY_RESULT_BACKEND": f"redis://127.0.0.1:{self.redis_port}/2",
            "CELERY_TASK_DEFAULT_QUEUE": "celery",
            # Console and file backends refuse to start with DEBUG off.
            "EMAIL_URL": "dummymail://",
            "MEDIA_ROOT": str(self.state / "media"),
            "GUNICORN_BIND": f"127.0.0.1:{self.web_port}",
            "GUNICORN_WORKERS": "2",
            "CELERY_BEAT_SCHEDULE_FILENAME": str(self.state / "beat" / "celerybeat-schedule"),
            "DEMO_PASSWORD": PASSWORD,
            "LOG_LEVEL": "WARNING",
        }
        for name in ("STORAGE_URL", "AWS_STORAGE_BUCKET_NAME"):
            self.env.pop(name, None)
        (self.state / "beat").mkdir()
        self.base = f"http://127.0.0.1:{self.web_port}"

    # --- processes ---------------------------------------------------------

    def start(self, name: str, args: list[str]) -> None:
        log = open(self.state / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            args,
            cwd=PROJECT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process))

    def run(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - fixed arguments
            [PYTHON, "manage.py", *args], cwd=PROJECT, env=self.env, check=True, timeout=600
        )

    def psql(self, sql: str) -> None:
        subprocess.run(  # noqa: S603 - fixed arguments
            [PSQL, f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True,
            timeout=60,
            capture_output=True,
        )

    def up(self) -> None:
        self.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.state),
            ],
        )
        wait_for(lambda: port_open(self.redis_port), "Redis")
        self.psql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        self.psql(f'CREATE DATABASE "{DATABASE}"')
        self.database_created = True
        self.run("migrate", "--no-input", "-v", "0")
        self.run("collectstatic", "--no-input", "-v", "0")
        self.run("load_demo", "--force")
        self.start(
            "web", [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "kiallianz.wsgi"]
        )
        self.start(
            "worker",
            [PYTHON, "-m", "celery", "-A", "kiallianz", "worker", "--loglevel=INFO",
             "--concurrency=1", "--without-mingle", "--without-gossip", "-n", "smoke@%h"],
        )  # fmt: skip
        self.start(
            "beat",
            [PYTHON, "-m", "celery", "-A", "kiallianz", "beat", "--loglevel=INFO",
             "--schedule", self.env["CELERY_BEAT_SCHEDULE_FILENAME"]],
        )  # fmt: skip
        wait_for(lambda: port_open(self.web_port), "gunicorn")

    def down(self) -> None:
        for name, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            print(f"   gestoppt: {name}")
        if self.database_created:
            self.psql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        shutil.rmtree(self.state, ignore_errors=True)

    def dump_logs(self) -> None:
        for name, _process in self.processes:
            path = self.state / f"{name}.log"
            if path.exists():
                print(f"--- {name}.log (Ende)")
                print("\n".join(path.read_text(errors="replace").splitlines()[-30:]))


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(check, what: str, timeout: float = STEP_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise SystemExit(f"prod-smoke: {what} nicht bereit nach {timeout:.0f} s")


class Browser:
    """HTTP as behind the TLS proxy: X-Forwarded-Proto https, cookies kept
    even though they are marked Secure."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {
            "X-Forwarded-Proto": "https",
            "Referer": "https://127.0.0.1" + path,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        host = self.base.split("://", 1)[1]
        headers["Referer"] = f"https://{host}{path}"
        headers["Origin"] = f"https://{host}"
        response = requests.request(
            method, urljoin(self.base, path), headers=headers, allow_redirects=False,
            timeout=30, **kwargs,
        )  # fmt: skip
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def csrf(self, path: str) -> str:
        html = self.request("GET", path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"prod-smoke: FEHLER: {message}")
    print(f"   ok: {message}")


def second_factor(web: Browser) -> None:
    """Office staff need a second factor with DEBUG off: set it up as a user would."""
    from base64 import b32decode

    from django_otp.oath import totp

    sent_to = web.request("GET", "/").headers.get("Location", "")
    check(
        sent_to.startswith("/accounts/2fa/setup/"), "office ohne 2FA wird zur Einrichtung geschickt"
    )
    page = web.request("GET", "/accounts/2fa/setup/").text
    secret = re.search(r'id="totp-secret">([^<]+)<', page).group(1).replace(" ", "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    code = f"{totp(b32decode(secret)):06d}"
    confirmed = web.request(
        "POST", "/accounts/2fa/setup/", data={"token": code, "csrfmiddlewaretoken": token}
    )
    check(
        confirmed.status_code == 200 and 'id="recovery-codes"' in confirmed.text, "2FA eingerichtet"
    )


def probe(stack: Stack) -> None:
    web = Browser(stack.base)
    health = wait_for(
        lambda: (r := web.request("GET", "/healthz")).status_code == 200 and r, "/healthz"
    )
    check(
        health.json() == {"database": "ok", "broker": "ok", "cache": "ok", "status": "ok"},
        f"/healthz {health.json()}",
    )
    check(web.request("GET", "/").status_code == 302, "/ leitet Anonyme zur Anmeldung")
    token = web.csrf("/accounts/login/")
    login = web.request(
        "POST",
        "/accounts/login/",
        data={"username": "office", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    check(login.status_code == 302 and "sessionid" in web.cookies, "Anmeldung als office")
    second_factor(web)
    for page in ("/", "/contacts/"):
        response = web.request("GET", page)
        check(response.status_code == 200, f"{page} 200 ({response.elapsed.total_seconds():.2f} s)")

    reports = web.request("GET", "/reports/").text
    edition = re.search(r'href="/reports/(\d+)/"', reports).group(1)
    token = web.csrf(f"/reports/{edition}/")
    started = time.monotonic()
    created = web.request(
        "POST", f"/reports/{edition}/export/", data={"format": "xlsx", "csrfmiddlewaretoken": token}
    )
    export_id = re.search(r"#export-(\d+)", created.headers.get("Location", "")).group(1)

    def finished():
        html = web.request("GET", f"/reports/exports/{export_id}/status/").text
        status = re.search(r'data-status="(\w+)"', html).group(1)
        return status if status in ("done", "failed") else None

    status = wait_for(finished, "Berichtsexport")
    check(status == "done", f"Export {export_id} fertig in {time.monotonic() - started:.1f} s")
    download = web.request("GET", f"/reports/exports/{export_id}/download/")
    check(download.status_code == 200 and download.content[:2] == b"PK", "Export heruntergeladen")

    for feed in (
        "/events/feed.ics",
        "/events/feed/karlsruhe.ics",
        "/api/public/events.json",
        "/api/public/partners.json",
    ):
        response = Browser(stack.base).request("GET", feed)
        check(response.status_code == 200, f"{feed} 200")
    schedule = list((stack.state / "beat").glob("celerybeat-schedule*"))
    check(bool(schedule), "beat schreibt seinen Zeitplan ins Zustandsverzeichnis")


def main() -> int:
    began = time.monotonic()
    stack = Stack()
    ok = False
    try:
        print("== prod-smoke: Stack starten")
        stack.up()
        print("== prod-smoke: Prüfungen")
        probe(stack)
        ok = True
    finally:
        if not ok:
            stack.dump_logs()
        print("== prod-smoke: Stack stoppen")
        stack.down()
    print(f"== prod-smoke: bestanden in {time.monotonic() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
