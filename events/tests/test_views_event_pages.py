"""An event's page, creating and editing events."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory, PersonFactory
from events.models import Event, EventKind, EventPhoto
from events.tests.factories import EventFactory
from events.tests.views_support import D, form_data, png_bytes

pytestmark = pytest.mark.django_db


class TestEventDetail:
    def test_it_shows_the_event_with_photos_and_size(self, cm_client, region):
        organisation = OrganisationFactory(name="Muster AG", region=region)
        speaker = PersonFactory(first_name="Erika", last_name="Mustermann")
        event = EventFactory(
            region=region, title="KI-Night", size_override="large", size_override_reason="Presse"
        )
        event.co_organisers.add(organisation)
        event.speakers.add(speaker)
        EventPhoto.objects.create(
            event=event,
            image=SimpleUploadedFile("a.png", png_bytes()),
            caption="Bühne",
            credit="Foto: KI-Allianz",
        )
        response = cm_client.get(reverse("events:event_detail", args=[event.pk]))
        assert response.status_code == 200
        for text in ("Muster AG", "Erika Mustermann", "Bild 1: Bühne", "Foto: KI-Allianz"):
            assert text in response.text
        assert "manuell: Presse" in response.text
        assert "vorgeschlagen wäre: Kleinveranstaltung" in response.text

    def test_it_does_not_size_internal_meetings(self, cm_client, region):
        meeting = EventFactory(region=region, kind=EventKind.STATUS_MEETING, title="Statustreffen")
        detail = cm_client.get(reverse("events:event_detail", args=[meeting.pk]))
        assert "interner Termin" in detail.text
        assert "Kleinveranstaltung" not in detail.text
        listing = cm_client.get(reverse("events:index"), {"region": ""})
        rows = listing.text.split("<tbody>")[1].split("</tbody>")[0]
        assert "Statustreffen" in rows
        assert "Kleinveranstaltung" not in rows

    def test_it_escapes_free_text(self, cm_client, region):
        event = EventFactory(region=region, report_text="<script>alert(1)</script>")
        response = cm_client.get(reverse("events:event_detail", args=[event.pk]))
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;" in response.text

    def test_it_needs_a_login(self, client, region):
        event = EventFactory(region=region)
        response = client.get(reverse("events:event_detail", args=[event.pk]))
        assert response.status_code == 302


class TestEventCreate:
    def test_a_community_manager_creates_an_event_in_their_region(self, cm_client, cm_user, region):
        response = cm_client.post(reverse("events:event_create"), form_data(region))
        event = Event.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("events:event_detail", args=[event.pk])
        assert event.end_date == D(2024, 10, 10)
        assert event.created_by == cm_user
        assert list(event.work_packages.values_list("number", flat=True)) == [3]

    def test_a_community_manager_cannot_create_in_another_region(self, cm_client, other_region):
        response = cm_client.post(reverse("events:event_create"), form_data(other_region))
        assert response.status_code == 200
        assert response.context["form"].errors["region"]
        assert not Event.objects.exists()

    def test_a_community_manager_cannot_create_a_statewide_event(self, cm_client, region):
        data = form_data(None, area=Event.Area.STATEWIDE)
        response = cm_client.post(reverse("events:event_create"), data)
        assert "Geschäftsstelle" in response.text
        assert not Event.objects.exists()

    def test_office_staff_create_a_statewide_event(self, office_client, region):
        data = form_data(None, area=Event.Area.STATEWIDE)
        response = office_client.post(reverse("events:event_create"), data)
        assert response.status_code == 302
        assert Event.objects.get().region is None

    def test_it_names_the_fields_to_fix_at_the_top(self, cm_client, region):
        response = cm_client.post(reverse("events:event_create"), form_data(region, title=""))
        assert response.status_code == 200
        summary = response.text.split('id="form-error-summary"')[1].split("</div>")[0]
        assert "Bitte prüfen Sie die markierten Felder:" in summary
        assert 'href="#id_title"' in summary
        assert not Event.objects.exists()

    def test_it_shows_german_errors_and_saves_nothing(self, cm_client, region):
        data = form_data(
            region,
            end_date="2024-10-01",
            actual_participants="-3",
            size_override="large",
        )
        response = cm_client.post(reverse("events:event_create"), data)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["actual_participants"]
        assert "Das Ende liegt vor dem Beginn." in response.text
        assert "Bitte begründen Sie die manuelle Größe." in response.text
        assert not Event.objects.exists()

    def test_anonymous_users_are_sent_to_login(self, client, region):
        response = client.post(reverse("events:event_create"), form_data(region))
        assert response.status_code == 302
        assert not Event.objects.exists()


class TestEventUpdate:
    def test_a_community_manager_changes_an_event_of_their_region(self, cm_client, region):
        event = EventFactory(region=region, title="Alt")
        data = form_data(region, title="Neu", version=event.version)
        response = cm_client.post(reverse("events:event_update", args=[event.pk]), data)
        assert response.status_code == 302
        event.refresh_from_db()
        assert (event.title, event.version, event.sequence) == ("Neu", 2, 1)

    def test_whoever_may_change_the_event_writes_its_report_text(self, cm_client, region):
        event = EventFactory(region=region)
        text = "Zwei Speaker hielten praxisnahe Vorträge."
        data = form_data(region, version=event.version, report_text=text)
        response = cm_client.post(reverse("events:event_update", args=[event.pk]), data)
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.report_text == text
        page = cm_client.get(reverse("events:event_detail", args=[event.pk])).text
        assert "Berichtstext" in page and text in page

    def test_a_community_manager_cannot_change_another_region(self, cm_client, other_region):
        event = EventFactory(region=other_region, title="Alt")
        data = form_data(other_region, title="Neu", version=1)
        assert cm_client.get(reverse("events:event_update", args=[event.pk])).status_code == 403
        response = cm_client.post(reverse("events:event_update", args=[event.pk]), data)
        assert response.status_code == 403
        event.refresh_from_db()
        assert (event.title, event.version) == ("Alt", 1)

    def test_a_community_manager_cannot_change_a_statewide_event(self, cm_client):
        event = EventFactory(region=None, area=Event.Area.STATEWIDE, title="Alt")
        response = cm_client.post(
            reverse("events:event_update", args=[event.pk]), form_data(None, title="Neu")
        )
        assert response.status_code == 403
        event.refresh_from_db()
        assert event.title == "Alt"

    def test_office_staff_change_any_event(self, office_client, other_region):
        event = EventFactory(region=None, area=Event.Area.STATEWIDE, title="Alt")
        data = form_data(None, area=Event.Area.STATEWIDE, title="Neu", version=1)
        response = office_client.post(reverse("events:event_update", args=[event.pk]), data)
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.title == "Neu"

    def test_it_refuses_a_stale_form(self, cm_client, region):
        event = EventFactory(region=region, title="Alt", version=3)
        data = form_data(region, title="Neu", version=2)
        response = cm_client.post(reverse("events:event_update", args=[event.pk]), data)
        assert response.status_code == 200
        assert "von jemand anderem geändert" in response.text
        event.refresh_from_db()
        assert event.title == "Alt"

    def test_anonymous_users_are_sent_to_login(self, client, region):
        event = EventFactory(region=region, title="Alt")
        response = client.post(reverse("events:event_update", args=[event.pk]), form_data(region))
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.title == "Alt"
