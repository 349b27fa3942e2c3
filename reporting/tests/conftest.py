"""Fixtures shared by the reporting view tests: a funding project and its targets."""

import datetime

import pytest

from reporting.models import Target
from reporting.tests.factories import (
    FundingProjectFactory,
    TargetFactory,
    WorkPackageFactory,
)


@pytest.fixture
def project(db):
    return FundingProjectFactory()


@pytest.fixture
def targets(project, region, other_region):
    package = WorkPackageFactory(project=project, number=2, title="Netzwerkmanagement")
    events = WorkPackageFactory(project=project, number=3, title="Veranstaltungen")
    return [
        TargetFactory(
            work_package=package,
            title="Mindestens 60 Erstgespräche im Jahr 2024",
            target_value=60,
            due_kind=Target.DueKind.DATE,
            due_on=datetime.date(2024, 12, 31),
        ),
        TargetFactory(
            work_package=events,
            title="Zwei Kleinveranstaltungen je Region",
            metric_key="events_held",
            metric_params={"size": "small"},
            scope=Target.Scope.REGION,
            target_value=2,
        ),
        TargetFactory(
            work_package=package,
            title="Monitoring-Konzept liegt vor",
            kind=Target.Kind.MANUAL,
            metric_key="",
            manual_status=Target.ManualStatus.DONE,
        ),
    ]
