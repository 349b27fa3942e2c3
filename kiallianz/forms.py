from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # One message for an unknown user and a wrong password alike, so that the
    # page does not reveal which accounts exist.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Benutzername oder Passwort ist falsch. "
            "Bitte beachten Sie die Groß- und Kleinschreibung."
        ),
    }


def add_service_errors(form, error: ValidationError, field_map: dict | None = None) -> None:
    """Show a service's ValidationError on the form: next to the fields it
    names (renamed through ``field_map``), everything else above the form.

    ``form.add_error(None, error)`` alone would fail with a ValueError when the
    service names a field the form does not have.
    """
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field_map.get(field, field)
        form.add_error(target if target in form.fields else None, messages)
