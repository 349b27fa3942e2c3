from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts.models import FirstContact, Organisation, Person
from kiallianz.models import User


@pytest.mark.django_db
def test_it_loads_demo_contacts_once(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    counts = (Organisation.objects.count(), Person.objects.count(), FirstContact.objects.count())
    assert counts[0] >= 160 and counts[1] >= 300 and counts[2] >= 200
    call_command("load_demo", stdout=StringIO())
    assert (
        Organisation.objects.count(),
        Person.objects.count(),
        FirstContact.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_demo_contacts_cover_the_report(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    names = set(Organisation.objects.values_list("name", flat=True))
    for name in ["TELENOT ELECTRONIC GmbH", "KOCH Freiburg GmbH", "Maddox AI GmbH", "relyon AG"]:
        assert name in names
    referred = FirstContact.objects.filter(referral_offer__slug="ki-innovation-lab")
    assert {fc.organisation.name for fc in referred} >= {"Gemeinde Jagstzell", "Vioonic GmbH"}
    assert (
        not Person.objects.exclude(email__endswith="@example.org")
        .exclude(email__endswith="@example.com")
        .exists()
    )
    dates = FirstContact.objects.values_list("date", flat=True)
    assert min(dates).isoformat() >= "2024-03-01" and max(dates).isoformat() <= "2025-02-28"
    assert FirstContact.objects.values("region").distinct().count() == 6
    today = timezone.localdate()
    for manager in User.objects.filter(username__startswith="cm-"):
        assert FirstContact.objects.filter(
            community_manager=manager, follow_up_done=False, follow_up_date__lte=today
        ).exists(), manager


@pytest.mark.django_db
def test_demo_organisations_count_as_entered_by_the_reports_as_of_date(settings):
    import datetime

    from contacts.selectors import organisations_as_of

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    as_of = organisations_as_of(as_of=datetime.date(2025, 2, 19)).count()
    # Every demo organisation, also those the events and partners demos add,
    # was met before the report's as-of date, except the ones first met later.
    later = (
        Organisation.objects.filter(first_contacts__date__gt=datetime.date(2025, 2, 19))
        .exclude(first_contacts__date__lte=datetime.date(2025, 2, 19))
        .distinct()
        .count()
    )
    assert as_of == Organisation.objects.count() - later
    assert as_of > 150
