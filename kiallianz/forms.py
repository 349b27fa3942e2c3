from django.contrib.auth.forms import AuthenticationForm
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
