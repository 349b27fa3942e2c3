from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kiallianz.admin_versioning import VersionedAdmin, VersionedAdminForm
from partners.models import Partner, PartnershipSpan
from partners.services import EDITABLE_FIELDS, ensure_may_become_partner


class PartnershipSpanFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        organisation = getattr(self.instance, "organisation", None)
        opens_a_span = any(
            form.cleaned_data.get("since") and not form.cleaned_data.get("ended")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if organisation is not None and opens_a_span:
            try:
                ensure_may_become_partner(organisation)
            except ValidationError as error:
                raise ValidationError(error.messages) from None


class PartnershipSpanInline(admin.TabularInline):
    model = PartnershipSpan
    formset = PartnershipSpanFormSet
    extra = 0
    fields = ["since", "ended", "end_reason"]


class PartnerAdminForm(VersionedAdminForm):
    class Meta:
        model = Partner
        fields = ["organisation", "regions", "is_statewide", "contact_persons", *EDITABLE_FIELDS]

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        # An ended partner may keep its record after becoming a member;
        # the rule bites when a partner is recorded.
        if organisation is not None and "organisation" in self.changed_data:
            try:
                ensure_may_become_partner(organisation)
            except ValidationError as error:
                self.add_error("organisation", error.message_dict["organisation"])
        return cleaned


@admin.register(Partner)
class PartnerAdmin(VersionedAdmin):
    form = PartnerAdminForm
    list_display = ["organisation", "category", "is_statewide", "is_public", "community_manager"]
    list_filter = ["category", "is_statewide", "is_public", "regions"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "first_contact", "contact_persons"]
    filter_horizontal = ["regions"]
    list_select_related = ["organisation", "community_manager"]
    inlines = [PartnershipSpanInline]
    fieldsets = (
        (None, {"fields": ["organisation", "category", "regions", "is_statewide"]}),
        (
            _("Was die Partner:in einbringt"),
            {
                "fields": [
                    "brings_expertise",
                    "brings_resources",
                    "brings_network",
                    "contribution",
                ]
            },
        ),
        (
            _("Zuständigkeit"),
            {"fields": ["community_manager", "contact_persons", "first_contact", "notes"]},
        ),
        (_("Öffentlich"), {"fields": ["is_public", "public_description", "logo"]}),
    )
