"""Large list downloads (first contacts, organisations, persons) rendered by
the worker: the job row with its progress and the written file. Its life
cycle (claim, heartbeat, restart, finish once) is kiallianz/jobs.py's."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kiallianz.models import BackgroundJob


def list_export_path(instance: "ListExport", filename: str) -> str:
    return f"list-exports/{uuid.uuid4().hex}/{filename}"


class ListExport(BackgroundJob):
    exporter = models.CharField(_("Liste"), max_length=40)
    format = models.CharField(_("Format"), max_length=8)
    # The list's filters as the query string they came in.
    query = models.TextField(_("Filter"), blank=True)
    row_count = models.PositiveIntegerField(_("Zeilen"), null=True, blank=True)
    file = models.FileField(_("Datei"), upload_to=list_export_path, blank=True, max_length=255)
    # The requester's language: the worker writes its messages in it
    # (kiallianz/jobs.py: JobLifecycle.language).
    language = models.CharField(_("Sprache"), max_length=8, default=settings.LANGUAGE_CODE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angefordert von"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Listenexport")
        verbose_name_plural = _("Listenexporte")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.exporter}.{self.format} ({self.created_at:%Y-%m-%d %H:%M})"
