"""Duplicate candidates for organisations and persons.

Used by the capture screen (warning before a new record is saved) and by the
merge tools. Works the same on SQLite and PostgreSQL: the database narrows
the candidates by cheap keys (name tokens, email, domain), the similarity is
computed in Python with difflib.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation, Person
from contacts.normalize import (
    email_domain,
    normalize_email,
    normalize_organisation_name,
    website_domain,
)

NAME_SIMILARITY_THRESHOLD = 0.85
MAX_CANDIDATES = 10
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


def organisations_for_email_domain(*, email: str) -> list[Organisation]:
    """Organisations whose website or persons share the email's domain
    (freemail domains never match)."""
    domain = email_domain(email)
    if not domain:
        return []
    return _organisations_with_domain(domain, exclude_id=None)
