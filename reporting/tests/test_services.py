import datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.tests.factories import OrganisationFactory
from reporting import services
from reporting.models import CommunicationActivity, Target, TransferProject
from reporting.tests.factories import (
    CommunicationActivityFactory,
    TargetFactory,
    TransferProjectFactory,
    WorkPackageFactory,
)

STALE = "Dieser Datensatz wurde inzwischen von jemand anderem geändert."


@pytest.mark.django_db
class TestTargetValidation:
    def test_it_refuses_an_unknown_event_kind_with_a_german_message(self):
        package = WorkPackageFactory()
        with pytest.raises(ValidationError) as error:
            services.target_create(
                work_package=package,
                title="Großveranstaltungen",
                metric_key="events_held",
                metric_params={"kinds": ["barbecue"]},
            )
        message = error.value.message_dict["metric_params"][0]
        assert message.startswith("„barbecue“ ist kein erlaubter Wert für „Arten“")
        assert not Target.objects.exists()

    def test_it_needs_a_known_metric_for_a_computed_target(self):
        package = WorkPackageFactory()
        with pytest.raises(ValidationError) as error:
            services.target_create(work_package=package, title="Ziel", metric_key="")
        assert error.value.message_dict["metric_key"] == [
            "Ein berechnetes Ziel braucht eine Kennzahl."
        ]
        with pytest.raises(ValidationError) as error:
            services.target_create(work_package=package, title="Ziel", metric_key="weather")
        assert error.value.message_dict["metric_key"] == ["Bitte eine bekannte Kennzahl wählen."]

    def test_it_refuses_a_project_month_beyond_the_term_and_a_missing_date(self):
        package = WorkPackageFactory()
        with pytest.raises(ValidationError) as error:
            services.target_create(
                work_package=package,
                title="Ziel",
                metric_key="first_contacts",
                due_kind=Target.DueKind.MONTH,
                due_month=40,
            )
        assert error.value.message_dict["due_month"] == ["Das Projekt hat nur 36 Monate (M1–M36)."]
        with pytest.raises(ValidationError) as error:
            services.target_create(
                work_package=package,
                title="Ziel",
                metric_key="first_contacts",
                due_kind=Target.DueKind.DATE,
            )
        assert "due_on" in error.value.message_dict

    def test_it_refuses_a_per_region_target_for_a_metric_without_regions(self):
        with pytest.raises(ValidationError) as error:
            services.target_create(
                work_package=WorkPackageFactory(),
                title="Partner je Region",
                metric_key="partners_active",
                scope=Target.Scope.REGION,
            )
        assert error.value.message_dict["scope"] == [
            "Die Kennzahl „Aktive Partner:innen“ lässt sich nicht je Region auswerten."
        ]

    def test_it_keeps_a_manual_target_without_metric(self):
        target = services.target_create(
            work_package=WorkPackageFactory(),
            title="Monitoring-Konzept liegt vor",
            kind=Target.Kind.MANUAL,
            manual_status=Target.ManualStatus.DONE,
            evidence="Dokument liegt vor",
        )
        assert target.pk


@pytest.mark.django_db
class TestOptimisticLocking:
    def test_it_updates_a_target_and_raises_its_version(self):
        target = TargetFactory(target_value=10)
        services.target_update(target=target, version=1, target_value=12)
        target.refresh_from_db()
        assert (target.target_value, target.version) == (12, 2)

    def test_it_refuses_a_stale_target_update(self):
        target = TargetFactory(target_value=10)
        services.target_update(target=target, version=1, target_value=12)
        with pytest.raises(ValidationError, match=STALE):
            services.target_update(target=Target.objects.get(), version=1, target_value=99)
        assert Target.objects.get().target_value == 12

    def test_it_refuses_stale_transfer_project_and_activity_updates(self):
        project = TransferProjectFactory()
        services.transfer_project_update(transfer_project=project, version=1, title="Neu")
        with pytest.raises(ValidationError, match=STALE):
            services.transfer_project_update(
                transfer_project=TransferProject.objects.get(), version=1, title="Alt"
            )
        activity = CommunicationActivityFactory()
        services.communication_activity_update(activity=activity, version=1, title="Neu")
        with pytest.raises(ValidationError, match=STALE):
            services.communication_activity_update(
                activity=CommunicationActivity.objects.get(), version=1, title="Alt"
            )
        assert TransferProject.objects.get().title == "Neu"
        assert CommunicationActivity.objects.get().title == "Neu"


@pytest.mark.django_db
class TestTransferProjects:
    def test_it_creates_a_transfer_project_with_organisations(self, region):
        organisation = OrganisationFactory(name="Vioonic")
        project = services.transfer_project_create(
            title="Digitalisierungsprojekt",
            region=region,
            status=TransferProject.Status.IN_PREPARATION,
            funding_programme=TransferProject.FundingProgramme.DIGITALISIERUNGSPRAEMIE,
            initiated_on=datetime.date(2024, 12, 3),
            organisations=[organisation],
        )
        assert list(project.organisations.all()) == [organisation]

    def test_it_refuses_a_submission_before_the_initiation(self, region):
        with pytest.raises(ValidationError) as error:
            services.transfer_project_create(
                title="Projekt",
                region=region,
                initiated_on=datetime.date(2024, 12, 3),
                submitted_on=datetime.date(2024, 12, 1),
            )
        assert error.value.message_dict["submitted_on"] == [
            "Die Einreichung kann nicht vor der Initiierung liegen."
        ]
        assert not TransferProject.objects.exists()
