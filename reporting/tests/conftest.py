"""Fixtures shared by the reporting view tests: a funding project and its targets."""

import pytest

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
            due_end_of_2024=True,
        ),
        TargetFactory(
            work_package=events,
            title="Zwei Kleinveranstaltungen je Region",
            events_per_region=True,
            metric_params={"size": "small"},
            target_value=2,
        ),
        TargetFactory(
            work_package=package,
            title="Monitoring-Konzept liegt vor",
            manual_done=True,
        ),
    ]
