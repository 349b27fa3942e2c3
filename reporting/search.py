"""The global search over organisations, persons, first contacts, events and
partners (issue 14 item 4).

PostgreSQL: every word as a substring or the German full text; where a group
finds nothing that way, similar spellings by pg_trgm (typos). All on GIN
expression indexes from migration ``reporting/0010_search_indexes``. Both sides of a
comparison go through the same normalisation (``search_norm`` in SQL,
``normalize_search_text`` here), so „Müller“ and „Mueller“ meet. SQLite: the
same normalisation in Python and a substring match of every word, correct
but slower. Each group is ranked and cut at ``GROUP_LIMIT``; the number of
queries does not depend on the data.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, FloatField, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from contacts.models import FirstContact, Organisation, Person
from events.models import Event
from partners.models import Partner

GROUP_LIMIT = 10
# pg_trgm's default (0.6) misses a word with one letter left out
# ("Robtik" ~ "Robotik" is 0.5); this is used only where nothing matched exactly.
NEAR_SPELLING_THRESHOLD = "0.45"

# The columns each type is searched in. The indexes in migration
# reporting/0010_search_indexes are built on exactly these expressions; a
# change here needs a new migration.
SEARCH_FIELDS = {
    Organisation: ("name", "city"),
    Person: ("first_name", "last_name", "email"),
    FirstContact: ("occasion_note", "content"),
    Event: ("title", "venue", "city"),
}

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalize_search_text(text: str) -> str:
    """Lower case with umlauts spelled out, like ``search_norm`` in SQL."""
    return text.lower().translate(_UMLAUTS)


@dataclass
class SearchGroup:
    key: str
    url_name: str
    label: str
    records: list = field(default_factory=list)
    more: bool = False


def _document_sql(model: type[Model]) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [
        f"{table}.{quote(model._meta.get_field(name).column)}" for name in SEARCH_FIELDS[model]
    ]
    return "search_norm(" + " || ' ' || ".join(columns) + ")"


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _postgresql_matches(
    queryset: QuerySet, model: type[Model], words: list[str], *, near: bool = False
) -> list:
    """Up to GROUP_LIMIT + 1 records containing every word or matching the
    German full text, best first; with ``near``, records with a similar
    spelling (pg_trgm) instead."""
    document = _document_sql(model)
    vector = f"to_tsvector('german', {document})"
    phrase = " ".join(words)
    if near:
        condition, params = f"%s <%% {document}", [phrase]
    else:
        substrings = " AND ".join(f"{document} LIKE %s" for _word in words)
        condition = f"({substrings}) OR {vector} @@ plainto_tsquery('german', %s)"
        params = [f"%{_escape_like(word)}%" for word in words] + [phrase]
    rank = f"ts_rank({vector}, plainto_tsquery('german', %s)) + word_similarity(%s, {document})"
    # Only column names from the models are put into the SQL; the words are parameters.
    ranked = RawSQL(rank, [phrase, phrase], output_field=FloatField())  # noqa: S611
    matching = RawSQL(condition, params, output_field=BooleanField())  # noqa: S611
    # The hits are ranked on their own table and cut; only the best are then
    # read with what the page shows (organisation, region): joining
    # thousands of hits before the cut cost more than finding them.
    best = list(
        queryset.select_related(None)
        .annotate(search_rank=ranked)
        .filter(matching)
        .order_by("-search_rank", "pk")
        .values_list("pk", flat=True)[: GROUP_LIMIT + 1]
    )
    found = queryset.in_bulk(best)
    return [found[pk] for pk in best if pk in found]


def _postgresql_first(queryset: QuerySet, model: type[Model], words: list[str]) -> list:
    """The exact matches; only when there are none, the similar spellings:
    near spellings of a word that is found would bury the hits."""
    found = _postgresql_matches(queryset, model, words)
    return found or _postgresql_matches(queryset, model, words, near=True)


def _fallback_ids(model: type[Model], words: list[str], queryset: QuerySet) -> list[int]:
    """Ids of the records whose text contains every word, best first."""
    ranked = []
    for pk, *values in queryset.values_list("pk", *SEARCH_FIELDS[model]).iterator():
        document = normalize_search_text(" ".join(value or "" for value in values))
        if all(word in document for word in words):
            whole_words = set(document.split())
            ranked.append((-sum(word in whole_words for word in words), pk))
    return [pk for _rank, pk in sorted(ranked)]


def _matching(model: type[Model], words: list[str], queryset: QuerySet) -> list:
    """Up to GROUP_LIMIT + 1 records of ``queryset`` matching ``words``, ranked."""
    if connection.vendor == "postgresql":
        return _postgresql_first(queryset, model, words)
    ids = _fallback_ids(model, words, model._default_manager.all())[: GROUP_LIMIT + 1]
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _matching_partners(words: list[str]) -> list:
    """Partners are found by their organisation's name and city."""
    with_partner = Organisation.objects.filter(partner__isnull=False)
    if connection.vendor == "postgresql":
        ids = [o.pk for o in _postgresql_first(with_partner.only("pk"), Organisation, words)]
    else:
        ids = _fallback_ids(Organisation, words, with_partner)[: GROUP_LIMIT + 1]
    partners = Partner.objects.select_related("organisation").filter(organisation_id__in=ids)
    found = {partner.organisation_id: partner for partner in partners}
    return [found[pk] for pk in ids if pk in found]


def global_search(query: str) -> list[SearchGroup]:
    """The records matching ``query``, grouped by type, each group ranked."""
    words = normalize_search_text(query).split()
    groups = [
        SearchGroup("organisations", "contacts:organisation_detail", _("Organisationen")),
        SearchGroup("persons", "contacts:person_detail", _("Personen")),
        SearchGroup("first_contacts", "contacts:first_contact_detail", _("Erstgespräche")),
        SearchGroup("events", "events:event_detail", _("Veranstaltungen")),
        SearchGroup("partners", "partners:partner_detail", _("Partner:innen")),
    ]
    if not words:
        return groups
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [NEAR_SPELLING_THRESHOLD],
            )
    found = [
        _matching(Organisation, words, Organisation.objects.select_related("region")),
        _matching(Person, words, Person.objects.select_related("organisation")),
        _matching(FirstContact, words, FirstContact.objects.select_related("organisation")),
        _matching(Event, words, Event.objects.all()),
        _matching_partners(words),
    ]
    for group, records in zip(groups, found, strict=True):
        group.records = records[:GROUP_LIMIT]
        group.more = len(records) > GROUP_LIMIT
    return groups
