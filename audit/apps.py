from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Protokolle und Aufbewahrung")

    def ready(self) -> None:
        from audit import retention

        retention.register_core_categories()
