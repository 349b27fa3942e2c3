"""Duplicate candidates for organisations and persons.

Used by the capture screen (warning before a new record is saved) and by the
merge tools. Works the same on SQLite and PostgreSQL: the database narrows
the candidates by cheap keys (name tokens, email, domain), the similarity is
computed in Python with difflib.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from contacts.models import DuplicateDismissal, Organisation, Person
from contacts.normalize import (
    email_domain,
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
    return SequenceMatcher(None, first, second).ratio()


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


def _blocks_pairs(blocks: Iterable[list[int]]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for ids in blocks:
        if 1 < len(ids) <= MAX_BLOCK_SIZE:
            pairs.update(combinations(sorted(ids), 2))
    return pairs


def _first_word_keys(normalized: str) -> set[str]:
    """The first word and, for longer words, each variant with one letter
    left out: two names whose first words differ by one typo share a key."""
    word = normalized.split()[0]
    keys = {word}
    if len(word) >= 5:
        keys.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    return keys


def _similar(first: str, second: str) -> float:
    """name_similarity, with the cheap upper bounds of difflib first. Names
    that differ in a number ("Werk 1", "Werk 2") are different places."""
    if first == second:
        return 1.0
    if _DIGITS.findall(first) != _DIGITS.findall(second):
        return 0.0
    matcher = SequenceMatcher(None, first, second)
    if matcher.real_quick_ratio() < NAME_SIMILARITY_THRESHOLD:
        return 0.0
    if matcher.quick_ratio() < NAME_SIMILARITY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def organisation_duplicate_pairs(*, limit: int = PAIR_LIMIT) -> list[DuplicatePair]:
    """Likely duplicate organisations, best first: the capture screen's rules
    (similar normalised name; same website domain, also via the email domain
    of their persons), applied within blocks of records sharing a cheap key
    (normalised name, first word up to one typo, domain) instead of to all
    pairs."""
    names: dict[int, str] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    by_domain: dict[str, set[int]] = defaultdict(set)
    rows = Organisation.objects.values_list("id", "normalized_name", "website")
    for pk, normalized, website in rows.iterator(chunk_size=2000):
        names[pk] = normalized
        if normalized:
            by_name[normalized].append(pk)
            for key in _first_word_keys(normalized):
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

    scored: dict[tuple[int, int], tuple[float, str]] = {}
    for pair in _blocks_pairs(by_name.values()):
        scored[pair] = (1.0, str(_("gleicher Name")))
    for pair in _blocks_pairs(by_word.values()) - scored.keys():
        score = _similar(names[pair[0]], names[pair[1]])
        if score >= NAME_SIMILARITY_THRESHOLD:
            scored[pair] = (score, str(_("ähnlicher Name")))
    for pair in _blocks_pairs(list(ids) for ids in by_domain.values()):
        if pair not in scored or scored[pair][0] < 0.9:
            scored[pair] = (0.9, str(_("gleiche Web-/E-Mail-Domain")))
    _drop_dismissed(scored, "organisation")
    return _load_pairs(Organisation.objects.select_related("region"), scored, limit)


def person_duplicate_pairs(*, limit: int = PAIR_LIMIT) -> list[DuplicatePair]:
    """Likely duplicate persons, best first: the same email address, or the
    same name within one organisation (a missing first name matches)."""
    by_email: dict[str, list[int]] = defaultdict(list)
    by_name: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    rows = Person.objects.values_list("id", "email", "first_name", "last_name", "organisation_id")
    for pk, email, first_name, last_name, organisation_id in rows.iterator(chunk_size=2000):
        email = normalize_email(email)
        if email:
            by_email[email].append(pk)
        last = (last_name or "").strip().lower()
        if organisation_id and last:
            by_name[(organisation_id, last)].append((pk, (first_name or "").strip().lower()))

    scored: dict[tuple[int, int], tuple[float, str]] = {}
    for pair in _blocks_pairs(by_email.values()):
        scored[pair] = (1.0, str(_("gleiche E-Mail-Adresse")))
    for members in by_name.values():
        if not 1 < len(members) <= MAX_BLOCK_SIZE:
            continue
        for (first_pk, first), (second_pk, second) in combinations(sorted(members), 2):
            if (first_pk, second_pk) not in scored and (first == second or not first or not second):
                scored[(first_pk, second_pk)] = (0.9, str(_("gleicher Name")))
    _drop_dismissed(scored, "person")
    return _load_pairs(Person.objects.select_related("organisation"), scored, limit)


def _drop_dismissed(scored: dict, kind: str) -> None:
    """Pairs that office staff judged „keine Dublette“ are not suggested again."""
    dismissed = DuplicateDismissal.objects.filter(kind=kind).values_list("first_id", "second_id")
    for pair in dismissed.iterator(chunk_size=2000):
        scored.pop(pair, None)


def _load_pairs(queryset, scored: dict, limit: int) -> list[DuplicatePair]:
    """The best ``limit`` pairs with both records and their first-contact
    counts, loaded in one query however many pairs there are."""
    best = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    ids = {pk for pair, _score in best for pk in pair}
    records = queryset.filter(pk__in=ids).annotate(first_contact_count=Count("first_contacts"))
    by_id = {record.pk: record for record in records}
    pairs = []
    for (first_pk, second_pk), (score, reason) in best:
        first, second = by_id[first_pk], by_id[second_pk]
        # More first contacts stays; on a tie the older (lower id) one.
        if second.first_contact_count > first.first_contact_count:
            first, second = second, first
        pairs.append(DuplicatePair(kept=first, duplicate=second, reason=reason, score=score))
    return pairs
