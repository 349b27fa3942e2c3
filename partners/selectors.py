"""Reads on the partner registry. Reporting uses only these.

Periods are inclusive on both ends. A partner is active on a day when one
of its spans covers it: ``since <= day`` and (``ended`` empty or
``ended >= day``).
"""

import datetime
import hashlib

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery

from contacts.models import Organisation
from contacts.selectors import first_contacts_for_organisation
from events.models import KIChallengeRound
from events.selectors import events_for_organisation
from partners.filters import PartnerFilter
from partners.models import Partner, PartnershipSpan


def _open_span():
    return PartnershipSpan.objects.filter(partner=OuterRef("pk"), ended__isnull=True)


def partners_active_at(*, day: datetime.date) -> QuerySet[Partner]:
    covering = PartnershipSpan.objects.filter(
        Q(ended__isnull=True) | Q(ended__gte=day), partner=OuterRef("pk"), since__lte=day
    )
    return Partner.objects.filter(Exists(covering)).select_related("organisation")


def partners_new_in_period(*, start: datetime.date, end: datetime.date) -> QuerySet[Partner]:
    started = PartnershipSpan.objects.filter(
        partner=OuterRef("pk"), since__gte=start, since__lte=end
    )
    return Partner.objects.filter(Exists(started)).select_related("organisation")


def partner_list(*, params=None) -> tuple[PartnerFilter, QuerySet[Partner]]:
    """The filtered list with what each row shows, in a fixed number of queries."""
    latest_since = (
        PartnershipSpan.objects.filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(latest=Max("since"))
        .values("latest")
    )
    queryset = (
        Partner.objects.select_related("organisation", "community_manager")
        .prefetch_related("regions")
        .annotate(
            active=Exists(_open_span()),
            latest_since=Subquery(latest_since),
        )
    )
    partner_filter = PartnerFilter(params or None, queryset=queryset)
    return partner_filter, partner_filter.qs


def partner_for_detail(*, pk: int) -> Partner:
    return (
        Partner.objects.select_related(
            "organisation", "organisation__region", "community_manager", "first_contact"
        )
        .prefetch_related("regions", "spans", "contact_persons")
        .get(pk=pk)
    )


def partner_for_organisation(*, organisation_id: int) -> Partner | None:
    return Partner.objects.filter(organisation_id=organisation_id).prefetch_related("spans").first()


def partner_activities(*, partner: Partner) -> dict:
    """What the partner did with the alliance: events, KI-Challenge rounds,
    first contacts."""
    organisation_id = partner.organisation_id
    events = events_for_organisation(organisation_id=organisation_id)
    co_organised = list(events.filter(co_organisers__id=organisation_id))
    co_organised_ids = {event.id for event in co_organised}
    involved = [event for event in events if event.id not in co_organised_ids]
    rounds = list(
        KIChallengeRound.objects.filter(partners__id=organisation_id)
        .select_related("region")
        .order_by("-start_date")
    )
    return {
        "co_organised_events": co_organised,
        "involved_events": involved,
        "ki_challenge_rounds": rounds,
        "first_contacts": list(
            first_contacts_for_organisation(organisation_id=organisation_id)[:50]
        ),
    }


def public_partners() -> QuerySet[Partner]:
    """Active partners marked public, for the website feed."""
    return (
        Partner.objects.filter(is_public=True)
        .filter(Exists(_open_span()))
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def public_partners_fingerprint() -> str:
    """Changes whenever the public feed might: for the cache key."""
    stamp = Partner.objects.aggregate(
        latest=Max("updated_at"), organisations=Max("organisation__updated_at"), count=Count("id")
    )
    raw = f"{stamp['latest']}-{stamp['organisations']}-{stamp['count']}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def organisations_for_partner_choice(*, query: str, limit: int = 20) -> QuerySet[Organisation]:
    """Organisations matching a search that are not partners yet."""
    return (
        Organisation.objects.filter(name__icontains=query.strip(), partner__isnull=True)
        .select_related("region")
        .order_by("name")[:limit]
    )


def persons_of_active_partnerships(today):
    """A ``Q`` on Person: contact persons of a partner with an open span (retention)."""
    from contacts.models import Person

    active = Q(partners__spans__since__lte=today) & (
        Q(partners__spans__ended__isnull=True) | Q(partners__spans__ended__gte=today)
    )
    return Q(pk__in=Person.objects.filter(active).values("pk"))
