"""Duplicate suggestions: precision and recall on labelled pairs, and speed.

    python benchmarks/duplicate_pairs.py [ORGANISATIONS] [PERSONS] [--postgres]

Runs against a throw-away database (SQLite in memory, or with --postgres a
fresh ``kiallianz_scale_bench``). Builds a background of distinct
organisations and persons (default 6,800 and 20,000, the size measured in
issue 14) and a labelled set of pairs with the typical variants: positives
(legal form, typo, umlaut spelling ae/ä, city suffix, website or email
domain, same email, same phone, missing first name) and negatives that look
alike but are not the same (a number, another brand with the same words,
short names of different cities, another place in the name, namesakes
elsewhere, colleagues with the same surname). Prints the computation time
of the background task, the suggestions page time, and precision (found
pairs that are labelled positives, over every pair found, background
included) and recall (labelled positives found). Target: both ≥ 0.9.
"""

import random
import sys
import time

from _database import configure, record

BACKEND = configure()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from contacts.duplicates import organisation_pairs_scored, person_pairs_scored  # noqa: E402
from contacts.models import DuplicateSuggestion, Organisation, Person  # noqa: E402
from contacts.normalize import normalize_organisation_name  # noqa: E402
from contacts.services import duplicate_suggestions_refresh  # noqa: E402
from kiallianz.models import Region, User  # noqa: E402

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
UMLAUT_SYLLABLES = ["mü", "hä", "kö", "bä", "lü", "rö"]
WORDS = [
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
    "Metall",
    "Digital",
    "Labor",
]
FORMS = ("GmbH", "AG", "e.V.", "eG", "gGmbH", "Stiftung", "GmbH & Co. KG", "")
CITIES = ["Karlsruhe", "Stuttgart", "Freiburg", "Ulm", "Aalen", "Pforzheim", "Reutlingen"]
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
    "Paul",
    "Rita",
    "Stefan",
    "Tina",
    "Uwe",
    "Vera",
    "Walter",
    "Yvonne",
    "Zoe",
    "Otto",
    "Lena",
    "Max",
]


# How many pairs found among the unlabelled background to show.
SHOW_UNLABELLED = 5


class Generator:
    """Made-up brands and surnames, each at least two typos away from every
    other one, so that the background holds no look-alike pairs."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.keys: set[str] = set()

    @staticmethod
    def _keys(word: str) -> set[str]:
        word = spelt_out(word.lower())
        return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}

    def brand(self, syllables: int = 4, umlaut: bool = False) -> str:
        while True:
            parts = [self.rng.choice(SYLLABLES) for _ in range(syllables)]
            if umlaut:
                parts[self.rng.randrange(syllables)] = self.rng.choice(UMLAUT_SYLLABLES)
            word = "".join(parts).title()
            keys = self._keys(word)
            if not keys & self.keys:
                self.keys |= keys
                return word

    def typo(self, word: str) -> str:
        position = self.rng.randrange(1, len(word) - 1)
        return word[:position] + word[position + 1 :]


def spelt_out(text: str) -> str:
    for umlaut, spelling in (("ü", "ue"), ("ä", "ae"), ("ö", "oe")):
        text = text.replace(umlaut, spelling)
    return text


def populate(organisations: int, persons: int, rng: random.Random):
    gen = Generator(rng)
    region = Region.objects.create(name="Karlsruhe", slug="karlsruhe")
    for name in ("Stuttgart", "Freiburg"):
        Region.objects.create(name=name, slug=name.lower())
    orgs: list[Organisation] = []
    people: list[Person] = []
    org_of: list[int | None] = []  # index into orgs, per person

    def org(name, city=None, website=""):
        orgs.append(
            Organisation(
                name=name,
                normalized_name=normalize_organisation_name(name),
                city=city or rng.choice(CITIES),
                website=website,
                region=region,
            )
        )
        return len(orgs) - 1

    def person(first, last, organisation=None, email="", phone=""):
        people.append(Person(first_name=first, last_name=last, email=email, phone=phone))
        org_of.append(organisation)
        return len(people) - 1

    labelled_orgs: list[tuple[int, int, bool, str]] = []
    labelled_persons: list[tuple[int, int, bool, str]] = []

    def org_pair(a, b, same, variant):
        labelled_orgs.append((a, b, same, variant))

    def person_pair(a, b, same, variant):
        labelled_persons.append((a, b, same, variant))

    for _round in range(20):
        brand, word = gen.brand(), rng.choice(WORDS)
        city = rng.choice(CITIES)
        org_pair(
            org(f"{brand} {word} GmbH", city), org(f"{brand} {word} AG", city), True, "Rechtsform"
        )
        brand = gen.brand()
        org_pair(
            org(f"{brand} {word}", city), org(f"{gen.typo(brand)} {word}", city), True, "Tippfehler"
        )
        brand = gen.brand(umlaut=True)
        org_pair(
            org(f"{brand} {word} e.V.", city),
            org(f"{spelt_out(brand)} {word}", city),
            True,
            "Umlaut ae/ä",
        )
        brand = gen.brand()
        org_pair(
            org(f"{brand} e.V.", "Karlsruhe"),
            org(f"{brand} Karlsruhe", "Karlsruhe"),
            True,
            "Ort im Namen",
        )
        brand, other = gen.brand(), gen.brand()
        org_pair(
            org(f"{brand} {word}", city, f"https://www.{brand.lower()}.de"),
            org(f"{other} Holding", city, f"http://{brand.lower()}.de/kontakt"),
            True,
            "Web-Domain",
        )
        brand = gen.brand()
        org_pair(
            org(f"{brand} Werk 1", city), org(f"{brand} Werk 2", city), False, "Nummer im Namen"
        )
        org_pair(
            org(f"{gen.brand()} {word}", city),
            org(f"{gen.brand()} {word}", city),
            False,
            "andere Marke, gleiches Wort",
        )
        short = gen.brand(syllables=2)[:4]
        org_pair(
            org(f"{short} GmbH", "Ulm"),
            org(f"{short[:2]}c{short[2:]} AG", "Aalen"),
            False,
            "kurzer Name, andere Stadt",
        )
        brand = gen.brand()
        org_pair(
            org(f"{brand} Karlsruhe", "Karlsruhe"),
            org(f"{brand} Stuttgart", "Stuttgart"),
            False,
            "anderer Ort im Namen",
        )

    background_orgs = len(orgs)
    while len(orgs) < organisations + background_orgs:
        org(f"{gen.brand()} {rng.choice(WORDS)} {rng.choice(FORMS)}".strip())

    def new_person_at(organisation_index, **extra):
        first, last = rng.choice(FIRST_NAMES), gen.brand()
        domain = f"{orgs[organisation_index].normalized_name.split()[0]}.de"
        return person(
            first,
            last,
            organisation_index,
            email=f"{first}.{last}@{domain}".lower(),
            **extra,
        )

    for n in range(15):
        home = background_orgs + n
        elsewhere = background_orgs + 100 + n
        first, last = rng.choice(FIRST_NAMES), gen.brand(syllables=2, umlaut=True)
        person_pair(
            person(first, last, home),
            person(first, spelt_out(last), home),
            True,
            "Umlaut ae/ä",
        )
        first, last = rng.choice(FIRST_NAMES), gen.brand()
        person_pair(
            person(first, last, home), person(first, gen.typo(last), home), True, "Tippfehler"
        )
        a = new_person_at(home)
        person_pair(
            a,
            person(people[a].first_name, people[a].last_name + "s", None, email=people[a].email),
            True,
            "gleiche E-Mail",
        )
        first, last = rng.choice(FIRST_NAMES), gen.brand()
        person_pair(
            person(first, last, home, email=f"{first}@{last}.de".lower()),
            person(first, gen.typo(last), None, email=f"{first[0]}.{last}@{last}.de".lower()),
            True,
            "E-Mail-Domain",
        )
        first, last = rng.choice(FIRST_NAMES), gen.brand()
        person_pair(person(first, last, home), person("", last, home), True, "ohne Vorname")
        first, last = rng.choice(FIRST_NAMES), gen.brand()
        phone = f"+49 721 {700000 + n}"
        person_pair(
            person(first, last, home, phone=phone),
            person(first[:3], last, None, phone=phone),
            True,
            "gleiche Telefonnummer",
        )
        first, last = rng.choice(FIRST_NAMES), gen.brand()
        person_pair(
            person(first, last, home, email=f"{first}@a-{n}.de".lower()),
            person(first, last, elsewhere, email=f"{first}@b-{n}.de".lower()),
            False,
            "Namensvetter anderswo",
        )
        last = gen.brand(syllables=2)[:4]
        person_pair(
            person("Eva", last, home), person("Eva", last + "z", elsewhere), False, "Hein/Heinz"
        )
        last = gen.brand()
        person_pair(person("Anna", last, home), person("Clara", last, home), False, "Kolleginnen")

    labelled_people = len(people)
    while len(people) < persons + labelled_people:
        new_person_at(rng.randrange(background_orgs, len(orgs)))

    Organisation.objects.bulk_create(orgs, batch_size=1000)
    for item, index in zip(people, org_of, strict=True):
        if index is not None:
            item.organisation = orgs[index]
    Person.objects.bulk_create(people, batch_size=1000)
    labelled = {
        "organisation": {
            (frozenset((orgs[a].pk, orgs[b].pk)), same, variant)
            for a, b, same, variant in labelled_orgs
        },
        "person": {
            (frozenset((people[a].pk, people[b].pk)), same, variant)
            for a, b, same, variant in labelled_persons
        },
    }
    office = User.objects.create_user("office", role="office")
    return office, labelled


def evaluate(kind: str, scored: dict, labelled: set) -> tuple[int, int, int]:
    found = {frozenset(pair) for pair in scored}
    positives = {pair for pair, same, _variant in labelled if same}
    true = len(found & positives)
    precision = true / len(found) if found else 1.0
    recall = true / len(positives) if positives else 1.0
    print(
        f"  {kind}: {len(labelled)} gelabelte Paare ({len(positives)} Dubletten), "
        f"{len(found)} Paare gefunden: Präzision {precision:.2f}, Trefferquote {recall:.2f}"
    )
    for pair, same, variant in sorted(labelled, key=lambda item: item[2]):
        if same != (pair in found):
            print(f"    {'verpasst' if same else 'falsch gepaart'}: {variant}")
    unlabelled = found - {pair for pair, _same, _variant in labelled}
    model = Organisation if kind == "Organisationen" else Person
    for pair in sorted(unlabelled, key=sorted)[:SHOW_UNLABELLED]:
        names = [str(record) for record in model.objects.filter(pk__in=pair)]
        print(f"    nicht gelabelt gepaart: {' / '.join(names)}")
    return true, len(found), len(positives)


def main() -> None:
    args = [int(arg) for arg in sys.argv[1:]]
    organisations = args[0] if args else 6800
    persons = args[1] if len(args) > 1 else 20000
    setup_test_environment()
    call_command("migrate", verbosity=0)
    office, labelled = populate(organisations, persons, random.Random(2024))  # noqa: S311
    total = sum(len(pairs) for pairs in labelled.values())
    print(
        f"{BACKEND}: {Organisation.objects.count()} Organisationen, "
        f"{Person.objects.count()} Personen, {total} gelabelte Paare"
    )
    totals = [0, 0, 0]
    for kind, function in (
        ("Organisationen", organisation_pairs_scored),
        ("Personen", person_pairs_scored),
    ):
        started = time.perf_counter()
        scored = function()
        print(f"{kind}: Paare berechnet in {time.perf_counter() - started:.2f} s")
        key = "organisation" if kind == "Organisationen" else "person"
        for index, value in enumerate(evaluate(kind, scored, labelled[key])):
            totals[index] += value
    true, found, positives = totals
    print(
        f"Gesamt: Präzision {true / found:.2f}, Trefferquote {true / positives:.2f} "
        "(Ziel: beide ≥ 0,90)"
    )
    record("duplicates", {"precision": true / found, "recall": true / positives})
    started = time.perf_counter()
    stored = duplicate_suggestions_refresh()
    print(
        f"Hintergrundaufgabe (berechnen und speichern): {time.perf_counter() - started:.2f} s, "
        f"{stored} Paare"
    )
    client = Client()
    client.force_login(office)
    for query in ("", "?opage=2&ppage=2"):
        client.get(f"/contacts/duplicates/{query}")  # warm
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(f"/contacts/duplicates/{query}")
            seconds = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        print(
            f"Seite /contacts/duplicates/{query}: {seconds * 1000:.0f} ms, "
            f"{len(queries.captured_queries)} Abfragen "
            f"({DuplicateSuggestion.objects.count()} gespeicherte Paare)"
        )
        record("duplicates", {f"page{query}": {"ms": seconds * 1000}})


if __name__ == "__main__":
    main()
