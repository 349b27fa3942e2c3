"""Writes on the calendar: events, photos, first-contact links, KI-Challenge rounds.

Every write validates the whole object (``full_clean``) before it saves, in
one transaction, so bad input leaves nothing half-saved. Updates take the
version the edit form was rendered from (optimistic locking) and raise the
iCal SEQUENCE whenever something changed, so calendar apps pick it up.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventPhoto, EventWorkPackage, KIChallengeRound
from events.sizing import effective_size_category
from kiallianz.versioning import apply_fields, bump_version, check_version, save_versioned

# Fields a caller may set through ``data``; everything else is kept by us.
EVENT_DATA_FIELDS = frozenset(
    {
        "title",
        "kind",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "venue",
        "city",
        "area",
        "region",
        "region_id",
        "country",
        "is_online",
        "alliance_role",
        "status",
        "expected_participants",
        "actual_participants",
        "programme_hours",
        "promoted_beyond_region",
        "size_override",
        "size_override_reason",
        "topics",
        "report_text",
        "notes",
        "is_public",
        "public_description",
        "url",
    }
)
# Columns an update writes besides the changed data fields.
EVENT_BOOKKEEPING_FIELDS = ["size_category", "sequence"]

KI_CHALLENGE_DATA_FIELDS = frozenset(
    {
        "region",
        "region_id",
        "title",
        "theme",
        "start_date",
        "end_date",
        "venue",
        "city",
        "status",
        "report_text",
    }
)


def _check_fields(data: dict, allowed: frozenset) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"Unbekannte Felder: {', '.join(sorted(unknown))}")


def event_prepare(event: Event) -> list[str]:
    """Derived columns of an event (the size category from the size rules);
    returns those that changed. The services, the admin and the calendar
    import call it."""
    new_size = effective_size_category(event)
    if new_size == event.size_category:
        return []
    event.size_category = new_size
    return ["size_category"]


def event_save_changed(event: Event, *, fields: Iterable[str], version: int) -> None:
    """Save a changed event: calendar apps see the change by a higher SEQUENCE."""
    event.sequence += 1
    save_versioned(event, fields={*fields, *EVENT_BOOKKEEPING_FIELDS}, version=version)


def _set_relations(instance, relations) -> bool:
    """Set the many-to-many ``relations`` given (None: keep); whether any changed."""
    changed = False
    for relation, objects in relations:
        if objects is None:
            continue
        manager = getattr(instance, relation)
        wanted = list(objects)
        if _ids(wanted) != set(manager.values_list("pk", flat=True)):
            manager.set(wanted)
            changed = True
    return changed


def _ids(objects: Iterable) -> set:
    return {getattr(obj, "pk", obj) for obj in objects}


def _set_work_packages(event: Event, numbers: Iterable[int]) -> None:
    wanted = {int(n) for n in numbers}
    event.work_packages.exclude(number__in=wanted).delete()
    existing = set(event.work_packages.values_list("number", flat=True))
    EventWorkPackage.objects.bulk_create(
        EventWorkPackage(event=event, number=number) for number in sorted(wanted - existing)
    )


def _check_work_packages(numbers: Iterable[int]) -> list[int]:
    valid = {choice.value for choice in EventWorkPackage.Number}
    cleaned = [int(n) for n in numbers]
    if any(n not in valid for n in cleaned):
        raise ValidationError(
            {"work_packages": _("Unbekanntes Arbeitspaket (erlaubt: AP1 bis AP5).")}
        )
    return cleaned


@transaction.atomic
def event_create(
    *,
    user,
    data: dict,
    co_organisers: Iterable = (),
    organisations: Iterable = (),
    speakers: Iterable = (),
    offers: Iterable = (),
    work_packages: Iterable[int] = (),
    first_contacts: Iterable = (),
) -> Event:
    """Validate and save a new event; the size category follows the size rules."""
    _check_fields(data, EVENT_DATA_FIELDS)
    numbers = _check_work_packages(work_packages)
    event = Event(created_by=user if getattr(user, "pk", None) else None)
    for name, value in data.items():
        setattr(event, name, value)
    event_prepare(event)
    event.full_clean()
    event.save()
    event.co_organisers.set(co_organisers)
    event.organisations.set(organisations)
    event.speakers.set(speakers)
    event.offers.set(offers)
    event.first_contacts.set(first_contacts)
    _set_work_packages(event, numbers)
    return event


@transaction.atomic
def event_update(
    *,
    user,
    event: Event,
    data: dict,
    version: int | None,
    co_organisers: Iterable | None = None,
    organisations: Iterable | None = None,
    speakers: Iterable | None = None,
    offers: Iterable | None = None,
    work_packages: Iterable[int] | None = None,
    first_contacts: Iterable | None = None,
) -> Event:
    """Apply changes; refuse a stale version; raise SEQUENCE and version if anything changed.

    Relations passed as ``None`` stay as they are.
    """
    _check_fields(data, EVENT_DATA_FIELDS)
    # Compare with the stored row: a ModelForm already changed the instance.
    event = Event.objects.get(pk=event.pk)
    check_version(event, version)
    numbers = _check_work_packages(work_packages) if work_packages is not None else None
    changed_fields = apply_fields(event, data, allowed=EVENT_DATA_FIELDS)
    changed_fields += event_prepare(event)
    event.full_clean()
    relations_changed = _set_relations(
        event,
        (
            ("co_organisers", co_organisers),
            ("organisations", organisations),
            ("speakers", speakers),
            ("offers", offers),
            ("first_contacts", first_contacts),
        ),
    )
    if numbers is not None and set(numbers) != set(
        event.work_packages.values_list("number", flat=True)
    ):
        _set_work_packages(event, numbers)
        relations_changed = True
    if changed_fields or relations_changed:
        event_save_changed(event, fields=changed_fields, version=event.version)
    return event


@transaction.atomic
def event_first_contacts_link(*, user, event: Event, first_contacts: Iterable) -> Event:
    """Add first contacts made at the event (already linked ones stay)."""
    linked = set(event.first_contacts.values_list("pk", flat=True))
    new = [fc for fc in first_contacts if fc.pk not in linked]
    if new:
        event.first_contacts.add(*new)
        bump_version(event)
    return event


@transaction.atomic
def event_first_contact_unlink(*, user, event: Event, first_contact) -> Event:
    event.first_contacts.remove(first_contact)
    bump_version(event)
    return event


@transaction.atomic
def event_photo_add(
    *, event: Event, image, caption: str, credit: str = "", position: int | None = None
) -> EventPhoto:
    """Attach a photo; without a position it goes after the last one."""
    if position is None:
        last = event.photos.order_by("-position").values_list("position", flat=True).first()
        position = 0 if last is None else last + 1
    photo = EventPhoto(event=event, image=image, caption=caption, credit=credit, position=position)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def event_photo_update(
    *, photo: EventPhoto, caption: str, credit: str = "", position: int | None = None
) -> EventPhoto:
    photo.caption = caption
    photo.credit = credit
    if position is not None:
        photo.position = position
    photo.full_clean()
    photo.save(update_fields=["caption", "credit", "position"])
    return photo


@transaction.atomic
def event_photo_move(*, photo: EventPhoto, direction: int) -> None:
    """Swap a photo with its neighbour (direction -1 = earlier, +1 = later)."""
    photos = list(EventPhoto.objects.filter(event_id=photo.event_id).order_by("position", "id"))
    index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
    target = index + direction
    if not 0 <= target < len(photos):
        return
    photos[index], photos[target] = photos[target], photos[index]
    for position, item in enumerate(photos):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def event_photo_delete(*, photo: EventPhoto) -> None:
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    # The file goes only once the row is really gone.
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def ki_challenge_round_create(
    *, user=None, data: dict, partners: Iterable = (), events: Iterable = ()
) -> KIChallengeRound:
    _check_fields(data, KI_CHALLENGE_DATA_FIELDS)
    challenge_round = KIChallengeRound()
    for name, value in data.items():
        setattr(challenge_round, name, value)
    challenge_round.full_clean()
    challenge_round.save()
    challenge_round.partners.set(partners)
    challenge_round.events.set(events)
    return challenge_round


@transaction.atomic
def ki_challenge_round_update(
    *,
    user=None,
    challenge_round: KIChallengeRound,
    data: dict,
    version: int | None,
    partners: Iterable | None = None,
    events: Iterable | None = None,
) -> KIChallengeRound:
    _check_fields(data, KI_CHALLENGE_DATA_FIELDS)
    challenge_round = KIChallengeRound.objects.get(pk=challenge_round.pk)
    check_version(challenge_round, version)
    changed_fields = apply_fields(challenge_round, data, allowed=KI_CHALLENGE_DATA_FIELDS)
    challenge_round.full_clean()
    relations_changed = _set_relations(
        challenge_round, (("partners", partners), ("events", events))
    )
    if changed_fields or relations_changed:
        save_versioned(challenge_round, fields=changed_fields, version=challenge_round.version)
    return challenge_round
