import datetime

import factory

from kiallianz.tests.factories import RegionFactory
from reporting.models import (
    CommunicationActivity,
    FundingProject,
    Target,
    TransferProject,
    WorkPackage,
)


class FundingProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProject

    title = "Community Management"
    funder_reference = factory.Sequence(lambda n: f"27820{n:02d}")
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class WorkPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPackage

    project = factory.SubFactory(FundingProjectFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Arbeitspaket {n + 1}")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    work_package = factory.SubFactory(WorkPackageFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")
    kind = Target.Kind.COMPUTED
    metric_key = "first_contacts"
    metric_params = factory.LazyFunction(dict)
    target_value = 10
    due_kind = Target.DueKind.END

    class Params:
        # The shapes of the report's targets: a manual one that is done, one
        # due at the end of 2024, one per region over held events.
        manual_done = factory.Trait(
            kind=Target.Kind.MANUAL, metric_key="", manual_status=Target.ManualStatus.DONE
        )
        due_end_of_2024 = factory.Trait(
            due_kind=Target.DueKind.DATE, due_on=datetime.date(2024, 12, 31)
        )
        events_per_region = factory.Trait(metric_key="events_held", scope=Target.Scope.REGION)


class TransferProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferProject
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Transferprojekt {n}")
    region = factory.SubFactory(RegionFactory, name="Karlsruhe", slug="karlsruhe")
    status = TransferProject.Status.IDEA
    initiated_on = datetime.date(2024, 6, 1)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class CommunicationActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationActivity

    date = datetime.date(2024, 6, 1)
    kind = CommunicationActivity.Kind.LINKEDIN_POST
    title = factory.Sequence(lambda n: f"Beitrag {n}")
    region = factory.SubFactory(RegionFactory, name="Karlsruhe", slug="karlsruhe")
