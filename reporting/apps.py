from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Berichtswesen")

    def ready(self) -> None:
        from kiallianz.media import register_media_rule
        from reporting.media import EXPORT_PREFIX, export_access

        register_media_rule(EXPORT_PREFIX, export_access)
