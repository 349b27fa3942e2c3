"""Error answers: a refused request is one log line, a wrong method a German page."""

import logging
from pathlib import Path

import pytest
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory, OrganisationFactory


@pytest.mark.django_db
def test_it_logs_a_403_in_one_line_without_traceback(cm_client, cm_user, other_region, caplog):
    organisation = OrganisationFactory(region=other_region)
    url = reverse("contacts:organisation_edit", args=[organisation.pk])
    caplog.set_level(logging.WARNING, logger="django.request")

    response = cm_client.get(url + "?q=erika@beispiel.de")

    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    record = records[0]
    assert record.exc_info is None and record.exc_text is None
    assert record.getMessage() == f"403 Forbidden: {url} user={cm_user.pk} reason=-"
    # What the console handler prints: one line, no query string, no traceback.
    printed = logging.Formatter().format(record)
    assert "\n" not in printed
    assert "Traceback" not in printed and "erika" not in printed


def test_the_console_prints_each_django_line_once():
    # Django's DEFAULT_LOGGING gives the "django" logger a console handler of
    # its own in DEBUG; with the root handler every line was printed twice.
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django").propagate


@pytest.mark.django_db
def test_it_keeps_other_request_warnings_as_they_are(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")

    client.get("/gibt-es-nicht/")

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Not Found: /gibt-es-nicht/"


@pytest.mark.django_db
def test_a_get_on_a_post_only_address_gets_the_german_error_page(office_client):
    url = reverse("contacts:first_contact_review", args=[FirstContactFactory().pk])

    response = office_client.get(url)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert 'id="error-page"' in html
    assert "Aktion nicht möglich" in html
    assert "lässt sich nicht direkt aufrufen" in html


@pytest.mark.django_db
def test_a_get_on_logout_gets_the_page_signed_out_too(client):
    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "Aktion nicht möglich" in response.content.decode()


@pytest.mark.django_db
def test_the_site_has_a_favicon(client, settings):
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert '<link rel="icon" href="/static/img/favicon-32.png" type="image/png"' in page
    for name in ("favicon.svg", "favicon-32.png", "apple-touch-icon.png"):
        assert (Path(settings.BASE_DIR) / "static" / "img" / name).is_file(), name

    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
