"""The partner registry: organisations that cooperate with the alliance
without being members or Genoss:innen, with the spans of their partnership."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contacts.models import FirstContact, Organisation, Person
from kiallianz.history import AuditedHistory
from kiallianz.images import SafeImageField
from kiallianz.models import AuthoredModel, Region
from kiallianz.validators import MaxSizeImageValidator

LOGO_MAX_MEGABYTES = 5


class PartnerCategory(models.TextChoices):
    NETWORK = "network", _("Netzwerk/Verband")
    INNOVATION_HUB = "innovation_hub", _("Innovation Hub/EDIH")
    CHAMBER = "chamber", _("Kammer")
    RESEARCH = "research", _("Forschung/Hochschule")
    COMPANY = "company", _("Unternehmen")
    PUBLIC_BODY = "public_body", _("Öffentliche Einrichtung")
    MEDIA = "media", _("Medien")


def partner_logo_path(instance: "Partner", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"partners/logos/{uuid.uuid4().hex}.{suffix}"


class Partner(AuthoredModel):
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="partner",
    )
    category = models.CharField(_("Kategorie"), max_length=32, choices=PartnerCategory.choices)
    regions = models.ManyToManyField(
        Region, verbose_name=_("Regionen"), blank=True, related_name="partners"
    )
    is_statewide = models.BooleanField(
        _("landesweit"),
        default=False,
        help_text=_("Landesweite Partner:innen ändert nur die Geschäftsstelle."),
    )
    # What the partner brings in: three fixed choices as booleans, so they
    # filter the same way on SQLite and PostgreSQL.
    brings_expertise = models.BooleanField(_("bringt Expertise ein"), default=False)
    brings_resources = models.BooleanField(_("bringt Ressourcen ein"), default=False)
    brings_network = models.BooleanField(_("bringt Netzwerk ein"), default=False)
    contribution = models.TextField(_("Was die Partner:in einbringt"), blank=True)
    contact_persons = models.ManyToManyField(
        Person, verbose_name=_("Ansprechpersonen"), blank=True, related_name="partners"
    )
    community_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verantwortliche Community Manager:in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
    )
    logo = SafeImageField(
        _("Logo"),
        upload_to=partner_logo_path,
        blank=True,
        validators=[MaxSizeImageValidator(LOGO_MAX_MEGABYTES)],
        max_megabytes=LOGO_MAX_MEGABYTES,
        help_text=_("PNG, JPEG oder WebP, höchstens 5 MB."),
    )
    is_public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_("Auf der Website zeigen (nur solange die Partnerschaft aktiv ist)."),
    )
    public_description = models.TextField(_("Öffentliche Beschreibung"), blank=True)
    notes = models.TextField(_("Interne Notizen"), blank=True)
    first_contact = models.ForeignKey(
        FirstContact,
        verbose_name=_("Aus Erstgespräch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Partner:in")
        verbose_name_plural = _("Partner:innen")
        ordering = ["organisation__name"]
        indexes = [models.Index(fields=["category"]), models.Index(fields=["is_public"])]

    def __str__(self) -> str:
        return self.organisation.name

    def permission_region_ids(self) -> list[int]:
        # Statewide partners belong to no single region: office staff only.
        if self.is_statewide:
            return []
        return [region.id for region in self.regions.all()]

    @property
    def current_span(self) -> "PartnershipSpan | None":
        """The open span (uses prefetched spans when there are)."""
        for span in self.spans.all():
            if span.ended is None:
                return span
        return None

    @property
    def is_active(self) -> bool:
        return self.current_span is not None

    @property
    def latest_span(self) -> "PartnershipSpan | None":
        spans = sorted(self.spans.all(), key=lambda span: (span.since, span.id))
        return spans[-1] if spans else None

    @property
    def contribution_tags(self) -> list[str]:
        tags = []
        if self.brings_expertise:
            tags.append(_("Expertise"))
        if self.brings_resources:
            tags.append(_("Ressourcen"))
        if self.brings_network:
            tags.append(_("Netzwerk"))
        return tags


class PartnershipSpan(models.Model):
    """A period in which the partnership was active; ``ended`` is inclusive."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("Partner:in"), on_delete=models.CASCADE, related_name="spans"
    )
    since = models.DateField(_("Partner:in seit"))
    ended = models.DateField(_("beendet am"), null=True, blank=True)
    end_reason = models.CharField(_("Grund für das Ende"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Partnerschaftszeitraum")
        verbose_name_plural = _("Partnerschaftszeiträume")
        ordering = ["-since", "-id"]
        indexes = [models.Index(fields=["since"]), models.Index(fields=["ended"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended__isnull=True) | Q(ended__gte=F("since")),
                name="partnership_span_ends_after_start",
                violation_error_message=_(
                    "Das Ende darf nicht vor dem Beginn der Partnerschaft liegen."
                ),
            ),
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(ended__isnull=True),
                name="one_open_partnership_span",
                violation_error_message=_("Die Partnerschaft ist bereits aktiv."),
            ),
        ]

    def __str__(self) -> str:
        since = date_format(self.since, "SHORT_DATE_FORMAT")
        if self.ended:
            return f"{since} – {date_format(self.ended, 'SHORT_DATE_FORMAT')}"
        return f"{since} –"

    def clean(self) -> None:
        if self.since and self.ended and self.ended < self.since:
            raise ValidationError(
                {"ended": _("Das Ende darf nicht vor dem Beginn der Partnerschaft liegen.")}
            )
