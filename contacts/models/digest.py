"""The sent-marker of the weekly follow-up digest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestDelivery(models.Model):
    """One digest per community manager per ISO week.

    Written in the same transaction as the decision to send, so a second
    run (beat triggered twice, a redelivered task) finds it and sends
    nothing. Failed mails are retried with backoff (next_attempt_at) until
    the retry window closes (gave_up_at).
    """

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Community Manager:in"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.CharField(_("Kalenderwoche"), max_length=8)  # ISO, e.g. "2026-W48"
    sent_at = models.DateTimeField(_("gesendet am"), null=True, blank=True)
    follow_up_count = models.PositiveIntegerField(_("Wiedervorlagen"), default=0)
    attempts = models.PositiveSmallIntegerField(_("Fehlversuche"), default=0)
    first_failed_at = models.DateTimeField(_("erster Fehlversuch"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), null=True, blank=True)
    gave_up_at = models.DateTimeField(_("aufgegeben am"), null=True, blank=True)
    last_error = models.CharField(_("letzter Fehler"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Versand der Wochenübersicht")
        verbose_name_plural = _("Versand der Wochenübersichten")
        constraints = [
            models.UniqueConstraint(fields=["manager", "week"], name="one_digest_per_manager_week")
        ]

    def __str__(self) -> str:
        return f"{self.manager_id} {self.week}"
