import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from events.models import Event, EventKind, EventPhoto, EventStatus, KIChallengeRound
from events.tests.factories import EventFactory, KIChallengeRoundFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def form_data(region, **overrides) -> dict:
    data = {
        "title": "KI-Night Karlsruhe",
        "kind": EventKind.OWN_EVENT,
        "status": EventStatus.PLANNED,
        "start_date": "2024-10-10",
        "start_time": "18:00",
        "end_date": "",
        "end_time": "21:00",
        "area": Event.Area.REGIONAL,
        "region": region.pk if region else "",
        "alliance_role": Event.AllianceRole.ORGANISER,
        "expected_participants": "60",
        "work_packages": ["3"],
    }
    data.update(overrides)
    return data


class TestAgendaList:
    def test_it_needs_a_login(self, client):
        response = client.get(reverse("events:index"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_it_shows_a_community_manager_their_region_by_default(
        self, cm_client, region, other_region
    ):
        EventFactory(title="In Karlsruhe", region=region)
        EventFactory(title="In Freiburg", region=other_region)
        response = cm_client.get(reverse("events:index"))
        assert "In Karlsruhe" in response.text
        assert "In Freiburg" not in response.text
        assert "alle Regionen" in response.text
        everything = cm_client.get(reverse("events:index"), {"region": ""})
        assert "In Freiburg" in everything.text

    def test_it_shows_office_staff_all_regions(self, office_client, region, other_region):
        EventFactory(title="In Karlsruhe", region=region)
        EventFactory(title="In Freiburg", region=other_region)
        response = office_client.get(reverse("events:index"))
        assert "In Karlsruhe" in response.text and "In Freiburg" in response.text

    def test_it_filters_like_the_reporting_links(self, office_client, region, other_region):
        EventFactory(
            title="Treffer",
            region=region,
            kind=EventKind.WORKSHOP_NEW_TOPICS,
            status=EventStatus.HELD,
            start_date=D(2024, 3, 1),
        )
        EventFactory(
            title="Falsche Art", region=region, kind=EventKind.TALK, start_date=D(2024, 3, 1)
        )
        EventFactory(
            title="Falsches Jahr",
            region=region,
            kind=EventKind.WORKSHOP_NEW_TOPICS,
            start_date=D(2025, 3, 1),
        )
        EventFactory(
            title="Falsche Region",
            region=other_region,
            kind=EventKind.WORKSHOP_NEW_TOPICS,
            start_date=D(2024, 3, 1),
        )
        response = office_client.get(
            reverse("events:index"),
            {
                "region": region.pk,
                "kind": "workshop_new_topics",
                "status": "held",
                "date_after": "2024-01-01",
                "date_before": "2024-12-31",
            },
        )
        assert "Treffer" in response.text
        for title in ("Falsche Art", "Falsches Jahr", "Falsche Region"):
            assert title not in response.text

    def test_the_filter_form_shows_the_chosen_values(self, office_client, region):
        response = office_client.get(reverse("events:index"), {"kind": "talk", "region": ""})
        assert '<option value="talk" selected>' in response.text
        assert '<option value="" selected>alle Regionen</option>' in response.text

    def test_its_month_button_opens_the_filtered_period(self, office_client, region):
        response = office_client.get(reverse("events:index"), {"date_after": "2024-03-01"})
        assert reverse("events:month", args=[2024, 3]) in response.text

    def test_it_sorts_by_title(self, office_client, region):
        EventFactory(title="Beta", region=region)
        EventFactory(title="Alpha", region=region)
        response = office_client.get(reverse("events:index"), {"sort": "title"})
        assert response.text.index("Alpha") < response.text.index("Beta")

    def test_its_query_count_does_not_grow_with_rows(self, office_client, region, count_queries):
        EventFactory.create_batch(5, region=region)
        few = count_queries(office_client, reverse("events:index"), per_page=200)
        EventFactory.create_batch(95, region=region)
        many = count_queries(office_client, reverse("events:index"), per_page=200)
        assert few == many


class TestFeedLinks:
    def test_the_list_links_the_feed_of_my_region(self, cm_client, region):
        body = cm_client.get(reverse("events:index")).text
        assert reverse("events:feed_region", args=[region.slug]) in body


class TestMonthView:
    def test_it_shows_multi_day_events_on_each_day(self, cm_client, region):
        EventFactory(
            title="LEARNTEC", region=region, start_date=D(2024, 6, 4), end_date=D(2024, 6, 6)
        )
        response = cm_client.get(reverse("events:month", args=[2024, 6]))
        assert response.status_code == 200
        assert "Juni 2024" in response.text
        day_cells = [day for week in response.context["grid"].weeks for day in week]
        running = [day.date.day for day in day_cells if day.events and day.in_month]
        assert running == [4, 5, 6]

    def test_it_shows_ki_challenge_rounds_of_the_month(self, cm_client, region):
        KIChallengeRoundFactory(
            title="KI-Challenge Karlsruhe", region=region, start_date=D(2024, 6, 10)
        )
        response = cm_client.get(reverse("events:month", args=[2024, 6]))
        assert "KI-Challenge Karlsruhe" in response.text

    def test_it_leads_back_to_the_current_month(self, cm_client):
        today = timezone.localdate()
        current = reverse("events:month", args=[today.year, today.month])
        past = cm_client.get(reverse("events:month", args=[2020, 6]))
        assert f'id="month-today" href="{current}"' in past.text
        assert 'id="month-today"' not in cm_client.get(current).text

    def test_it_refuses_an_impossible_month(self, cm_client):
        assert cm_client.get(reverse("events:month", args=[2024, 13])).status_code == 404

    def test_its_query_count_does_not_grow_with_rows(self, office_client, region, count_queries):
        url = reverse("events:month", args=[2024, 10])
        EventFactory.create_batch(5, region=region, start_date=D(2024, 10, 10))
        few = count_queries(office_client, url)
        EventFactory.create_batch(95, region=region, start_date=D(2024, 10, 12))
        many = count_queries(office_client, url)
        assert few == many


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


class TestKIChallenge:
    def test_it_lists_rounds_per_region(self, cm_client, region, other_region):
        KIChallengeRoundFactory(title="Runde Karlsruhe", region=region)
        KIChallengeRoundFactory(title="Runde Freiburg", region=other_region)
        response = cm_client.get(reverse("events:ki_challenge_list"))
        assert "Runde Karlsruhe" in response.text and "Runde Freiburg" in response.text

    def test_a_community_manager_creates_and_edits_a_round(self, cm_client, region):
        event = EventFactory(region=region)
        data = {
            "region": region.pk,
            "title": "KI-Challenge 2025",
            "start_date": "2025-03-01",
            "status": EventStatus.PLANNED,
            "events": [event.pk],
        }
        response = cm_client.post(reverse("events:ki_challenge_create"), data)
        assert response.status_code == 302
        challenge_round = KIChallengeRound.objects.get()
        assert list(challenge_round.events.all()) == [event]
        data.update(title="KI-Challenge 2025 (neu)", version=1, report_text="Drei Teams.")
        cm_client.post(reverse("events:ki_challenge_update", args=[challenge_round.pk]), data)
        challenge_round.refresh_from_db()
        assert challenge_round.title == "KI-Challenge 2025 (neu)"
        assert challenge_round.report_text == "Drei Teams."

    def test_another_region_cannot_edit_a_round(self, cm_client, other_region):
        challenge_round = KIChallengeRoundFactory(title="Alt", region=other_region)
        data = {"region": other_region.pk, "title": "Neu", "start_date": "2025-03-01"}
        response = cm_client.post(
            reverse("events:ki_challenge_update", args=[challenge_round.pk]), data
        )
        assert response.status_code == 403
        challenge_round.refresh_from_db()
        assert challenge_round.title == "Alt"

    def test_it_refuses_an_end_before_the_start(self, cm_client, region):
        data = {
            "region": region.pk,
            "title": "X",
            "start_date": "2025-03-01",
            "end_date": "2025-02-01",
            "status": EventStatus.PLANNED,
        }
        response = cm_client.post(reverse("events:ki_challenge_create"), data)
        assert "Das Ende liegt vor dem Beginn." in response.text
        assert not KIChallengeRound.objects.exists()


def test_the_ki_challenge_list_query_count_does_not_grow(office_client, region, count_queries):
    partner = OrganisationFactory(region=region)
    event = EventFactory(region=region)

    def add_rounds(number):
        for challenge_round in KIChallengeRoundFactory.create_batch(number, region=region):
            challenge_round.partners.add(partner)
            challenge_round.events.add(event)

    add_rounds(2)
    few = count_queries(office_client, reverse("events:ki_challenge_list"))
    add_rounds(20)
    assert count_queries(office_client, reverse("events:ki_challenge_list")) == few


class TestKIChallengeFilters:
    @pytest.fixture
    def rounds(self, region, other_region):
        return {
            "held_2024": KIChallengeRoundFactory(
                title="Karlsruhe 2024", region=region, start_date=D(2024, 6, 1), status="held"
            ),
            "held_edge": KIChallengeRoundFactory(
                title="Freiburg Silvester",
                region=other_region,
                start_date=D(2024, 12, 31),
                end_date=D(2025, 1, 2),
                status="held",
            ),
            "planned_2025": KIChallengeRoundFactory(
                title="Karlsruhe 2025", region=region, start_date=D(2025, 5, 6), status="planned"
            ),
        }

    def _titles(self, client, query: str) -> list[str]:
        response = client.get(reverse("events:ki_challenge_list") + query)
        assert response.status_code == 200
        return sorted(r.title for _region, rounds in response.context["groups"] for r in rounds)

    def test_it_filters_by_region_status_and_start_date(
        self, office_client, rounds, region, other_region
    ):
        assert self._titles(office_client, f"?region={region.pk}") == [
            "Karlsruhe 2024",
            "Karlsruhe 2025",
        ]
        assert self._titles(office_client, f"?region={region.pk}&region={other_region.pk}") == [
            "Freiburg Silvester",
            "Karlsruhe 2024",
            "Karlsruhe 2025",
        ]
        assert self._titles(office_client, "?status=held") == [
            "Freiburg Silvester",
            "Karlsruhe 2024",
        ]
        # Both ends inclusive, on the start date (as the metrics count).
        assert self._titles(office_client, "?date_after=2024-06-01&date_before=2024-12-31") == [
            "Freiburg Silvester",
            "Karlsruhe 2024",
        ]
        assert self._titles(office_client, "?date_after=2025-01-01") == ["Karlsruhe 2025"]

    def test_it_reports_the_filtered_total(self, office_client, rounds):
        response = office_client.get(reverse("events:ki_challenge_list") + "?status=held")
        assert response.context["listing"].page.paginator.count == 2
        assert "1–2 von 2" in response.text

    def test_it_says_when_no_round_matches(self, cm_client, rounds):
        response = cm_client.get(reverse("events:ki_challenge_list") + "?date_after=2030-01-01")
        assert "Keine KI-Challenge-Runden zu diesen Filtern." in response.text

    def test_it_shows_a_german_message_for_a_malformed_date(self, cm_client, rounds):
        response = cm_client.get(reverse("events:ki_challenge_list") + "?date_after=1.1.")
        assert response.status_code == 200
        assert "Bitte ein gültiges Datum eingeben." in response.text

    def test_sorted_by_date_it_shows_the_region_on_each_round(self, cm_client, rounds):
        response = cm_client.get(reverse("events:ki_challenge_list") + "?sort=-date")
        titles = [r.title for _region, rounds in response.context["groups"] for r in rounds]
        assert titles == ["Karlsruhe 2025", "Freiburg Silvester", "Karlsruhe 2024"]
        assert "Freiburg · 31. Dezember 2024" in response.text

    def test_anonymous_users_are_sent_to_login(self, client):
        response = client.get(reverse("events:ki_challenge_list"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_it_writes_ki_challenge_dates_as_a_german_range(cm_client, region):
    import datetime

    from events.tests.factories import KIChallengeRoundFactory

    KIChallengeRoundFactory(
        region=region,
        title="KI-Challenge Karlsruhe",
        start_date=datetime.date(2025, 5, 6),
        end_date=datetime.date(2025, 5, 7),
    )
    response = cm_client.get(reverse("events:ki_challenge_list"))
    assert "6.–7. Mai 2025" in response.content.decode()
