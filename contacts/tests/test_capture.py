"""The phone side of the capture screen: idempotency, the offline queue's
JSON answers, card reading, reference lists, vCard download, fast path."""

import datetime
import io
import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from contacts.capture import occasion_defaults
from contacts.models import BusinessCard, FirstContact, Organisation, Person
from contacts.services import first_contact_capture
from contacts.tests.card_images import generate_cards, ocr_or_skip
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from contacts.tests.test_cards import VCARDS
from contacts.tests.views_support import capture_data
from events.models import EventKind
from events.tests.factories import EventFactory
from kiallianz.tests.factories import CommunityManagerFactory

pytestmark = pytest.mark.django_db

CREATE = "contacts:first_contact_create"
SYNC = {"HTTP_X_CAPTURE_SYNC": "1"}


class TestIdempotency:
    def test_a_capture_sent_twice_makes_one_first_contact(self, cm_client, region):
        key = str(uuid.uuid4())
        first = cm_client.post(reverse(CREATE), capture_data(region, client_key=key))
        second = cm_client.post(reverse(CREATE), capture_data(region, client_key=key))
        fc = FirstContact.objects.get()
        assert str(fc.client_key) == key
        detail = reverse("contacts:first_contact_detail", args=[fc.pk])
        assert first.url == second.url == detail
        assert Organisation.objects.count() == 1 and Person.objects.count() == 1

    def test_the_queue_gets_json_and_learns_of_the_replay(self, cm_client, region):
        key = str(uuid.uuid4())
        answers = [
            cm_client.post(reverse(CREATE), capture_data(region, client_key=key), **SYNC).json()
            for _ in range(2)
        ]
        fc = FirstContact.objects.get()
        url = reverse("contacts:first_contact_detail", args=[fc.pk])
        assert answers == [
            {"status": "saved", "url": url, "replayed": False},
            {"status": "saved", "url": url, "replayed": True},
        ]

    def test_captures_without_or_with_different_keys_are_separate(self, cm_client, region):
        for key in ("", str(uuid.uuid4()), str(uuid.uuid4())):
            cm_client.post(reverse(CREATE), capture_data(region, client_key=key, confirm_new="1"))
        assert FirstContact.objects.count() == 3

    def test_a_replay_is_recognised_even_after_the_organisation_was_merged(self, cm_client, region):
        key = str(uuid.uuid4())
        cm_client.post(reverse(CREATE), capture_data(region, client_key=key))
        # Meanwhile the new organisation is gone from the form's point of view.
        answer = cm_client.post(
            reverse(CREATE),
            capture_data(region, client_key=key, create_organisation="", organisation="999"),
            **SYNC,
        )
        assert answer.json()["replayed"] is True
        assert FirstContact.objects.count() == 1

    def test_the_service_saves_a_key_once(self, cm_user, region):
        organisation = OrganisationFactory(region=region)
        key = uuid.uuid4()
        fields = {"date": datetime.date(2024, 10, 1), "region": region}
        one = first_contact_capture(
            user=cm_user, organisation=organisation, client_key=key, **fields
        )
        two = first_contact_capture(
            user=cm_user, organisation=organisation, client_key=key, **fields
        )
        assert one == two and FirstContact.objects.count() == 1

    def test_another_users_key_is_refused(self, cm_user, region):
        organisation = OrganisationFactory(region=region)
        key = uuid.uuid4()
        fields = {"date": datetime.date(2024, 10, 1), "region": region}
        first_contact_capture(user=cm_user, organisation=organisation, client_key=key, **fields)
        colleague = CommunityManagerFactory(regions=[region])
        with pytest.raises(ValidationError, match="anderen Erfassung"):
            first_contact_capture(
                user=colleague, organisation=organisation, client_key=key, **fields
            )
        assert FirstContact.objects.count() == 1

    def test_a_malformed_key_is_a_form_error(self, cm_client, region):
        response = cm_client.post(reverse(CREATE), capture_data(region, client_key="x"), **SYNC)
        assert response.status_code == 422
        assert not FirstContact.objects.exists()


class TestQueueValidation:
    def test_invalid_input_is_answered_with_a_german_reason_and_saves_nothing(
        self, cm_client, region
    ):
        response = cm_client.post(
            reverse(CREATE),
            capture_data(region, client_key=str(uuid.uuid4()), **{"person-0-phone": "12345"}),
            **SYNC,
        )
        assert response.status_code == 422
        answer = response.json()
        assert answer["status"] == "invalid"
        assert "keine gültige Telefonnummer" in answer["reason"]
        assert not FirstContact.objects.exists() and not Organisation.objects.exists()

    def test_a_possible_duplicate_lands_in_not_sent_with_its_name(self, cm_client, region):
        OrganisationFactory(name="Neue Werkstatt AG", region=region)
        response = cm_client.post(
            reverse(CREATE), capture_data(region, client_key=str(uuid.uuid4())), **SYNC
        )
        assert response.status_code == 409
        assert "Neue Werkstatt AG" in response.json()["reason"]
        assert not FirstContact.objects.exists()

    def test_a_foreign_region_is_refused(self, cm_client, region, other_region):
        response = cm_client.post(
            reverse(CREATE), capture_data(other_region, client_key=str(uuid.uuid4())), **SYNC
        )
        assert response.status_code == 403
        assert not FirstContact.objects.exists()

    def test_anonymous_sync_goes_to_login_and_saves_nothing(self, client, region):
        response = client.post(reverse(CREATE), capture_data(region), **SYNC)
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert not FirstContact.objects.exists()


class TestFastPath:
    def test_phone_fields_open_the_right_keyboards(self, cm_client):
        html = cm_client.get(reverse(CREATE)).content.decode()
        assert 'type="email" name="person-0-email"' in html
        assert 'type="tel"' in html and 'inputmode="tel"' in html
        assert 'type="date" name="follow_up_date"' in html
        assert "<script>" not in html  # all script is in static files (CSP)
        assert 'id="capture-more"' in html and 'data-follow-up-days="14"' in html

    def test_the_occasion_follows_the_managers_last_capture_today(self, cm_user, region):
        FirstContactFactory(
            created_by=cm_user,
            organisation=OrganisationFactory(region=region),
            occasion=FirstContact.Occasion.TRADE_FAIR,
            occasion_note="HANNOVER MESSE",
        )
        assert occasion_defaults(user=cm_user) == {
            "occasion": "trade_fair",
            "occasion_note": "HANNOVER MESSE",
        }

    def test_todays_event_in_the_region_is_offered(self, cm_client, cm_user, region, other_region):
        today = timezone.localdate()
        EventFactory(
            title="make Ostwürttemberg",
            kind=EventKind.TRADE_FAIR,
            region=region,
            start_date=today - datetime.timedelta(days=1),
            end_date=today,
        )
        EventFactory(title="Elsewhere", region=other_region, start_date=today)
        EventFactory(title="Status", kind=EventKind.STATUS_MEETING, region=region, start_date=today)
        response = cm_client.get(reverse(CREATE))
        assert response.context["form"].initial["occasion"] == "trade_fair"
        assert response.context["form"].initial["occasion_note"] == "make Ostwürttemberg"
        html = response.content.decode()
        assert 'data-occasion-note="make Ostwürttemberg"' in html
        assert "Elsewhere" not in html and "Status" not in html

    def test_without_events_or_captures_the_default_stays(self, cm_user):
        assert occasion_defaults(user=cm_user) == {}

    def test_the_dashboard_offers_capture_to_managers(self, cm_client):
        assert 'id="dashboard-capture"' in cm_client.get("/").content.decode()

    def test_the_office_dashboard_has_no_big_capture_button(self, office_client):
        assert 'id="dashboard-capture"' not in office_client.get("/").content.decode()

    def test_every_page_has_the_phone_capture_button(self, cm_client):
        html = cm_client.get(reverse("contacts:index")).content.decode()
        assert 'id="nav-capture"' in html


class TestCardReading:
    def post(self, client, name, data):
        return client.post(
            reverse("contacts:capture_read_card"), {"card": SimpleUploadedFile(name, data)}
        )

    def test_anonymous_users_go_to_login(self, client):
        response = client.post(reverse("contacts:capture_read_card"))
        assert response.status_code == 302

    def test_get_is_not_allowed(self, cm_client):
        assert cm_client.get(reverse("contacts:capture_read_card")).status_code == 405

    def test_a_vcf_with_two_cards_offers_two_people_and_matches_organisations(
        self, cm_client, region
    ):
        existing = OrganisationFactory(name="Neckar Robotics GmbH", region=region)
        response = self.post(cm_client, "kontakte.vcf", VCARDS.encode())
        assert response.status_code == 200
        cards = response.json()["cards"]
        assert [c["fields"]["last_name"] for c in cards] == ["Keller", "Brandt"]
        assert cards[0]["organisations"][0]["id"] == existing.pk
        assert not Person.objects.exists()

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("karte.jpg", b"kein Bild", "kein lesbares Bild"),
            ("karte.jpg", b"", "leer"),
            ("karte.vcf", b"BEGIN:VCARD\nkaputt", "beschädigt"),
        ],
    )
    def test_bad_files_get_a_german_message(self, cm_client, name, data, message):
        response = self.post(cm_client, name, data)
        assert response.status_code == 400
        assert message in response.json()["error"]

    def test_no_file_gets_a_german_message(self, cm_client):
        response = cm_client.post(reverse("contacts:capture_read_card"))
        assert response.status_code == 400 and "Foto" in response.json()["error"]

    def test_a_card_photo_prefills_and_stores_nothing(self, cm_client, settings, tmp_path):
        ocr_or_skip()
        card = generate_cards(1, seed=11)[0]
        response = self.post(cm_client, "karte.jpg", card.jpeg())
        assert response.status_code == 200
        fields = response.json()["cards"][0]["fields"]
        assert fields["email"] == card.fields.email
        media = tmp_path / "media"
        assert not media.exists() or not any(media.rglob("*"))


class TestReferenceAndShell:
    def test_reference_lists_hold_the_managers_organisations_and_a_token(
        self, cm_client, region, other_region
    ):
        own = OrganisationFactory(name="Eigene GmbH", region=region)
        OrganisationFactory(name="Fremde GmbH", region=other_region)
        answer = cm_client.get(reverse("contacts:capture_reference")).json()
        assert answer["organisations"] == [{"id": own.pk, "name": "Eigene GmbH"}]
        assert [r["name"] for r in answer["regions"]] == ["Karlsruhe"]
        assert answer["csrf"]

    def test_reference_lists_need_a_login(self, client):
        assert client.get(reverse("contacts:capture_reference")).status_code == 302

    def test_service_worker_and_manifest(self, client):
        worker = client.get(reverse("contacts:capture_service_worker"))
        assert worker["Content-Type"].startswith("text/javascript")
        assert reverse(CREATE) in worker.content.decode()
        manifest = json.loads(client.get(reverse("contacts:capture_manifest")).content)
        assert manifest["start_url"] == reverse(CREATE)


class TestVCardDownload:
    def test_a_signed_in_user_downloads_a_person_as_vcard(self, cm_client, other_region):
        person = PersonFactory(
            first_name="Kim",
            last_name="Beispiel",
            organisation=OrganisationFactory(region=other_region),
        )
        response = cm_client.get(reverse("contacts:person_vcard", args=[person.pk]))
        assert response["Content-Type"].startswith("text/vcard")
        assert response["Content-Disposition"] == f'attachment; filename="kontakt-{person.pk}.vcf"'
        assert "N:Beispiel;Kim" in response.content.decode()
        page = cm_client.get(reverse("contacts:person_detail", args=[person.pk]))
        assert "Als vCard herunterladen" in page.content.decode()

    def test_anonymous_users_go_to_login(self, client):
        person = PersonFactory()
        response = client.get(reverse("contacts:person_vcard", args=[person.pk]))
        assert response.status_code == 302

    def test_an_unknown_person_is_404(self, cm_client):
        assert cm_client.get(reverse("contacts:person_vcard", args=[999])).status_code == 404


class TestWithoutTesseract:
    def test_the_photo_button_is_hidden_and_the_admin_says_why(self, client, cm_user, monkeypatch):
        from django.contrib.auth import get_user_model

        from contacts.cards import reader

        monkeypatch.setattr(reader.shutil, "which", lambda name: None)
        reader.ocr_available.cache_clear()
        try:
            client.force_login(cm_user)
            html = client.get(reverse(CREATE)).content.decode()
            assert "Visitenkarte fotografieren" not in html
            assert "vCard oder QR-Code" in html
            admin = get_user_model().objects.create_superuser("root", "r@example.org", "x")
            client.force_login(admin)
            note = client.get(reverse("admin:index")).content.decode()
            assert "Visitenkarten lesen ist ausgeschaltet" in note
            assert "tesseract-ocr tesseract-ocr-deu" in note
        finally:
            reader.ocr_available.cache_clear()

    def test_with_tesseract_the_admin_has_no_note(self, admin_client):
        ocr_or_skip()
        assert "card-reading-note" not in admin_client.get(reverse("admin:index")).content.decode()


class TestKeepCard:
    def read(self, client, data, **extra):
        return client.post(
            reverse("contacts:capture_read_card"),
            {"card": SimpleUploadedFile("karte.jpg", data), **extra},
        ).json()["cards"][0]

    def test_a_card_is_stored_only_when_kept_and_without_exif(self, cm_client, cm_user, region):
        ocr_or_skip()
        card = generate_cards(1, seed=11)[0]
        assert self.read(cm_client, card.jpeg())["business_card"] is None
        assert not BusinessCard.objects.exists()

        out = io.BytesIO()
        exif = Image.Exif()
        exif[0x010F] = "Secret Camera"
        card.image.save(out, format="JPEG", exif=exif)
        kept_id = self.read(cm_client, out.getvalue(), keep="1")["business_card"]
        kept = BusinessCard.objects.get(pk=kept_id)
        stored = kept.image.read()
        assert b"Secret Camera" not in stored and stored.startswith(b"\xff\xd8")

        cm_client.post(
            reverse(CREATE),
            capture_data(region, **{"person-0-business_card": str(kept_id)}),
        )
        kept.refresh_from_db()
        person = Person.objects.get()
        assert kept.person == person
        page = cm_client.get(reverse("contacts:person_detail", args=[person.pk])).content
        url = reverse("contacts:person_business_card", args=[person.pk, kept.pk])
        assert url in page.decode()
        assert cm_client.get(url)["Content-Type"] == "image/jpeg"

    def test_another_managers_kept_card_is_refused(self, cm_client, region):
        colleague = CommunityManagerFactory(regions=[region])
        card = BusinessCard.objects.create(uploaded_by=colleague, image="cards/x.jpg")
        response = cm_client.post(
            reverse(CREATE), capture_data(region, **{"person-0-business_card": str(card.pk)})
        )
        assert response.status_code == 200
        assert "anderen Erfassung" in response.content.decode()
        assert not FirstContact.objects.exists()
        card.refresh_from_db()
        assert card.person is None

    def test_the_card_photo_needs_a_login(self, client):
        person = PersonFactory()
        card = BusinessCard.objects.create(person=person, image="cards/x.jpg")
        url = reverse("contacts:person_business_card", args=[person.pk, card.pk])
        assert client.get(url).status_code == 302

    def test_erasing_the_person_deletes_the_card_photo(self, office_user):
        from django.core.files.base import ContentFile

        from contacts.privacy import person_erase

        person = PersonFactory()
        card = BusinessCard(person=person)
        card.image.save("c.jpg", ContentFile(b"\xff\xd8 jpeg"), save=True)
        storage, name = card.image.storage, card.image.name
        person_erase(person=person, version=person.version, user=office_user)
        assert not BusinessCard.objects.exists()
        assert not storage.exists(name)


def test_a_capture_saved_by_a_parallel_request_is_returned(cm_user, region, monkeypatch):
    """Two requests with one key at the same moment: the second one's insert
    hits the unique key and returns the first one's first contact."""
    from contacts.services import first_contacts as service

    organisation = OrganisationFactory(region=region)
    key = uuid.uuid4()
    fields = {"date": datetime.date(2024, 10, 1), "region": region}
    first = first_contact_capture(user=cm_user, organisation=organisation, client_key=key, **fields)
    real = service._saved_with_key
    calls = []

    def not_yet_visible(client_key):
        calls.append(client_key)
        return None if len(calls) == 1 else real(client_key)

    monkeypatch.setattr(service, "_saved_with_key", not_yet_visible)
    again = first_contact_capture(user=cm_user, organisation=organisation, client_key=key, **fields)
    assert again == first and len(calls) == 2
    assert FirstContact.objects.count() == 1
