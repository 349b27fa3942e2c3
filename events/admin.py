from django.contrib import admin
from django.db import models

from events.models import Event, EventPhoto, EventWorkPackage, KIChallengeRound
from events.sizing import effective_size_category


class EventPhotoInline(admin.TabularInline):
    model = EventPhoto
    extra = 0
    fields = ["image", "caption", "credit", "position"]


class EventWorkPackageInline(admin.TabularInline):
    model = EventWorkPackage
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        # Same bookkeeping as the services: calendar apps must see the change.
        obj.size_category = effective_size_category(obj)
        if change:
            obj.sequence += 1
            obj.version += 1
        elif obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(KIChallengeRound)
class KIChallengeRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "start_date", "end_date", "status"]
    list_filter = ["status", "region"]
    search_fields = ["title", "theme", "city"]
    list_select_related = ["region"]
    raw_id_fields = ["partners"]
    autocomplete_fields = ["events"]
    readonly_fields = ["version", "created_at", "updated_at"]
