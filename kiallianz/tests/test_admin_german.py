"""The admin's user pages speak German (and English in the English UI).

Django's and some packages' German catalogues lack a few strings; the project
catalogue locale/de/ fills them. Permission names are stored in English in
the database and third-party models have no translatable names: see
kiallianz/admin_labels.py.
"""

from pathlib import Path

import django
import polib
import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from kiallianz.admin_labels import permission_label
from kiallianz.models import Region
from kiallianz.tests.factories import OfficeUserFactory

SITE_PACKAGES = Path(django.__file__).resolve().parent.parent
UPSTREAM_GERMAN = [
    "django/conf/locale/de/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/de/LC_MESSAGES/django.po",
    "django/contrib/auth/locale/de/LC_MESSAGES/django.po",
    "django_otp/locale/de/LC_MESSAGES/django.po",
    "django_filters/locale/de/LC_MESSAGES/django.po",
]


@pytest.fixture(autouse=True)
def _language_restored():
    """A request in English activates English in this thread (the test
    client runs the view here): later tests must get German back."""
    with translation.override("de"):
        yield


ENGLISH_LEFT_OVERS = [
    "Password-based authentication",
    "Enabled",
    "Disabled",
    "Raw passwords are not stored",
    "Reset password",
    "If disabled",
    "After you’ve created a user",
    "Can add",
    "Can view",
    "historical",
    "TOTP device",
    "Static device",
    "Otp_",
    "access attempt expiration",
]


@pytest.mark.parametrize("catalogue", UPSTREAM_GERMAN)
def test_every_string_upstream_leaves_untranslated_has_german(catalogue):
    path = SITE_PACKAGES / catalogue
    if not path.exists():
        pytest.skip(f"{catalogue} nicht installiert")
    missing = []
    with translation.override("de"):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.translated() or entry.msgid_plural:
                continue
            if translation.gettext(entry.msgid) == entry.msgid:
                missing.append(entry.msgid)
    assert not missing, f"in locale/de/LC_MESSAGES/django.po ergänzen: {missing}"


@pytest.fixture
def user_pages(db):
    user = OfficeUserFactory(username="seite")
    return {
        "list": reverse("admin:kiallianz_user_changelist"),
        "change": reverse("admin:kiallianz_user_change", args=[user.pk]),
        "add": reverse("admin:kiallianz_user_add"),
        "password": reverse("admin:auth_user_password_change", args=[user.pk]),
        "group": reverse("admin:auth_group_add"),
    }


@pytest.mark.django_db
def test_the_user_pages_of_the_admin_are_german(admin_client, user_pages):
    pages = {name: admin_client.get(url) for name, url in user_pages.items()}
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        left_over = [text for text in ENGLISH_LEFT_OVERS if text in html]
        assert not left_over, (name, left_over)
    change = pages["change"].content.decode()
    assert "Stammdaten | Region | hinzufügen" in change
    assert "Berichtswesen | Verlauf: Ziel | ansehen" in change
    assert "Zweiter Faktor: Authenticator-App | Authenticator-App | löschen" in change
    assert "Passwörter werden nicht im Klartext gespeichert" in change
    password = pages["password"].content.decode()
    assert "Anmeldung mit Passwort" in password
    assert "geht das bisherige Passwort dieser Benutzer:in verloren" in password
    assert "Stammdaten | Region | hinzufügen" in pages["group"].content.decode()


@pytest.mark.django_db
def test_the_user_pages_stay_english_in_the_english_ui(admin_client, user_pages):
    admin_client.cookies["django_language"] = "en"
    change = admin_client.get(user_pages["change"]).content.decode()
    password = admin_client.get(user_pages["password"]).content.decode()
    assert "Raw passwords are not stored" in change
    assert "| Region | add" in change
    assert "Second factor: authenticator app" in change
    assert "If disabled, the current password for this user will be lost." in password


@pytest.mark.django_db
def test_a_permission_of_ones_own_keeps_its_name():
    custom = Permission.objects.create(
        codename="export_region",
        name="Regionen exportieren",
        content_type=ContentType.objects.get_for_model(Region),
    )
    with translation.override("de"):
        assert permission_label(custom) == str(custom)
