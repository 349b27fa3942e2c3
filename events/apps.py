from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        from contacts.extensions import (
            OrganisationPanel,
            register_capture_event_source,
            register_organisation_panel,
            register_person_activity,
        )
        from events.media import PHOTO_PREFIX, photo_access
        from events.selectors import (
            capture_events_of_day,
            latest_talk_of_person,
            organisation_panel_context,
        )
        from kiallianz.media import register_media_rule

        register_media_rule(PHOTO_PREFIX, photo_access)
        # Retention counts from a person's latest talk at an event, too.
        register_person_activity(latest_talk_of_person)

        # The organisation page lists the events an organisation took part in.
        register_organisation_panel(
            OrganisationPanel(
                key="events",
                template_name="events/organisation_panel.html",
                context=organisation_panel_context,
                order=50,
            )
        )
        # The capture screen offers today's events as the occasion.
        register_capture_event_source(capture_events_of_day)
