"""The partner section on the organisation page (registered with contacts)."""

from django.urls import reverse

from kiallianz.permissions import can_create_in_region
from partners.selectors import partner_for_organisation


def organisation_panel_context(organisation, user) -> dict:
    partner = partner_for_organisation(organisation_id=organisation.pk)
    return {
        "organisation": organisation,
        "partner": partner,
        "partner_url": reverse("partners:partner_detail", args=[partner.pk]) if partner else None,
        "create_url": f"{reverse('partners:partner_create')}?organisation={organisation.pk}",
        # Office staff everywhere, community managers for their regions' organisations.
        "may_create": can_create_in_region(user, organisation.region_id),
    }
