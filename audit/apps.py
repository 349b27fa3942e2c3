from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Protokolle und Aufbewahrung")

    def ready(self) -> None:
        # Registers the categories audit holds itself (access log, history,
        # login records): each is a decorated function of the module.
        from audit import retention  # noqa: F401
