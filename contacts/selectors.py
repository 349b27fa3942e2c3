"""Reads on contacts. Other apps (events, partners, reporting) use only these."""

from django.db.models import QuerySet

from contacts.models import FirstContact


def first_contacts_for_organisation(*, organisation_id: int) -> QuerySet[FirstContact]:
    return (
        FirstContact.objects.filter(organisation_id=organisation_id)
        .select_related("region", "community_manager", "organisation")
        .order_by("-date", "-id")
    )
