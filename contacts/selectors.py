"""Reads on contacts. Other apps (events, partners, reporting) use only these.

Periods are inclusive on both ends: ``start <= date <= end``.
"""

import datetime
from collections.abc import Iterable

from django.db.models import (
    CharField,
    Count,
    Func,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from contacts.filters import FirstContactFilter, OrganisationFilter, PersonFilter
from contacts.models import (
    DuplicateDismissal,
    DuplicateSuggestion,
    FirstContact,
    FirstContactPotential,
    MergeLog,
    Organisation,
    Person,
)
from contacts.models.persons import PERSON_NAME_ORDER
from contacts.normalize import normalize_organisation_name
from kiallianz.models import Offer

# Lists of records that belong to an organisation sort them by it as the
# organisation list sorts organisations: by the normalised name (lower case,
# umlauts spelt out, legal form dropped: „AHK“ after „Ackermann“), then one
# organisation's records together. The name's index serves the first pages.
BY_ORGANISATION_NAME = ("organisation__normalized_name", "organisation_id")

CHECKED_STATUSES = (
    FirstContact.QualityStatus.CHECKED,
    FirstContact.QualityStatus.IN_ECOSYSTEM,
)


def first_contacts_for_organisation(*, organisation_id: int) -> QuerySet[FirstContact]:
    return (
        FirstContact.objects.filter(organisation_id=organisation_id)
        .select_related("region", "community_manager", "organisation")
        .order_by("-date", "-id")
    )


def first_contacts_in_period(
    *,
    start: datetime.date,
    end: datetime.date,
    region_ids: Iterable[int] | None = None,
    checked_only: bool = False,
) -> QuerySet[FirstContact]:
    """First contacts dated in [start, end]; optionally only quality-checked ones
    (checked or taken into the ecosystem)."""
    queryset = FirstContact.objects.filter(date__gte=start, date__lte=end)
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=list(region_ids))
    if checked_only:
        queryset = queryset.filter(quality_status__in=CHECKED_STATUSES)
    return queryset.select_related("region", "organisation", "community_manager").order_by(
        "date", "id"
    )


def first_contact_counts_by_region(
    *, start: datetime.date, end: datetime.date, checked_only: bool = False
) -> dict[int, int]:
    rows = (
        first_contacts_in_period(start=start, end=end, checked_only=checked_only)
        .order_by()
        .values("region_id")
        .annotate(count=Count("id"))
    )
    return {row["region_id"]: row["count"] for row in rows}


def first_contact_counts_by_month(
    *, start: datetime.date, end: datetime.date
) -> dict[tuple[int, int], dict[int, int]]:
    """{(year, month): {region_id: count}} for trend charts, counted by the
    database: one row per month and region, whatever the number of contacts."""
    counts: dict[tuple[int, int], dict[int, int]] = {}
    rows = (
        FirstContact.objects.filter(date__gte=start, date__lte=end)
        .annotate(month=YearMonth("date"))
        .order_by()
        .values_list("month", "region_id")
        .annotate(count=Count("pk"))
    )
    for month, region_id, count in rows:
        year, number = month.split("-")
        counts.setdefault((int(year), int(number)), {})[region_id] = count
    return counts


class YearMonth(Func):
    """„YYYY-MM“ of a date column, in SQL. On SQLite, which stores dates as
    ISO text, its first seven characters: Django's TruncMonth/ExtractMonth
    would call a Python function per row there."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="TO_CHAR(%(expressions)s, 'YYYY-MM')", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra_context
        )


def organisations_as_of(*, as_of: datetime.date) -> QuerySet[Organisation]:
    """Organisations in the database at the end of the as-of day (Berlin time)."""
    end_of_day = timezone.make_aware(
        datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time.min)
    )
    return Organisation.objects.filter(created_at__lt=end_of_day).select_related("region")


def first_contact_counts_by_potential(
    *, start: datetime.date, end: datetime.date
) -> dict[str, int]:
    rows = (
        FirstContactPotential.objects.filter(
            first_contact__date__gte=start, first_contact__date__lte=end
        )
        .values("potential")
        .annotate(count=Count("first_contact_id", distinct=True))
    )
    return {row["potential"]: row["count"] for row in rows}


def first_contact_counts_by_offer(*, start: datetime.date, end: datetime.date) -> dict[int, int]:
    rows = (
        FirstContact.offers.through.objects.filter(
            firstcontact__date__gte=start, firstcontact__date__lte=end
        )
        .values("offer_id")
        .annotate(count=Count("firstcontact_id", distinct=True))
    )
    return {row["offer_id"]: row["count"] for row in rows}


def referred_first_contacts(
    *, start: datetime.date, end: datetime.date, offer_slug: str | None = None
) -> QuerySet[FirstContact]:
    """First contacts referred to another alliance project (e.g. KI-Innovation Lab)."""
    queryset = first_contacts_in_period(start=start, end=end).filter(referral_offer__isnull=False)
    if offer_slug:
        queryset = queryset.filter(referral_offer__slug=offer_slug)
    return queryset.select_related("referral_offer")


# --- Lists and pages (records UI) ------------------------------------------


def first_contact_list(*, filters: dict | None = None) -> tuple:
    """(filterset, queryset) for the first-contact list; the queryset prefetches
    everything a row shows, so the page's query count does not grow."""
    # The rows' related names as plain lists (to_attr): a related manager and
    # queryset per row and relation cost more than the row itself.
    queryset = FirstContact.objects.select_related(
        "organisation", "region", "community_manager", "referral_offer"
    ).prefetch_related(
        Prefetch(
            "persons",
            queryset=Person.objects.only("title", "first_name", "last_name"),
            to_attr="listed_persons",
        ),
        Prefetch("offers", queryset=Offer.objects.only("name"), to_attr="listed_offers"),
        Prefetch("potentials", to_attr="listed_potentials"),
    )
    filterset = FirstContactFilter(filters or {}, queryset=queryset)
    return filterset, filterset.qs


def organisation_list(*, filters: dict | None = None) -> tuple:
    # The first-contact count and latest date are columns the database keeps
    # (Organisation.first_contact_count): sorted by them, a page walks an index.
    queryset = Organisation.objects.select_related("region")
    filterset = OrganisationFilter(filters or {}, queryset=queryset)
    return filterset, filterset.qs


def person_list(*, filters: dict | None = None) -> tuple:
    queryset = Person.objects.select_related("organisation", "organisation__region")
    filterset = PersonFilter(filters or {}, queryset=queryset)
    return filterset, filterset.qs


def first_contact_detail(*, pk: int) -> FirstContact:
    return (
        FirstContact.objects.select_related(
            "organisation",
            "organisation__region",
            "region",
            "community_manager",
            "referral_offer",
            "reviewed_by",
            "created_by",
        )
        .prefetch_related("offers", "potentials", "persons")
        .get(pk=pk)
    )


def organisation_timeline(*, organisation_id: int) -> QuerySet[FirstContact]:
    return (
        first_contacts_for_organisation(organisation_id=organisation_id)
        .select_related("referral_offer")
        .prefetch_related("offers", "potentials", "persons")
    )


def persons_of_organisation(*, organisation_id: int) -> QuerySet[Person]:
    return Person.objects.filter(organisation_id=organisation_id).order_by(*PERSON_NAME_ORDER, "pk")


def first_contacts_of_person(*, person_id: int) -> QuerySet[FirstContact]:
    return (
        FirstContact.objects.filter(persons__pk=person_id)
        .select_related("organisation", "region", "community_manager")
        .prefetch_related("offers", "potentials")
        .order_by("-date", "-id")
    )


def organisation_search(*, query: str, limit: int = 8) -> list[Organisation]:
    """Autocomplete: names containing the text, also matched on the
    normalised name so 'koch gmbh' finds 'KOCH Freiburg GmbH'."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    normalized = normalize_organisation_name(query)
    condition = Q(name__icontains=query)
    if normalized:
        condition |= Q(normalized_name__contains=normalized)
    return list(
        Organisation.objects.filter(condition).select_related("region").order_by("name")[:limit]
    )


def person_search(*, query: str, limit: int = 8) -> list[Person]:
    """Autocomplete over persons: name parts or email."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    condition = Q()
    for part in query.split()[:3]:
        condition &= (
            Q(first_name__icontains=part) | Q(last_name__icontains=part) | Q(email__icontains=part)
        )
    return list(
        Person.objects.filter(condition)
        .select_related("organisation")
        .order_by(*PERSON_NAME_ORDER, "pk")[:limit]
    )


def quality_queue(*, region_id: int | None = None) -> QuerySet[FirstContact]:
    queryset = (
        FirstContact.objects.filter(quality_status=FirstContact.QualityStatus.NEW)
        .select_related("organisation", "region", "community_manager")
        .prefetch_related("offers", "potentials")
    )
    if region_id:
        queryset = queryset.filter(region_id=region_id)
    return queryset


# „Meine Wiedervorlagen“ lists what is overdue or due within this many days;
# the dashboard counts the same list.
FOLLOW_UP_HORIZON_DAYS = 7


def follow_up_list_until(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=FOLLOW_UP_HORIZON_DAYS)


def open_follow_ups(*, user_id: int, until: datetime.date | None = None) -> QuerySet[FirstContact]:
    """A manager's follow-ups not done, dated up to ``until`` (default: today)."""
    until = until or timezone.localdate()
    return (
        FirstContact.objects.filter(
            community_manager_id=user_id,
            follow_up_done=False,
            follow_up_date__isnull=False,
            follow_up_date__lte=until,
        )
        .select_related("organisation", "region")
        .order_by("follow_up_date", "id")
    )


def managers_with_open_follow_ups(*, until: datetime.date) -> list[int]:
    return list(
        FirstContact.objects.filter(
            follow_up_done=False,
            follow_up_date__isnull=False,
            follow_up_date__lte=until,
            community_manager__is_active=True,
        )
        .order_by()
        .values_list("community_manager_id", flat=True)
        .distinct()
    )


def duplicate_suggestion_page(*, kind: str, page_number, per_page: int):
    """One page of the stored duplicate suggestions of ``kind``, best first,
    as ``DuplicatePair`` objects: two queries whatever the page. A pair whose
    record was merged away since the computation is left out."""
    from django.core.paginator import Paginator

    from contacts.duplicates import DuplicatePair, with_first_contact_counts

    suggestions = DuplicateSuggestion.objects.filter(kind=kind).order_by(
        "-score", "first_id", "second_id"
    )
    page = Paginator(suggestions, per_page).get_page(page_number)
    rows = list(page.object_list)
    if kind == DuplicateDismissal.Kind.ORGANISATION:
        records = Organisation.objects.select_related("region")
    else:
        records = Person.objects.select_related("organisation")
    by_id = with_first_contact_counts(
        records, {pk for row in rows for pk in (row.first_id, row.second_id)}
    )
    page.object_list = [
        DuplicatePair.proposed(
            by_id[row.first_id],
            by_id[row.second_id],
            reason=row.get_reason_display(),
            score=row.score,
        )
        for row in rows
        if row.first_id in by_id and row.second_id in by_id
    ]
    return page


def persons_for_outreach(queryset, *, include_do_not_contact: bool = False):
    """Persons who may be approached: never those who withdrew consent or
    objected, nor anonymised ones; „nicht kontaktieren“ only when office
    includes them explicitly."""
    queryset = queryset.filter(consent_withdrawn_on__isnull=True, objected_on__isnull=True)
    queryset = queryset.exclude(last_name="anonymisiert", first_name="", email="")
    if not include_do_not_contact:
        queryset = queryset.filter(do_not_contact=False)
    return queryset


def merge_survivor_id(*, model: type[Organisation | Person], merged_id: int) -> int | None:
    """The record a merged organisation or person lives on in, or None.

    A survivor merged again later carries its merge logs along (the merge
    moves every reference), so one look-up finds the record that exists now.
    """
    survivor_field = "organisation_id" if model is Organisation else "person_id"
    return (
        MergeLog.objects.filter(**{f"{survivor_field}__isnull": False, "merged_id": merged_id})
        .order_by("-merged_at", "-id")
        .values_list(survivor_field, flat=True)
        .first()
    )
