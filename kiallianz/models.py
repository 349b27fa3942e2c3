"""Core models every app uses: users with roles, regions, the offers list."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kiallianz.history import AuditedHistory


class VersionedModel(models.Model):
    """Timestamps and the version for optimistic locking (kiallianz/versioning.py)."""

    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class BackgroundJob(models.Model):
    """A row the worker reports on (kiallianz/jobs.py): status, progress, the
    claim of one task message, the heartbeat (``updated_at``)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("Fortschritt (%)"), default=0)
    message = models.CharField(_("Meldung"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True, db_index=True)
    # Heartbeat: set on every progress step; a running job whose heartbeat
    # is older than the staleness limit lost its worker.
    updated_at = models.DateTimeField(_("zuletzt aktualisiert"), auto_now=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)
    # The claim: which task message works on this job now. Every write of
    # the worker is conditional on it (compare-and-set), so a redelivered or
    # retried message can never write a second result or revive a failure.
    claimed_by = models.CharField(_("bearbeitet von"), max_length=200, blank=True)
    restarts = models.PositiveSmallIntegerField(_("Neustarts"), default=0)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


def report_text_field() -> models.TextField:
    """The „Berichtstext“ of a record the report narrates (event, meeting,
    KI-Challenge round, transfer project, referral). The report assembles the
    record's facts around it, so the text need not repeat them."""
    return models.TextField(
        _("Berichtstext"),
        blank=True,
        help_text=_(
            "Ein kurzer Absatz für den Bericht: was geschah und was daraus folgte. Datum, "
            "Ort, Teilnehmende, Mitveranstaltende, Speaker:innen und Fotos ergänzt der "
            "Bericht selbst aus den Feldern."
        ),
    )


class AuthoredModel(VersionedModel):
    """A versioned record that also remembers who created it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Region(models.Model):
    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kürzel"), max_length=100, unique=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_thematic = models.BooleanField(
        _("thematisch"),
        default=False,
        help_text=_("Ein Thema über Regionen hinweg, z. B. Internationalisierung."),
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """One of the alliance's sub-projects (Angebote), presented to contacts."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kürzel"), max_length=100, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        COMMUNITY_MANAGER = "community_manager", _("Community Manager:in")
        OFFICE = "office", _("Geschäftsstelle")
        ADMIN = "admin", _("Administrator:in")

    role = models.CharField(
        _("Rolle"),
        max_length=32,
        choices=Role.choices,
        default=Role.COMMUNITY_MANAGER,
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("Regionen"),
        blank=True,
        related_name="community_managers",
        help_text=_("Die Regionen, in denen eine Community Manager:in arbeitet."),
    )

    history = AuditedHistory(
        excluded_fields=["password", "last_login"],
        ignored_update_fields=["last_login"],
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("Benutzer:in")
        verbose_name_plural = _("Benutzer:innen")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_community_manager(self) -> bool:
        return self.role == self.Role.COMMUNITY_MANAGER

    @property
    def is_office(self) -> bool:
        """Office staff and admins see and change everything."""
        return self.is_superuser or self.role in (self.Role.OFFICE, self.Role.ADMIN)


class TaskDelivery(models.Model):
    """How often one task message (id and retry number) reached a worker.

    A message that crashes its worker is handed out again and again; the
    delivery counter in kiallianz/celery.py refuses it after a few times.
    """

    key = models.CharField(_("Schlüssel"), max_length=200, unique=True)
    task_name = models.CharField(_("Aufgabe"), max_length=200)
    count = models.PositiveIntegerField(_("Zustellungen"), default=0)
    first_delivered_at = models.DateTimeField(_("zuerst zugestellt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Aufgabenzustellung")
        verbose_name_plural = _("Aufgabenzustellungen")

    def __str__(self) -> str:
        return f"{self.task_name} ({self.count})"
