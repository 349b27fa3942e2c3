"""Business-card photos a manager chose to keep („Karte aufbewahren“)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contacts.models.persons import Person


def _card_path(card, filename: str) -> str:
    # A random name: the path says nothing about the person.
    return f"cards/{uuid.uuid4().hex}.jpg"


class BusinessCard(models.Model):
    """A re-encoded card photo without EXIF. Kept from the reading until the
    capture is saved; then it belongs to the person read from it."""

    image = models.FileField(_("Visitenkarte"), upload_to=_card_path)
    person = models.ForeignKey(
        Person,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="business_cards",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Visitenkarte")
        verbose_name_plural = _("Visitenkarten")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"
