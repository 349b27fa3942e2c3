"""The event form names its errors at the top, linked to the fields (issue 16)."""

import pytest
from django.urls import reverse

from events.models import Event
from events.tests.views_support import form_data
from kiallianz.tests.a11y import error_summary

pytestmark = pytest.mark.django_db


def test_the_event_form_links_each_error_to_its_field(cm_client, region):
    data = form_data(region, title="", end_date="2024-10-01", actual_participants="-3")
    response = cm_client.post(reverse("events:event_create"), data)
    assert response.status_code == 200
    links = dict(error_summary(response.text))
    assert links["#id_title"] == "Titel: Dieses Feld ist zwingend erforderlich."
    assert "#id_actual_participants" in links
    assert not Event.objects.exists()
