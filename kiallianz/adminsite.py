"""The Django admin, reachable only with a verified second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


class VerifiedAdminSite(AdminSite):
    def has_permission(self, request) -> bool:
        if not super().has_permission(request):
            return False
        return not settings.TWO_FACTOR_REQUIRED or request.user.is_verified()

    def login(self, request, extra_context=None):
        """One login for the whole site: the admin's own form would skip the
        lockout page and the second factor."""
        next_url = request.GET.get("next") or request.path
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if settings.TWO_FACTOR_REQUIRED and not request.user.is_verified():
            from kiallianz import twofactor

            target = twofactor.pending_step_url(request.user)
            if target:
                return redirect(f"{target}?{urlencode({'next': next_url})}")
        raise PermissionDenied
