from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Berichtswesen")

    def ready(self) -> None:
        from reporting.privacy import register_reporting_privacy

        register_reporting_privacy()
