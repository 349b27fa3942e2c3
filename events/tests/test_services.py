import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from events import services
from events.models import Event, EventKind, EventPhoto, EventStatus, KIChallengeRound, SizeCategory
from events.tests.factories import EventFactory, KIChallengeRoundFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def png_upload(name="foto.png", size=(20, 10)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def event_data(region, **overrides) -> dict:
    data = {
        "title": "KI-Night Karlsruhe",
        "kind": EventKind.OWN_EVENT,
        "start_date": D(2024, 10, 10),
        "start_time": datetime.time(18, 0),
        "end_date": D(2024, 10, 10),
        "end_time": datetime.time(22, 0),
        "region": region,
        "status": EventStatus.PLANNED,
    }
    data.update(overrides)
    return data


class TestEventCreate:
    def test_it_saves_the_event_with_its_relations(self, region, cm_user):
        organisation = OrganisationFactory(region=region)
        speaker = PersonFactory(organisation=organisation)
        contact = FirstContactFactory(organisation=organisation)
        event = services.event_create(
            user=cm_user,
            data=event_data(region),
            co_organisers=[organisation],
            speakers=[speaker],
            work_packages=[3, 2],
            first_contacts=[contact],
        )
        event.refresh_from_db()
        assert event.created_by == cm_user
        assert list(event.co_organisers.all()) == [organisation]
        assert list(event.speakers.all()) == [speaker]
        assert sorted(event.work_packages.values_list("number", flat=True)) == [2, 3]
        assert list(event.first_contacts.all()) == [contact]
        assert (event.sequence, event.version) == (0, 1)

    def test_it_sets_the_size_category_from_the_rules(self, region, cm_user):
        event = services.event_create(
            user=cm_user,
            data=event_data(
                region,
                expected_participants=120,
                programme_hours=Decimal("6"),
                promoted_beyond_region=True,
            ),
        )
        assert event.size_category == SizeCategory.LARGE

    def test_it_takes_an_override_with_a_reason(self, region, cm_user):
        event = services.event_create(
            user=cm_user,
            data=event_data(
                region,
                expected_participants=20,
                size_override=SizeCategory.LARGE,
                size_override_reason="Landesweite Pressearbeit",
            ),
        )
        assert event.size_category == SizeCategory.LARGE

    def test_it_refuses_an_override_without_reason(self, region, cm_user):
        with pytest.raises(ValidationError) as error:
            services.event_create(
                user=cm_user, data=event_data(region, size_override=SizeCategory.LARGE)
            )
        assert error.value.message_dict["size_override_reason"] == [
            "Bitte begründen Sie die manuelle Größe."
        ]
        assert not Event.objects.exists()

    def test_it_refuses_an_end_before_the_start_and_saves_nothing(self, region, cm_user):
        organisation = OrganisationFactory(region=region)
        with pytest.raises(ValidationError) as error:
            services.event_create(
                user=cm_user,
                data=event_data(region, end_date=D(2024, 10, 9)),
                co_organisers=[organisation],
            )
        assert error.value.message_dict["end_date"] == ["Das Ende liegt vor dem Beginn."]
        assert not Event.objects.exists()

    def test_it_refuses_an_end_time_before_the_start_time_on_one_day(self, region, cm_user):
        with pytest.raises(ValidationError) as error:
            services.event_create(
                user=cm_user, data=event_data(region, end_time=datetime.time(17, 0))
            )
        assert error.value.message_dict["end_date"] == ["Das Ende liegt vor dem Beginn."]

    def test_it_refuses_negative_participants_and_saves_nothing(self, region, cm_user):
        with pytest.raises(ValidationError) as error:
            services.event_create(user=cm_user, data=event_data(region, actual_participants=-5))
        assert error.value.message_dict["actual_participants"] == [
            "Dieser Wert muss größer oder gleich 0 sein."
        ]
        assert not Event.objects.exists()

    def test_it_needs_a_region_for_regional_events(self, cm_user, region):
        with pytest.raises(ValidationError) as error:
            services.event_create(user=cm_user, data=event_data(None))
        assert "region" in error.value.message_dict
        statewide = services.event_create(
            user=cm_user, data=event_data(None, area=Event.Area.STATEWIDE)
        )
        assert statewide.region is None

    def test_it_refuses_unknown_work_packages(self, region, cm_user):
        with pytest.raises(ValidationError):
            services.event_create(user=cm_user, data=event_data(region), work_packages=[7])
        assert not Event.objects.exists()


class TestEventUpdate:
    def test_it_raises_sequence_and_version_when_something_changes(self, region, cm_user):
        event = services.event_create(user=cm_user, data=event_data(region))
        uid = event.uid
        updated = services.event_update(
            user=cm_user, event=event, data={"title": "KI-Night (neu)"}, version=1
        )
        updated.refresh_from_db()
        assert (updated.title, updated.sequence, updated.version) == ("KI-Night (neu)", 1, 2)
        assert updated.uid == uid

    def test_it_raises_sequence_when_only_a_relation_changes(self, region, cm_user):
        event = services.event_create(user=cm_user, data=event_data(region))
        updated = services.event_update(
            user=cm_user, event=event, data={}, version=1, work_packages=[5]
        )
        assert (updated.sequence, updated.version) == (1, 2)

    def test_it_keeps_sequence_and_version_when_nothing_changes(self, region, cm_user):
        event = services.event_create(user=cm_user, data=event_data(region), work_packages=[1])
        updated = services.event_update(
            user=cm_user,
            event=event,
            data=event_data(region),
            version=1,
            work_packages=[1],
            co_organisers=[],
        )
        updated.refresh_from_db()
        assert (updated.sequence, updated.version) == (0, 1)

    def test_it_refuses_a_stale_version(self, region, cm_user):
        event = services.event_create(user=cm_user, data=event_data(region))
        services.event_update(user=cm_user, event=event, data={"title": "Erste"}, version=1)
        with pytest.raises(ValidationError) as error:
            services.event_update(user=cm_user, event=event, data={"title": "Zweite"}, version=1)
        assert "von jemand anderem geändert" in error.value.messages[0]
        event.refresh_from_db()
        assert event.title == "Erste"

    def test_it_recomputes_the_size_category(self, region, cm_user):
        event = services.event_create(
            user=cm_user,
            data=event_data(region, programme_hours=Decimal("6"), promoted_beyond_region=True),
        )
        assert event.size_category == SizeCategory.SMALL
        services.event_update(
            user=cm_user, event=event, data={"actual_participants": 150}, version=1
        )
        event.refresh_from_db()
        assert event.size_category == SizeCategory.LARGE

    def test_it_refuses_an_end_before_the_start_and_keeps_the_old_values(self, region, cm_user):
        event = services.event_create(user=cm_user, data=event_data(region))
        with pytest.raises(ValidationError) as error:
            services.event_update(
                user=cm_user,
                event=event,
                data={"title": "Neu", "end_date": D(2024, 1, 1)},
                version=1,
            )
        assert error.value.message_dict["end_date"] == ["Das Ende liegt vor dem Beginn."]
        event.refresh_from_db()
        assert (event.title, event.version) == ("KI-Night Karlsruhe", 1)


class TestFirstContactLinks:
    def test_it_links_and_unlinks_first_contacts(self, region, cm_user):
        event = EventFactory(region=region)
        contact = FirstContactFactory()
        services.event_first_contacts_link(user=cm_user, event=event, first_contacts=[contact])
        services.event_first_contacts_link(user=cm_user, event=event, first_contacts=[contact])
        assert list(event.first_contacts.all()) == [contact]
        services.event_first_contact_unlink(user=cm_user, event=event, first_contact=contact)
        assert not event.first_contacts.exists()


class TestEventPhotos:
    def test_it_adds_photos_in_order(self, region):
        event = EventFactory(region=region)
        first = services.event_photo_add(event=event, image=png_upload(), caption="Bühne")
        second = services.event_photo_add(
            event=event, image=png_upload(), caption="Publikum", credit="Foto: KI-Allianz"
        )
        assert (first.position, second.position) == (0, 1)
        assert [p.caption for p in event.photos.all()] == ["Bühne", "Publikum"]
        services.event_photo_move(photo=second, direction=-1)
        assert [p.caption for p in event.photos.all()] == ["Publikum", "Bühne"]

    def test_it_refuses_a_file_that_is_not_an_image(self, region):
        event = EventFactory(region=region)
        upload = SimpleUploadedFile("foto.png", b"kein Bild", content_type="image/png")
        with pytest.raises(ValidationError) as error:
            services.event_photo_add(event=event, image=upload, caption="Bühne")
        assert "kein gültiges Bild" in " ".join(error.value.message_dict["image"])
        assert not EventPhoto.objects.exists()

    def test_it_refuses_a_photo_over_ten_megabytes(self, region):
        event = EventFactory(region=region)
        upload = png_upload()
        upload.size = 10 * 1024 * 1024 + 1
        with pytest.raises(ValidationError) as error:
            services.event_photo_add(event=event, image=upload, caption="Bühne")
        assert error.value.message_dict["image"] == ["Die Datei ist zu groß (höchstens 10 MB)."]
        assert not EventPhoto.objects.exists()

    def test_it_needs_a_caption(self, region):
        event = EventFactory(region=region)
        with pytest.raises(ValidationError) as error:
            services.event_photo_add(event=event, image=png_upload(), caption="")
        assert "caption" in error.value.message_dict


class TestKIChallengeRounds:
    def test_it_creates_and_updates_a_round(self, region, cm_user):
        partner = OrganisationFactory(region=region)
        event = EventFactory(region=region)
        challenge_round = services.ki_challenge_round_create(
            user=cm_user,
            data={"region": region, "title": "KI-Challenge 2024", "start_date": D(2024, 5, 1)},
            partners=[partner],
            events=[event],
        )
        assert list(challenge_round.events.all()) == [event]
        updated = services.ki_challenge_round_update(
            user=cm_user,
            challenge_round=challenge_round,
            data={"status": EventStatus.HELD},
            version=1,
        )
        assert (updated.status, updated.version) == (EventStatus.HELD, 2)

    def test_it_refuses_an_end_before_the_start(self, region, cm_user):
        with pytest.raises(ValidationError) as error:
            services.ki_challenge_round_create(
                user=cm_user,
                data={
                    "region": region,
                    "title": "KI-Challenge",
                    "start_date": D(2024, 5, 1),
                    "end_date": D(2024, 4, 1),
                },
            )
        assert error.value.message_dict["end_date"] == ["Das Ende liegt vor dem Beginn."]
        assert not KIChallengeRound.objects.exists()

    def test_it_refuses_a_stale_round_version(self, region, cm_user):
        challenge_round = KIChallengeRoundFactory(region=region)
        with pytest.raises(ValidationError):
            services.ki_challenge_round_update(
                user=cm_user, challenge_round=challenge_round, data={"title": "X"}, version=7
            )
