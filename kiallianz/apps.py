from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class KiallianzConfig(AppConfig):
    name = "kiallianz"
    verbose_name = _("Stammdaten")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from kiallianz.caching import install_write_tracking
        from kiallianz.lockouts import register_lockout_admin
        from kiallianz.middleware import stamp_activity_at_login

        user_logged_in.connect(stamp_activity_at_login, dispatch_uid="kiallianz-idle-stamp")
        # Cached output follows every committed write (kiallianz/caching.py).
        connection_created.connect(install_write_tracking, dispatch_uid="kiallianz-write-tracking")

        from kiallianz.admin_labels import name_third_party_models

        name_third_party_models()

        # Runs after the admin's autodiscovery has registered axes' own admin.
        register_lockout_admin()


class VerifiedAdminConfig(admin_apps.AdminConfig):
    """The Django admin, asking for the second factor (kiallianz/adminsite.py)."""

    default = False
    default_site = "kiallianz.adminsite.VerifiedAdminSite"
