from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from kiallianz.admin_labels import PasswordChangeForm, PermissionLabelsMixin
from kiallianz.models import Offer, Region, User

admin.site.site_header = _("KI-Allianz Community Management")
admin.site.site_title = _("KI-Allianz Verwaltung")
admin.site.index_title = _("Verwaltung")


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active", "is_thematic"]
    list_filter = ["is_active", "is_thematic"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(PermissionLabelsMixin, BaseUserAdmin):
    change_password_form = PasswordChangeForm
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "regions"]
    filter_horizontal = ["regions", "groups", "user_permissions"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Rolle und Regionen"), {"fields": ["role", "regions"]}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Rolle und Regionen"), {"fields": ["role", "regions"]}),
    )


# Groups as Django registers them, with the permissions named in German.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabelsMixin, BaseGroupAdmin):
    pass
