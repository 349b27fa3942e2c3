"""German (and English) labels the admin's user pages would otherwise show in
English: permission names stored in the database, third-party model names
without translations, and Django's password help text that is joined with an
untranslated warning when Django is imported.

Strings Django marks for translation but its German catalogue lacks are in
the project catalogue, locale/de/LC_MESSAGES/django.po.
"""

from django.apps import apps
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The four permissions Django creates for every model ("add_region", …).
PERMISSION_ACTIONS = {
    "add": _("hinzufügen"),
    "change": _("ändern"),
    "delete": _("löschen"),
    "view": _("ansehen"),
}


def permission_label(permission) -> str:
    """„Stammdaten | Region | hinzufügen“ instead of the stored English
    „Can add Region“; permissions of one's own keep their stored name."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None or action not in PERMISSION_ACTIONS or model_name != model._meta.model_name:
        return str(permission)
    app = model._meta.app_config.verbose_name
    return f"{app} | {model_label(model)} | {PERMISSION_ACTIONS[action]}"


def model_label(model) -> str:
    # simple_history names its models „historical …“ without translating it.
    original = getattr(model, "instance_type", None)
    if original is not None:
        return str(_("Verlauf: %(model)s") % {"model": original._meta.verbose_name})
    return str(model._meta.verbose_name)


class PermissionLabelsMixin:
    """For a ModelAdmin with a permissions widget (users, groups)."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if formfield is not None and db_field.name in ("permissions", "user_permissions"):
            formfield.queryset = formfield.queryset.select_related("content_type")
            formfield.label_from_instance = permission_label
        return formfield


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's admin form, with its warning translated."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Wenn Sie das ausschalten, geht das bisherige Passwort dieser Benutzer:in verloren."),
    )


def name_third_party_models() -> None:
    """The second factor's apps and models in the admin's navigation.

    django_otp gives them no translatable names. Set on ``_meta`` after the
    models are built, which migrations never read (they keep the original
    options), so no migration follows from it.
    """
    names = {
        "otp_totp": (
            _("Zweiter Faktor: Authenticator-App"),
            "totpdevice",
            _("Authenticator-App"),
            _("Authenticator-Apps"),
        ),
        "otp_static": (
            _("Zweiter Faktor: Wiederherstellungscodes"),
            "staticdevice",
            _("Satz Wiederherstellungscodes"),
            _("Sätze Wiederherstellungscodes"),
        ),
    }
    for label, (app_name, model_name, singular, plural) in names.items():
        if not apps.is_installed(f"django_otp.plugins.{label}"):
            continue
        app_config = apps.get_app_config(label)
        app_config.verbose_name = app_name
        meta = app_config.get_model(model_name)._meta
        meta.verbose_name = singular
        meta.verbose_name_plural = plural
