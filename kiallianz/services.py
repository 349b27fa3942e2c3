"""Writes on the core models."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils.text import slugify

from kiallianz.models import Offer, Region, User


@transaction.atomic
def region_get_or_create(*, name: str, slug: str = "", is_thematic: bool = False) -> Region:
    slug = slug or slugify(name)
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        region = Region(name=name, slug=slug, is_thematic=is_thematic)
        region.full_clean()
        region.save()
    return region


@transaction.atomic
def offer_get_or_create(*, name: str, position: int = 0, description: str = "") -> Offer:
    slug = slugify(name)
    offer = Offer.objects.filter(slug=slug).first()
    if offer is None:
        offer = Offer(name=name, slug=slug, position=position, description=description)
        offer.full_clean()
        offer.save()
    return offer


@transaction.atomic
def user_create_or_update(
    *,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    regions: Iterable[Region] = (),
) -> User:
    """Create a user, or bring an existing one back to the given state."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.role = role
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.is_active = True
    user.is_staff = role in (User.Role.ADMIN, User.Role.OFFICE)
    user.is_superuser = role == User.Role.ADMIN
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.regions.set(regions)
    return user


def database_statistics_refresh() -> None:
    """Fresh planner statistics after a bulk write (an import). SQLite keeps
    none by itself, and without them it sorts a whole table for a deep page
    it could read in index order (first contacts by organisation, page 400:
    10 -> 3 ms at 20,000); ANALYZE takes about 40 ms there. PostgreSQL's
    autovacuum keeps its own."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
