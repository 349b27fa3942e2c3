import datetime

import pytest
from django.template.loader import render_to_string

from contacts.extensions import organisation_panels
from contacts.tests.factories import OrganisationFactory
from partners.services import partner_end
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def _render(organisation, user) -> str:
    [(panel, context)] = [
        (panel, context)
        for panel, context in organisation_panels(organisation, user)
        if panel.key == "partner"
    ]
    return render_to_string(panel.template_name, {**context, "user": user})


def test_it_shows_an_active_partnership(cm_user):
    partner = PartnerFactory(since=datetime.date(2024, 3, 13), category="chamber")
    html = _render(partner.organisation, cm_user)
    assert "aktive Partner:in" in html and "13. März 2024" in html and "Kammer" in html
    assert f"/partners/{partner.pk}/" in html


def test_it_shows_an_ended_partnership(cm_user):
    partner = PartnerFactory(since=datetime.date(2024, 1, 1))
    partner_end(partner=partner, ended=datetime.date(2024, 6, 30))
    html = _render(partner.organisation, cm_user)
    assert "Partnerschaft beendet" in html and "30. Juni 2024" in html


def test_it_offers_the_office_to_record_a_partner(office_user, cm_user):
    organisation = OrganisationFactory()
    assert f"?organisation={organisation.pk}" in _render(organisation, office_user)


def test_it_offers_a_community_manager_partners_of_their_own_regions_only(
    cm_user, region, other_region
):
    own = OrganisationFactory(region=region)
    other = OrganisationFactory(region=other_region)
    assert "Als Partner:in erfassen" in _render(own, cm_user)
    assert "Als Partner:in erfassen" not in _render(other, cm_user)
