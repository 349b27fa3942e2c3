"""Browser imports run by the worker: the uploaded file, the dry run, the
import, their progress and their result (kiallianz/jobs.py life cycle)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kiallianz.models import BackgroundJob


def import_upload_path(instance: "ImportJob | None", filename: str) -> str:
    # Under a prefix no media rule serves: an upload is never downloadable.
    return f"imports/{uuid.uuid4().hex}/{filename}"


class ImportJob(BackgroundJob):
    class Mode(models.TextChoices):
        DRY_RUN = "dry_run", _("Probelauf")
        IMPORT = "import", _("Import")

    mode = models.CharField(_("Art"), max_length=8, choices=Mode.choices, default=Mode.DRY_RUN)
    # The dry run stores the upload; its import reads the same stored file.
    file = models.FileField(_("Datei"), upload_to=import_upload_path, blank=True, max_length=255)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    skip_invalid = models.BooleanField(_("fehlerhafte Zeilen überspringen"), default=False)
    dry_run = models.ForeignKey(
        "self",
        verbose_name=_("Probelauf"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imports",
    )
    # Counts per entity and the invalid rows with their German reasons.
    result = models.JSONField(_("Ergebnis"), default=dict, blank=True)
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
        verbose_name = _("Kontaktimport")
        verbose_name_plural = _("Kontaktimporte")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_mode_display()}, {self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_dry_run(self) -> bool:
        return self.mode == self.Mode.DRY_RUN
