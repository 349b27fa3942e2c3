"""Security headers on a sample of pages and downloads, and no inline script."""

import re

import pytest
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from events.tests.factories import EventFactory
from kiallianz.tests.factories import AdminUserFactory
from partners.tests.factories import PartnerFactory

INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_hardened(response, *, personal: bool = True) -> None:
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives.get("style-src", [])
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    if personal:
        assert "no-store" in response["Cache-Control"]


@pytest.fixture
def sample(region, cm_user):
    organisation = OrganisationFactory(region=region)
    person = PersonFactory(organisation=organisation)
    first_contact = FirstContactFactory(region=region, organisation=organisation, persons=[person])
    event = EventFactory(region=region)
    partner = PartnerFactory(organisation=organisation)
    return {
        "person": person,
        "organisation": organisation,
        "first_contact": first_contact,
        "event": event,
        "partner": partner,
    }


def signed_in_urls(sample) -> list[str]:
    return [
        "/",
        "/contacts/",
        "/contacts/?format=csv",
        "/contacts/?format=xlsx",
        "/contacts/new/",
        "/contacts/quality/",
        "/contacts/follow-ups/",
        reverse("contacts:first_contact_detail", args=[sample["first_contact"].pk]),
        reverse("contacts:organisation_detail", args=[sample["organisation"].pk]),
        reverse("contacts:person_detail", args=[sample["person"].pk]),
        reverse("contacts:person_export", args=[sample["person"].pk, "json"]),
        "/contacts/persons/",
        "/events/",
        reverse("events:event_detail", args=[sample["event"].pk]),
        reverse("events:event_update", args=[sample["event"].pk]),
        "/partners/",
        reverse("partners:partner_detail", args=[sample["partner"].pk]),
        "/targets/",
        "/reports/",
        "/accounts/password_change/",
        "/accounts/2fa/setup/",
    ]


def test_every_signed_in_page_and_download_is_hardened(office_client, sample):
    for url in signed_in_urls(sample):
        response = office_client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_hardened(response)
        if response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            assert not INLINE_SCRIPT.search(page), url
            assert not INLINE_HANDLER.search(page), url
            assert "<style" not in page, url


def test_the_admin_is_hardened(client, db):
    client.force_login(AdminUserFactory(username="root"))
    for url in ("/admin/", "/admin/contacts/person/", "/admin/kiallianz/user/add/"):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_hardened(response)


@pytest.mark.django_db
def test_anonymous_pages_are_hardened(client):
    for url in ("/accounts/login/", "/accounts/password_reset/"):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_hardened(response)
        assert not INLINE_SCRIPT.search(response.content.decode())


@pytest.mark.django_db
def test_public_feeds_keep_their_own_caching_and_the_policy(client):
    for url in ("/api/public/events.json", "/api/public/partners.json", "/events/feed.ics"):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_hardened(response, personal=False)
        assert "public" in response["Cache-Control"]


def test_no_template_has_inline_script_or_handlers():
    """The CSP blocks them: behaviour belongs in static/js (README, Production)."""
    from pathlib import Path

    project = Path(__file__).resolve().parents[2]
    # Rendered by WeasyPrint only, never sent to a browser.
    print_only = {"document_pdf.html", "person_export_pdf.html"}
    offenders = []
    for template in project.glob("*/templates/**/*.html"):
        if ".venv" in template.parts or template.name in print_only:
            continue
        text = template.read_text()
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text) or "<style" in text:
            offenders.append(str(template.relative_to(project)))
    assert offenders == []
