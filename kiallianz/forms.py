from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kiallianz.permissions import can_create_in_region, writable_regions


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


class RegionFieldMixin:
    """The region rule of ``kiallianz.permissions`` on a form with a region
    field (one region or several): ``limit_regions`` offers the regions the
    user may write to (plus those the record already has), and ``clean``
    refuses any other with ``region_refused`` next to the field.

    ``region_refused`` may name the region as ``%(region)s``."""

    region_field = "region"
    region_refused = _("In dieser Region dürfen Sie nichts anlegen.")

    def limit_regions(self, user, *, keep=(), offer_all_active: bool = False) -> None:
        from kiallianz.models import Region

        self.region_user = user
        self.region_keep = {getattr(region, "pk", region) for region in keep if region}
        regions = (
            Region.objects.filter(is_active=True).order_by("name")
            if offer_all_active
            else writable_regions(user)
        )
        if self.region_keep:
            regions = (regions | Region.objects.filter(pk__in=self.region_keep)).distinct()
        self.fields[self.region_field].queryset = regions

    def clean(self):
        cleaned = super().clean()
        if hasattr(self, "region_user") and self.region_field in cleaned:
            self._refuse_unwritable_regions(cleaned[self.region_field])
        return cleaned

    def _refuse_unwritable_regions(self, value) -> None:
        many = not isinstance(value, Model) and value is not None
        regions = list(value) if many else [value]
        for region in regions:
            region_id = region.pk if region is not None else None
            if region_id in self.region_keep:
                continue
            if not can_create_in_region(self.region_user, region_id):
                name = region.name if region is not None else ""
                self.add_error(self.region_field, self.region_refused % {"region": name})
