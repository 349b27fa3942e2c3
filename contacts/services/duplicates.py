"""Dismissed duplicate suggestions („keine Dublette“)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contacts.models import (
    Organisation,
    Person,
)


def duplicate_pair_dismiss(*, kind: str, first_id: int, second_id: int, user) -> None:
    """Remember that two records are „keine Dublette“, so that the pair is
    no longer suggested. Dismissing a pair twice changes nothing."""
    from contacts.models import DuplicateDismissal, DuplicateSuggestion

    model = Organisation if kind == DuplicateDismissal.Kind.ORGANISATION else Person
    low, high = sorted((first_id, second_id))
    if low == high or model.objects.filter(pk__in=(low, high)).count() != 2:
        raise ValidationError(_("Diese beiden Datensätze gibt es nicht (mehr)."))
    with transaction.atomic():
        if DuplicateDismissal.objects.filter(kind=kind, first_id=low, second_id=high).exists():
            return
        dismissal = DuplicateDismissal(kind=kind, first_id=low, second_id=high, dismissed_by=user)
        dismissal.full_clean()
        dismissal.save()
        DuplicateSuggestion.objects.filter(kind=kind, first_id=low, second_id=high).delete()


def duplicate_suggestions_refresh() -> int:
    """Recompute the likely duplicate pairs of the whole database and store
    them for the suggestions page; returns how many were stored."""
    from contacts.duplicates import organisation_pairs_scored, person_pairs_scored
    from contacts.models import DuplicateDismissal, DuplicateSuggestion

    rows = [
        DuplicateSuggestion(
            kind=kind,
            first_id=first_id,
            second_id=second_id,
            score=found.score,
            reason=found.reason,
        )
        for kind, scored in (
            (DuplicateDismissal.Kind.ORGANISATION, organisation_pairs_scored()),
            (DuplicateDismissal.Kind.PERSON, person_pairs_scored()),
        )
        for (first_id, second_id), found in scored.items()
    ]
    with transaction.atomic():
        DuplicateSuggestion.objects.all().delete()
        DuplicateSuggestion.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def duplicate_suggestions_schedule() -> None:
    """After a write that may add or remove duplicates (import, edit, merge):
    recompute the suggestions in the background once the write is committed.
    Writes in quick succession share one computation."""
    from django.core.cache import cache

    from contacts.tasks import refresh_duplicate_suggestions

    def enqueue():
        if cache.add(DUPLICATE_REFRESH_PENDING, True, timeout=DUPLICATE_REFRESH_DEBOUNCE):
            refresh_duplicate_suggestions.delay()

    transaction.on_commit(enqueue)


# Set while a computation is queued and not yet started.
DUPLICATE_REFRESH_PENDING = "contacts:duplicate-refresh-pending"
DUPLICATE_REFRESH_DEBOUNCE = 300
