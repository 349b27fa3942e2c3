from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Kontakte")

    def ready(self) -> None:
        from contacts.media import LIST_EXPORT_PREFIX, list_export_access
        from kiallianz.media import register_media_rule

        register_media_rule(LIST_EXPORT_PREFIX, list_export_access)

        # Registers persons and first-contact notes in the retention register.
        from contacts import retention  # noqa: F401
