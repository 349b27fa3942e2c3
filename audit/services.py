"""Writes of the audit app: one access-log row per read or export."""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLogEntry
from kiallianz.permissions import is_office

# A community manager exporting more persons than this states a purpose.
PURPOSE_REQUIRED_ABOVE = 500


def export_purpose_required(user, *, person_count: int) -> bool:
    return person_count > PURPOSE_REQUIRED_ABOVE and not is_office(user)


def check_export_purpose(user, *, person_count: int, purpose: str) -> None:
    if export_purpose_required(user, person_count=person_count) and not purpose.strip():
        raise ValidationError(
            {
                "purpose": _(
                    "Für einen Export von mehr als %(limit)s Personen geben Sie bitte den Zweck an."
                )
                % {"limit": PURPOSE_REQUIRED_ABOVE}
            }
        )


def _user_or_none(user):
    return user if user is not None and user.is_authenticated else None


def access_log_view(*, user, obj: Model, view_name: str) -> AccessLogEntry:
    """Someone opened a record holding personal data (one INSERT)."""
    return AccessLogEntry.objects.create(
        user=_user_or_none(user),
        action=AccessLogEntry.Action.VIEW,
        model_label=obj._meta.label_lower,
        object_id=obj.pk,
        view_name=view_name,
    )


def access_log_export(
    *,
    user,
    export_type: str,
    row_count: int | None,
    view_name: str,
    obj: Model | None = None,
    purpose: str = "",
) -> AccessLogEntry:
    """Someone exported personal data: type and row count, never the data."""
    return AccessLogEntry.objects.create(
        user=_user_or_none(user),
        action=AccessLogEntry.Action.EXPORT,
        model_label=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        export_type=export_type,
        row_count=row_count,
        view_name=view_name,
        purpose=purpose.strip()[:255],
    )
