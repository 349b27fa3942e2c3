"""Photos of an event and the first contacts made there."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from events.models import EventPhoto
from events.tests.factories import EventFactory
from events.tests.views_support import D, png_bytes

pytestmark = pytest.mark.django_db


class TestPhotos:
    def test_a_community_manager_uploads_a_photo(self, cm_client, region):
        event = EventFactory(region=region)
        upload = SimpleUploadedFile("buehne.png", png_bytes(), content_type="image/png")
        response = cm_client.post(
            reverse("events:photo_add", args=[event.pk]),
            {"image": upload, "caption": "Bühne", "credit": "Foto: KI-Allianz"},
        )
        assert response.status_code == 302
        assert event.photos.get().caption == "Bühne"

    def test_it_refuses_a_file_that_is_not_an_image(self, cm_client, region):
        event = EventFactory(region=region)
        upload = SimpleUploadedFile("foto.png", b"kein Bild", content_type="image/png")
        response = cm_client.post(
            reverse("events:photo_add", args=[event.pk]), {"image": upload, "caption": "Bühne"}
        )
        assert response.status_code == 200
        assert "Bild" in " ".join(response.context["form"].errors["image"])
        assert not EventPhoto.objects.exists()

    def test_another_region_cannot_upload(self, cm_client, other_region):
        event = EventFactory(region=other_region)
        upload = SimpleUploadedFile("buehne.png", png_bytes(), content_type="image/png")
        response = cm_client.post(
            reverse("events:photo_add", args=[event.pk]), {"image": upload, "caption": "Bühne"}
        )
        assert response.status_code == 403
        assert not EventPhoto.objects.exists()

    def test_it_edits_captions_and_order(self, cm_client, region):
        event = EventFactory(region=region)
        first = EventPhoto.objects.create(
            event=event, image=SimpleUploadedFile("a.png", png_bytes()), caption="A", position=0
        )
        second = EventPhoto.objects.create(
            event=event, image=SimpleUploadedFile("b.png", png_bytes()), caption="B", position=1
        )
        cm_client.post(
            reverse("events:photo_update", args=[event.pk, first.pk]),
            {"caption": "Erstes", "credit": "Foto: X"},
        )
        cm_client.post(
            reverse("events:photo_move", args=[event.pk, second.pk]), {"direction": "up"}
        )
        assert [p.caption for p in event.photos.all()] == ["B", "Erstes"]
        cm_client.post(reverse("events:photo_delete", args=[event.pk, second.pk]))
        assert [p.caption for p in event.photos.all()] == ["Erstes"]


class TestFirstContactLinks:
    def test_it_links_first_contacts_of_the_region(self, cm_client, region):
        event = EventFactory(region=region, start_date=D(2024, 6, 12))
        contact = FirstContactFactory(date=D(2024, 6, 12), region=region)
        detail = cm_client.get(reverse("events:event_detail", args=[event.pk]))
        assert f"{contact.organisation.name} (12. Juni 2024)" in detail.text
        response = cm_client.post(
            reverse("events:first_contacts_link", args=[event.pk]), {"first_contacts": [contact.pk]}
        )
        assert response.status_code == 302
        assert list(event.first_contacts.all()) == [contact]
        cm_client.post(reverse("events:first_contact_unlink", args=[event.pk, contact.pk]))
        assert not event.first_contacts.exists()

    def test_another_region_cannot_link(self, cm_client, other_region):
        event = EventFactory(region=other_region)
        contact = FirstContactFactory(region=other_region)
        response = cm_client.post(
            reverse("events:first_contacts_link", args=[event.pk]), {"first_contacts": [contact.pk]}
        )
        assert response.status_code == 403
        assert not event.first_contacts.exists()
