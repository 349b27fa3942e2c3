"""The interim funding report (Zwischenverwendungsnachweis): editions, their
section tree with narratives, and the exports rendered from them."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kiallianz.history import AuditedHistory
from kiallianz.models import AuthoredModel, BackgroundJob
from reporting.models.project import FundingProject


class ReportEdition(AuthoredModel):
    """One year's report: the period, the as-of date and the title page."""

    project = models.ForeignKey(
        FundingProject,
        verbose_name=_("Förderprojekt"),
        on_delete=models.PROTECT,
        related_name="report_editions",
    )
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    period_start = models.DateField(_("Berichtszeitraum von"))
    period_end = models.DateField(_("Berichtszeitraum bis"))
    as_of = models.DateField(
        _("Stichtag"), help_text=_("Zu diesem Tag werden die Zahlen des Berichts ermittelt.")
    )
    title = models.CharField(_("Titel"), max_length=200)
    organisation_name = models.CharField(_("Zuwendungsempfänger"), max_length=200)
    project_title = models.CharField(_("Projekt"), max_length=200)
    funder_reference = models.CharField(_("VorgangID"), max_length=50, blank=True)
    annex_label = models.CharField(_("Anlage"), max_length=50, blank=True, default="Anlage 1")

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Berichtsausgabe")
        verbose_name_plural = _("Berichtsausgaben")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="unique_report_edition_year")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Das Ende des Berichtszeitraums liegt vor seinem Beginn.")
        if self.as_of and self.period_start and self.as_of < self.period_start:
            errors["as_of"] = as_of_error(self.as_of, self.period_start)
        if errors:
            raise ValidationError(errors)


def as_of_error(as_of: datetime.date, period_start: datetime.date) -> str:
    return _(
        "Der Stichtag (%(as_of)s) liegt vor dem Beginn des Berichtszeitraums "
        "(%(start)s). Bitte wählen Sie einen Stichtag ab dem %(start)s."
    ) % {
        "as_of": date_format(as_of, "DATE_FORMAT"),
        "start": date_format(period_start, "DATE_FORMAT"),
    }


class ReportSection(models.Model):
    """A chapter or sub-chapter; numbers follow from the tree order."""

    edition = models.ForeignKey(
        ReportEdition,
        verbose_name=_("Berichtsausgabe"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordneter Abschnitt"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    # Stable name of a standard section (e.g. "ap2-first-contacts"); copied to
    # the next year's edition so the demo and defaults can find it.
    key = models.SlugField(_("Schlüssel"), max_length=80)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Überschrift"), max_length=200)
    narrative = models.TextField(
        _("Text"), blank=True, help_text=_("Markdown: **fett**, *kursiv*, Listen mit „- “.")
    )
    block_keys = models.JSONField(_("Datenblöcke"), default=list, blank=True)
    # Typed facts the writer keeps on purpose: [{"text": "2021", "reason": "…"}].
    # The consistency check shows them as accepted instead of asking again.
    accepted_facts = models.JSONField(_("bewusst getippte Angaben"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Berichtsabschnitt")
        verbose_name_plural = _("Berichtsabschnitte")
        ordering = ["edition", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="unique_report_section_key")
        ]

    def __str__(self) -> str:
        return self.title


def report_export_path(instance: "ReportExport", filename: str) -> str:
    return f"reports/{instance.edition_id}/{uuid.uuid4().hex}/{filename}"


def export_formats() -> list[tuple[str, str]]:
    """The formats come from the exporter registry (imported late: the
    exporters import the models)."""
    from reporting.report.exporters import format_choices

    return format_choices()


class ReportExport(BackgroundJob):
    """One rendered file, kept with who made it and from what parameters."""

    edition = models.ForeignKey(
        ReportEdition,
        verbose_name=_("Berichtsausgabe"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    format = models.CharField(_("Format"), max_length=8, choices=export_formats)
    # As the exporter said when it wrote the file; the download sends it.
    content_type = models.CharField(_("Inhaltstyp"), max_length=100, blank=True)
    # The parameters as they were when the export was asked for.
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    as_of = models.DateField(_("Stichtag"))
    warnings = models.JSONField(_("Hinweise"), default=list, blank=True)
    file = models.FileField(_("Datei"), upload_to=report_export_path, blank=True, max_length=255)
    file_size = models.PositiveBigIntegerField(_("Dateigröße"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    retry_of = models.ForeignKey(
        "self",
        verbose_name=_("Wiederholung von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retries",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angefordert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Berichtsexport")
        verbose_name_plural = _("Berichtsexporte")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.edition} ({self.get_format_display()}, {self.created_at:%Y-%m-%d %H:%M})"
