"""Contact persons of organisations."""

from django.db import models
from django.db.models import CharField, F, Func
from django.utils.translation import gettext_lazy as _

from contacts.models.organisations import Organisation
from kiallianz.history import AuditedHistory
from kiallianz.models import AuthoredModel

# Umlauts and ß spelt out as in name lists (DIN 5007, variant 2): „Müller“
# sorts as „mueller“, alongside „Mueller“ (then by first name), before „Muff“.
_SPELT_OUT = [
    ("Ä", "ae"),
    ("Ö", "oe"),
    ("Ü", "ue"),
    ("ä", "ae"),
    ("ö", "oe"),
    ("ü", "ue"),
    ("ß", "ss"),
]


class NameSortKey(Func):
    """A name as the person list sorts it: case-insensitive, umlauts spelt
    out, in the same (byte) order on SQLite and PostgreSQL whatever the
    database's collation. The constants are written into the SQL rather than
    passed as parameters: SQLite uses an index on an expression only for
    that expression word for word."""

    arity = 1
    output_field = CharField()

    def __init__(self, expression, **extra):
        super().__init__(F(expression) if isinstance(expression, str) else expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        template = "%(expressions)s"
        for letter, spelt in _SPELT_OUT:
            template = f"REPLACE({template}, '{letter}', '{spelt}')"
        return super().as_sql(compiler, connection, template=f"LOWER({template})", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        return f'({sql} COLLATE "C")', params


# How persons are listed wherever they are listed (the person list, an
# organisation's persons, the autocomplete, the admin): by last name, then
# first name, each as NameSortKey.
PERSON_NAME_ORDER = (NameSortKey("last_name"), NameSortKey("first_name"))


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
    # Withdrawal keeps the consent's date and source: both stay on record.
    consent_withdrawn_on = models.DateField(_("Einwilligung widerrufen am"), null=True, blank=True)
    consent_withdrawal_source = models.CharField(
        _("Quelle des Widerrufs"), max_length=200, blank=True
    )
    objected_on = models.DateField(_("Widerspruch gegen Kontaktaufnahme am"), null=True, blank=True)
    objection_note = models.CharField(_("Widerspruch (Notiz)"), max_length=255, blank=True)
    # Set by office („aufbewahren, mit Begründung“); the reason is in the history.
    retention_kept_until = models.DateField(_("aufbewahren bis"), null=True, blank=True)
    notes = models.TextField(_("Notizen"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = [*PERSON_NAME_ORDER, "id"]
        indexes = [
            # The list's default order (case-insensitive last name, first name,
            # then id): deep pages walk the index. The names themselves are
            # included so PostgreSQL can read the page's ids from the index alone.
            models.Index(
                NameSortKey("last_name"),
                NameSortKey("first_name"),
                F("id"),
                name="person_name_order",
                include=["last_name", "first_name"],
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def has_valid_consent(self) -> bool:
        return bool(self.consent_date and not self.consent_withdrawn_on)

    @property
    def excluded_from_outreach(self) -> bool:
        """Withdrawn consent or an objection: never approached again."""
        return bool(self.consent_withdrawn_on or self.objected_on)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.title, self.first_name, self.last_name) if part)

    def permission_region_ids(self) -> list[int]:
        if self.organisation_id and self.organisation.region_id:
            return [self.organisation.region_id]
        return []
