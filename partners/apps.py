from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner:innen")

    def ready(self) -> None:
        from contacts.extensions import (
            OrganisationPanel,
            register_membership_check,
            register_organisation_panel,
            register_retention_exemption,
        )
        from kiallianz.media import register_media_rule
        from partners.media import LOGO_PREFIX, logo_access
        from partners.panels import organisation_panel_context

        register_media_rule(LOGO_PREFIX, logo_access)
        from partners.selectors import persons_of_active_partnerships
        from partners.services import membership_check

        register_membership_check(membership_check)
        # Contact persons of an active partnership are kept (retention).
        register_retention_exemption(persons_of_active_partnerships)
        register_organisation_panel(
            OrganisationPanel(
                key="partner",
                template_name="partners/organisation_panel.html",
                context=organisation_panel_context,
                order=10,
            )
        )
