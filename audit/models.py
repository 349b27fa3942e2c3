"""Access log: who read or exported personal data, never the data itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("angesehen")
        EXPORT = "export", _("exportiert")

    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzer:in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("Zugriff"), max_length=16, choices=Action.choices)
    # What: a record (model label and id) or an export (type and row count).
    model_label = models.CharField(_("Datenart"), max_length=100, blank=True)
    object_id = models.PositiveBigIntegerField(_("Datensatz-ID"), null=True, blank=True)
    export_type = models.CharField(_("Export"), max_length=100, blank=True)
    row_count = models.PositiveIntegerField(_("Zeilen"), null=True, blank=True)
    view_name = models.CharField(_("Seite"), max_length=100)
    purpose = models.CharField(_("Zweck"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Zugriff auf personenbezogene Daten")
        verbose_name_plural = _("Zugriffe auf personenbezogene Daten")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["model_label", "object_id"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.model_label or self.export_type}"
