import datetime

import factory

from contacts.models import FirstContact, FirstContactPotential, Organisation, Person
from contacts.normalize import normalize_organisation_name
from kiallianz.tests.factories import CommunityManagerFactory, RegionFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Beispiel Organisation {n} GmbH")
    normalized_name = factory.LazyAttribute(lambda o: normalize_organisation_name(o.name))
    kind = Organisation.Kind.COMPANY
    city = "Karlsruhe"
    postcode = "76131"
    region = factory.SubFactory(RegionFactory, name="Karlsruhe", slug="karlsruhe")
    website = factory.Sequence(lambda n: f"https://org{n}.example.com")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    organisation = factory.SubFactory(OrganisationFactory)


class FirstContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FirstContact
        skip_postgeneration_save = True

    date = datetime.date(2024, 6, 12)
    organisation = factory.SubFactory(OrganisationFactory)
    region = factory.LazyAttribute(lambda fc: fc.organisation.region or RegionFactory())
    community_manager = factory.SubFactory(CommunityManagerFactory)
    occasion = FirstContact.Occasion.COMPANY_VISIT
    content = "Vorstellung der Angebote, Interesse an der KI-Challenge."

    @factory.post_generation
    def persons(self, create, extracted, **kwargs):
        if create and extracted:
            self.persons.set(extracted)

    @factory.post_generation
    def offers(self, create, extracted, **kwargs):
        if create and extracted:
            self.offers.set(extracted)

    @factory.post_generation
    def potentials(self, create, extracted, **kwargs):
        if create and extracted:
            for potential in extracted:
                FirstContactPotential.objects.create(first_contact=self, potential=potential)
