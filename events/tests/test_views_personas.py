"""The events pages for the three personas (``kiallianz/tests/personas.py``)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from events.models import EventPhoto, EventStatus
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from events.tests.views_support import form_data, png_bytes
from kiallianz.tests.personas import (
    assert_create_page,
    assert_edit_page,
    assert_read_page,
    assert_three_personas,
    shown_form_data,
)

pytestmark = pytest.mark.django_db


def _photo(event, caption: str, position: int = 0) -> EventPhoto:
    image = SimpleUploadedFile(f"{caption}.png", png_bytes())
    return EventPhoto.objects.create(event=event, image=image, caption=caption, position=position)


# URL name: (the factory of a record in the community manager's region, the change)
EDIT_PAGES = {
    "events:event_update": (EventFactory, {"title": "KI-Night Karlsruhe: Sprachmodelle"}),
    "events:ki_challenge_update": (KIChallengeRoundFactory, {"theme": "Green AI"}),
}


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_an_edit_page_for_the_three_personas(name, region, cm_user, other_cm_user):
    factory, changes = EDIT_PAGES[name]
    assert_edit_page(name, factory(region=region), changes, allowed=cm_user, refused=other_cm_user)


def test_a_caption_for_the_three_personas(region, cm_user, other_cm_user):
    photo = _photo(EventFactory(region=region), "Bühne")
    url = reverse("events:photo_update", args=[photo.event_id, photo.pk])
    data = shown_form_data(cm_user, url, caption="Die Bühne am Abend")
    rows = EventPhoto.objects.all()
    assert_three_personas(url, data, allowed=cm_user, refused=other_cm_user, rows=rows)
    photo.refresh_from_db()
    assert photo.caption == "Die Bühne am Abend"


def test_moving_a_photo_for_the_three_personas(region, cm_user, other_cm_user):
    event = EventFactory(region=region)
    _photo(event, "Erstes", position=0)
    second = _photo(event, "Zweites", position=1)
    url = reverse("events:photo_move", args=[event.pk, second.pk])
    rows = EventPhoto.objects.all()
    assert_three_personas(
        url,
        {"direction": "up"},
        allowed=cm_user,
        refused=other_cm_user,
        refused_get=False,
        rows=rows,
    )
    assert [photo.caption for photo in event.photos.all()] == ["Zweites", "Erstes"]


def test_deleting_a_photo_for_the_three_personas(region, cm_user, other_cm_user):
    photo = _photo(EventFactory(region=region), "Bühne")
    url = reverse("events:photo_delete", args=[photo.event_id, photo.pk])
    assert_three_personas(url, {}, allowed=cm_user, refused=other_cm_user, refused_get=False)
    assert not EventPhoto.objects.exists()


def test_adding_a_photo_for_the_three_personas(client, region, cm_user, other_cm_user):
    event = EventFactory(region=region)
    url = reverse("events:photo_add", args=[event.pk])

    def upload() -> dict:
        image = SimpleUploadedFile("buehne.png", png_bytes(), content_type="image/png")
        return {"image": image, "caption": "Bühne"}

    assert_three_personas(url, upload, allowed=cm_user, refused=other_cm_user)
    assert event.photos.get().caption == "Bühne"


def test_linking_first_contacts_for_the_three_personas(region, cm_user, other_cm_user):
    event = EventFactory(region=region)
    first_contact = FirstContactFactory(region=region, date=event.start_date)
    url = reverse("events:first_contacts_link", args=[event.pk])
    data = {"first_contacts": [str(first_contact.pk)]}
    assert_three_personas(url, data, allowed=cm_user, refused=other_cm_user, refused_get=False)
    assert list(event.first_contacts.all()) == [first_contact]


def test_unlinking_a_first_contact_for_the_three_personas(region, cm_user, other_cm_user):
    event = EventFactory(region=region)
    first_contact = FirstContactFactory(region=region)
    event.first_contacts.add(first_contact)
    url = reverse("events:first_contact_unlink", args=[event.pk, first_contact.pk])
    assert_three_personas(url, {}, allowed=cm_user, refused=other_cm_user, refused_get=False)
    assert not event.first_contacts.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("events:event_create", lambda region: form_data(region)),
        (
            "events:ki_challenge_create",
            lambda region: {
                "region": region.pk,
                "title": "KI-Challenge 2025",
                "start_date": "2025-03-01",
                "status": EventStatus.PLANNED,
            },
        ),
    ],
)
def test_a_create_page_for_the_three_personas(name, data, region, cm_user, other_cm_user):
    assert_create_page(reverse(name), data(region), allowed=cm_user, refused=other_cm_user)


def test_the_pages_that_read_need_a_login_only(region, other_cm_user):
    event = EventFactory(region=region)
    for url in [
        reverse("events:index"),
        reverse("events:month", args=[2024, 10]),
        reverse("events:event_detail", args=[event.pk]),
        reverse("events:ki_challenge_list"),
    ]:
        assert_read_page(url, reader=other_cm_user)
