"""Transfer projects (AP4) and communication activities (AP3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kiallianz.history import AuditedHistory
from kiallianz.models import Offer, Region, VersionedModel, report_text_field


class TransferProject(VersionedModel):
    """A project with industry that a community manager helped initiate."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idee")
        IN_PREPARATION = "in_preparation", _("in Vorbereitung")
        SUBMITTED = "submitted", _("Antrag eingereicht")
        APPROVED = "approved", _("bewilligt")
        RUNNING = "running", _("läuft")
        REJECTED = "rejected", _("abgelehnt")

    class FundingProgramme(models.TextChoices):
        ZIM = "zim", _("ZIM")
        DIGITALISIERUNGSPRAEMIE = "digitalisierungspraemie", _("Digitalisierungsprämie BW")
        FORSCHUNGSZULAGE = "forschungszulage", _("Forschungszulage")
        FEDERAL = "federal", _("Bundesprogramm (sonstiges)")
        OTHER = "other", _("Sonstiges")

    title = models.CharField(_("Titel"), max_length=255)
    organisations = models.ManyToManyField(
        "contacts.Organisation",
        verbose_name=_("Organisationen"),
        blank=True,
        related_name="transfer_projects",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("Region"), on_delete=models.PROTECT, related_name="transfer_projects"
    )
    community_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Community Manager:in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfer_projects",
    )
    status = models.CharField(
        _("Status"), max_length=32, choices=Status.choices, default=Status.IDEA, db_index=True
    )
    funding_programme = models.CharField(
        _("Förderprogramm"), max_length=32, choices=FundingProgramme.choices, blank=True
    )
    referral_offer = models.ForeignKey(
        Offer,
        verbose_name=_("Vermittelt an Projekt der Allianz"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer_projects",
    )
    initiated_on = models.DateField(_("initiiert am"))
    submitted_on = models.DateField(_("eingereicht am"), null=True, blank=True)
    decided_on = models.DateField(_("entschieden am"), null=True, blank=True)
    notes = models.TextField(_("Notizen"), blank=True)
    report_text = report_text_field()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Transferprojekt")
        verbose_name_plural = _("Transferprojekte")
        ordering = ["-initiated_on", "-id"]
        indexes = [models.Index(fields=["region", "initiated_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.submitted_on and self.initiated_on and self.submitted_on < self.initiated_on:
            raise ValidationError(
                {"submitted_on": _("Die Einreichung kann nicht vor der Initiierung liegen.")}
            )
        if self.decided_on and self.submitted_on and self.decided_on < self.submitted_on:
            raise ValidationError(
                {"decided_on": _("Die Entscheidung kann nicht vor der Einreichung liegen.")}
            )


class CommunicationActivity(VersionedModel):
    class Kind(models.TextChoices):
        LINKEDIN_POST = "linkedin_post", _("LinkedIn-Beitrag")
        PRESS_RELEASE = "press_release", _("Pressemitteilung")
        NEWSLETTER = "newsletter", _("Newsletter-Ausgabe")
        MAGAZINE_ARTICLE = "magazine_article", _("Magazinbeitrag")

    date = models.DateField(_("Datum"))
    kind = models.CharField(_("Art"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=255)
    link = models.URLField(_("Link"), blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communication_activities",
        help_text=_("Leer bei überregionalen Beiträgen."),
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Kommunikationsmaßnahme")
        verbose_name_plural = _("Kommunikationsmaßnahmen")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return self.title
