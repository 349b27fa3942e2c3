"""First contacts (Erstgespräche) and their assessed cooperation potential."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contacts.models.organisations import Organisation
from contacts.models.persons import Person
from kiallianz.choices import choice_label
from kiallianz.history import AuditedHistory
from kiallianz.models import AuthoredModel, Offer, Region, report_text_field


class CooperationPotential(models.TextChoices):
    SPEAKER = "speaker", _("Speaker:in")
    COOPERATION_PARTNER = "cooperation_partner", _("Kooperationspartner:in")
    MEDIA_PARTNER = "media_partner", _("Medienpartner:in")
    MAGAZINE_AUTHOR = "magazine_author", _("Magazin-Autor:in")
    KI_CHALLENGE_PARTNER = "ki_challenge_partner", _("KI-Challenge-Partner:in")
    MEMBER_PROSPECT = "member_prospect", _("Mitgliedschaft möglich")
    FUNDING_PROJECT = "funding_project", _("Förderprojekt")
    OTHER = "other", _("Sonstiges")


class Relevance(models.IntegerChoices):
    """The office's relevance rating of a checked first contact: defined here only."""

    LOW = 1, _("1 – gering")
    MEDIUM = 2, _("2 – mittel")
    HIGH = 3, _("3 – hoch")


class FirstContact(AuthoredModel):
    Relevance = Relevance

    class Occasion(models.TextChoices):
        OWN_EVENT = "own_event", _("Eigene Veranstaltung")
        EXTERNAL_EVENT = "external_event", _("Externe Veranstaltung")
        COMPANY_VISIT = "company_visit", _("Unternehmensbesuch")
        DIGITAL_MEETING = "digital_meeting", _("Digitales Treffen")
        PHONE = "phone", _("Telefonat")
        TRADE_FAIR = "trade_fair", _("Messe")

    class QualityStatus(models.TextChoices):
        NEW = "new", _("neu")
        CHECKED = "checked", _("geprüft")
        IN_ECOSYSTEM = "in_ecosystem", _("ins Ökosystem aufgenommen")
        NOT_RELEVANT = "not_relevant", _("nicht relevant")

    date = models.DateField(_("Datum"))
    community_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Community Manager:in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="first_contacts",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("Region"), on_delete=models.PROTECT, related_name="first_contacts"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="first_contacts",
    )
    persons = models.ManyToManyField(
        Person, verbose_name=_("Personen"), blank=True, related_name="first_contacts"
    )
    occasion = models.CharField(
        _("Anlass"), max_length=32, choices=Occasion.choices, default=Occasion.COMPANY_VISIT
    )
    # Free text such as the name of the fair; the link to a calendar event is
    # kept by the events app (Event.first_contacts), which depends on us.
    occasion_note = models.CharField(_("Anlass (Details)"), max_length=255, blank=True)
    content = models.TextField(_("Besprochene Inhalte"), blank=True)
    offers = models.ManyToManyField(
        Offer, verbose_name=_("Vorgestellte Angebote"), blank=True, related_name="first_contacts"
    )
    referral_offer = models.ForeignKey(
        Offer,
        verbose_name=_("Vermittelt an Projekt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_first_contacts",
    )
    referral_note = models.TextField(_("Vermittlung (Notiz)"), blank=True)
    # The report's paragraph on the referral (organisation, not persons).
    report_text = report_text_field()
    quality_status = models.CharField(
        _("Qualitätsstatus"),
        max_length=32,
        choices=QualityStatus.choices,
        default=QualityStatus.NEW,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    relevance = models.PositiveSmallIntegerField(
        _("Relevanz"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Relevance.LOW), MaxValueValidator(Relevance.HIGH)],
        help_text=_("1 = gering, 3 = hoch"),
    )
    follow_up_date = models.DateField(_("Wiedervorlage am"), null=True, blank=True)
    follow_up_note = models.CharField(_("Wiedervorlage (Notiz)"), max_length=255, blank=True)
    follow_up_done = models.BooleanField(_("Wiedervorlage erledigt"), default=False)
    # Set by the capture screen on the phone: a capture sent twice (offline
    # queue, flaky network) is recognised by it and saved once.
    client_key = models.UUIDField(
        _("Erfassungsschlüssel"), null=True, blank=True, unique=True, editable=False
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Erstgespräch")
        verbose_name_plural = _("Erstgespräche")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["region", "date"]),
            # The list's default order, so deep pages need no sort of all rows.
            models.Index(fields=["-date", "-id"], name="first_contact_list_order"),
            models.Index(fields=["community_manager", "follow_up_done", "follow_up_date"]),
            # The quality queue: new ones, newest first.
            models.Index(
                fields=["quality_status", "-date", "-id"], name="first_contact_quality_order"
            ),
            # An organisation's number of first contacts and its latest one (the
            # organisation list's columns) from the index alone.
            models.Index(fields=["organisation", "date"], name="first_contact_org_date"),
            # The dashboard's chart (per month and region) from the index alone.
            models.Index(fields=["date", "region"], name="first_contact_date_region"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({date_format(self.date, 'SHORT_DATE_FORMAT')})"

    @property
    def quality_status_label(self) -> str:
        # get_quality_status_display() builds a dict of all lazy labels per
        # call, which a list page of 25 rows notices.
        return choice_label(self.QualityStatus, self.quality_status)


class FirstContactPotential(models.Model):
    """One assessed cooperation potential of a first contact (several allowed)."""

    first_contact = models.ForeignKey(
        FirstContact, on_delete=models.CASCADE, related_name="potentials"
    )
    potential = models.CharField(
        _("Kooperationspotenzial"), max_length=32, choices=CooperationPotential.choices
    )

    class Meta:
        verbose_name = _("Kooperationspotenzial")
        verbose_name_plural = _("Kooperationspotenziale")
        constraints = [
            models.UniqueConstraint(
                fields=["first_contact", "potential"], name="unique_potential_per_first_contact"
            )
        ]
        indexes = [models.Index(fields=["potential"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return choice_label(CooperationPotential, self.potential)
