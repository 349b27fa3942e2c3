import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from contacts.models import FirstContact, Organisation, Person
from events.models import Event, EventPhoto
from partners.models import Partner
from reporting.models import CommunicationActivity, FundingProject, Target, TransferProject
from reporting.progress import target_progress


@pytest.mark.django_db
def test_the_demo_holds_the_funding_project_and_the_targets_of_the_2024_report(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    counts = (
        Target.objects.count(),
        TransferProject.objects.count(),
        CommunicationActivity.objects.count(),
    )
    call_command("load_demo", stdout=StringIO())
    assert (
        Target.objects.count(),
        TransferProject.objects.count(),
        CommunicationActivity.objects.count(),
    ) == counts
    project = FundingProject.objects.get(funder_reference="2782027")
    assert project.title == "Community Management"
    assert list(project.work_packages.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    m26 = Target.objects.get(title="20 Projekte mit der Wirtschaft initiiert bis M26")
    assert m26.due_date == datetime.date(2025, 11, 30)
    assert Target.objects.filter(scope=Target.Scope.REGION).count() == 5
    monitoring = Target.objects.get(title="Monitoring-Konzept liegt vor")
    assert target_progress(monitoring, as_of=datetime.date(2025, 2, 19)).is_met


@pytest.mark.django_db
def test_the_readme_states_the_demo_counts(settings):
    """The README's demo paragraph names the numbers load_demo creates."""
    readme = " ".join((Path(settings.BASE_DIR) / "README.md").read_text().split())
    stated = re.search(
        r"(\d+) fictitious persons in (\d+) fictitious organisations plus the (\d+) real "
        r"organisations the report names \((\d+) organisations, (\d+) once the events and "
        r"partners of the report are added\), with (\d+) first contacts .*?\((\d+) events, "
        r"(\d+) figures .*? the (\d+) partners of section 3\.3",
        readme,
    )
    assert stated, "README: Absatz zu den Demodaten nicht gefunden"
    persons, fictitious, real, contacts_orgs, orgs, first_contacts, events, figures, partners = map(
        int, stated.groups()
    )
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert fictitious + real == contacts_orgs
    assert f"Kontakte: {contacts_orgs} Organisationen, {persons} Personen, " in out.getvalue()
    assert (
        Person.objects.count(),
        Organisation.objects.count(),
        FirstContact.objects.count(),
        Event.objects.count(),
        EventPhoto.objects.count(),
        Partner.objects.count(),
    ) == (persons, orgs, first_contacts, events, figures, partners)
