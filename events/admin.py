from django.contrib import admin
from django.db import models

from events.models import Event, EventPhoto, EventWorkPackage, KIChallengeRound
from events.services import event_prepare, event_save_changed
from kiallianz.admin_versioning import VersionedAdmin, VersionedAdminForm


class EventPhotoInline(admin.TabularInline):
    model = EventPhoto
    extra = 0
    fields = ["image", "caption", "credit", "position"]


class EventWorkPackageInline(admin.TabularInline):
    model = EventWorkPackage
    extra = 0


class EventAdminForm(VersionedAdminForm):
    def clean_instance(self, event):
        event_prepare(event)


@admin.register(Event)
class EventAdmin(VersionedAdmin):
    form = EventAdminForm
    derived_columns = ("size_category",)
    list_display = [
        "title",
        "start_date",
        "region",
        "kind",
        "status",
        "size_category",
        "is_public",
    ]
    list_filter = ["status", "kind", "size_category", "is_public", "area", "region"]
    search_fields = ["title", "city", "venue", "topics"]
    date_hierarchy = "start_date"
    list_select_related = ["region"]
    # raw ids: the contacts admin (and its search) is not ours to rely on.
    raw_id_fields = ["co_organisers", "organisations", "speakers", "first_contacts"]
    filter_horizontal = ["offers"]
    readonly_fields = ["uid", "size_category", "sequence", "version", "created_at", "updated_at"]
    inlines = [EventWorkPackageInline, EventPhotoInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_changed(self, obj, *, fields, version):
        # Same bookkeeping as the services: calendar apps must see the change.
        event_save_changed(obj, fields=fields, version=version)


@admin.register(KIChallengeRound)
class KIChallengeRoundAdmin(VersionedAdmin):
    list_display = ["title", "region", "start_date", "end_date", "status"]
    list_filter = ["status", "region"]
    search_fields = ["title", "theme", "city"]
    list_select_related = ["region"]
    raw_id_fields = ["partners"]
    autocomplete_fields = ["events"]
    readonly_fields = ["version", "created_at", "updated_at"]
