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
