"""Reads on the calendar. Other apps (partners, reporting) use only these."""

from django.db.models import Q, QuerySet

from events.models import Event


def events_for_organisation(*, organisation_id: int) -> QuerySet[Event]:
    """Events an organisation co-organised or took part in."""
    return (
        Event.objects.filter(
            Q(co_organisers__id=organisation_id) | Q(organisations__id=organisation_id)
        )
        .distinct()
        .select_related("region")
        .order_by("-start_date")
    )
