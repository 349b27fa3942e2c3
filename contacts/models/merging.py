"""Records kept by the data tools (merge of duplicates)."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class MergeLogQuerySet(models.QuerySet):
    pass


class MergeLogManager(models.Manager.from_queryset(MergeLogQuerySet)):
    # The history panel names who merged; fetched with the log, not per row.
    def get_queryset(self):
        return super().get_queryset().select_related("merged_by")


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

    objects = MergeLogManager()

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

    def survivor_model(self) -> type[models.Model]:
        return apps.get_model("contacts", "Organisation" if self.organisation_id else "Person")

    def difference_rows(self) -> list[dict]:
        """The differences with field labels in the current language."""
        model = self.survivor_model()
        rows = []
        for difference in self.differences:
            try:
                label = model._meta.get_field(difference["field"]).verbose_name
            except FieldDoesNotExist:
                label = difference.get("label", difference["field"])
            rows.append({**difference, "label": label})
        return rows

    def moved_rows(self) -> list[tuple[str, int]]:
        """Moved references as (label in the current language, count)."""
        rows = []
        for key, count in self.moved.items():
            label = key
            try:
                app_label, model_name, field_name = key.split(".")
                model = apps.get_model(app_label, model_name)
                field = model._meta.get_field(field_name)
                label = f"{model._meta.verbose_name_plural} ({field.verbose_name})"
            except (ValueError, LookupError, FieldDoesNotExist):
                pass
            rows.append((label, count))
        return rows


class DuplicateDismissal(models.Model):
    """Office staff judged two records „keine Dublette“: the pair is no
    longer suggested. Plain ids (lower first), not foreign keys, so that a
    merge moves nothing here; a deleted record's rows are simply unused."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")

    kind = models.CharField(_("Art"), max_length=16, choices=Kind.choices)
    first_id = models.PositiveIntegerField(_("erster Datensatz"))
    second_id = models.PositiveIntegerField(_("zweiter Datensatz"))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verworfen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("verworfen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("verworfener Dublettenvorschlag")
        verbose_name_plural = _("verworfene Dublettenvorschläge")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "first_id", "second_id"], name="duplicate_dismissal_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(first_id__lt=models.F("second_id")),
                name="duplicate_dismissal_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.first_id}/{self.second_id}"


class DuplicateSuggestion(models.Model):
    """A likely duplicate pair, found by the background computation
    (``contacts.duplicates``) after imports and edits; the suggestions page
    reads these rows. Plain ids (lower first) like the dismissals: a pair
    whose record was merged away is skipped until the next computation."""

    class Reason(models.TextChoices):
        SAME_NAME = "same_name", _("gleicher Name")
        SAME_NAME_WITHOUT_PLACE = "same_name_without_place", _("gleicher Name ohne Ort")
        SIMILAR_NAME = "similar_name", _("ähnlicher Name")
        SAME_DOMAIN = "same_domain", _("gleiche Web-/E-Mail-Domain")
        SAME_EMAIL = "same_email", _("gleiche E-Mail-Adresse")
        SAME_PHONE = "same_phone", _("gleiche Telefonnummer")
        SIMILAR_NAME_SAME_CONTEXT = (
            "similar_name_same_context",
            _("ähnlicher Name, gleiche Organisation oder Domain"),
        )

    kind = models.CharField(_("Art"), max_length=16, choices=DuplicateDismissal.Kind.choices)
    first_id = models.PositiveIntegerField(_("erster Datensatz"))
    second_id = models.PositiveIntegerField(_("zweiter Datensatz"))
    score = models.FloatField(_("Ähnlichkeit"))
    reason = models.CharField(_("Grund"), max_length=32, choices=Reason.choices)
    computed_at = models.DateTimeField(_("berechnet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Dublettenvorschlag")
        verbose_name_plural = _("Dublettenvorschläge")
        ordering = ["kind", "-score", "first_id", "second_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "first_id", "second_id"], name="duplicate_suggestion_unique"
            ),
        ]
        indexes = [
            models.Index(
                fields=["kind", "-score", "first_id", "second_id"],
                name="duplicate_suggestion_page",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.first_id}/{self.second_id}"


__all__ = ["DuplicateDismissal", "DuplicateSuggestion", "MergeLog"]
