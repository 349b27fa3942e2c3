"""Writes of the reporting app: targets, transfer projects, activities.

Every write validates with ``full_clean()`` and saves inside a
transaction. Updates carry the version the edit form was rendered from and
are refused when someone else saved in between (optimistic locking).
"""

import datetime
from collections.abc import Iterable

from django.db import transaction

from kiallianz.versioning import model_update
from reporting.models import (
    CommunicationActivity,
    FundingProject,
    Target,
    TransferProject,
    WorkPackage,
)

# The fields forms, the admin and the services set: written once, here.
TARGET_FIELDS = (
    "work_package",
    "title",
    "description",
    "kind",
    "metric_key",
    "metric_params",
    "scope",
    "target_value",
    "due_kind",
    "due_on",
    "due_month",
    "counts_from",
    "manual_status",
    "evidence",
    "position",
)
TRANSFER_PROJECT_FIELDS = (
    "title",
    "region",
    "community_manager",
    "organisations",
    "status",
    "funding_programme",
    "referral_offer",
    "initiated_on",
    "submitted_on",
    "decided_on",
    "notes",
    "report_text",
)
COMMUNICATION_ACTIVITY_FIELDS = ("date", "kind", "title", "link", "region")


# --- Funding project (demo data and admin use) ------------------------------


@transaction.atomic
def funding_project_get_or_create(
    *,
    funder_reference: str,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date,
) -> FundingProject:
    project = FundingProject.objects.filter(funder_reference=funder_reference).first()
    if project is None:
        project = FundingProject(
            funder_reference=funder_reference, title=title, start_date=start_date, end_date=end_date
        )
        project.full_clean()
        project.save()
    return project


@transaction.atomic
def work_package_get_or_create(
    *, project: FundingProject, number: int, title: str, description: str = ""
) -> WorkPackage:
    package = WorkPackage.objects.filter(project=project, number=number).first()
    if package is None:
        package = WorkPackage(project=project, number=number, title=title, description=description)
        package.full_clean()
        package.save()
    return package


# --- Targets --------------------------------------------------------------


@transaction.atomic
def target_create(*, work_package: WorkPackage, title: str, **fields) -> Target:
    target = Target(work_package=work_package, title=title, **fields)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_update(*, target: Target, version: int, **fields) -> Target:
    model_update(target, data=fields, allowed=TARGET_FIELDS, version=version)
    return target


@transaction.atomic
def target_get_or_create(*, work_package: WorkPackage, title: str, **fields) -> Target:
    """Idempotent create by work package and title (demo data)."""
    existing = Target.objects.filter(work_package=work_package, title=title).first()
    return existing or target_create(work_package=work_package, title=title, **fields)


# --- Transfer projects ----------------------------------------------------


@transaction.atomic
def transfer_project_create(*, organisations: Iterable = (), **fields) -> TransferProject:
    project = TransferProject(**fields)
    project.full_clean()
    project.save()
    project.organisations.set(organisations)
    return project


@transaction.atomic
def transfer_project_update(
    *, transfer_project: TransferProject, version: int, organisations: Iterable = (), **fields
) -> TransferProject:
    model_update(transfer_project, data=fields, allowed=TRANSFER_PROJECT_FIELDS, version=version)
    transfer_project.organisations.set(organisations)
    return transfer_project


# --- Communication activities ---------------------------------------------


@transaction.atomic
def communication_activity_create(**fields) -> CommunicationActivity:
    activity = CommunicationActivity(**fields)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def communication_activity_update(
    *, activity: CommunicationActivity, version: int, **fields
) -> CommunicationActivity:
    model_update(activity, data=fields, allowed=COMMUNICATION_ACTIVITY_FIELDS, version=version)
    return activity
