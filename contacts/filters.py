"""List filters. Their GET parameter names are public: other pages link to
filtered lists, e.g. ``/contacts/?region=3&date_after=2024-01-01``."""

import datetime
import operator
from functools import reduce

import django_filters
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import (
    CooperationPotential,
    FirstContact,
    FirstContactPotential,
    Organisation,
    Person,
)
from contacts.text_index import text_contains
from kiallianz import lists
from kiallianz.filters import DateInput, FilterSet, SearchFilter, YesNoFilter
from kiallianz.models import Offer, Region, User

CHECKED_STATUSES = (FirstContact.QualityStatus.CHECKED, FirstContact.QualityStatus.IN_ECOSYSTEM)


def _regions(request):
    return Region.objects.all()


def _managers(request):
    return User.objects.filter(role=User.Role.COMMUNITY_MANAGER).order_by(
        "first_name", "last_name", "username"
    )


def _offers(request):
    return Offer.objects.all()


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# Organisations and persons filtered by their first contacts: filter name ->
# lookup on FirstContact.
FIRST_CONTACT_LOOKUPS = {
    "community_manager": "community_manager",
    "quality_status": "quality_status",
    "potential": "potentials__potential",
    "offer": "offers",
}


def _first_contacts_matching(name: str, value):
    if name == "date":
        contacts = FirstContact.objects.all()
        if value.start:
            contacts = contacts.filter(date__gte=value.start)
        if value.stop:
            contacts = contacts.filter(date__lte=value.stop)
        return contacts
    return FirstContact.objects.filter(**{FIRST_CONTACT_LOOKUPS[name]: value})


# --- Text search (?q=) -------------------------------------------------------
# Substring matches, the same records as icontains on both backends,
# answered from the text index (contacts/text_index.py: trigram indexes on
# PostgreSQL, FTS5 on SQLite). A search across tables first counts its hits
# among the records the other filters leave (it runs last, see
# kiallianz.filters.FilterSet), up to SEARCH_HIT_CAP, from each table's
# index; the paginator takes that count instead of counting again. Then it
# takes one of two forms, chosen by that count:
# - few (at most SEARCH_HIT_CAP): a UNION of each table's hits, each read
#   from its index, which one OR could not use;
# - many: one OR tested row by row while the list walks its sort order. The
#   hits are then dense, so a page is full after a few rows: the page costs
#   the same however many records match. The record's own text is tested
#   there by icontains: offered the index, SQLite would collect every hit
#   and sort them all (36 ms for 20,000 persons against 3 ms).


def any_of(
    filterset, queryset: QuerySet, value: str, fields: tuple[str, ...], *related: Q
) -> QuerySet:
    """``queryset`` narrowed to the rows whose ``fields`` contain ``value`` or
    that match any of the ``related`` conditions, the same rows in either
    form (see above); sets ``filterset.search_hits``."""
    model = queryset.model
    conditions = [text_contains(model, fields, value), *related]
    hits = _hits_up_to(
        lists.SEARCH_HIT_CAP, [queryset.filter(condition) for condition in conditions]
    )
    filterset.search_hits = hits
    if hits > lists.SEARCH_HIT_CAP:
        own_text = text_contains(model, fields, value, use_index=False)
        return queryset.filter(reduce(operator.or_, [own_text, *related]))
    first, *rest = (
        model.objects.filter(condition).order_by().values("pk") for condition in conditions
    )
    return queryset.filter(pk__in=first.union(*rest))


def _hits_up_to(limit: int, parts: list[QuerySet]) -> int:
    """How many rows the parts find together, counted up to ``limit + 1``.
    Each part is read no further than ``limit + 1`` rows: a part that has
    that many makes the result over ``limit`` anyway, and otherwise every
    part was read whole, so the count of their distinct rows is exact. The
    first part (the record's own text) is counted alone first: when a
    common word fills it, the others are not read at all."""
    first, *rest = (part.order_by().values("pk") for part in parts)
    hits = first[: limit + 1].count()
    if hits > limit or not rest:
        return hits
    if connection.features.supports_slicing_ordering_in_compound:
        first, *rest = (part[: limit + 1] for part in (first, *rest))
    else:
        # SQLite cuts no part of a UNION: each part is counted alone first,
        # so the parts of the union are at most ``limit + 1`` rows each.
        for part in rest:
            if part[: limit + 1].count() > limit:
                return limit + 1
    return first.union(*rest)[: limit + 1].count()


def _organisations_named(value: str) -> QuerySet:
    return (
        Organisation.objects.filter(text_contains(Organisation, ("name",), value))
        .order_by()
        .values("pk")
    )


PERSON_TEXT = ("first_name", "last_name", "email")


class FirstContactFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="filter_q")
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=_regions)
    community_manager = django_filters.ModelChoiceFilter(
        label=_("Community Manager:in"), queryset=_managers
    )
    # Gives the GET parameters date_after and date_before (ISO dates).
    date = django_filters.DateFromToRangeFilter(
        label=_("Zeitraum"),
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    quality_status = django_filters.ChoiceFilter(
        label=_("Qualitätsstatus"), choices=FirstContact.QualityStatus.choices
    )
    potential = django_filters.ChoiceFilter(
        label=_("Kooperationspotenzial"),
        choices=CooperationPotential.choices,
        method="filter_potential",
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Art der Organisation"),
        choices=Organisation.Kind.choices,
        field_name="organisation__kind",
    )
    offer = django_filters.ModelChoiceFilter(
        label=_("Angebot"), queryset=_offers, method="filter_offer"
    )
    # ja: checked or taken into the ecosystem (the metrics link ?checked_only=1).
    checked_only = YesNoFilter(label=_("geprüft"), method="filter_checked_only")

    class Meta:
        model = FirstContact
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # The hits in each table: one row per first contact, and on
        # PostgreSQL every part reads its trigram index.
        return any_of(
            self,
            queryset,
            value,
            ("content", "occasion_note"),
            Q(organisation_id__in=_organisations_named(value)),
            Q(
                pk__in=FirstContact.persons.through.objects.filter(
                    person_id__in=Person.objects.filter(
                        text_contains(Person, PERSON_TEXT, value)
                    ).values("pk")
                ).values("firstcontact_id")
            ),
        )

    def filter_potential(self, queryset, name, value):
        return queryset.filter(
            pk__in=FirstContactPotential.objects.filter(potential=value).values("first_contact_id")
        )

    def filter_offer(self, queryset, name, value):
        return queryset.filter(
            pk__in=FirstContact.offers.through.objects.filter(offer=value).values("firstcontact_id")
        )

    def filter_checked_only(self, queryset, name, value):
        if value:
            return queryset.filter(quality_status__in=CHECKED_STATUSES)
        return queryset.exclude(quality_status__in=CHECKED_STATUSES)


class OrganisationFilter(FilterSet):
    """Organisations by their own fields, or by their first contacts."""

    q = SearchFilter(fields=("name", "city", "website"), method="filter_q")
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=_regions)
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Art der Organisation"), choices=Organisation.Kind.choices, field_name="kind"
    )
    membership_status = django_filters.ChoiceFilter(
        label=_("Mitgliedschaft"), choices=Organisation.MembershipStatus.choices
    )
    community_manager = django_filters.ModelChoiceFilter(
        label=_("Community Manager:in"), queryset=_managers, method="filter_first_contacts"
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Erstgespräch im Zeitraum"),
        method="filter_first_contacts",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    quality_status = django_filters.ChoiceFilter(
        label=_("Qualitätsstatus"),
        choices=FirstContact.QualityStatus.choices,
        method="filter_first_contacts",
    )
    potential = django_filters.ChoiceFilter(
        label=_("Kooperationspotenzial"),
        choices=CooperationPotential.choices,
        method="filter_first_contacts",
    )
    offer = django_filters.ModelChoiceFilter(
        label=_("Angebot"), queryset=_offers, method="filter_first_contacts"
    )
    # Inclusive ISO dates on when the record was created (Berlin days), as
    # contacts.selectors.organisations_as_of counts the database at a date.
    created_after = django_filters.DateFilter(
        label=_("angelegt ab"),
        method="filter_created",
        widget=DateInput(),
    )
    created_before = django_filters.DateFilter(
        label=_("angelegt bis"),
        method="filter_created",
        widget=DateInput(),
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return any_of(self, queryset, value, ("name", "city", "website"))

    def filter_created(self, queryset, name, value):
        if name == "created_after":
            return queryset.filter(created_at__gte=_start_of_day(value))
        return queryset.filter(created_at__lt=_start_of_day(value + datetime.timedelta(days=1)))

    def filter_first_contacts(self, queryset, name, value):
        return queryset.filter(
            pk__in=_first_contacts_matching(name, value).values("organisation_id")
        )


class PersonFilter(FilterSet):
    q = SearchFilter(
        fields=("first_name", "last_name", "email", "organisation__name"), method="filter_q"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=_regions, field_name="organisation__region"
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Art der Organisation"),
        choices=Organisation.Kind.choices,
        field_name="organisation__kind",
    )
    legal_basis = django_filters.ChoiceFilter(
        label=_("Rechtsgrundlage"), choices=Person.LegalBasis.choices
    )
    community_manager = django_filters.ModelChoiceFilter(
        label=_("Community Manager:in"), queryset=_managers, method="filter_first_contacts"
    )
    potential = django_filters.ChoiceFilter(
        label=_("Kooperationspotenzial"),
        choices=CooperationPotential.choices,
        method="filter_first_contacts",
    )
    offer = django_filters.ModelChoiceFilter(
        label=_("Angebot"), queryset=_offers, method="filter_first_contacts"
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # On PostgreSQL through the join, not the ids of every organisation
        # so named: when the hits are many, each walked row looks up its own
        # organisation instead of first collecting thousands. SQLite's index
        # gives those ids at once.
        return any_of(
            self,
            queryset,
            value,
            PERSON_TEXT,
            text_contains(Organisation, ("name",), value, path="organisation__"),
        )

    def filter_first_contacts(self, queryset, name, value):
        return queryset.filter(
            pk__in=FirstContact.persons.through.objects.filter(
                firstcontact_id__in=_first_contacts_matching(name, value).values("pk")
            ).values("person_id")
        )


class QualityQueueFilter(FilterSet):
    """The quality queue: new first contacts, by region."""

    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.filter(is_active=True)
    )

    class Meta:
        model = FirstContact
        fields = ["region"]
