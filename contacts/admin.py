from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contacts.models import (
    DuplicateDismissal,
    FirstContact,
    FirstContactPotential,
    Organisation,
    Person,
)
from contacts.services import ORGANISATION_FIELDS, PERSON_FIELDS
from contacts.services.cleaning import (
    first_contact_date_errors,
    organisation_normalize,
    person_clean,
)
from contacts.services.organisations import organisation_check_membership
from kiallianz.admin_versioning import VersionedAdmin, VersionedAdminForm


class OrganisationAdminForm(VersionedAdminForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS

    def clean_instance(self, organisation):
        organisation_normalize(organisation)
        # The admin must not bypass the rules other apps register (e.g. a
        # partner cannot become a member).
        old_status = self.initial.get("membership_status") if self.instance.pk else None
        organisation_check_membership(organisation, old_status)


class PersonInline(admin.TabularInline):
    model = Person
    fields = ["first_name", "last_name", "function", "email"]
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(VersionedAdmin):
    form = OrganisationAdminForm
    derived_columns = ("normalized_name",)
    list_display = ["name", "kind", "city", "region", "membership_status"]
    list_select_related = ["region"]
    list_filter = ["kind", "region", "membership_status"]
    search_fields = ["name", "normalized_name", "city", "website"]
    readonly_fields = ["normalized_name", "version", "created_at", "updated_at", "created_by"]
    inlines = [PersonInline]


class PersonAdminForm(VersionedAdminForm):
    linkedin_url = forms.URLField(label=_("LinkedIn"), required=False, assume_scheme="https")

    class Meta:
        model = Person
        fields = PERSON_FIELDS

    def clean_instance(self, person):
        person_clean(person)


@admin.register(Person)
class PersonAdmin(VersionedAdmin):
    form = PersonAdminForm
    list_display = ["last_name", "first_name", "organisation", "email", "do_not_contact"]
    list_select_related = ["organisation"]
    list_filter = ["legal_basis", "do_not_contact"]
    search_fields = ["last_name", "first_name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["version", "created_at", "updated_at", "created_by"]


class PotentialInline(admin.TabularInline):
    model = FirstContactPotential
    extra = 0
    verbose_name = _("Kooperationspotenzial")
    verbose_name_plural = _("Kooperationspotenziale")


class FirstContactAdminForm(VersionedAdminForm):
    class Meta:
        model = FirstContact
        exclude: list[str] = []

    def clean_instance(self, first_contact):
        errors = first_contact_date_errors(first_contact.date)
        if errors:
            raise ValidationError(errors)


@admin.register(FirstContact)
class FirstContactAdmin(VersionedAdmin):
    form = FirstContactAdminForm
    list_display = ["date", "organisation", "region", "community_manager", "quality_status"]
    list_filter = ["region", "quality_status", "occasion", "offers"]
    search_fields = ["organisation__name", "content"]
    date_hierarchy = "date"
    autocomplete_fields = ["organisation", "persons"]
    filter_horizontal = ["offers"]
    readonly_fields = ["version", "created_at", "updated_at", "created_by", "reviewed_at"]
    inlines = [PotentialInline]
    list_select_related = ["organisation", "region", "community_manager"]


@admin.register(DuplicateDismissal)
class DuplicateDismissalAdmin(admin.ModelAdmin):
    """Pairs judged „keine Dublette“; deleting one suggests the pair again."""

    list_display = ("kind", "first_id", "second_id", "dismissed_by", "dismissed_at")
    list_select_related = ("dismissed_by",)
    list_filter = ("kind",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
