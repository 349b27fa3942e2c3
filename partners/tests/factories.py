import datetime

import factory

from contacts.tests.factories import OrganisationFactory
from partners.models import Partner, PartnerCategory, PartnershipSpan


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner with one open span since ``since`` (pass ``since=None`` for none)."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    category = PartnerCategory.NETWORK
    is_public = True
    public_description = "Netzwerk für KI im Mittelstand."

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            self.regions.set(extracted)
        elif self.organisation.region_id and not self.is_statewide:
            self.regions.set([self.organisation.region_id])

    @factory.post_generation
    def since(self, create, extracted, **kwargs):
        if create and extracted is not False:
            PartnershipSpan.objects.create(
                partner=self, since=extracted or datetime.date(2024, 3, 1)
            )


class PartnershipSpanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipSpan

    partner = factory.SubFactory(PartnerFactory, since=False)
    since = datetime.date(2024, 1, 1)
