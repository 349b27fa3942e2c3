"""`make screenshots`: rewrite docs/screenshots/*.png from the demo data.

Loads the demo into a temporary SQLite database, starts the development
server on a free port, drives Debian's chromium through Playwright and
writes one PNG per page (viewport only: 1280×800 on the desktop, 390×844
on a phone), then stops the server and removes the temporary files. The
README's gallery shows these files.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The demo reproduces the 2024 report; its figures are as of 19 Feb 2025.
DEMO_PERIOD = "?year=2024&as_of=2025-02-19"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True)  # noqa: S603


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"Der Server antwortet nicht: {url}")


def demo_paths(env: dict) -> dict[str, str]:
    """The pages to show, with the ids of demo records read from the database."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kiallianz.settings"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.urls import reverse

    from events.models import Event
    from partners.models import Partner
    from reporting.models import ReportEdition

    event = Event.objects.filter(photos__isnull=False).order_by("start_date").first()
    event = event or Event.objects.order_by("start_date").first()
    partner = Partner.objects.filter(logo__gt="").order_by("pk").first()
    partner = partner or Partner.objects.order_by("pk").first()
    edition = ReportEdition.objects.filter(year=2024).first() or ReportEdition.objects.first()
    return {
        "dashboard": reverse("reporting:dashboard") + DEMO_PERIOD,
        "contacts": reverse("contacts:index"),
        "organisations": reverse("contacts:organisation_list"),
        "capture": reverse("contacts:first_contact_create"),
        "quality": reverse("contacts:quality_queue"),
        "duplicates": reverse("contacts:duplicate_suggestions"),
        "partner": reverse("partners:partner_detail", args=[partner.pk]),
        "month": reverse("events:month", args=[2024, 10]),
        "event": reverse("events:event_detail", args=[event.pk]),
        "edition": reverse("reporting:edition_detail", args=[edition.pk]),
    }


def login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def shoot(browser, base, password, role, viewport, shots, language="de"):
    context = browser.new_context(
        viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin", device_scale_factor=1
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    # Generous: on a busy machine the development server answers slowly.
    context.set_default_timeout(90_000)
    page = context.new_page()
    login(page, base, role, password)
    for name, path, prepare in shots:
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        if prepare:
            prepare(page)
        page.screenshot(path=str(OUTPUT / name), full_page=False, animations="disabled")
        shrink(OUTPUT / name)
        print(f"  {name}")
    context.close()


def shrink(path: Path) -> None:
    """256 colours are plenty for a screenshot of the UI: about half the bytes."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    small.save(path, optimize=True)


def type_a_capture(page) -> None:
    page.get_by_label("Organisation suchen").fill("Werk")
    page.locator("#org-matches [data-org-id]").first.wait_for()


def plan(paths: dict[str, str]) -> list[tuple]:
    """(user, screen, language, [(file, path, preparation)]) per browser context."""
    return [
        (
            "office",
            DESKTOP,
            "de",
            [
                ("dashboard-office.png", paths["dashboard"], None),
                ("contacts-list.png", paths["contacts"], None),
                ("organisations-filter-collapsed.png", paths["organisations"], None),
                ("quality-queue.png", paths["quality"], None),
                ("duplicates.png", paths["duplicates"], None),
                ("report-edition.png", paths["edition"], None),
                ("partner-page.png", paths["partner"], None),
                ("events-month.png", paths["month"], None),
                ("event-page.png", paths["event"], None),
            ],
        ),
        ("office", DESKTOP, "en", [("dashboard-english.png", paths["dashboard"], None)]),
        (
            "cm-karlsruhe",
            PHONE,
            "de",
            [
                ("phone-capture.png", paths["capture"], type_a_capture),
                ("phone-month-agenda.png", paths["month"], None),
            ],
        ),
    ]


def main() -> None:
    from playwright.sync_api import sync_playwright

    temp = Path(tempfile.mkdtemp(prefix="kiallianz-screenshots-"))
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{temp / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(temp / "media"),
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
    }
    server = None
    try:
        print("Demo-Daten werden geladen …")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo")
        paths = demo_paths(env)
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz")
        # The demo password, as load_demo sets it (kiallianz/demo/registry.py).
        password = os.environ.get("DEMO_PASSWORD") or "kiallianz-demo"
        print(f"Bildschirmfotos nach {OUTPUT.relative_to(PROJECT)}:")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--lang=de-DE"],
            )
            for role, viewport, language, shots in plan(paths):
                shoot(browser, base, password, role, viewport, shots, language)
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
