"""Duplicate candidates for organisations and persons.

Used by the capture screen (warning before a new record is saved) and by the
merge tools. Works the same on SQLite and PostgreSQL: the database narrows
the candidates by cheap keys (name tokens, email, domain), the similarity is
computed in Python with rapidfuzz.

The office's suggestion list (all pairs of the whole database) is computed
by ``organisation_duplicate_pairs`` / ``person_duplicate_pairs`` with a
blocking scheme whose work grows near-linearly: records are only compared
within blocks sharing a normalised key (name without legal form and place,
first word up to one typo, website and email domain, phone, surname) and
with their neighbours in sorted order. A background task stores the pairs
(``DuplicateSuggestion``); the page reads them.
"""

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from contacts.models import DuplicateDismissal, DuplicateSuggestion, Organisation, Person
from contacts.normalize import (
    email_domain,
    fold_name,
    normalize_email,
    normalize_organisation_name,
    website_domain,
)

NAME_SIMILARITY_THRESHOLD = 0.85
MAX_CANDIDATES = 10
PAIR_LIMIT = 50
# A block larger than this is a key shared by unrelated records (a common
# first word, a hosting domain): comparing all its pairs would be slow and
# mostly noise.
MAX_BLOCK_SIZE = 400
_DIGITS = re.compile(r"\d+")
# Words too common to narrow a name search on their own.
_STOP_WORDS = frozenset({"und", "der", "die", "das", "fuer", "von", "the", "and", "of", "ki"})


@dataclass(frozen=True)
class Candidate:
    record: Organisation | Person
    reason: str  # a translatable, human-readable reason
    score: float  # 1.0 = same key


def name_similarity(first: str, second: str) -> float:
    """Similarity of two normalised names in [0, 1]."""
    if not first or not second:
        return 0.0
    if first == second:
        return 1.0
    return fuzz.ratio(first, second) / 100


def _name_prefilter(normalized: str) -> Q:
    tokens = [t for t in normalized.split() if len(t) >= 3 and t not in _STOP_WORDS]
    query = Q(normalized_name=normalized)
    for token in tokens[:4]:
        query |= Q(normalized_name__contains=token)
    # Typos in the first word: also look at names with the same start.
    if len(normalized) >= 4:
        query |= Q(normalized_name__startswith=normalized[:4])
    return query


def organisation_duplicate_candidates(
    *, name: str, website: str = "", exclude_id: int | None = None
) -> list[Candidate]:
    """Organisations that are probably the same: similar normalised name, or the
    same website domain (also via the email domain of their persons)."""
    normalized = normalize_organisation_name(name)
    domain = website_domain(website)
    found: dict[int, Candidate] = {}
    if normalized:
        queryset = Organisation.objects.filter(_name_prefilter(normalized)).only(
            "id", "name", "normalized_name", "city", "website", "region_id"
        )
        if exclude_id:
            queryset = queryset.exclude(pk=exclude_id)
        for organisation in queryset[:500]:
            score = name_similarity(normalized, organisation.normalized_name)
            if score >= NAME_SIMILARITY_THRESHOLD:
                reason = _("gleicher Name") if score == 1.0 else _("ähnlicher Name")
                found[organisation.pk] = Candidate(organisation, str(reason), score)
    if domain:
        for organisation in _organisations_with_domain(domain, exclude_id):
            if organisation.pk not in found:
                found[organisation.pk] = Candidate(
                    organisation, str(_("gleiche Web-/E-Mail-Domain")), 0.9
                )
    return sorted(found.values(), key=lambda c: (-c.score, c.record.name))[:MAX_CANDIDATES]


def _organisations_with_domain(domain: str, exclude_id: int | None) -> list[Organisation]:
    by_persons = set(
        Person.objects.filter(
            email__iendswith=f"@{domain}", organisation__isnull=False
        ).values_list("organisation_id", flat=True)[:50]
    )
    queryset = Organisation.objects.filter(Q(website__icontains=domain) | Q(pk__in=by_persons))
    if exclude_id:
        queryset = queryset.exclude(pk=exclude_id)
    # icontains is only a prefilter ("ab.de" is in "tab.de"): compare exactly.
    return [
        organisation
        for organisation in queryset[:50]
        if organisation.pk in by_persons or website_domain(organisation.website) == domain
    ]


def person_duplicate_candidates(
    *,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    organisation_id: int | None = None,
    exclude_id: int | None = None,
) -> list[Candidate]:
    """Persons that are probably the same: same email; or same name (in the
    same organisation, or anywhere when no organisation is given)."""
    email = normalize_email(email)
    found: dict[int, Candidate] = {}
    base = Person.objects.select_related("organisation")
    if exclude_id:
        base = base.exclude(pk=exclude_id)
    if email:
        for person in base.filter(email__iexact=email)[:MAX_CANDIDATES]:
            found[person.pk] = Candidate(person, str(_("gleiche E-Mail-Adresse")), 1.0)
    first, last = (first_name or "").strip(), (last_name or "").strip()
    if last:
        same_name = base.filter(last_name__iexact=last)
        if first:
            same_name = same_name.filter(first_name__iexact=first)
        if organisation_id:
            same_name = same_name.filter(organisation_id=organisation_id)
        elif not first:
            same_name = same_name.none()
        for person in same_name[:MAX_CANDIDATES]:
            found.setdefault(person.pk, Candidate(person, str(_("gleicher Name")), 0.9))
    domain = email_domain(email)
    if domain and organisation_id is None:
        colleagues = base.filter(email__iendswith=f"@{domain}", last_name__iexact=last)
        for person in colleagues[:MAX_CANDIDATES]:
            found.setdefault(
                person.pk, Candidate(person, str(_("gleiche E-Mail-Domain und Name")), 0.8)
            )
    return sorted(found.values(), key=lambda c: (-c.score, c.record.last_name))[:MAX_CANDIDATES]


@dataclass(frozen=True)
class DuplicatePair:
    """Two records that are probably the same. ``kept`` has more first
    contacts (or is older) and is proposed as the one that stays."""

    kept: Organisation | Person
    duplicate: Organisation | Person
    reason: str
    score: float

    @classmethod
    def proposed(cls, one, other, *, reason: str, score: float) -> "DuplicatePair":
        """The pair with the record that should stay first: the one with more
        first contacts, on a tie the older (lower id). Both records carry
        ``first_contacts_counted`` (``with_first_contact_counts``)."""
        kept, duplicate = sorted((one, other), key=lambda r: (-r.first_contacts_counted, r.pk))
        return cls(kept=kept, duplicate=duplicate, reason=reason, score=score)


def with_first_contact_counts(queryset, ids) -> dict:
    """The records ``ids`` of ``queryset`` by id, each with its number of first
    contacts, in one query."""
    records = queryset.filter(pk__in=ids).annotate(first_contacts_counted=Count("first_contacts"))
    return {record.pk: record for record in records}


# Pair finding over the whole database ------------------------------------

# Records compared with this many neighbours in sorted order.
NEIGHBOURHOOD = 4
# Names this short ("Junk", "Hein") are too common to pair across cities.
SHORT_NAME = 5
# A word in more than this many (or this share of) organisations' names is
# common and does not count when comparing names.
COMMON_WORD_MIN = 5
COMMON_WORD_SHARE = 0.002
# Words that say where, not who: stripped from names before comparing.
_PLACE_WORDS = frozenset(
    {"baden", "wuerttemberg", "bw", "deutschland", "germany", "sued", "nord", "region"}
)


# Legal forms normalize_organisation_name keeps (they are part of stored
# keys); for comparing they say nothing either.
_FORM_WORDS = frozenset({"stiftung", "kgaa", "partg", "mbb", "gemeinnuetzige", "ggmbh"})


@dataclass
class ScoredPair:
    score: float
    reason: str  # a DuplicateSuggestion.Reason value


def _blocks_pairs(blocks: Iterable[list[int]]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for ids in blocks:
        if 1 < len(ids) <= MAX_BLOCK_SIZE:
            pairs.update(combinations(sorted(set(ids)), 2))
    return pairs


def _neighbour_pairs(keys: dict[int, str]) -> set[tuple[int, int]]:
    """Sorted neighbourhood: each record with the next few in key order,
    and in the order of the reversed key (a typo early in the name)."""
    pairs: set[tuple[int, int]] = set()
    for key_of in (lambda pk: keys[pk], lambda pk: keys[pk][::-1]):
        ordered = sorted((pk for pk in keys if keys[pk]), key=key_of)
        for index, pk in enumerate(ordered):
            for other in ordered[index + 1 : index + 1 + NEIGHBOURHOOD]:
                pairs.add((min(pk, other), max(pk, other)))
    return pairs


def _first_word_keys(normalized: str) -> set[str]:
    """The first word and, for longer words, each variant with one letter
    left out: two names whose first words differ by one typo share a key."""
    word = normalized.split()[0]
    keys = {word}
    if len(word) >= 5:
        keys.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    return keys


def _place_vocabulary() -> tuple[frozenset, frozenset]:
    """Single-word and two-word place names: the regions and the cities of
    the organisations on record, normalised like names."""
    from kiallianz.models import Region

    places = set(_PLACE_WORDS)
    names = list(Region.objects.values_list("name", flat=True))
    names += Organisation.objects.exclude(city="").values_list("city", flat=True).distinct()
    for name in names:
        normalized = normalize_organisation_name(name)
        if normalized:
            places.add(normalized)
    single = frozenset(p for p in places if " " not in p)
    double = frozenset(p for p in places if p.count(" ") == 1)
    return single, double


def split_place(normalized: str, single: frozenset, double: frozenset) -> tuple[str, frozenset]:
    """„cyberforum karlsruhe“ → („cyberforum“, {„karlsruhe“}); a name that is
    only a place keeps it."""
    tokens = normalized.split()
    core, found, index = [], set(), 0
    while index < len(tokens):
        pair = " ".join(tokens[index : index + 2])
        if index + 1 < len(tokens) and pair in double:
            found.add(pair)
            index += 2
        elif tokens[index] in single:
            found.add(tokens[index])
            index += 1
        elif tokens[index] in _FORM_WORDS:
            index += 1
        else:
            core.append(tokens[index])
            index += 1
    if not core:
        return normalized, frozenset()
    return " ".join(core), frozenset(found)


@functools.lru_cache(maxsize=4096)
def _city_key(city: str) -> str:
    return normalize_organisation_name(city)


def _name_score(first: str, second: str) -> float:
    """Similarity of two core names; names differing in a number ("Werk 1",
    "Werk 2") are different places."""
    if first == second:
        return 1.0
    if _DIGITS.findall(first) != _DIGITS.findall(second):
        return 0.0
    return max(fuzz.ratio(first, second), fuzz.token_sort_ratio(first, second)) / 100


@dataclass
class _Org:
    normalized: str
    core: str
    places: frozenset
    city: str
    distinctive: str = ""


def _mark_distinctive(orgs: dict[int, "_Org"]) -> None:
    """The words of a name that tell it apart: a word many organisations
    carry („Automation“, „Technik“) makes two brands look alike."""
    counts: dict[str, int] = defaultdict(int)
    for org in orgs.values():
        for token in set(org.core.split()):
            counts[token] += 1
    common = max(COMMON_WORD_MIN, len(orgs) * COMMON_WORD_SHARE)
    for org in orgs.values():
        rare = [token for token in org.core.split() if counts[token] <= common]
        org.distinctive = " ".join(rare) or org.core


def organisation_pairs_scored() -> dict[tuple[int, int], ScoredPair]:
    """Every likely duplicate pair of organisations, with score and reason."""
    Reason = DuplicateSuggestion.Reason
    single, double = _place_vocabulary()
    orgs: dict[int, _Org] = {}
    by_core: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    by_domain: dict[str, set[int]] = defaultdict(set)
    rows = Organisation.objects.values_list("id", "normalized_name", "website", "city")
    for pk, normalized, website, city in rows.iterator(chunk_size=2000):
        if normalized:
            core, places = split_place(normalized, single, double)
            orgs[pk] = _Org(normalized, core, places, _city_key(city))
            by_core[core].append(pk)
            for key in _first_word_keys(core):
                by_word[key].append(pk)
        domain = website_domain(website)
        if domain:
            by_domain[domain].add(pk)
    if by_domain:
        # Persons' email domains tie their organisation to another one's website.
        emails = Person.objects.filter(organisation__isnull=False).exclude(email="")
        for organisation_id, email in emails.values_list("organisation_id", "email").iterator(
            chunk_size=2000
        ):
            domain = email_domain(email)
            if domain in by_domain:
                by_domain[domain].add(organisation_id)

    _mark_distinctive(orgs)
    scored: dict[tuple[int, int], ScoredPair] = {}
    candidates = _blocks_pairs(by_core.values()) | _blocks_pairs(by_word.values())
    candidates |= _neighbour_pairs({pk: org.core for pk, org in orgs.items()})
    for first_pk, second_pk in candidates:
        first, second = orgs[first_pk], orgs[second_pk]
        if first.places and second.places and first.places != second.places:
            continue  # „Stadtwerke Karlsruhe“ and „Stadtwerke Stuttgart“
        if first.normalized == second.normalized:
            scored[(first_pk, second_pk)] = ScoredPair(1.0, Reason.SAME_NAME)
            continue
        score = min(
            _name_score(first.core, second.core),
            _name_score(first.distinctive, second.distinctive),
        )
        elsewhere = first.city and second.city and first.city != second.city
        short = min(len(first.core), len(second.core)) <= SHORT_NAME
        if elsewhere and (short or score < 1.0):
            continue  # a similar name alone does not make one organisation of two cities
        if score == 1.0:
            scored[(first_pk, second_pk)] = ScoredPair(0.95, Reason.SAME_NAME_WITHOUT_PLACE)
        elif score >= NAME_SIMILARITY_THRESHOLD:
            scored[(first_pk, second_pk)] = ScoredPair(score * 0.95, Reason.SIMILAR_NAME)
    for pair in _blocks_pairs(list(ids) for ids in by_domain.values()):
        if pair not in scored or scored[pair].score < 0.9:
            scored[pair] = ScoredPair(0.9, Reason.SAME_DOMAIN)
    _drop_dismissed(scored, "organisation")
    return scored


@dataclass
class _Person:
    first: str
    last: str
    organisation_id: int | None
    domain: str
    phone: str
    city: str


def person_pairs_scored() -> dict[tuple[int, int], ScoredPair]:
    """Every likely duplicate pair of persons, with score and reason: the
    same email; the same phone; or a same or similar name together with the
    same organisation or email domain. A name alone never pairs two persons
    of different organisations."""
    Reason = DuplicateSuggestion.Reason
    persons: dict[int, _Person] = {}
    by_email: dict[str, list[int]] = defaultdict(list)
    by_phone: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    by_org_surname: dict[tuple, list[int]] = defaultdict(list)
    # Colleagues: everyone of one organisation, or writing from one domain.
    by_context: dict[object, list[int]] = defaultdict(list)
    rows = Person.objects.values_list(
        "id", "email", "phone", "first_name", "last_name", "organisation_id", "organisation__city"
    )
    for pk, email, phone, first_name, last_name, organisation_id, city in rows.iterator(
        chunk_size=2000
    ):
        email = normalize_email(email)
        first, last = fold_name(first_name), fold_name(last_name)
        digits = "".join(ch for ch in phone or "" if ch.isdigit())
        persons[pk] = _Person(first, last, organisation_id, email_domain(email), digits, city or "")
        if email:
            by_email[email].append(pk)
        if organisation_id:
            by_context[organisation_id].append(pk)
        if persons[pk].domain:
            by_context[persons[pk].domain].append(pk)
        if len(digits) >= 6:
            by_phone[digits].append(pk)
        if last:
            by_name[f"{last} {first[:1]}"].append(pk)
            if organisation_id:
                by_org_surname[(organisation_id, last)].append(pk)

    scored: dict[tuple[int, int], ScoredPair] = {}
    for pair in _blocks_pairs(by_email.values()):
        scored[pair] = ScoredPair(1.0, Reason.SAME_EMAIL)
    candidates = _blocks_pairs(by_name.values()) | _blocks_pairs(by_org_surname.values())
    candidates |= _blocks_pairs(by_phone.values()) | _blocks_pairs(by_context.values())
    candidates |= _neighbour_pairs({pk: f"{p.last} {p.first}" for pk, p in persons.items()})
    for pair in candidates - scored.keys():
        first, second = persons[pair[0]], persons[pair[1]]
        same_org = first.organisation_id is not None and (
            first.organisation_id == second.organisation_id
        )
        same_domain = bool(first.domain) and first.domain == second.domain
        same_phone = bool(first.phone) and first.phone == second.phone
        if not (same_org or same_domain or same_phone):
            continue  # a name alone never pairs two persons
        if not first.first or not second.first:
            # A missing first name matches within one organisation.
            if same_org and first.last == second.last:
                scored[pair] = ScoredPair(0.9, Reason.SAME_NAME)
            continue
        score = _name_score(f"{first.first} {first.last}", f"{second.first} {second.last}")
        if same_phone and score >= 0.7:
            scored[pair] = ScoredPair(max(0.9, score * 0.95), Reason.SAME_PHONE)
        elif score == 1.0 and same_org:
            scored[pair] = ScoredPair(0.9, Reason.SAME_NAME)
        elif score >= 0.88 and (same_org or same_domain):
            if min(len(first.last), len(second.last)) <= 4 and first.last != second.last:
                continue  # „Hein“ and „Heinz“ are different people
            scored[pair] = ScoredPair(score * 0.9, Reason.SIMILAR_NAME_SAME_CONTEXT)
    _drop_dismissed(scored, "person")
    return scored


def organisation_duplicate_pairs(*, limit: int = PAIR_LIMIT) -> list[DuplicatePair]:
    """The best ``limit`` organisation pairs, computed now (see the stored
    suggestions for the page)."""
    scored = organisation_pairs_scored()
    return _load_pairs(Organisation.objects.select_related("region"), scored, limit)


def person_duplicate_pairs(*, limit: int = PAIR_LIMIT) -> list[DuplicatePair]:
    """The best ``limit`` person pairs, computed now."""
    scored = person_pairs_scored()
    return _load_pairs(Person.objects.select_related("organisation"), scored, limit)


def _drop_dismissed(scored: dict, kind: str) -> None:
    """Pairs that office staff judged „keine Dublette“ are not suggested again."""
    dismissed = DuplicateDismissal.objects.filter(kind=kind).values_list("first_id", "second_id")
    for pair in dismissed.iterator(chunk_size=2000):
        scored.pop(pair, None)


def reason_label(reason: str) -> str:
    return str(DuplicateSuggestion.Reason(reason).label)


def _load_pairs(queryset, scored: dict, limit: int) -> list[DuplicatePair]:
    """The best ``limit`` pairs with both records and their first-contact
    counts, loaded in one query however many pairs there are."""
    best = sorted(scored.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    by_id = with_first_contact_counts(queryset, {pk for pair, _score in best for pk in pair})
    return [
        DuplicatePair.proposed(
            by_id[first_pk],
            by_id[second_pk],
            reason=reason_label(found.reason),
            score=round(found.score, 3),
        )
        for (first_pk, second_pk), found in best
    ]
