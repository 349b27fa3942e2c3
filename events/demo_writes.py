"""Writes used by the demo loader, with the signatures of ``events.services``.

The calendar services (``event_create``, ``event_photo_add``,
``ki_challenge_round_create``) are built in parallel on another branch. Until
they are merged the demo loader writes through these stand-ins: same names,
same keyword arguments, same rule (``full_clean()`` then ``save()`` in one
transaction, size category from ``events.sizing``). Once the services exist,
``events/demo.py`` only has to import them from ``events.services`` instead.
"""

from collections.abc import Iterable

from django.db import transaction

from contacts.models import Organisation
from contacts.normalize import normalize_organisation_name
from events.models import Event, EventPhoto, EventWorkPackage, KIChallengeRound
from events.sizing import effective_size_category


@transaction.atomic
def event_create(
    *,
    user,
    data: dict,
    co_organisers: Iterable[Organisation] = (),
    organisations: Iterable[Organisation] = (),
    speakers=(),
    offers=(),
    work_packages: Iterable[int] = (),
) -> Event:
    event = Event(**data, created_by=user)
    event.size_category = effective_size_category(event)
    event.full_clean()
    event.save()
    event.co_organisers.set(co_organisers)
    event.organisations.set(organisations)
    event.speakers.set(speakers)
    event.offers.set(offers)
    for number in sorted(set(work_packages)):
        package = EventWorkPackage(event=event, number=number)
        package.full_clean(validate_unique=False)
        package.save()
    return event


@transaction.atomic
def event_photo_add(*, event: Event, image, caption: str, credit: str = "", position=None):
    if position is None:
        last = event.photos.order_by("-position").values_list("position", flat=True).first()
        position = 0 if last is None else last + 1
    photo = EventPhoto(event=event, image=image, caption=caption, credit=credit, position=position)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def ki_challenge_round_create(
    *, data: dict, partners: Iterable[Organisation] = (), events: Iterable[Event] = ()
) -> KIChallengeRound:
    ki_round = KIChallengeRound(**data)
    ki_round.full_clean()
    ki_round.save()
    ki_round.partners.set(partners)
    ki_round.events.set(events)
    return ki_round


@transaction.atomic
def organisation_find_or_create(
    *, name: str, kind: str, region=None, city: str = ""
) -> tuple[Organisation, bool]:
    """Match by normalised name first: the contacts demo may have created it."""
    normalized = normalize_organisation_name(name)
    existing = Organisation.objects.filter(normalized_name=normalized).order_by("id").first()
    if existing is not None:
        return existing, False
    organisation = Organisation(
        name=name, normalized_name=normalized, kind=kind, region=region, city=city
    )
    organisation.full_clean()
    organisation.save()
    return organisation, True
