"""Writes on kept business-card photos („Karte aufbewahren“)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from contacts.cards.images import reencode_jpeg
from contacts.models import BusinessCard, Person
from kiallianz.models import User


@transaction.atomic
def business_card_keep(*, user: User, image: Image.Image) -> BusinessCard:
    """Store the photo re-encoded, without EXIF; the person comes on saving."""
    card = BusinessCard(uploaded_by=user)
    card.image.save("card.jpg", ContentFile(reencode_jpeg(image)), save=False)
    card.full_clean()
    card.save()
    return card


@transaction.atomic
def business_card_attach(*, card: BusinessCard, person: Person, user: User) -> BusinessCard:
    if card.uploaded_by_id != user.pk or card.person_id not in (None, person.pk):
        raise ValidationError(_("Diese Visitenkarte gehört zu einer anderen Erfassung."))
    card.person = person
    card.save(update_fields=["person"])
    return card


def business_cards_delete(*, person: Person) -> None:
    """With the person's personal data the card photos go, files included."""
    for card in person.business_cards.all():
        card.image.delete(save=False)
        card.delete()
