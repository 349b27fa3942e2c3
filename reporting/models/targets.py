"""Targets (Förderziele, Meilensteine) promised to the funder per work package.

A target is either computed from live data by a named metric of the
registry in ``reporting/metrics.py`` (with parameters checked against the
metric's schema), or kept by hand (status plus evidence, e.g. „Monitoring-
Konzept liegt vor“). Progress is computed in ``reporting/progress.py``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kiallianz.history import AuditedHistory
from kiallianz.models import VersionedModel
from reporting import periods
from reporting.models.project import WorkPackage


class Target(VersionedModel):
    class DueKind(models.TextChoices):
        DATE = "date", _("Datum")
        MONTH = "month", _("Projektmonat (M…)")
        MID_TERM = "mid_term", _("Halbzeit")
        END = "end", _("Projektende")

    class Scope(models.TextChoices):
        PROJECT = "project", _("Gesamtprojekt")
        REGION = "region", _("je Region")

    class Kind(models.TextChoices):
        COMPUTED = "computed", _("aus Daten berechnet")
        MANUAL = "manual", _("manuell gepflegt")

    class ManualStatus(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        DONE = "done", _("erledigt")

    work_package = models.ForeignKey(
        WorkPackage,
        verbose_name=_("Arbeitspaket"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    title = models.CharField(_("Titel"), max_length=255)
    description = models.TextField(_("Beschreibung"), blank=True)
    due_kind = models.CharField(
        _("Fälligkeit"), max_length=16, choices=DueKind.choices, default=DueKind.END
    )
    due_on = models.DateField(_("fällig am"), null=True, blank=True)
    due_month = models.PositiveSmallIntegerField(
        _("fällig im Projektmonat"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Zahl n für Mn, z. B. 26 für M26."),
    )
    counts_from = models.DateField(
        _("gezählt ab"),
        null=True,
        blank=True,
        help_text=_("Leer: ab Projektbeginn."),
    )
    scope = models.CharField(
        _("Geltungsbereich"), max_length=16, choices=Scope.choices, default=Scope.PROJECT
    )
    target_value = models.PositiveIntegerField(
        _("Zielwert"), default=1, validators=[MinValueValidator(1)]
    )
    kind = models.CharField(_("Art"), max_length=16, choices=Kind.choices, default=Kind.COMPUTED)
    metric_key = models.CharField(_("Kennzahl"), max_length=64, blank=True)
    metric_params = models.JSONField(_("Parameter der Kennzahl"), default=dict, blank=True)
    manual_status = models.CharField(
        _("Status (manuell)"),
        max_length=16,
        choices=ManualStatus.choices,
        default=ManualStatus.OPEN,
    )
    evidence = models.TextField(
        _("Nachweis"), blank=True, help_text=_("z. B. „Monitoring-Konzept liegt vor“.")
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["work_package__number", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def project(self):
        return self.work_package.project

    @property
    def due_date(self) -> datetime.date:
        project = self.project
        if self.due_kind == self.DueKind.DATE and self.due_on:
            return self.due_on
        if self.due_kind == self.DueKind.MONTH and self.due_month:
            return periods.month_range(start=project.start_date, number=self.due_month)[1]
        if self.due_kind == self.DueKind.MID_TERM:
            return periods.mid_term(start=project.start_date, end=project.end_date)
        return project.end_date

    @property
    def start_date(self) -> datetime.date:
        return self.counts_from or self.project.start_date

    @property
    def due_label(self) -> str:
        if self.due_kind == self.DueKind.MONTH and self.due_month:
            return f"M{self.due_month}"
        return str(self.get_due_kind_display())

    @property
    def is_computed(self) -> bool:
        return self.kind == self.Kind.COMPUTED

    def clean(self) -> None:
        from reporting.metrics import get_metric

        errors: dict[str, list] = {}
        if self.due_kind == self.DueKind.DATE and not self.due_on:
            errors.setdefault("due_on", []).append(_("Bitte ein Fälligkeitsdatum angeben."))
        if self.due_kind == self.DueKind.MONTH:
            if not self.due_month:
                errors.setdefault("due_month", []).append(
                    _("Bitte den Projektmonat angeben (z. B. 26 für M26).")
                )
            elif self.work_package_id:
                project = self.work_package.project
                months = periods.month_count(start=project.start_date, end=project.end_date)
                if self.due_month > months:
                    errors.setdefault("due_month", []).append(
                        _("Das Projekt hat nur %(months)s Monate (M1–M%(months)s).")
                        % {"months": months}
                    )
        if self.kind == self.Kind.COMPUTED:
            metric = get_metric(self.metric_key) if self.metric_key else None
            if metric is None:
                errors.setdefault("metric_key", []).append(
                    _("Bitte eine bekannte Kennzahl wählen.")
                    if self.metric_key
                    else _("Ein berechnetes Ziel braucht eine Kennzahl.")
                )
            else:
                try:
                    self.metric_params = metric.clean_params(self.metric_params or {})
                except ValidationError as error:
                    errors.setdefault("metric_params", []).extend(error.messages)
                if self.scope == self.Scope.REGION and not metric.per_region:
                    errors.setdefault("scope", []).append(
                        _("Die Kennzahl „%(metric)s“ lässt sich nicht je Region auswerten.")
                        % {"metric": metric.label}
                    )
        if errors:
            raise ValidationError(errors)
