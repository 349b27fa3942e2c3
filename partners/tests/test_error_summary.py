"""The partner form names its errors at the top, linked to the fields (issue 16)."""

import pytest
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory
from kiallianz.tests.a11y import error_summary
from partners.models import Partner
from partners.tests.views_support import create_data

pytestmark = pytest.mark.django_db


def test_the_partner_form_links_its_errors(cm_client, region):
    organisation = OrganisationFactory(region=region)
    data = create_data(organisation, region, since="kein Datum", regions=[])
    response = cm_client.post(reverse("partners:partner_create"), data)
    assert response.status_code == 200
    links = dict(error_summary(response.text))
    assert "#id_since" in links
    # The regions are a group of checkboxes: the link leads to the first one.
    assert any(href.startswith("#id_regions") for href in links), links
    assert not Partner.objects.exists()
