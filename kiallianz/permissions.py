"""The one place that decides who may see or change what.

Rules:
- every signed-in, active user reads everything (so two community managers
  never approach the same company twice);
- office staff and admins change everything;
- community managers change objects of their own regions.

An object tells which regions it belongs to by one of, in this order:
a method ``permission_region_ids()`` returning region ids, or a
``region_id`` attribute. An object without a region is changed by office
staff only. Views call the ``get_*_or_403`` helpers or ``require_*``, never
re-derive these rules.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404


def user_region_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_region_ids_cache", None)
    if cached is None:
        cached = set(user.regions.values_list("id", flat=True))
        user._region_ids_cache = cached
    return cached


def is_office(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_office)


def can_view(user, obj: Model | None = None) -> bool:
    return bool(user.is_authenticated and user.is_active)


def object_region_ids(obj: Model) -> set[int]:
    if hasattr(obj, "permission_region_ids"):
        return set(obj.permission_region_ids())
    region_id = getattr(obj, "region_id", None)
    return {region_id} if region_id else set()


def can_change(user, obj: Model) -> bool:
    if not can_view(user, obj):
        return False
    if is_office(user):
        return True
    return bool(object_region_ids(obj) & user_region_ids(user))


def can_create_in_region(user, region_id: int | None) -> bool:
    if not can_view(user):
        return False
    if is_office(user):
        return True
    return region_id is not None and region_id in user_region_ids(user)


def allowed_region_ids(user) -> set[int] | None:
    """Regions a user may write to; None means all of them."""
    if is_office(user):
        return None
    return user_region_ids(user)


def require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied


def require_change(user, obj: Model) -> None:
    if not can_change(user, obj):
        raise PermissionDenied


def get_object_for_change_or_403(queryset: QuerySet | type[Model], user, **lookup):
    """Fetch and check in one step (404 if absent, 403 if not allowed)."""
    obj = get_object_or_404(queryset, **lookup)
    require_change(user, obj)
    return obj


def regions_user_may_change(user, regions: Iterable) -> list:
    allowed = allowed_region_ids(user)
    return [r for r in regions if allowed is None or r.id in allowed]
