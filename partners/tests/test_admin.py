import pytest

from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory
from partners.admin import PartnerAdminForm
from partners.models import Partner

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_member_as_partner():
    organisation = OrganisationFactory(membership_status=Organisation.MembershipStatus.MEMBER)
    form = PartnerAdminForm(data={"organisation": organisation.pk, "category": "network"})
    assert not form.is_valid()
    assert "nicht Partner:in sein" in str(form.errors["organisation"])
    assert not Partner.objects.exists()


def test_the_admin_lists_partners(admin_client):
    from partners.tests.factories import PartnerFactory

    partner = PartnerFactory()
    assert admin_client.get("/admin/partners/partner/").status_code == 200
    assert admin_client.get(f"/admin/partners/partner/{partner.pk}/change/").status_code == 200


def test_the_admin_refuses_reopening_a_span_of_a_member(admin_client):
    import datetime

    from partners.models import PartnershipSpan
    from partners.services import partner_end
    from partners.tests.factories import PartnerFactory

    partner = PartnerFactory(since=datetime.date(2024, 1, 1))
    span = partner_end(partner=partner, ended=datetime.date(2024, 6, 30))
    Organisation.objects.filter(pk=partner.organisation_id).update(
        membership_status=Organisation.MembershipStatus.MEMBER
    )
    data = {
        "organisation": partner.organisation_id,
        "category": partner.category,
        "regions": [r.pk for r in partner.regions.all()],
        "spans-TOTAL_FORMS": "2",
        "spans-INITIAL_FORMS": "1",
        "spans-MIN_NUM_FORMS": "0",
        "spans-MAX_NUM_FORMS": "1000",
        "spans-0-id": span.pk,
        "spans-0-partner": partner.pk,
        "spans-0-since": "2024-01-01",
        "spans-0-ended": "2024-06-30",
        "spans-1-partner": partner.pk,
        "spans-1-since": "2024-09-01",
    }
    response = admin_client.post(f"/admin/partners/partner/{partner.pk}/change/", data)
    assert response.status_code == 200
    assert "nicht Partner:in sein" in response.content.decode()
    assert PartnershipSpan.objects.count() == 1
