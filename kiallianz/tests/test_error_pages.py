"""Error answers: a refused request is one log line, a wrong method a German page."""

import logging

import pytest
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory


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


@pytest.mark.django_db
def test_it_keeps_other_request_warnings_as_they_are(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")

    client.get("/gibt-es-nicht/")

    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Not Found: /gibt-es-nicht/"
