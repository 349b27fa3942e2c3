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
    from contacts.models import DuplicateDismissal

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
