"""Writes of the reporting app: targets, transfer projects, activities.

Every write validates with ``full_clean()`` and saves inside a
transaction. Updates carry the version the edit form was rendered from and
are refused when someone else saved in between (optimistic locking).
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Model

from kiallianz.versioning import stale_version_error
from reporting.models import (
    CommunicationActivity,
    FundingProject,
    Target,
    TransferProject,
    WorkPackage,
)


def _apply(obj: Model, fields: dict) -> list[str]:
    for name, value in fields.items():
        setattr(obj, name, value)
    return list(fields)


def _save_versioned(obj: Model, *, version: int, changed: list[str]) -> None:
    """Save only if the stored version is still ``version``; then raise it by one."""
    obj.full_clean()
    model = type(obj)
    updated = model.objects.filter(pk=obj.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise stale_version_error()
    obj.version = version + 1
    obj.save(update_fields=[*changed, "updated_at"])


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
    changed = _apply(target, fields)
    _save_versioned(target, version=version, changed=changed)
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
    changed = _apply(transfer_project, fields)
    _save_versioned(transfer_project, version=version, changed=changed)
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
    changed = _apply(activity, fields)
    _save_versioned(activity, version=version, changed=changed)
    return activity
