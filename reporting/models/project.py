"""The funded project and its work packages (Arbeitspakete)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingProject(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    organisation_name = models.CharField(
        _("Zuwendungsempfänger"), max_length=200, default="KI-Allianz Baden-Württemberg eG"
    )
    funder_reference = models.CharField(_("VorgangID"), max_length=50, blank=True)
    start_date = models.DateField(_("Projektbeginn"))
    end_date = models.DateField(_("Projektende"))

    class Meta:
        verbose_name = _("Förderprojekt")
        verbose_name_plural = _("Förderprojekte")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.title


class WorkPackage(models.Model):
    project = models.ForeignKey(
        FundingProject,
        verbose_name=_("Förderprojekt"),
        on_delete=models.CASCADE,
        related_name="work_packages",
    )
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Arbeitspaket")
        verbose_name_plural = _("Arbeitspakete")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_work_package_number")
        ]

    def __str__(self) -> str:
        return f"AP{self.number}: {self.title}"
