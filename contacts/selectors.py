"""Reads on contacts. Other apps (events, partners, reporting) use only these.

Periods are inclusive on both ends: ``start <= date <= end``.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Count, QuerySet
from django.utils import timezone

from contacts.models import FirstContact, FirstContactPotential, Organisation

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
    """{(year, month): {region_id: count}} for trend charts."""
    counts: dict[tuple[int, int], dict[int, int]] = {}
    rows = (
        first_contacts_in_period(start=start, end=end).order_by().values_list("date", "region_id")
    )
    for day, region_id in rows:
        bucket = counts.setdefault((day.year, day.month), {})
        bucket[region_id] = bucket.get(region_id, 0) + 1
    return counts


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
