from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contacts.extensions import run_membership_checks
from contacts.models import (
    DuplicateDismissal,
    FirstContact,
    FirstContactPotential,
    Organisation,
    Person,
)
from contacts.normalize import normalize_organisation_name


class OrganisationAdminForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "sector",
            "street",
            "postcode",
            "city",
            "region",
            "website",
            "size_class",
            "membership_status",
            "notes",
        ]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("membership_status")
        old_status = self.initial.get("membership_status") if self.instance.pk else None
        if status and status != (old_status or Organisation.MembershipStatus.NONE):
            # The admin must not bypass the rules other apps register
            # (e.g. a partner cannot become a member).
            try:
                run_membership_checks(self.instance, status)
            except ValidationError as error:
                self.add_error("membership_status", error)
        return cleaned


class PersonInline(admin.TabularInline):
    model = Person
    fields = ["first_name", "last_name", "function", "email"]
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "city", "region", "membership_status"]
    list_select_related = ["region"]
    list_filter = ["kind", "region", "membership_status"]
    search_fields = ["name", "normalized_name", "city", "website"]
    readonly_fields = ["normalized_name", "version", "created_at", "updated_at", "created_by"]
    inlines = [PersonInline]

    def save_model(self, request, obj, form, change):
        obj.normalized_name = normalize_organisation_name(obj.name)
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class PersonAdminForm(forms.ModelForm):
    linkedin_url = forms.URLField(label=_("LinkedIn"), required=False, assume_scheme="https")

    class Meta:
        model = Person
        exclude: list[str] = []


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    list_display = ["last_name", "first_name", "organisation", "email", "do_not_contact"]
    list_select_related = ["organisation"]
    list_filter = ["legal_basis", "do_not_contact"]
    search_fields = ["last_name", "first_name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["version", "created_at", "updated_at", "created_by"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class PotentialInline(admin.TabularInline):
    model = FirstContactPotential
    extra = 0
    verbose_name = _("Kooperationspotenzial")
    verbose_name_plural = _("Kooperationspotenziale")


@admin.register(FirstContact)
class FirstContactAdmin(admin.ModelAdmin):
    list_display = ["date", "organisation", "region", "community_manager", "quality_status"]
    list_filter = ["region", "quality_status", "occasion", "offers"]
    search_fields = ["organisation__name", "content"]
    date_hierarchy = "date"
    autocomplete_fields = ["organisation", "persons"]
    filter_horizontal = ["offers"]
    readonly_fields = ["version", "created_at", "updated_at", "created_by", "reviewed_at"]
    inlines = [PotentialInline]
    list_select_related = ["organisation", "region", "community_manager"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


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
