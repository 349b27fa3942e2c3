"""Contact persons of organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from contacts.models.organisations import Organisation
from kiallianz.models import AuthoredModel


class Person(AuthoredModel):
    class Salutation(models.TextChoices):
        NONE = "", _("keine Angabe")
        MS = "ms", _("Frau")
        MR = "mr", _("Herr")
        DIVERSE = "diverse", _("divers")

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("Einwilligung")
        LEGITIMATE_INTEREST = "legitimate_interest", _("Berechtigtes Interesse")

    salutation = models.CharField(
        _("Anrede"), max_length=16, choices=Salutation.choices, blank=True
    )
    title = models.CharField(_("Titel"), max_length=50, blank=True)
    first_name = models.CharField(_("Vorname"), max_length=120, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=120)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True, db_index=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
    )
    legal_basis = models.CharField(
        _("Rechtsgrundlage"),
        max_length=32,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
    )
    consent_date = models.DateField(_("Einwilligung am"), null=True, blank=True)
    consent_source = models.CharField(_("Quelle der Einwilligung"), max_length=200, blank=True)
    do_not_contact = models.BooleanField(_("nicht kontaktieren"), default=False)
    notes = models.TextField(_("Notizen"), blank=True)

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    def permission_region_ids(self) -> list[int]:
        if self.organisation_id and self.organisation.region_id:
            return [self.organisation.region_id]
        return []
