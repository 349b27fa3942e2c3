"""Demo data: fictitious organisations, persons and first contacts, plus the
real organisations the 2024 report names (sections 3 and 5).

Fictitious records come from Faker (de_DE) with a fixed seed, so every run
produces the same names; emails and websites use example.org/example.com.
Idempotent: organisations match by normalised name, persons by email, first
contacts by (organisation, date). Bulk operations keep it fast.
"""

import datetime
import random

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from contacts.models import (
    CooperationPotential,
    FirstContact,
    FirstContactPotential,
    Organisation,
    Person,
)
from contacts.normalize import normalize_email, normalize_organisation_name
from kiallianz.demo.registry import demo_loader
from kiallianz.models import Offer, Region, User

SEED = 2024
FICTITIOUS_ORGANISATIONS = 160
FICTITIOUS_PERSONS = 320
PERIOD_START = datetime.date(2024, 3, 1)
PERIOD_END = datetime.date(2025, 2, 28)

REGION_CITIES = {
    "karlsruhe": ["Karlsruhe", "Ettlingen", "Bruchsal", "Rastatt"],
    "stuttgart": ["Stuttgart", "Esslingen", "Ludwigsburg", "Böblingen"],
    "freiburg": ["Freiburg im Breisgau", "Emmendingen", "Lörrach", "Offenburg"],
    "neckar-alb": ["Reutlingen", "Tübingen", "Balingen", "Metzingen"],
    "ostalbkreis": ["Aalen", "Schwäbisch Gmünd", "Ellwangen", "Neresheim"],
    "nordschwarzwald": ["Pforzheim", "Calw", "Freudenstadt", "Nagold"],
}

CONTENTS = [
    "Vorstellung der KI-Allianz und ihrer Angebote; Interesse an KI in der Qualitätskontrolle.",
    "Austausch zu generativer KI im Marketing, Wunsch nach einem Workshop.",
    "Gespräch über Datenaufbereitung und die Datenplattform der KI-Allianz.",
    "Interesse an der KI-Challenge, mögliche Aufgabenstellung aus der Produktion.",
    "Fragen zu Fördermöglichkeiten (Digitalisierungsprämie, Invest BW).",
    "Kennenlernen am Messestand, Austausch zu Predictive Maintenance.",
    "Vorstellung des KI-Innovation Lab, Bedarf an einer Potenzialanalyse.",
    "Möglicher Vortrag bei einer regionalen Veranstaltung besprochen.",
    "Interesse an einer Mitgliedschaft in der Genossenschaft.",
    "Austausch zu KI-Kompetenzen und Weiterbildung der Mitarbeitenden.",
]
FOLLOW_UP_NOTES = [
    "Unterlagen zur KI-Challenge schicken",
    "Termin für Workshop vereinbaren",
    "Kontakt zum KI-Innovation Lab herstellen",
    "Einladung zur nächsten KI-Night senden",
    "Mitgliedschaftsunterlagen nachreichen",
]
KIND_WEIGHTS = [
    (Organisation.Kind.COMPANY, 55),
    (Organisation.Kind.STARTUP, 15),
    (Organisation.Kind.RESEARCH_INSTITUTE, 6),
    (Organisation.Kind.UNIVERSITY, 5),
    (Organisation.Kind.MUNICIPALITY, 6),
    (Organisation.Kind.CHAMBER, 3),
    (Organisation.Kind.ASSOCIATION, 6),
    (Organisation.Kind.PUBLIC_BODY, 4),
]
STATUS_WEIGHTS = [
    (FirstContact.QualityStatus.NEW, 35),
    (FirstContact.QualityStatus.CHECKED, 35),
    (FirstContact.QualityStatus.IN_ECOSYSTEM, 22),
    (FirstContact.QualityStatus.NOT_RELEVANT, 8),
]


# The organisations the 2024 report names, with the first contact it tells
# of, grouped by the occasion they were met at.
def _occasion(region: str, date: datetime.date, occasion: str, note: str) -> dict:
    return {"region": region, "date": date, "occasion": occasion, "occasion_note": note}


def _talk(name: str, kind: str, city: str, topic: str) -> dict:
    """A speaker met at an event: the first contact is the talk."""
    content = f"Fachvortrag zu {topic}."
    return {
        "name": name,
        "kind": kind,
        "city": city,
        "content": content,
        "potentials": [CooperationPotential.SPEAKER],
    }


_REFERRED_TO_THE_LAB = {
    "referral": "ki-innovation-lab",
    "referral_note": "An das KI-Innovation Lab Karlsruhe vermittelt.",
}
_OWN_EVENT = FirstContact.Occasion.OWN_EVENT
REPORT_OCCASIONS = [
    (
        _occasion(
            "ostalbkreis",
            datetime.date(2024, 11, 6),
            _OWN_EVENT,
            "Auftaktveranstaltung Ostalbkreis",
        ),
        [
            {
                "name": "TELENOT ELECTRONIC GmbH",
                "kind": Organisation.Kind.COMPANY,
                "city": "Aalen",
                "content": "Geplanter Workshop zu Generativer KI im Produktmarketing.",
                "potentials": [CooperationPotential.COOPERATION_PARTNER],
            },
            {
                "name": "Gemeinde Jagstzell",
                "kind": Organisation.Kind.MUNICIPALITY,
                "city": "Jagstzell",
                "content": "Überlegungen zur Förderung von KI-Projekten in der Gemeinde.",
                "potentials": [CooperationPotential.FUNDING_PROJECT],
                **_REFERRED_TO_THE_LAB,
                "report_text": (
                    "Die Gemeinde aus dem Ostalbkreis prüft die Förderung von KI-Projekten."
                ),
            },
        ],
    ),
    (
        _occasion(
            "ostalbkreis",
            datetime.date(2024, 4, 12),
            FirstContact.Occasion.EXTERNAL_EVENT,
            "Wirtschaftsgespräch zur Eröffnung des 14. Popup-Labors BW",
        ),
        [
            {
                "name": "Weisser Spulenkörper GmbH & Co. KG",
                "kind": Organisation.Kind.COMPANY,
                "city": "Neresheim",
                "content": "Vernetzung mit regionalen Unternehmen; Diskussion zu KI-Anwendungen.",
                "potentials": [CooperationPotential.MEMBER_PROSPECT],
            },
        ],
    ),
    (
        _occasion("freiburg", datetime.date(2024, 7, 15), _OWN_EVENT, "Käpsele Festival Freiburg"),
        [
            {
                "name": "KOCH Freiburg GmbH",
                "kind": Organisation.Kind.COMPANY,
                "city": "Freiburg im Breisgau",
                "content": "Präsentation einer KI-gestützten, zentralen Wissensplattform.",
                "potentials": [CooperationPotential.SPEAKER],
            },
        ],
    ),
    (
        _occasion(
            "neckar-alb",
            datetime.date(2024, 6, 25),
            _OWN_EVENT,
            "Auftaktveranstaltung Neckar-Alb, Stadthalle Balingen",
        ),
        [
            _talk(
                "Maddox AI GmbH",
                Organisation.Kind.STARTUP,
                "Tübingen",
                "KI in der Qualitätskontrolle",
            ),
            _talk(
                "relyon AG",
                Organisation.Kind.COMPANY,
                "Balingen",
                "automatisierter Datenverarbeitung",
            ),
            _talk("CMC-Kiesel", Organisation.Kind.COMPANY, "Balingen", "KI im 3D-Druck und VR"),
        ],
    ),
    (
        _occasion("neckar-alb", datetime.date(2024, 11, 14), _OWN_EVENT, "KI-Night Reutlingen"),
        [
            {
                "name": "Vioonic GmbH",
                "kind": Organisation.Kind.STARTUP,
                "city": "Reutlingen",
                "content": "Interesse an Unterstützung bei der Umsetzung eines KI-Projekts.",
                "potentials": [CooperationPotential.FUNDING_PROJECT],
                **_REFERRED_TO_THE_LAB,
                "report_text": "Die Firma aus Reutlingen möchte ein KI-Projekt umsetzen.",
            },
        ],
    ),
]
REPORT_ORGANISATIONS = [
    {**occasion, **organisation}
    for occasion, organisations in REPORT_OCCASIONS
    for organisation in organisations
]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _ascii(text: str) -> str:
    return slugify(text.replace("ß", "ss")).replace("-", "") or "kontakt"


@demo_loader(order=10)
def load_contacts(stdout=None) -> None:
    regions = {r.slug: r for r in Region.objects.filter(slug__in=REGION_CITIES)}
    managers = {
        u.username.removeprefix("cm-"): u
        for u in User.objects.filter(username__in=[f"cm-{slug}" for slug in REGION_CITIES])
    }
    offers = list(Offer.objects.filter(is_active=True))
    if not regions or not offers:
        return
    with transaction.atomic():
        created = _load(regions, managers, offers)
    if stdout is not None:
        stdout.write(
            "Kontakte: {organisations} Organisationen, {persons} Personen, "
            "{first_contacts} Erstgespräche neu".format(**created)
        )


def _load(regions, managers, offers) -> dict:
    fake = Faker("de_DE")
    fake.seed_instance(SEED)
    rng = random.Random(SEED)
    region_slugs = sorted(regions)
    offers_by_slug = {o.slug: o for o in offers}

    # Organisations (fictitious, then the report's), matched by normalised name.
    org_specs = []
    seen = set()
    while len(org_specs) < FICTITIOUS_ORGANISATIONS:
        name = fake.company()
        key = normalize_organisation_name(name)
        if key in seen:
            continue
        seen.add(key)
        slug = rng.choice(region_slugs)
        org_specs.append(
            {
                "name": name,
                "kind": _weighted(rng, KIND_WEIGHTS),
                "city": rng.choice(REGION_CITIES[slug]),
                "region": slug,
                "website": f"https://{_ascii(key)[:40]}.example.com",
            }
        )
    for spec in REPORT_ORGANISATIONS:
        org_specs.append({**spec, "website": ""})
    existing = set(Organisation.objects.values_list("normalized_name", flat=True))
    new_orgs = [
        Organisation(
            name=spec["name"],
            normalized_name=normalize_organisation_name(spec["name"]),
            kind=spec["kind"],
            city=spec["city"],
            region=regions.get(spec["region"]),
            website=spec["website"],
        )
        for spec in org_specs
        if normalize_organisation_name(spec["name"]) not in existing
    ]
    Organisation.objects.bulk_create(new_orgs)
    orgs = {
        o.normalized_name: o
        for o in Organisation.objects.filter(
            normalized_name__in=[normalize_organisation_name(s["name"]) for s in org_specs]
        )
    }
    fictitious = [orgs[normalize_organisation_name(s["name"])] for s in org_specs[:-8]]

    # Persons (fictitious only), matched by email.
    person_specs = []
    for index in range(FICTITIOUS_PERSONS):
        organisation = fictitious[index % len(fictitious)]
        first, last = fake.first_name(), fake.last_name()
        domain = "example.org" if index % 3 else "example.com"
        person_specs.append(
            Person(
                first_name=first,
                last_name=last,
                function=rng.choice(
                    ["Geschäftsführung", "Leitung IT", "Innovationsmanagement", "Vertrieb", ""]
                ),
                email=normalize_email(f"{_ascii(first)}.{_ascii(last)}.{index}@{domain}"),
                organisation=organisation,
                legal_basis=(
                    Person.LegalBasis.CONSENT
                    if index % 4 == 0
                    else Person.LegalBasis.LEGITIMATE_INTEREST
                ),
                consent_date=PERIOD_START + datetime.timedelta(days=index)
                if index % 4 == 0
                else None,
                consent_source="Visitenkarte auf Veranstaltung" if index % 4 == 0 else "",
                do_not_contact=index % 37 == 0,
            )
        )
    existing_emails = set(Person.objects.values_list("email", flat=True))
    Person.objects.bulk_create(p for p in person_specs if p.email not in existing_emails)
    persons_by_org: dict[int, list[int]] = {}
    for pk, org_id in Person.objects.filter(email__in=[p.email for p in person_specs]).values_list(
        "pk", "organisation_id"
    ):
        persons_by_org.setdefault(org_id, []).append(pk)

    # First contacts, matched by (organisation, date).
    today = timezone.localdate()
    span = (PERIOD_END - PERIOD_START).days
    contact_specs = []
    for index, organisation in enumerate(fictitious):
        for _repeat in range(1 + (index % 3 == 0)):
            status = _weighted(rng, STATUS_WEIGHTS)
            spec = {
                "organisation": organisation,
                "date": PERIOD_START + datetime.timedelta(days=rng.randrange(span + 1)),
                "occasion": rng.choice(FirstContact.Occasion.values),
                "content": rng.choice(CONTENTS),
                "quality_status": status,
                "relevance": rng.randint(1, 3)
                if status != FirstContact.QualityStatus.NEW
                else None,
                "offers": rng.sample(offers, k=rng.randint(1, 3)),
                "potentials": rng.sample(CooperationPotential.values, k=rng.randint(0, 2)),
                "persons": persons_by_org.get(organisation.pk, [])[: rng.randint(1, 2)],
                "follow_up_date": None,
                "follow_up_note": "",
            }
            if rng.random() < 0.2:
                spec["follow_up_date"] = today + datetime.timedelta(days=rng.randint(-20, 30))
                spec["follow_up_note"] = rng.choice(FOLLOW_UP_NOTES)
            contact_specs.append(spec)
    # Each demo manager sees an overdue and a due follow-up.
    first_per_region: dict[int, list[dict]] = {}
    for spec in contact_specs:
        first_per_region.setdefault(spec["organisation"].region_id, []).append(spec)
    for specs in first_per_region.values():
        for spec, delta in zip(specs[:2], (-3, 2), strict=False):
            spec["follow_up_date"] = today + datetime.timedelta(days=delta)
            spec["follow_up_note"] = FOLLOW_UP_NOTES[0]
    for spec in REPORT_ORGANISATIONS:
        organisation = orgs[normalize_organisation_name(spec["name"])]
        contact_specs.append(
            {
                "organisation": organisation,
                "date": spec["date"],
                "occasion": spec["occasion"],
                "occasion_note": spec["occasion_note"],
                "content": spec["content"],
                "quality_status": FirstContact.QualityStatus.IN_ECOSYSTEM,
                "relevance": 3,
                "offers": [
                    o for o in offers if o.slug in ("community-management", "ki-innovation-lab")
                ],
                "potentials": spec["potentials"],
                "persons": [],
                "referral_offer": offers_by_slug.get(spec.get("referral", "")),
                "referral_note": spec.get("referral_note", ""),
                "report_text": spec.get("report_text", ""),
                "follow_up_date": None,
                "follow_up_note": "",
            }
        )
    existing_keys = set(FirstContact.objects.values_list("organisation_id", "date"))
    region_by_id = {r.pk: slug for slug, r in regions.items()}
    new_specs = []
    for spec in contact_specs:
        key = (spec["organisation"].pk, spec["date"])
        if key in existing_keys or spec["organisation"].region_id not in region_by_id:
            continue
        existing_keys.add(key)
        new_specs.append(spec)
    office = User.objects.filter(username="office").first()
    now = timezone.now()
    first_contacts = []
    for spec in new_specs:
        organisation = spec["organisation"]
        region_slug = region_by_id[organisation.region_id]
        reviewed = spec["quality_status"] != FirstContact.QualityStatus.NEW
        first_contacts.append(
            FirstContact(
                date=spec["date"],
                region_id=organisation.region_id,
                organisation=organisation,
                community_manager=managers.get(region_slug),
                created_by=managers.get(region_slug),
                occasion=spec["occasion"],
                occasion_note=spec.get("occasion_note", ""),
                content=spec["content"],
                quality_status=spec["quality_status"],
                relevance=spec["relevance"],
                reviewed_by=office if reviewed else None,
                reviewed_at=now if reviewed else None,
                referral_offer=spec.get("referral_offer"),
                referral_note=spec.get("referral_note", ""),
                report_text=spec.get("report_text", ""),
                follow_up_date=spec["follow_up_date"],
                follow_up_note=spec["follow_up_note"],
            )
        )
    FirstContact.objects.bulk_create(first_contacts)
    saved = {
        (fc.organisation_id, fc.date): fc.pk
        for fc in FirstContact.objects.filter(
            organisation_id__in={s["organisation"].pk for s in new_specs}
        ).only("pk", "organisation_id", "date")
    }
    offer_links, person_links, potentials = [], [], []
    for spec in new_specs:
        pk = saved[(spec["organisation"].pk, spec["date"])]
        offer_links += [
            FirstContact.offers.through(firstcontact_id=pk, offer_id=o.pk) for o in spec["offers"]
        ]
        person_links += [
            FirstContact.persons.through(firstcontact_id=pk, person_id=person_id)
            for person_id in spec["persons"]
        ]
        potentials += [
            FirstContactPotential(first_contact_id=pk, potential=p) for p in spec["potentials"]
        ]
    FirstContact.offers.through.objects.bulk_create(offer_links, ignore_conflicts=True)
    FirstContact.persons.through.objects.bulk_create(person_links, ignore_conflicts=True)
    FirstContactPotential.objects.bulk_create(potentials, ignore_conflicts=True)
    return {
        "organisations": len(new_orgs),
        "persons": len([p for p in person_specs if p.email not in existing_emails]),
        "first_contacts": len(first_contacts),
    }


# The report's as-of figures ("organisations in the database on 19 Feb
# 2025") count records by when they were entered. Demo records are all
# entered today, so after every app has loaded its part we date each
# organisation and person back to when the alliance first met them: the
# first first contact, or the alliance's kick-off (13 March 2024) for
# organisations that came in through events or partnerships.
DEMO_ENTRY_FALLBACK = datetime.date(2024, 3, 13)


@demo_loader(order=90)
def backdate_demo_records(stdout=None) -> None:
    first_met = dict(
        FirstContact.objects.order_by()
        .values("organisation_id")
        .annotate(first=Min("date"))
        .values_list("organisation_id", "first")
    )
    cutoff = _entry_time(PERIOD_END)
    organisations = list(Organisation.objects.filter(created_at__gt=cutoff))
    for organisation in organisations:
        organisation.created_at = _entry_time(first_met.get(organisation.id, DEMO_ENTRY_FALLBACK))
    Organisation.objects.bulk_update(organisations, ["created_at"], batch_size=500)
    persons = list(Person.objects.filter(created_at__gt=cutoff))
    for person in persons:
        met = first_met.get(person.organisation_id, DEMO_ENTRY_FALLBACK)
        person.created_at = _entry_time(met)
    Person.objects.bulk_update(persons, ["created_at"], batch_size=500)
    if stdout is not None:
        stdout.write(
            f"Kontakte: {len(organisations)} Organisationen und {len(persons)} Personen "
            "auf das Datum des ersten Kontakts datiert"
        )


def _entry_time(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
