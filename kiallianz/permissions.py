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

The regions a user may write to (``writable_region_ids`` /
``writable_regions``) are only active ones: office staff write to every
active region, a community manager to their own active regions. Forms with a
region field apply the rule through ``kiallianz.forms.RegionFieldMixin``;
views that see a raw posted region use ``require_region_writable``.
"""

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


def _active_region_ids(user) -> set[int]:
    cached = getattr(user, "_active_region_ids_cache", None)
    if cached is None:
        cached = set(user.regions.filter(is_active=True).values_list("id", flat=True))
        user._active_region_ids_cache = cached
    return cached


def writable_region_ids(user) -> set[int] | None:
    """Active regions a user may write to; None means every active region
    (office staff); an empty set means none."""
    if is_office(user):
        return None
    if not can_view(user):
        return set()
    return _active_region_ids(user)


def writable_regions(user) -> QuerySet:
    """The regions a region field offers this user, by name."""
    from kiallianz.models import Region

    regions = Region.objects.filter(is_active=True).order_by("name")
    allowed = writable_region_ids(user)
    return regions if allowed is None else regions.filter(pk__in=allowed)


def may_create_somewhere(user) -> bool:
    return writable_region_ids(user) != set()


def can_create_in_region(user, region_id: int | None) -> bool:
    """Whether ``user`` may write a record into ``region_id`` (None: a record
    without a region, office staff only)."""
    if not can_view(user):
        return False
    if is_office(user):
        return True
    return region_id is not None and region_id in _active_region_ids(user)


def require_region_writable(user, raw_region_id: str | None, *, required: bool = False) -> None:
    """Refuse (403) a posted region the user may not write to: the forms
    never offer one, so only a forged request gets here."""
    if not raw_region_id:
        if required and not is_office(user):
            raise PermissionDenied
        return
    if not str(raw_region_id).isdigit() or not can_create_in_region(user, int(raw_region_id)):
        raise PermissionDenied


def is_outside_user_regions(user, obj: Model) -> bool:
    """Whether ``obj`` belongs to regions of which none is the user's (an
    object without a region is not outside anyone's regions)."""
    if is_office(user):
        return False
    regions = object_region_ids(obj)
    return bool(regions) and not regions & _active_region_ids(user)


def require_inside_user_regions(user, obj: Model) -> None:
    """Refuse (403) writing into ``obj`` (new persons of an organisation, a
    partner record for it) when it lies in another region."""
    if is_outside_user_regions(user, obj):
        raise PermissionDenied


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
