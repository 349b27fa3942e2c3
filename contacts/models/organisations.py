"""Organisations: companies, institutes, chambers, public bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kiallianz.choices import choice_label
from kiallianz.history import AuditedHistory
from kiallianz.models import AuthoredModel, Region


class Organisation(AuthoredModel):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Unternehmen")
        STARTUP = "startup", _("Start-up")
        RESEARCH_INSTITUTE = "research_institute", _("Forschungseinrichtung")
        UNIVERSITY = "university", _("Hochschule")
        MUNICIPALITY = "municipality", _("Kommune")
        CHAMBER = "chamber", _("Kammer (IHK, HWK, AHK)")
        ASSOCIATION = "association", _("Verband/Netzwerk")
        PUBLIC_BODY = "public_body", _("Öffentliche Einrichtung")
        MEDIA = "media", _("Medien")
        OTHER = "other", _("Sonstige")

    class SizeClass(models.TextChoices):
        UNKNOWN = "", _("unbekannt")
        MICRO = "micro", _("Kleinstunternehmen (< 10)")
        SMALL = "small", _("Klein (10–49)")
        MEDIUM = "medium", _("Mittel (50–249)")
        LARGE = "large", _("Groß (≥ 250)")

    class MembershipStatus(models.TextChoices):
        NONE = "none", _("kein Mitglied")
        MEMBER = "member", _("Mitglied")
        COOPERATIVE_MEMBER = "cooperative_member", _("Genoss:in")

    name = models.CharField(_("Name"), max_length=255)
    # Lower-cased name without legal forms and punctuation; for duplicate
    # warnings and import matching. Set by the services, never by hand.
    normalized_name = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("Art"), max_length=32, choices=Kind.choices, default=Kind.COMPANY)
    sector = models.CharField(_("Branche"), max_length=120, blank=True)
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("Website"), blank=True)
    size_class = models.CharField(
        _("Größenklasse"), max_length=16, choices=SizeClass.choices, blank=True
    )
    membership_status = models.CharField(
        _("Mitgliedschaft"),
        max_length=32,
        choices=MembershipStatus.choices,
        default=MembershipStatus.NONE,
    )
    notes = models.TextField(_("Notizen"), blank=True)
    # Kept by the database, never written by the application: triggers
    # (migration contacts/0018_organisation_contact_stats) recount them
    # whenever a first contact is added, moved, re-dated or deleted, by any
    # path (services, import, merge, admin, raw SQL), and whenever a save of
    # the organisation would write them. The list shows and sorts by them.
    first_contact_count = models.PositiveIntegerField(_("Erstgespräche"), default=0, editable=False)
    last_contact_date = models.DateField(_("letztes Erstgespräch"), null=True, editable=False)

    # Derived from the first contacts, which have their own history.
    history = AuditedHistory(excluded_fields=["first_contact_count", "last_contact_date"])

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["region", "kind"]),
            # The list's default order (name, then id): deep pages walk the index.
            models.Index(fields=["name", "id"], name="organisation_list_order"),
            # The list sorted by its first contacts: pages walk these indexes.
            models.Index(fields=["first_contact_count", "id"], name="organisation_by_contacts"),
            models.Index(fields=["last_contact_date", "id"], name="organisation_by_last_contact"),
        ]

    def __str__(self) -> str:
        return self.name

    # The list's labels without get_FOO_display()'s per-call dictionary.
    @property
    def kind_label(self) -> str:
        return choice_label(self.Kind, self.kind)

    @property
    def membership_status_label(self) -> str:
        return choice_label(self.MembershipStatus, self.membership_status)
