from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Berichtswesen")

    def ready(self) -> None:
        from kiallianz.media import register_media_rule
        from reporting.media import EXPORT_PREFIX, export_access
        from reporting.privacy import register_reporting_privacy

        register_media_rule(EXPORT_PREFIX, export_access)
        register_reporting_privacy()
