import datetime
from io import StringIO

import pytest
from django.core.management import call_command

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
