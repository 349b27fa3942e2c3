"""Records kept by the data tools (merge of duplicates)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MergeLog(models.Model):
    """What a merge removed, kept visible on the surviving record.

    ``merged_data`` holds every field of the deleted duplicate;
    ``differences`` lists each field whose values differed, with the kept
    and the discarded value, so nothing typed in once is lost.
    """

    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="merge_logs",
    )
    person = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="merge_logs",
    )
    merged_id = models.PositiveIntegerField(_("ID des zusammengeführten Datensatzes"))
    merged_label = models.CharField(_("zusammengeführter Datensatz"), max_length=255)
    merged_data = models.JSONField(
        _("Daten des zusammengeführten Datensatzes"), default=dict, blank=True
    )
    differences = models.JSONField(_("abweichende Werte"), default=list, blank=True)
    moved = models.JSONField(_("umgehängte Verweise"), default=dict, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zusammengeführt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("zusammengeführt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zusammenführung")
        verbose_name_plural = _("Zusammenführungen")
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, person__isnull=True)
                | models.Q(organisation__isnull=True, person__isnull=False),
                name="merge_log_has_one_survivor",
            )
        ]

    def __str__(self) -> str:
        return self.merged_label


__all__ = ["MergeLog"]
