"""Forms of the partner pages. They only collect input; the rules live in
the services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contacts.models import FirstContact, Person
from kiallianz.forms import RegionFieldMixin
from kiallianz.models import User
from kiallianz.permissions import can_create_in_region
from partners.models import Partner
from partners.services import EDITABLE_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today() -> datetime.date:
    return timezone.localdate()


def _first_contact_label(first_contact: FirstContact) -> str:
    # All choices belong to the same organisation: the date and occasion tell them apart.
    return (
        f"{date_format(first_contact.date, 'DATE_FORMAT')} · {first_contact.get_occasion_display()}"
    )


class PartnerForm(RegionFieldMixin, forms.ModelForm):
    """Create and edit; the organisation is chosen before (never changes).
    Every active region is offered; community managers assign only their
    own (plus those the partner already has)."""

    region_field = "regions"
    region_refused = _("Sie können keine Partner:innen der Region %(region)s zuordnen.")

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Partner
        fields = [
            "category",
            "regions",
            "is_statewide",
            "brings_expertise",
            "brings_resources",
            "brings_network",
            "contribution",
            "contact_persons",
            "community_manager",
            "first_contact",
            "logo",
            "is_public",
            "public_description",
            "notes",
        ]
        widgets = {
            "regions": forms.CheckboxSelectMultiple,
            "contact_persons": forms.CheckboxSelectMultiple,
            "contribution": forms.Textarea(attrs={"rows": 3}),
            "public_description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.user = user
        self.limit_regions(
            user,
            keep=self.instance.regions.all() if self.instance.pk else (),
            offer_all_active=True,
        )
        self.fields["contact_persons"].queryset = Person.objects.filter(organisation=organisation)
        self.fields["contact_persons"].help_text = _(
            "Personen dieser Organisation aus den Kontakten."
        )
        self.fields["community_manager"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "username"
        )
        self.fields["first_contact"].queryset = FirstContact.objects.filter(
            organisation=organisation
        ).select_related("organisation")
        self.fields["first_contact"].label_from_instance = _first_contact_label
        if self.instance.pk:
            # Edits must say which version they were rendered from.
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("is_statewide") and not cleaned.get("regions"):
            self.add_error("regions", _("Wählen Sie mindestens eine Region oder „landesweit“."))
        if cleaned.get("is_statewide") and not can_create_in_region(self.user, None):
            self.add_error(
                "is_statewide", _("Landesweite Partner:innen verwaltet nur die Geschäftsstelle.")
            )
        return cleaned

    def service_fields(self) -> dict:
        """What the services take: the editable fields (a cleared logo as
        ""), the regions and the contact persons."""
        cleaned = self.cleaned_data
        fields = {name: cleaned[name] for name in EDITABLE_FIELDS if name in cleaned}
        logo = fields.pop("logo", None)
        if logo is False:  # "clear" ticked
            fields["logo"] = ""
        elif logo:
            fields["logo"] = logo
        fields["regions"] = cleaned["regions"]
        fields["contact_persons"] = cleaned["contact_persons"]
        return fields


class PartnerCreateForm(PartnerForm):
    since = forms.DateField(label=_("Partner:in seit"), widget=DATE_WIDGET, initial=_today)

    class Meta(PartnerForm.Meta):
        fields = ["since", *PartnerForm.Meta.fields]


class PartnerEndForm(forms.Form):
    ended = forms.DateField(label=_("Beendet am"), widget=DATE_WIDGET, initial=_today)
    reason = forms.CharField(label=_("Grund für das Ende"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PartnerReactivateForm(forms.Form):
    since = forms.DateField(label=_("Wieder Partner:in seit"), widget=DATE_WIDGET, initial=_today)
    version = forms.IntegerField(widget=forms.HiddenInput)
