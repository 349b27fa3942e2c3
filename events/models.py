"""The regional event calendar: every kind of dated appearance or meeting."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import FirstContact, Organisation, Person
from kiallianz.history import AuditedHistory
from kiallianz.images import SafeImageField
from kiallianz.models import AuthoredModel, Offer, Region, VersionedModel, report_text_field
from kiallianz.validators import MaxSizeImageValidator

PHOTO_MAX_MEGABYTES = 10


class EventKind(models.TextChoices):
    OWN_EVENT = "own_event", _("Eigene Veranstaltung")
    CO_ORGANISED = "co_organised", _("Mitveranstaltet")
    TRADE_FAIR = "trade_fair", _("Messestand")
    TALK = "talk", _("Vortrag/Panel bei externer Veranstaltung")
    WORKSHOP_NEW_TOPICS = "workshop_new_topics", _("Workshop zu neuen Themen")
    FUNDING_WORKSHOP = "funding_workshop", _("Förder-Workshop")
    FUNDING_CONSULTATION = "funding_consultation", _("Förderberatung")
    KI_CHALLENGE = "ki_challenge", _("KI-Challenge-Termin")
    HACKATHON = "hackathon", _("Hackathon")
    DELEGATION_VISIT = "delegation_visit", _("Delegationsbesuch")
    CONFERENCE = "conference", _("Konferenz")
    WEBINAR = "webinar", _("Webinar")
    KICK_OFF = "kick_off", _("Kick-off (intern)")
    STATUS_MEETING = "status_meeting", _("Statustreffen (intern)")
    CROSS_PROJECT_MEETING = "cross_project_meeting", _("Projektübergreifendes Treffen (intern)")
    JOUR_FIXE = "jour_fixe", _("Jour fixe (intern)")


INTERNAL_KINDS = frozenset(
    {
        EventKind.KICK_OFF,
        EventKind.STATUS_MEETING,
        EventKind.CROSS_PROJECT_MEETING,
        EventKind.JOUR_FIXE,
    }
)
WORKSHOP_KINDS = frozenset({EventKind.WORKSHOP_NEW_TOPICS, EventKind.FUNDING_WORKSHOP})


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    HELD = "held", _("durchgeführt")
    CANCELLED = "cancelled", _("abgesagt")


class SizeCategory(models.TextChoices):
    SMALL = "small", _("Kleinveranstaltung")
    LARGE = "large", _("Großveranstaltung")


class Event(AuthoredModel):
    class Area(models.TextChoices):
        REGIONAL = "regional", _("Regional")
        STATEWIDE = "statewide", _("Landesweit")
        ABROAD = "abroad", _("Ausland")

    class AllianceRole(models.TextChoices):
        ORGANISER = "organiser", _("Veranstalterin")
        CO_ORGANISER = "co_organiser", _("Mitveranstalterin")
        EXHIBITOR = "exhibitor", _("Ausstellerin")
        SPEAKER = "speaker", _("Speaker/Moderation")
        PARTICIPANT = "participant", _("Teilnehmerin")
        SUPPORTER = "supporter", _("Unterstützerin")

    # Stable across edits: the iCal UID that calendar apps track.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("Titel"), max_length=255)
    kind = models.CharField(_("Art"), max_length=32, choices=EventKind.choices)
    start_date = models.DateField(_("Beginn (Datum)"))
    start_time = models.TimeField(_("Beginn (Uhrzeit)"), null=True, blank=True)
    end_date = models.DateField(_("Ende (Datum)"))
    end_time = models.TimeField(_("Ende (Uhrzeit)"), null=True, blank=True)
    venue = models.CharField(_("Veranstaltungsort"), max_length=255, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    area = models.CharField(
        _("Reichweite"), max_length=16, choices=Area.choices, default=Area.REGIONAL
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Leer bei landesweiten Veranstaltungen und im Ausland."),
    )
    country = models.CharField(_("Land"), max_length=100, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    alliance_role = models.CharField(
        _("Rolle der KI-Allianz"),
        max_length=32,
        choices=AllianceRole.choices,
        default=AllianceRole.ORGANISER,
    )
    status = models.CharField(
        _("Status"),
        max_length=16,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
        db_index=True,
    )
    expected_participants = models.PositiveIntegerField(
        _("erwartete Teilnehmende"), null=True, blank=True
    )
    actual_participants = models.PositiveIntegerField(
        _("tatsächliche Teilnehmende"), null=True, blank=True
    )
    programme_hours = models.DecimalField(
        _("Programmdauer (Stunden)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    promoted_beyond_region = models.BooleanField(_("überregional beworben"), default=False)
    # The effective category, kept for filtering and counting. The services
    # set it from the size rules unless someone overrode it with a reason.
    size_category = models.CharField(
        _("Größe"), max_length=16, choices=SizeCategory.choices, default=SizeCategory.SMALL
    )
    size_override = models.CharField(
        _("Größe manuell"), max_length=16, choices=SizeCategory.choices, blank=True
    )
    size_override_reason = models.CharField(
        _("Begründung der manuellen Größe"), max_length=255, blank=True
    )
    co_organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("Mitveranstaltende Organisationen"),
        blank=True,
        related_name="co_organised_events",
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("Weitere beteiligte Organisationen"),
        blank=True,
        related_name="involved_events",
    )
    speakers = models.ManyToManyField(
        Person, verbose_name=_("Speaker:innen"), blank=True, related_name="events_as_speaker"
    )
    topics = models.CharField(
        _("Themen"), max_length=255, blank=True, help_text=_("Durch Kommas getrennt.")
    )
    offers = models.ManyToManyField(
        Offer, verbose_name=_("Vorgestellte Angebote"), blank=True, related_name="events"
    )
    first_contacts = models.ManyToManyField(
        FirstContact,
        verbose_name=_("Erstgespräche bei dieser Veranstaltung"),
        blank=True,
        related_name="events",
    )
    report_text = report_text_field()
    # Internal: never in the report, a feed or the public calendar.
    notes = models.TextField(
        _("Interne Notiz"),
        blank=True,
        help_text=_("Nur für das Team, z. B. warum ein Datum so erfasst ist."),
    )
    is_public = models.BooleanField(_("öffentlich"), default=False)
    public_description = models.TextField(_("Öffentliche Beschreibung"), blank=True)
    url = models.URLField(_("Link"), blank=True)
    # iCal SEQUENCE: raised by the services whenever the event changes.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["start_date", "start_time", "id"]
        indexes = [
            models.Index(fields=["region", "start_date"]),
            models.Index(fields=["kind", "start_date"]),
            models.Index(fields=["is_public", "start_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self._ends_before_start():
            errors["end_date"] = _("Das Ende liegt vor dem Beginn.")
        if self.area == self.Area.REGIONAL and not self.region_id:
            errors["region"] = _(
                "Bitte eine Region wählen oder die Reichweite „landesweit“ bzw. „Ausland“ angeben."
            )
        if self.size_override and not self.size_override_reason.strip():
            errors["size_override_reason"] = _("Bitte begründen Sie die manuelle Größe.")
        if errors:
            raise ValidationError(errors)

    def _ends_before_start(self) -> bool:
        if not (self.start_date and self.end_date):
            return False
        if self.end_date != self.start_date:
            return self.end_date < self.start_date
        return bool(self.start_time and self.end_time and self.end_time < self.start_time)

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def is_internal(self) -> bool:
        return self.kind in INTERNAL_KINDS

    @property
    def start(self) -> datetime.datetime:
        """Aware start in Europe/Berlin (midnight for all-day events)."""
        return _aware(self.start_date, self.start_time)

    @property
    def end(self) -> datetime.datetime:
        return _aware(self.end_date, self.end_time)


def _aware(day: datetime.date, time: datetime.time | None) -> datetime.datetime:
    naive = datetime.datetime.combine(day, time or datetime.time.min)
    return timezone.make_aware(naive, timezone.get_default_timezone())


class EventWorkPackage(models.Model):
    """A work package (AP1–AP5) an event counts for; several allowed."""

    class Number(models.IntegerChoices):
        AP1 = 1, _("AP1 Koordination")
        AP2 = 2, _("AP2 Netzwerkmanagement")
        AP3 = 3, _("AP3 Veranstaltungen und Marketing")
        AP4 = 4, _("AP4 Technologietransfer")
        AP5 = 5, _("AP5 Internationalisierung")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="work_packages")
    number = models.PositiveSmallIntegerField(_("Arbeitspaket"), choices=Number.choices)

    class Meta:
        verbose_name = _("Arbeitspaket der Veranstaltung")
        verbose_name_plural = _("Arbeitspakete der Veranstaltung")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_event_work_package")
        ]

    def __str__(self) -> str:
        return self.get_number_display()


def event_photo_path(instance: "EventPhoto", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"events/photos/{instance.event_id}/{uuid.uuid4().hex}.{suffix}"


class EventPhoto(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = SafeImageField(
        _("Bild"),
        upload_to=event_photo_path,
        validators=[MaxSizeImageValidator(PHOTO_MAX_MEGABYTES)],
        max_megabytes=PHOTO_MAX_MEGABYTES,
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=255)
    credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")
        ordering = ["event", "position", "id"]

    def __str__(self) -> str:
        return self.caption


class KIChallengeRound(VersionedModel):
    """A regional round of the KI-Challenge, planned or held."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        on_delete=models.PROTECT,
        related_name="ki_challenge_rounds",
    )
    title = models.CharField(_("Titel"), max_length=255)
    theme = models.CharField(_("Thema"), max_length=255, blank=True)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    venue = models.CharField(_("Veranstaltungsort"), max_length=255, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("Partner"), blank=True, related_name="ki_challenge_rounds"
    )
    status = models.CharField(
        _("Status"), max_length=16, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    report_text = report_text_field()
    events = models.ManyToManyField(
        Event,
        verbose_name=_("Termine"),
        blank=True,
        related_name="ki_challenge_rounds",
        help_text=_("Auftakt, Pitch, Finale … als Termine im Kalender."),
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("KI-Challenge-Runde")
        verbose_name_plural = _("KI-Challenge-Runden")
        ordering = ["start_date", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Ende liegt vor dem Beginn.")})
