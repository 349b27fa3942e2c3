"""Helpers shared by the view tests of this app."""

from django.utils import timezone

TODAY = timezone.localdate


LIST_URLS = ["contacts:index", "contacts:organisation_list", "contacts:person_list"]


def capture_data(region, **overrides):
    data = {
        "date": "2024-10-01",
        "region": str(region.pk),
        "organisation": "",
        "organisation_query": "",
        "create_organisation": "on",
        "new_org_name": "Neue Werkstatt GmbH",
        "new_org_kind": "company",
        "new_org_city": "Karlsruhe",
        "new_org_website": "",
        "occasion": "trade_fair",
        "occasion_note": "Messe",
        "content": "Gespräch am Stand",
        "potentials": ["speaker"],
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "0",
        "person-MAX_NUM_FORMS": "10",
        "person-0-first_name": "Mia",
        "person-0-last_name": "Muster",
        "person-0-email": "mia@neue-werkstatt.example.org",
        "person-0-phone": "0721 1234567",
        "person-0-function": "Geschäftsführung",
    }
    data.update(overrides)
    return data
