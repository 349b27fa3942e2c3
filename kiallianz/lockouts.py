"""Office staff unlock a locked-out login in the admin (django-axes)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin


class OfficeAccessAttemptAdmin(AccessAttemptAdmin):
    """Deleting a locked attempt lifts the lockout; office staff may do it."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_office

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_office

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_office


def register_lockout_admin() -> None:
    if admin.site.is_registered(AccessAttempt):
        admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, OfficeAccessAttemptAdmin)
