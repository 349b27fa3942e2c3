"""Time the duplicate-pair finding for many organisations and persons.

    DEBUG=true python benchmarks/duplicate_pairs.py [ORGANISATIONS] [PERSONS]

Runs against a throw-away SQLite database in memory (the test settings), so
it never touches real data. Plants duplicates (same name with another legal
form, a typo, the same website; the same email, the same name in one
organisation) among random records and prints, for both functions and for
the suggestions page: seconds, queries, pairs found and planted pairs found.
"""

import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings_test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from contacts.duplicates import organisation_duplicate_pairs, person_duplicate_pairs  # noqa: E402
from contacts.models import Organisation, Person  # noqa: E402
from contacts.normalize import normalize_organisation_name  # noqa: E402
from kiallianz.models import Region, User  # noqa: E402

WORDS = [
    "Schwarzwald",
    "Neckar",
    "Rhein",
    "Alb",
    "Boden",
    "Kraich",
    "Oden",
    "Hohenlohe",
    "Kurpfalz",
    "Breisgau",
    "Ortenau",
    "Robotik",
    "Sensorik",
    "Maschinenbau",
    "Analytik",
    "Software",
    "Medizintechnik",
    "Logistik",
    "Energie",
    "Optik",
    "Automation",
    "Werkzeug",
    "Daten",
    "Vision",
    "Systeme",
    "Technik",
    "Antriebe",
    "Elektronik",
    "Holz",
    "Metall",
    "Bau",
    "Kunststoff",
    "Präzision",
    "Digital",
    "Cloud",
    "Labor",
    "Druck",
    "Verpackung",
    "Mobilität",
    "Agrar",
    "Textil",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ter",
    "sa",
    "ven",
    "to",
    "ri",
    "ban",
    "del",
    "gu",
    "xo",
    "net",
    "fa",
    "lin",
    "ro",
    "be",
    "sch",
    "ar",
    "ul",
    "pe",
    "dor",
    "mak",
    "fi",
    "nu",
    "hel",
    "tra",
    "os",
    "vi",
    "zen",
    "bri",
    "kor",
    "am",
    "lu",
    "sten",
    "wer",
    "qu",
    "ly",
    "mo",
    "gar",
]
FIRST_NAMES = [
    "Anna",
    "Bernd",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hans",
    "Ida",
    "Jonas",
    "Klara",
    "Lukas",
    "Mia",
    "Noah",
]
LAST_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
]
FORMS = ("GmbH", "AG", "GmbH & Co. KG", "e.V.", "")


def _typo(name: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(name) - 1)
    return name[:position] + name[position + 1 :]


def populate(organisations: int, persons: int, rng: random.Random):
    region = Region.objects.create(name="Karlsruhe", slug="karlsruhe")
    names, seen = [], set()
    while len(names) < organisations + organisations // 100:
        # A made-up brand and one or two common words, as real names are:
        # many share a word ("Robotik"), few share the brand.
        brand = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
        name = " ".join([brand, *rng.sample(WORDS, rng.randint(1, 2))])
        if normalize_organisation_name(name) not in seen:
            seen.add(normalize_organisation_name(name))
            names.append(name)
    planted = organisations // 100  # per kind
    rows = [
        Organisation(
            name=f"{name} {rng.choice(FORMS)}".strip(),
            website=f"https://www.firma{n}.de",
            region=region,
        )
        for n, name in enumerate(names[:organisations])
    ]
    planted_pairs = []  # (index of the original, index of the twin) in rows
    for n in range(planted):
        rows.append(Organisation(name=f"{names[n]} {FORMS[(n + 1) % 4]}", region=region))
        planted_pairs.append((n, len(rows) - 1))
        rows.append(Organisation(name=_typo(names[planted + n], rng), region=region))
        planted_pairs.append((planted + n, len(rows) - 1))
        rows.append(
            Organisation(
                name=names[organisations + n], website=f"http://firma{2 * planted + n}.de/kontakt"
            )
        )
        planted_pairs.append((2 * planted + n, len(rows) - 1))
    for organisation in rows:
        organisation.normalized_name = normalize_organisation_name(organisation.name)
    Organisation.objects.bulk_create(rows)
    ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    planted_organisations = {frozenset((ids[a], ids[b])) for a, b in planted_pairs}

    people = []
    for n in range(persons):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        # Colleagues write from their organisation's domain.
        index = rng.randrange(organisations)
        people.append(
            Person(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}.{n}@firma{index}.de".lower(),
                organisation_id=ids[index],
            )
        )
    planted_pairs = []
    for n in range(persons // 100):
        original = people[n]
        people.append(Person(first_name="", last_name=original.last_name, email=original.email))
        planted_pairs.append((n, len(people) - 1))
        people.append(
            Person(
                first_name=original.first_name,
                last_name=original.last_name,
                organisation_id=original.organisation_id,
            )
        )
        planted_pairs.append((n, len(people) - 1))
    Person.objects.bulk_create(people)
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    planted_persons = {frozenset((ids[a], ids[b])) for a, b in planted_pairs}
    office = User.objects.create_user("office", role="office")
    return office, planted_organisations, planted_persons


def measure(label: str, function) -> list:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        pairs = function()
        seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.2f} s, {len(queries.captured_queries)} Abfragen, {len(pairs)} Paare")
    return pairs


def main() -> None:
    organisations = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    persons = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    setup_test_environment()
    call_command("migrate", verbosity=0)
    office, planted_organisations, planted_persons = populate(
        organisations,
        persons,
        random.Random(2024),  # noqa: S311 (test data, not secrets)
    )
    print(f"{organisations} Organisationen, {persons} Personen (+ eingeschleuste Dubletten)")
    for function, planted in (
        (organisation_duplicate_pairs, planted_organisations),
        (person_duplicate_pairs, planted_persons),
    ):
        found = measure(function.__name__, lambda function=function: function(limit=10**6))
        keys = {frozenset((pair.kept.pk, pair.duplicate.pk)) for pair in found}
        print(f"  eingeschleust: {len(planted)}, davon gefunden: {len(planted & keys)}")
        print(f"  nach Grund: {dict(Counter(pair.reason for pair in found))}")
    client = Client()
    client.force_login(office)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get("/contacts/duplicates/")
        seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    print(f"Seite /contacts/duplicates/: {seconds:.2f} s, {len(queries.captured_queries)} Abfragen")


if __name__ == "__main__":
    main()
