"""Reads of the reporting app: projects, targets, transfer projects, activities.

Periods are inclusive on both ends, as in the other apps' selectors.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Max, Prefetch, QuerySet

from contacts import selectors as contact_selectors
from kiallianz.models import Region
from reporting.filters import CommunicationActivityFilter, TransferProjectFilter
from reporting.models import (
    CommunicationActivity,
    FundingProject,
    Target,
    TransferProject,
    WorkPackage,
)


def funding_project_current(*, project_id: int | None = None) -> FundingProject | None:
    """The project asked for, else the most recently started one."""
    projects = FundingProject.objects.all()
    if project_id is not None:
        return projects.filter(pk=project_id).first()
    return projects.order_by("-start_date", "-id").first()


def work_packages_with_targets(*, project: FundingProject) -> QuerySet[WorkPackage]:
    targets = Target.objects.select_related("work_package__project").order_by("position", "id")
    return (
        WorkPackage.objects.filter(project=project)
        .prefetch_related(Prefetch("targets", queryset=targets))
        .order_by("number")
    )


def targets_for_project(*, project: FundingProject) -> QuerySet[Target]:
    return Target.objects.filter(work_package__project=project).select_related(
        "work_package__project"
    )


def regions_for_matrix() -> list[Region]:
    """Geographic regions (thematic ones such as Internationalisierung excluded)."""
    return list(Region.objects.filter(is_active=True, is_thematic=False).order_by("name"))


def transfer_projects_initiated(
    *,
    start: datetime.date,
    end: datetime.date,
    region_ids: Iterable[int] | None = None,
    statuses: Iterable[str] | None = None,
) -> QuerySet[TransferProject]:
    queryset = TransferProject.objects.filter(initiated_on__gte=start, initiated_on__lte=end)
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=list(region_ids))
    if statuses is not None:
        queryset = queryset.filter(status__in=list(statuses))
    return queryset.select_related("region", "community_manager").order_by("initiated_on", "id")


def transfer_project_list(*, filters: dict | None = None) -> TransferProjectFilter:
    queryset = TransferProject.objects.select_related(
        "region", "community_manager", "referral_offer"
    ).prefetch_related("organisations")
    return TransferProjectFilter(filters or {}, queryset=queryset)


def communication_activities_in_period(
    *,
    start: datetime.date,
    end: datetime.date,
    region_ids: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
) -> QuerySet[CommunicationActivity]:
    queryset = CommunicationActivity.objects.filter(date__gte=start, date__lte=end)
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=list(region_ids))
    if kinds is not None:
        queryset = queryset.filter(kind__in=list(kinds))
    return queryset.select_related("region").order_by("date", "id")


def communication_activity_list(*, filters: dict | None = None) -> CommunicationActivityFilter:
    queryset = CommunicationActivity.objects.select_related("region")
    return CommunicationActivityFilter(filters or {}, queryset=queryset)


def due_follow_up_count(*, user, today: datetime.date) -> int:
    """The user's open follow-ups as „Meine Wiedervorlagen“ lists them.

    Overdue and due within the list's horizon: the dashboard's figure is
    labelled as that list and links to it, so it counts the same records.
    """
    until = contact_selectors.follow_up_list_until(today)
    return contact_selectors.open_follow_ups(user_id=user.id, until=until).count()


def latest_activity_year(*, project, until: datetime.date) -> int | None:
    """The latest year of the term, up to ``until``, with a first contact or an event.

    The dashboard opens on it: early in a year, or on demo data, the current
    year has nothing yet and would show only zeros.
    """
    from contacts.models import FirstContact
    from events.models import Event

    latest = [
        FirstContact.objects.filter(date__gte=project.start_date, date__lte=until).aggregate(
            day=Max("date")
        )["day"],
        Event.objects.filter(start_date__gte=project.start_date, start_date__lte=until).aggregate(
            day=Max("start_date")
        )["day"],
    ]
    days = [day for day in latest if day is not None]
    return max(days).year if days else None
