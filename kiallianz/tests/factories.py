import factory
from django.utils.text import slugify

from kiallianz.models import Offer, Region, User


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.LazyAttribute(lambda region: slugify(region.name))


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Angebot {n}")
    slug = factory.LazyAttribute(lambda offer: slugify(offer.name))
    position = factory.Sequence(lambda n: n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    role = User.Role.COMMUNITY_MANAGER
    password = factory.django.Password("testpass-123")

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)


class CommunityManagerFactory(UserFactory):
    role = User.Role.COMMUNITY_MANAGER


class OfficeUserFactory(UserFactory):
    role = User.Role.OFFICE
    is_staff = True


class AdminUserFactory(UserFactory):
    role = User.Role.ADMIN
    is_staff = True
    is_superuser = True
