"""Demo calendar: every dated event of the 2024 report (see ``events/demo/data.py``).

Idempotent: an event is matched by (title, start date), a KI-Challenge round
by (title, start date), a photo by its caption on the event; what exists is
left alone. Runs after the contacts demo (order 10) so co-organisers the
contacts demo created are reused (matched by normalised name).
"""

from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from contacts.models import Organisation
from contacts.normalize import normalize_organisation_name
from contacts.services import organisation_create
from events.demo import data as demo_data
from events.demo.photos import placeholder_image
from events.models import INTERNAL_KINDS, Event, EventKind, EventStatus, KIChallengeRound
from events.services import event_create, event_photo_add, ki_challenge_round_create
from kiallianz.demo.registry import demo_loader
from kiallianz.models import Offer, Region, User

# Fields of a record that go straight onto the event.
_EVENT_FIELDS = (
    "title",
    "kind",
    "start_date",
    "end_date",
    "venue",
    "city",
    "area",
    "country",
    "is_online",
    "alliance_role",
    "promoted_beyond_region",
    "size_override",
    "size_override_reason",
    "topics",
    "report_text",
    "notes",
    "public_description",
)


class _Loader:
    def __init__(self, stdout):
        self.stdout = stdout
        self.regions = {region.slug: region for region in Region.objects.all()}
        self.offers = {offer.name: offer for offer in Offer.objects.all()}
        self.user = User.objects.filter(username="office").first()
        self._organisations: dict[str, Organisation] = {}
        self.created_events = 0
        self.created_photos = 0
        self.created_organisations = 0
        self.created_rounds = 0

    def write(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    # --- lookups --------------------------------------------------------

    def region(self, slug):
        if slug is None:
            return None
        return self.regions[slug]

    def organisation(self, key: str) -> Organisation:
        if key not in self._organisations:
            name, kind, region_slug, city = demo_data.ORGANISATIONS[key]
            organisation, created = organisation_find_or_create(
                name=name, kind=kind, region=self.region(region_slug), city=city
            )
            self.created_organisations += created
            self._organisations[key] = organisation
        return self._organisations[key]

    def offer_list(self, names) -> list[Offer]:
        if names == demo_data.ALL_OFFERS:
            return list(self.offers.values())
        return [self.offers[name] for name in names or () if name in self.offers]

    # --- writes ---------------------------------------------------------

    def event(self, record: dict) -> Event:
        existing = Event.objects.filter(
            title=record["title"], start_date=record["start_date"]
        ).first()
        event = existing or self._create_event(record)
        self._add_photos(event, record.get("photos", ()))
        return event

    def _create_event(self, record: dict) -> Event:
        data = {name: record[name] for name in _EVENT_FIELDS if name in record}
        data.setdefault("end_date", record["start_date"])
        data["region"] = self.region(record.get("region"))
        held = record["start_date"] <= demo_data.AS_OF
        data["status"] = EventStatus.HELD if held else EventStatus.PLANNED
        participants = record.get("participants")
        if participants is not None:
            data["actual_participants" if held else "expected_participants"] = participants
        if record.get("programme_hours") is not None:
            data["programme_hours"] = Decimal(record["programme_hours"])
        data["is_public"] = record.get("is_public", record["kind"] not in INTERNAL_KINDS)
        if not data["is_public"]:
            data["public_description"] = ""
        event = event_create(
            user=self.user,
            data=data,
            co_organisers=[self.organisation(key) for key in record.get("co_organisers", ())],
            organisations=[self.organisation(key) for key in record.get("organisations", ())],
            offers=self.offer_list(record.get("offers")),
            work_packages=record.get("work_packages", ()),
        )
        self.created_events += 1
        return event

    def _add_photos(self, event: Event, photos) -> None:
        existing = set(event.photos.values_list("caption", flat=True))
        for number, caption in photos:
            if caption in existing:
                continue
            image = placeholder_image(caption=caption, subtitle=event.title, number=number)
            # position = the report's figure number; see events/demo/data.py (chapter 4.2.1).
            event_photo_add(
                event=event, image=image, caption=caption, credit="KI-Allianz", position=number
            )
            self.created_photos += 1

    def ki_challenge_round(self, record: dict) -> None:
        event = self.event(
            {
                "title": record["title"],
                "kind": EventKind.KI_CHALLENGE,
                "start_date": record["start_date"],
                "end_date": record["end_date"],
                "region": record["region"],
                "venue": record["venue"],
                "city": record["city"],
                "topics": record["theme"],
                "report_text": record["report_text"],
                "public_description": record["public_description"],
                "offers": ["KI-Challenge"],
                "work_packages": [2],
            }
        )
        if KIChallengeRound.objects.filter(
            title=record["title"], start_date=record["start_date"]
        ).exists():
            return
        ki_challenge_round_create(
            data={
                "region": self.region(record["region"]),
                "title": record["title"],
                "theme": record["theme"],
                "start_date": record["start_date"],
                "end_date": record["end_date"],
                "venue": record["venue"],
                "city": record["city"],
                "status": event.status,
                "report_text": record["report_text"],
            },
            events=[event],
        )
        self.created_rounds += 1


@demo_loader(order=20)
@transaction.atomic
def load_events(stdout=None) -> None:
    loader = _Loader(stdout)
    created_by_chapter = Counter()
    for chapter, records in demo_data.CHAPTERS:
        before = loader.created_events
        for record in records:
            loader.event(record)
        created_by_chapter[chapter] = loader.created_events - before
    for record in demo_data.KI_CHALLENGE_ROUNDS:
        loader.ki_challenge_round(record)
    _print_summary(loader, created_by_chapter)


def _print_summary(loader: _Loader, created_by_chapter: Counter) -> None:
    loader.write(
        _(
            "Green AI Day 2024: der Bericht nennt den 08.09.2024 (Kap. 4.2.1) und den "
            "26.09.2024 (Kap. 5.1); angelegt ist EIN Termin am 26.09.2024, denn der "
            "08.09.2024 war ein Sonntag und die Angabe in 4.2.1 enthält einen Tippfehler."
        )
    )
    loader.write(
        _(
            "Veranstaltungen: %(events)s neu, Fotos: %(photos)s neu, KI-Challenge-Runden: "
            "%(rounds)s neu, Organisationen: %(organisations)s neu."
        )
        % {
            "events": loader.created_events,
            "photos": loader.created_photos,
            "rounds": loader.created_rounds,
            "organisations": loader.created_organisations,
        }
    )
    for chapter, count in created_by_chapter.items():
        loader.write(_("  Kap. %(chapter)s: %(count)s neu") % {"chapter": chapter, "count": count})
    labels = dict(EventKind.choices)
    status_labels = dict(EventStatus.choices)
    rows = Counter(Event.objects.values_list("kind", "status"))
    loader.write(_("Veranstaltungen nach Art und Status (gesamt):"))
    for (kind, status), count in sorted(rows.items()):
        loader.write(f"  {labels.get(kind, kind)} – {status_labels.get(status, status)}: {count}")


def organisation_find_or_create(
    *, name: str, kind: str, region=None, city: str = ""
) -> tuple[Organisation, bool]:
    """Match by normalised name first: the contacts demo may have created it."""
    normalized = normalize_organisation_name(name)
    existing = Organisation.objects.filter(normalized_name=normalized).order_by("id").first()
    if existing is not None:
        return existing, False
    organisation = organisation_create(user=None, name=name, kind=kind, region=region, city=city)
    return organisation, True
