"""Large list downloads (first contacts, organisations, persons) rendered by
the worker: the job row with its progress and the written file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def list_export_path(instance: "ListExport", filename: str) -> str:
    return f"list-exports/{uuid.uuid4().hex}/{filename}"


class ListExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    exporter = models.CharField(_("Liste"), max_length=40)
    format = models.CharField(_("Format"), max_length=8)
    # The list's filters as the query string they came in.
    query = models.TextField(_("Filter"), blank=True)
    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("Fortschritt (%)"), default=0)
    message = models.CharField(_("Meldung"), max_length=255, blank=True)
    row_count = models.PositiveIntegerField(_("Zeilen"), null=True, blank=True)
    file = models.FileField(_("Datei"), upload_to=list_export_path, blank=True, max_length=255)
    claimed_by = models.CharField(_("bearbeitet von"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angefordert von"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("zuletzt aktualisiert"), auto_now=True)

    class Meta:
        verbose_name = _("Listenexport")
        verbose_name_plural = _("Listenexporte")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.exporter}.{self.format} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
